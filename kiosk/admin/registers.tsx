// 登记簿 on /admin: the registers for a period (view, CSV, printable A4), the seeds' reports with the
// reminders of what is due, the 代办 stage limits, and the entry forms for 意见和投诉 and 上门服务 with their
// next steps. Every view and export is logged by the server.
import { useEffect, useState } from 'preact/hooks';
import { api, ApiCallError } from '../lib/api.ts';
import { ComplaintForm, HomeVisitForm } from '../lib/register-forms.tsx';

const KINDS = [
  { id: 'first-contact', name: '首问登记' },
  { id: 'cases', name: '办件台账' },
  { id: 'daiban', name: '代办台账' },
  { id: 'collection', name: '办结签收' },
  { id: 'appointments', name: '预约登记' },
  { id: 'home-visits', name: '上门服务' },
  { id: 'complaints', name: '意见和投诉' },
] as const;
type Kind = (typeof KINDS)[number]['id'];

interface RegisterView {
  title: string;
  columns: string[];
  rows: (string | number)[][];
  records: { id?: string; state?: string }[];
}
interface Due {
  kind: string;
  key: string;
  title: string;
  dueBy: string | null;
  basis: string;
}
interface Overdue {
  no: string;
  station: string;
  agent: string;
  matterName: string;
  stage: string;
  deadline: string;
}

const monthStart = (d: string) => `${d.slice(0, 7)}-01`;

export function Registers(props: { today: string }) {
  const [kind, setKind] = useState<Kind>('first-contact');
  const [from, setFrom] = useState(monthStart(props.today));
  const [to, setTo] = useState(props.today);
  const [view, setView] = useState<RegisterView | null>(null);
  const [due, setDue] = useState<Due[]>([]);
  const [overdue, setOverdue] = useState<Overdue[]>([]);
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);

  const load = () =>
    api<RegisterView>('GET', `/api/registers/${kind}?from=${from}&to=${to}`)
      .then(setView)
      .catch((e: ApiCallError) => setMessage({ error: true, text: e.message }));
  useEffect(() => {
    void load();
  }, [kind, from, to]);
  useEffect(() => {
    api<{ due: Due[] }>('GET', '/api/registers/reports/due')
      .then((r) => setDue(r.due))
      .catch(() => undefined);
    api<{ overdue: Overdue[] }>('GET', '/api/daiban/supervision')
      .then((r) => setOverdue(r.overdue))
      .catch(() => undefined);
  }, []);

  const step = (path: string, body: unknown, text: string) =>
    api('POST', path, body)
      .then(() => {
        setMessage({ error: false, text });
        void load();
      })
      .catch((e: ApiCallError) => setMessage({ error: true, text: e.message }));

  const q = `from=${from}&to=${to}`;
  return (
    <div class="registers">
      {due.length > 0 && (
        <section class="card due" data-testid="reports-due">
          <h2>报表提醒</h2>
          <ul>
            {due.map((d) => (
              <li key={d.kind + d.key}>
                <b>{d.title}</b>　{d.dueBy ? `${d.dueBy} 前上报` : ''}　<span class="muted">{d.basis}</span>　
                <a href={`/api/registers/reports/${d.kind}?key=${d.key}&format=html`} target="_blank" rel="noopener">
                  A4 打印
                </a>
                　<a href={`/api/registers/reports/${d.kind}?key=${d.key}&format=csv`}>CSV</a>
              </li>
            ))}
          </ul>
        </section>
      )}
      {overdue.length > 0 && <DaibanStageCard overdue={overdue} />}
      <section class="card">
        <h2>登记簿</h2>
        <div class="picker">
          <div class="quick">
            {KINDS.map((k) => (
              <button
                key={k.id}
                class={k.id === kind ? 'chip on' : 'chip'}
                onClick={() => setKind(k.id)}
                data-testid={`register-${k.id}`}
              >
                {k.name}
              </button>
            ))}
          </div>
          <label>
            从 <input type="date" value={from} onInput={(e) => setFrom(e.currentTarget.value)} />
          </label>
          <label>
            到 <input type="date" value={to} onInput={(e) => setTo(e.currentTarget.value)} />
          </label>
          <a href={`/api/registers/${kind}?${q}&format=csv`} data-testid="register-csv">
            导出 CSV
          </a>
          <a href={`/api/registers/${kind}?${q}&format=html`} target="_blank" rel="noopener">
            A4 打印页
          </a>
        </div>
        {message && (
          <p class={message.error ? 'error' : 'info'} role="status">
            {message.text}
          </p>
        )}
        {kind === 'complaints' && (
          <ComplaintForm post={(body) => step('/api/registers/complaints', body, '已登记意见或投诉')} />
        )}
        {kind === 'home-visits' && (
          <HomeVisitForm
            today={props.today}
            post={(body) => step('/api/registers/home-visits', body, '已登记上门服务')}
          />
        )}
        {view && (
          <div class="table-wrap">
            <table class="data" data-testid="register-table">
              <thead>
                <tr>
                  {view.columns.map((c) => (
                    <th key={c}>{c}</th>
                  ))}
                  {(kind === 'complaints' || kind === 'home-visits') && <th>操作</th>}
                </tr>
              </thead>
              <tbody>
                {view.rows.map((r, i) => (
                  <tr key={i}>
                    {r.map((c, j) => (
                      <td key={j}>{c}</td>
                    ))}
                    {kind === 'complaints' && (
                      <td>
                        <ComplaintSteps id={view.records[i]!.id!} state={view.records[i]!.state!} step={step} />
                      </td>
                    )}
                    {kind === 'home-visits' && (
                      <td>
                        <HomeVisitSteps id={view.records[i]!.id!} state={view.records[i]!.state!} step={step} />
                      </td>
                    )}
                  </tr>
                ))}
                {view.rows.length === 0 && (
                  <tr>
                    <td colSpan={view.columns.length} class="muted">
                      本期无记录
                    </td>
                  </tr>
                )}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <ReportLinks today={props.today} />
    </div>
  );
}

function ReportLinks(props: { today: string }) {
  const ym = props.today.slice(0, 7);
  const y = Number(props.today.slice(0, 4));
  const q = `${y}-Q${Math.ceil(Number(props.today.slice(5, 7)) / 3)}`;
  const reports = [
    { kind: 'station-month', key: ym, name: `村（社区）便民服务办理情况统计表 ${ym}` },
    { kind: 'mid-month', key: `${ym}-H1`, name: `半月报 ${ym}（1日至15日）` },
    { kind: 'month', key: ym, name: `月报 ${ym}` },
    { kind: 'quarter', key: q, name: `季度办件统计 ${q}` },
    { kind: 'year', key: String(y), name: `年报 ${y}` },
  ];
  return (
    <section class="card">
      <h2>报表（按种子文件要求）</h2>
      <ul>
        {reports.map((r) => (
          <li key={r.kind}>
            {r.name}　
            <a href={`/api/registers/reports/${r.kind}?key=${r.key}&format=html`} target="_blank" rel="noopener">
              A4 打印
            </a>
            　<a href={`/api/registers/reports/${r.kind}?key=${r.key}&format=csv`}>CSV</a>
          </li>
        ))}
        <li>
          办件结果公开 {q}　
          <a href={`/api/announcements/quarter?key=${q}&format=html`} target="_blank" rel="noopener">
            A4 打印
          </a>
          　
          <a href="/api/announcements?format=html" target="_blank" rel="noopener">
            办结公告页
          </a>
        </li>
      </ul>
    </section>
  );
}

function ComplaintSteps(props: { id: string; state: string; step(path: string, body: unknown, text: string): void }) {
  const base = `/api/registers/complaints/${encodeURIComponent(props.id)}`;
  const ask = (label: string) => prompt(label)?.trim();
  if (props.state === 'received' || props.state === 'assigned')
    return (
      <span class="steps">
        <button
          class="small"
          onClick={() => {
            const t = ask('承办人');
            if (t) props.step(`${base}/assign`, { text: t }, '已指派');
          }}
        >
          指派
        </button>
        {props.state === 'assigned' && (
          <button
            class="small"
            onClick={() => {
              const t = ask('答复内容');
              if (t) props.step(`${base}/answer`, { text: t }, '已答复');
            }}
          >
            答复
          </button>
        )}
      </span>
    );
  if (props.state === 'answered')
    return (
      <button class="small" onClick={() => props.step(`${base}/close`, {}, '已办结')}>
        办结
      </button>
    );
  return null;
}

function HomeVisitSteps(props: { id: string; state: string; step(path: string, body: unknown, text: string): void }) {
  const base = `/api/registers/home-visits/${encodeURIComponent(props.id)}`;
  if (props.state === 'done') return null;
  return (
    <span class="steps">
      <button
        class="small"
        onClick={() => {
          const t = prompt('上门人员工号')?.trim();
          if (t) props.step(`${base}/assign`, { staffId: t }, '已指派');
        }}
      >
        指派
      </button>
      {props.state === 'assigned' && (
        <button
          class="small"
          onClick={() => {
            const t = prompt('上门办理结果')?.trim();
            if (t) props.step(`${base}/done`, { result: t }, '已完成');
          }}
        >
          完成
        </button>
      )}
    </span>
  );
}

/** On every admin tab: the seeds' reports due now (seed 002 篇8: 15号、月底前、季度首月10日前). */
export function DueReminder(props: { onOpen(): void }) {
  const [due, setDue] = useState<Due[]>([]);
  useEffect(() => {
    api<{ due: Due[] }>('GET', '/api/registers/reports/due')
      .then((r) => setDue(r.due))
      .catch(() => undefined);
  }, []);
  if (!due.length) return null;
  return (
    <div class="due-banner" role="status" data-testid="due-banner">
      报表提醒：{due.map((d) => `${d.title}${d.dueBy ? `（${d.dueBy} 前）` : ''}`).join('；')}
      <button class="link" onClick={props.onOpen}>
        去登记簿导出
      </button>
    </div>
  );
}

/**
 * 代办 stage limits (seed 004: 包户干部入户核实不超过 1 天，代办员初审上报不超过 2 天) beside the 限时办结 card.
 * With `overdue` given it shows that list; alone it asks the server.
 */
export function DaibanStageCard(props: { overdue?: Overdue[] }) {
  const [loaded, setLoaded] = useState<Overdue[] | null>(null);
  useEffect(() => {
    if (props.overdue) return;
    api<{ overdue: Overdue[] }>('GET', '/api/daiban/supervision')
      .then((r) => setLoaded(r.overdue))
      .catch(() => setLoaded([]));
  }, []);
  const list = props.overdue ?? loaded;
  if (!list) return null;
  return (
    <section class="card" data-testid="daiban-overdue">
      <h2>
        代办环节督办
        <span class="note">
          　入户核实 1 个工作日、初审上报 2 个工作日；超时 <b class={list.length ? 'bad' : ''}>{list.length}</b> 件
        </span>
      </h2>
      {list.length === 0 && <p class="muted">没有超时的代办环节</p>}
      <ul>
        {list.map((o) => (
          <li key={o.no + o.stage}>
            {o.station}·{o.agent}　{o.matterName}（{o.no}）：<b>{o.stage}</b>应于 {o.deadline} 前完成
          </li>
        ))}
      </ul>
    </section>
  );
}
