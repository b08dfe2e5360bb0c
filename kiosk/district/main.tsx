/// <reference types="vite/client" />
// The district's page (/district on the district server, npm run district): every hall at a glance, a hall's
// live detail, 限时办结 监察 across halls, 好差评, and the seeds' reports with who has not submitted.
// Everything personal arrives masked (server/district-link/to-district.ts); nothing here unmasks.
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type {
  DistrictCase,
  DistrictCaseSupervision,
  DistrictHall,
  DistrictHallDetail,
  DistrictRatings,
  DistrictReport,
  DistrictReportKind,
} from '../../server/contract/district.ts';
import { OVERDUE_CAUSE_NAMES } from '../../server/contract/cases.ts';
import { Bars, HourColumns } from './charts.tsx';
import './district.css';

const DEVICE_NAMES: Record<string, string> = { printer: '打印机', idcard: '身份证读卡器', scanner: '扫码器' };
const DEVICE_STATE_NAMES: Record<string, string> = {
  ready: '正常',
  'paper-near-end': '纸将用完',
  'paper-out': '缺纸',
  'cover-open': '机盖打开',
  offline: '离线',
  unplugged: '未连接',
  reconnecting: '重新连接中',
  error: '故障',
};
const CASE_STATE_NAMES: Record<string, string> = {
  accepted: '已受理',
  correction: '待补正',
  received: '已收件待审查',
  reported: '已上报',
  finished: '已办结',
  collected: '已领取',
  rejected: '不予受理',
  'not-approved': '不予批准',
};
const RATING_NAMES: Record<string, string> = {
  'very-satisfied': '非常满意',
  satisfied: '满意',
  basic: '基本满意',
  dissatisfied: '不满意',
  'very-dissatisfied': '非常不满意',
  'not-rated': '未评价',
};
const EVENT_NAMES: Record<string, string> = {
  'ticket.issued': '取号',
  'ticket.called': '叫号',
  'ticket.recalled': '重呼',
  'ticket.skipped': '过号',
  'ticket.reactivated': '过号重排',
  'ticket.transferred': '转窗口',
  'ticket.finished': '办结',
  'ticket.expired': '过期作废',
  'window.signed-in': '窗口签到',
  'window.signed-out': '窗口签退',
  'window.paused': '暂停服务',
  'window.resumed': '恢复服务',
  'rating.recorded': '评价',
  'rating.not-rated': '未评价',
  'rating.follow-up': '差评整改',
  'device.status': '设备状态',
  'report.generated': '生成报表',
  'ticket.print-failed': '打印失败',
  'ticket.priority-confirmed': '确认优先',
  'case.accepted': '办件受理',
  'case.finished': '办件办结',
  'case.correction': '补正',
  'case.extension-approved': '延期批准',
  'appointment.booked': '预约',
};
const REPORT_KIND_NAMES: Record<DistrictReportKind, string> = { month: '月报', quarter: '季报', year: '年报' };

class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

let token = sessionStorage.getItem('district-token') ?? '';

async function api<T>(path: string, init?: RequestInit): Promise<T> {
  const res = await fetch(path, {
    ...init,
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
  });
  const body = await res.json().catch(() => null);
  if (!res.ok)
    throw new ApiError(
      res.status,
      body?.error?.code ?? 'http',
      body?.error?.message ?? `请求失败（HTTP ${res.status}）`,
    );
  return body as T;
}

/** A hall's category by its Chinese name (as the hall sent it), else its id. */
const categoryName = (hall: DistrictHall | undefined, id: string | null) =>
  id ? (hall?.categories.find((c) => c.id === id)?.name ?? id) : '—';

const time = (iso: string | null) =>
  iso
    ? new Date(iso).toLocaleString('zh-CN', { month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit' })
    : '—';

function silentFor(iso: string | null): string {
  if (!iso) return '从未连接';
  const min = Math.floor((Date.now() - Date.parse(iso)) / 60_000);
  if (min < 60) return `已 ${min} 分钟无联系`;
  if (min < 48 * 60) return `已 ${Math.floor(min / 60)} 小时无联系`;
  return `已 ${Math.floor(min / 1440)} 天无联系`;
}

/** Fetch now and every `ms`; a 401 sends the user back to the login form. */
function usePolled<T>(path: string, ms: number, onLoggedOut: () => void): { data: T | null; error: string | null } {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let alive = true;
    const load = () =>
      api<T>(path)
        .then((d) => alive && (setData(d), setError(null)))
        .catch((e: ApiError) => (e.status === 401 ? onLoggedOut() : alive && setError(e.message)));
    void load();
    const t = setInterval(load, ms);
    return () => {
      alive = false;
      clearInterval(t);
    };
  }, [path]);
  return { data, error };
}

function Login(props: { onLogin: () => void }) {
  const [user, setUser] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: Event) => {
    e.preventDefault();
    try {
      const r = await api<{ token: string }>('/api/district/login', {
        method: 'POST',
        body: JSON.stringify({ user, password }),
      });
      token = r.token;
      sessionStorage.setItem('district-token', token);
      props.onLogin();
    } catch (err) {
      setError((err as Error).message);
    }
  };
  return (
    <form class="login card" onSubmit={submit}>
      <h1>区级政务服务监察</h1>
      <label>
        用户名
        <input value={user} onInput={(e) => setUser((e.target as HTMLInputElement).value)} autoComplete="username" />
      </label>
      <label>
        密码
        <input
          type="password"
          value={password}
          onInput={(e) => setPassword((e.target as HTMLInputElement).value)}
          autoComplete="current-password"
        />
      </label>
      {error && <p class="error">{error}</p>}
      <button class="primary" type="submit">
        登录
      </button>
    </form>
  );
}

function Overview(props: { halls: DistrictHall[]; onOpen: (id: string) => void }) {
  const halls = props.halls;
  const online = halls.filter((h) => h.online).length;
  return (
    <>
      <div class="tiles">
        <div class="tile">
          <b>
            {online}/{halls.length}
          </b>
          中心在线
        </div>
        <div class="tile">
          <b>{halls.reduce((s, h) => s + h.ticketsToday, 0)}</b>今日取号
        </div>
        <div class="tile">
          <b>{halls.reduce((s, h) => s + h.waiting, 0)}</b>正在等候
        </div>
        <div class="tile">
          <b>{halls.reduce((s, h) => s + h.windowsOpen, 0)}</b>开放窗口
        </div>
        <div class={`tile ${halls.some((h) => h.overdueCases) ? 'bad' : ''}`}>
          <b>{halls.reduce((s, h) => s + h.overdueCases, 0)}</b>超期办件
        </div>
        <div class={`tile ${halls.some((h) => h.deviceFaults.length) ? 'warn' : ''}`}>
          <b>{halls.reduce((s, h) => s + h.deviceFaults.length, 0)}</b>设备故障
        </div>
      </div>
      <section class="card">
        <h2>各中心正在等候人数</h2>
        <Bars
          label="各中心正在等候人数"
          testId="chart-waiting"
          unit=" 人"
          rows={halls.map((h) => ({
            label: h.name,
            value: h.waiting,
            tone: (h.longestWaitMinutes ?? 0) > 30 ? 'warn' : 'ok',
          }))}
        />
      </section>
      <section class="card">
        <h2>各中心概况（点击一行查看详情）</h2>
        <table data-testid="halls">
          <thead>
            <tr>
              <th>中心</th>
              <th>层级</th>
              <th>状态</th>
              <th>今日取号</th>
              <th>等候（按类别）</th>
              <th>最长等候</th>
              <th>开放窗口</th>
              <th>超期 / 将到期办件</th>
              <th>设备</th>
            </tr>
          </thead>
          <tbody>
            {halls.map((h) => (
              <tr key={h.hallId} class="clickable" onClick={() => props.onOpen(h.hallId)}>
                <td>{h.name}</td>
                <td>{h.level}</td>
                <td class={h.online ? 'ok' : 'bad'}>{h.online ? '在线' : silentFor(h.lastContactAt)}</td>
                <td>{h.ticketsToday}</td>
                <td>
                  {h.waiting}
                  {h.waitingByCategory.length > 0 && (
                    <span class="muted">
                      （{h.waitingByCategory.map((c) => `${categoryName(h, c.categoryId)} ${c.waiting}`).join('，')}）
                    </span>
                  )}
                </td>
                <td class={(h.longestWaitMinutes ?? 0) > 30 ? 'warn' : ''}>
                  {h.longestWaitMinutes === null ? '—' : `${h.longestWaitMinutes} 分钟`}
                </td>
                <td>{h.windowsOpen}</td>
                <td class={h.overdueCases ? 'bad' : ''}>
                  {h.overdueCases} / {h.dueSoonCases}
                </td>
                <td class={h.deviceFaults.length ? 'warn' : 'ok'}>
                  {h.deviceFaults.length
                    ? h.deviceFaults
                        .map((d) => `${DEVICE_NAMES[d.kind] ?? d.kind}${DEVICE_STATE_NAMES[d.state] ?? d.state}`)
                        .join('，')
                    : '正常'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </>
  );
}

function HallDetail(props: { hallId: string; onBack: () => void; onLoggedOut: () => void }) {
  const { data, error } = usePolled<DistrictHallDetail>(
    `/api/district/halls/${encodeURIComponent(props.hallId)}`,
    10_000,
    props.onLoggedOut,
  );
  const cases = usePolled<DistrictCaseSupervision>(
    `/api/district/cases?hall=${encodeURIComponent(props.hallId)}`,
    30_000,
    props.onLoggedOut,
  ).data;
  if (error) return <p class="error">{error}</p>;
  if (!data) return <p>正在加载…</p>;
  const h = data.hall;
  return (
    <>
      <p>
        <button onClick={props.onBack}>← 返回全区</button>
      </p>
      <h2>
        {h.name}（{h.level}）
        <span class={h.online ? 'ok' : 'bad'}>{h.online ? '在线' : silentFor(h.lastContactAt)}</span>
      </h2>
      <div class="tiles">
        <div class="tile">
          <b>{h.ticketsToday}</b>今日取号
        </div>
        <div class="tile">
          <b>{h.waiting}</b>正在等候
        </div>
        <div class="tile">
          <b>{h.longestWaitMinutes ?? '—'}</b>最长等候（分钟）
        </div>
        <div class="tile">
          <b>{h.windowsOpen}</b>开放窗口
        </div>
        <div class={`tile ${h.overdueCases ? 'bad' : ''}`}>
          <b>{h.overdueCases}</b>超期办件
        </div>
      </div>
      <section class="card">
        <h2>正在等候（按类别）</h2>
        <Bars
          label="各类别正在等候人数"
          unit=" 人"
          rows={h.waitingByCategory.map((c) => ({ label: categoryName(h, c.categoryId), value: c.waiting }))}
        />
      </section>
      <section class="card">
        <h2>今日各时段取号</h2>
        <HourColumns rows={data.ticketsByHour} />
      </section>
      <section class="card">
        <h2>窗口</h2>
        <table>
          <thead>
            <tr>
              <th>窗口</th>
              <th>状态</th>
              <th>自</th>
              <th>今日办结</th>
            </tr>
          </thead>
          <tbody>
            {data.windows.map((w) => (
              <tr key={w.windowNo}>
                <td>{w.windowNo} 号</td>
                <td class={w.open && !w.paused ? 'ok' : 'muted'}>{w.paused ? '暂停' : w.open ? '服务中' : '未开放'}</td>
                <td>{time(w.since)}</td>
                <td>{w.served}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      {cases && <CaseTables s={cases} />}
      <section class="card">
        <h2>最近事件</h2>
        <table>
          <thead>
            <tr>
              <th>序号</th>
              <th>时间</th>
              <th>事件</th>
              <th>窗口</th>
              <th>类别</th>
            </tr>
          </thead>
          <tbody>
            {data.recent.map((e) => (
              <tr key={e.seq}>
                <td>{e.seq}</td>
                <td>{time(e.at)}</td>
                <td>{EVENT_NAMES[e.type] ?? e.type}</td>
                <td>{e.windowNo ?? '—'}</td>
                <td>{categoryName(h, e.categoryId)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </>
  );
}

function CaseRows(props: { rows: DistrictCase[]; names: Map<string, string> }) {
  return (
    <table>
      <thead>
        <tr>
          <th>中心</th>
          <th>办件编号</th>
          <th>事项</th>
          <th>申请人</th>
          <th>状态</th>
          <th>承诺办结</th>
          <th>距承诺日（天）</th>
          <th>延期</th>
          <th>受理后补正</th>
          <th>超时查实</th>
        </tr>
      </thead>
      <tbody>
        {props.rows.map((c) => (
          <tr key={c.hallId + c.caseKey}>
            <td>{props.names.get(c.hallId) ?? c.hallId}</td>
            <td>{c.caseNo ?? '—'}</td>
            <td>{c.matterName ?? c.matterId}</td>
            <td>{c.applicantMasked ?? '—'}</td>
            <td>{CASE_STATE_NAMES[c.state] ?? c.state}</td>
            <td>{c.promisedDate ?? '—'}</td>
            <td class={(c.daysLeft ?? 0) < 0 ? 'bad' : 'warn'}>{c.daysLeft}</td>
            <td>{c.extensions}</td>
            <td>{c.corrections}</td>
            <td class={c.verifiedCause || (c.daysLeft ?? 0) >= 0 ? '' : 'warn'}>
              {c.verifiedCause ? OVERDUE_CAUSE_NAMES[c.verifiedCause] : (c.daysLeft ?? 0) < 0 ? '待查实' : '—'}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function CaseTables(props: { s: DistrictCaseSupervision; names?: Map<string, string> }) {
  const names = props.names ?? new Map();
  return (
    <>
      <section class="card">
        <h2>超期办件（{props.s.overdue.length}）</h2>
        {props.s.overdue.length ? <CaseRows rows={props.s.overdue} names={names} /> : <p class="empty">没有超期办件</p>}
      </section>
      <section class="card">
        <h2>两日内到期（{props.s.dueSoon.length}）</h2>
        {props.s.dueSoon.length ? (
          <CaseRows rows={props.s.dueSoon} names={names} />
        ) : (
          <p class="empty">没有将到期办件</p>
        )}
      </section>
    </>
  );
}

function Supervision(props: { halls: DistrictHall[]; onLoggedOut: () => void }) {
  const { data, error } = usePolled<DistrictCaseSupervision>('/api/district/cases', 30_000, props.onLoggedOut);
  if (error) return <p class="error">{error}</p>;
  if (!data) return <p>正在加载…</p>;
  const names = new Map(props.halls.map((h) => [h.hallId, h.name]));
  return (
    <>
      <section class="card">
        <h2>各中心超期办件</h2>
        <Bars
          label="各中心超期办件"
          unit=" 件"
          rows={props.halls.map((h) => ({ label: h.name, value: h.overdueCases, tone: h.overdueCases ? 'bad' : 'ok' }))}
        />
      </section>
      <section class="card">
        <h2>按中心和事项</h2>
        <table>
          <thead>
            <tr>
              <th>中心</th>
              <th>事项</th>
              <th>在办</th>
              <th>超期</th>
              <th>将到期</th>
              <th>延期</th>
              <th>受理后补正</th>
            </tr>
          </thead>
          <tbody>
            {data.byHallMatter.map((r) => (
              <tr key={r.hallId + r.matterId}>
                <td>{names.get(r.hallId) ?? r.hallId}</td>
                <td>{r.matterName ?? r.matterId}</td>
                <td>{r.open}</td>
                <td class={r.overdue ? 'bad' : ''}>{r.overdue}</td>
                <td>{r.dueSoon}</td>
                <td>{r.extensions}</td>
                <td>{r.corrections}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <CaseTables s={data} names={names} />
    </>
  );
}

function Ratings(props: { halls: DistrictHall[]; onLoggedOut: () => void }) {
  const { data, error } = usePolled<DistrictRatings>('/api/district/ratings', 60_000, props.onLoggedOut);
  if (error) return <p class="error">{error}</p>;
  if (!data) return <p>正在加载…</p>;
  const names = new Map(props.halls.map((h) => [h.hallId, h.name]));
  const rate = (s: number, t: number) => (t ? Math.round((1000 * s) / t) / 10 : 0);
  return (
    <>
      <section class="card">
        <h2>近 30 天满意率（按中心）</h2>
        <Bars
          label="各中心满意率"
          unit="%"
          rows={data.byHall.map((r) => ({
            label: names.get(r.hallId) ?? r.hallId,
            value: rate(r.satisfied, r.total),
            tone: rate(r.satisfied, r.total) < 90 ? 'warn' : 'ok',
          }))}
        />
      </section>
      <section class="card">
        <h2>差评待整改（{data.awaitingFollowUp.length}）</h2>
        <table>
          <thead>
            <tr>
              <th>中心</th>
              <th>窗口</th>
              <th>评价</th>
              <th>原因</th>
              <th>评价时间</th>
              <th>已等待</th>
            </tr>
          </thead>
          <tbody>
            {data.awaitingFollowUp.map((r) => (
              <tr key={r.hallId + r.ratingId}>
                <td>{names.get(r.hallId) ?? r.hallId}</td>
                <td>{r.windowNo ?? '—'}</td>
                <td class="bad">{RATING_NAMES[r.value] ?? r.value}</td>
                <td>{r.reasons.join('，') || '—'}</td>
                <td>{time(r.at)}</td>
                <td class={r.waitingHours > 72 ? 'bad' : ''}>
                  {r.waitingHours >= 24 ? `${Math.floor(r.waitingHours / 24)} 天` : `${r.waitingHours} 小时`}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section class="card">
        <h2>按窗口</h2>
        <table>
          <thead>
            <tr>
              <th>中心</th>
              <th>窗口</th>
              <th>评价数</th>
              <th>满意率</th>
              <th>差评</th>
            </tr>
          </thead>
          <tbody>
            {data.byWindow.map((r) => (
              <tr key={r.hallId + r.windowNo}>
                <td>{names.get(r.hallId) ?? r.hallId}</td>
                <td>{r.windowNo} 号</td>
                <td>{r.total}</td>
                <td>{rate(r.satisfied, r.total)}%</td>
                <td class={r.bad ? 'bad' : ''}>{r.bad}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section class="card">
        <h2>按业务类别</h2>
        <table>
          <thead>
            <tr>
              <th>中心</th>
              <th>类别</th>
              <th>评价数</th>
              <th>满意率</th>
              <th>差评</th>
            </tr>
          </thead>
          <tbody>
            {data.byMatter.map((r) => (
              <tr key={r.hallId + r.categoryId}>
                <td>{names.get(r.hallId) ?? r.hallId}</td>
                <td>
                  {categoryName(
                    props.halls.find((h) => h.hallId === r.hallId),
                    r.categoryId,
                  )}
                </td>
                <td>{r.total}</td>
                <td>{rate(r.satisfied, r.total)}%</td>
                <td class={r.bad ? 'bad' : ''}>{r.bad}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </>
  );
}

function defaultKey(kind: DistrictReportKind): string {
  const d = new Date();
  const y = d.getFullYear();
  const m = d.getMonth(); // the previous month, quarter or year: the last one that is due
  if (kind === 'month') return m === 0 ? `${y - 1}-12` : `${y}-${String(m).padStart(2, '0')}`;
  if (kind === 'quarter') {
    const q = Math.floor(m / 3);
    return q === 0 ? `${y - 1}-Q4` : `${y}-Q${q}`;
  }
  return String(y - 1);
}

function Reports(props: { onLoggedOut: () => void }) {
  const [kind, setKind] = useState<DistrictReportKind>('month');
  const [key, setKey] = useState(defaultKey('month'));
  const { data, error } = usePolled<DistrictReport>(
    `/api/district/reports/${kind}?key=${encodeURIComponent(key)}`,
    300_000,
    props.onLoggedOut,
  );
  const cols: [keyof DistrictReport['total'], string][] = [
    ['tickets', '取号'],
    ['served', '办结（号）'],
    ['casesAccepted', '受理办件'],
    ['casesFinished', '办结办件'],
    ['finishedOnTime', '按时办结'],
    ['overdueFinished', '超期办结'],
    ['extensions', '延期'],
    ['corrections', '补正'],
    ['ratings', '评价'],
    ['satisfied', '满意'],
    ['bad', '差评'],
  ];
  return (
    <>
      <section class="card">
        <h2>报表</h2>
        <p>
          <select
            value={kind}
            onChange={(e) => {
              const k = (e.target as HTMLSelectElement).value as DistrictReportKind;
              setKind(k);
              setKey(defaultKey(k));
            }}
          >
            {(Object.keys(REPORT_KIND_NAMES) as DistrictReportKind[]).map((k) => (
              <option value={k} key={k}>
                {REPORT_KIND_NAMES[k]}
              </option>
            ))}
          </select>{' '}
          <input
            value={key}
            onChange={(e) => setKey((e.target as HTMLInputElement).value.trim())}
            size={10}
            aria-label="期间"
          />
          <span class="muted"> 如 2026-11（月）、2026-Q4（季）、2026（年）</span>
        </p>
        {error && <p class="error">{error}</p>}
        {data && (
          <>
            <p>
              期间 {data.from} 至 {data.to}。
              {data.missing.length ? (
                <span class="bad">
                  未上报：{data.missing.map((id) => data.rows.find((r) => r.hallId === id)?.name ?? id).join('、')}
                </span>
              ) : (
                <span class="ok">应报中心均已上报</span>
              )}
            </p>
            <table data-testid="report">
              <thead>
                <tr>
                  <th>中心</th>
                  {cols.map(([, n]) => (
                    <th key={n}>{n}</th>
                  ))}
                  <th>上报</th>
                </tr>
              </thead>
              <tbody>
                {data.rows.map((r) => (
                  <tr key={r.hallId}>
                    <td>{r.name}</td>
                    {cols.map(([k]) => (
                      <td key={k}>{r[k]}</td>
                    ))}
                    <td class={r.submitted ? 'ok' : 'bad'}>{r.submitted ? '已上报' : '未上报'}</td>
                  </tr>
                ))}
                <tr class="total">
                  <td>全区合计</td>
                  {cols.map(([k]) => (
                    <td key={k}>{data.total[k]}</td>
                  ))}
                  <td />
                </tr>
              </tbody>
            </table>
          </>
        )}
      </section>
      {data && (
        <section class="card">
          <h2>各中心取号量</h2>
          <Bars label="各中心取号量" rows={data.rows.map((r) => ({ label: r.name, value: r.tickets }))} />
        </section>
      )}
    </>
  );
}

const TABS = [
  { id: 'halls', name: '各中心概况' },
  { id: 'cases', name: '限时办结监察' },
  { id: 'ratings', name: '好差评' },
  { id: 'reports', name: '报表' },
] as const;

function App() {
  const [loggedIn, setLoggedIn] = useState(Boolean(token));
  const [tab, setTab] = useState<(typeof TABS)[number]['id']>('halls');
  const [open, setOpen] = useState<string | null>(null);
  const logout = () => {
    token = '';
    sessionStorage.removeItem('district-token');
    setLoggedIn(false);
  };
  if (!loggedIn) return <Login onLogin={() => setLoggedIn(true)} />;
  return <Main tab={tab} setTab={setTab} open={open} setOpen={setOpen} logout={logout} />;
}

function Main(props: {
  tab: string;
  setTab: (t: never) => void;
  open: string | null;
  setOpen: (id: string | null) => void;
  logout: () => void;
}) {
  const { data, error } = usePolled<{ halls: DistrictHall[] }>('/api/district/halls', 15_000, props.logout);
  const halls = data?.halls ?? [];
  return (
    <>
      <header>
        <h1>区级政务服务监察</h1>
        <nav>
          {TABS.map((t) => (
            <button
              key={t.id}
              class={props.tab === t.id && !props.open ? 'primary' : ''}
              onClick={() => (props.setOpen(null), props.setTab(t.id as never))}
            >
              {t.name}
            </button>
          ))}
          <button onClick={props.logout}>退出</button>
        </nav>
      </header>
      <main>
        {error && <p class="error">{error}</p>}
        {props.open ? (
          <HallDetail hallId={props.open} onBack={() => props.setOpen(null)} onLoggedOut={props.logout} />
        ) : props.tab === 'halls' ? (
          <Overview halls={halls} onOpen={props.setOpen} />
        ) : props.tab === 'cases' ? (
          <Supervision halls={halls} onLoggedOut={props.logout} />
        ) : props.tab === 'ratings' ? (
          <Ratings halls={halls} onLoggedOut={props.logout} />
        ) : (
          <Reports onLoggedOut={props.logout} />
        )}
      </main>
    </>
  );
}

render(<App />, document.getElementById('app')!);
