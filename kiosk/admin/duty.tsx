// AB岗 on /admin (seed 004 AB岗工作制度 四 "不得以任何理由,任何方式空岗、缺位"): a strip on every tab naming the
// windows that are 空岗 now (polled every 20 s), and the 在岗值班 tab: who is at each window, and the month's
// AB岗 register (空岗 minutes, 签到, 移交, the 第五条 扣分 as facts) as a printable page or CSV.
import { useEffect, useState } from 'preact/hooks';
import { api, ApiCallError } from '../lib/api.ts';
import type { DutyNow, RosterEntry, UrgentRequest } from '../../server/contract/duty.ts';
import './duty.css';

function useDutyNow(): { now: DutyNow | null; error: string } {
  const [now, setNow] = useState<DutyNow | null>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    const load = () =>
      api<DutyNow>('GET', '/api/duty/now')
        .then((n) => {
          setNow(n);
          setError('');
        })
        .catch((err: ApiCallError) => setError(err.message));
    void load();
    const t = setInterval(() => void load(), 20_000);
    return () => clearInterval(t);
  }, []);
  return { now, error };
}

export function EmptyPostAlert(props: { onOpen: () => void }) {
  const { now } = useDutyNow();
  const empty = now?.open ? now.windows.filter((w) => w.empty) : [];
  if (!empty.length) return null;
  return (
    <div class="empty-post-banner" role="alert" data-testid="empty-post-alert">
      空岗：
      {empty.map((w) => `${w.no}号窗口（${w.name}）自 ${w.emptySince} 起无人在岗`).join('；')}
      <button class="link" onClick={props.onOpen}>
        查看在岗情况
      </button>
    </div>
  );
}

export function DutyBoard(props: { today: string }) {
  const { now, error } = useDutyNow();
  const [month, setMonth] = useState(props.today.slice(0, 7));
  const link = (format: string) => `/api/duty/register?month=${encodeURIComponent(month)}&format=${format}`;
  return (
    <section class="card duty-board" data-testid="duty-board">
      <h2>在岗情况（AB岗）</h2>
      {error && <p class="error">{error}</p>}
      {now && (
        <>
          <p class="muted">
            {now.date}　{now.open ? '办公时间内' : '当前不在办公时间'}
          </p>
          <table class="data">
            <thead>
              <tr>
                <th>窗口</th>
                <th>A岗</th>
                <th>B岗</th>
                <th>在岗</th>
                <th>空岗</th>
              </tr>
            </thead>
            <tbody>
              {now.windows.map((w) => (
                <tr key={w.no} class={w.empty ? 'bad' : ''}>
                  <td>
                    {w.no}号 {w.name}
                  </td>
                  <td>{w.aName ?? '—'}</td>
                  <td>{w.bName ?? '—'}</td>
                  <td>{w.staffName ? `${w.staffName}（${w.post ? `${w.post}岗` : '兼任'}）` : '无人签到'}</td>
                  <td>
                    {w.empty
                      ? `自 ${w.emptySince} 起 ${w.emptyMinutes} 分钟；无人办理：${w.unserved.join('、')}`
                      : w.staffName || !now.open
                        ? ''
                        : '由兼任窗口办理'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      <h3>AB岗在岗登记（月）</h3>
      <p>
        <input
          type="month"
          value={month}
          onInput={(e) => setMonth((e.target as HTMLInputElement).value)}
          aria-label="月份"
        />{' '}
        <a href={link('html')} target="_blank" rel="noopener">
          打印页
        </a>{' '}
        <a href={link('csv')}>导出 CSV</a>
      </p>
      <p class="muted">
        扣分栏为AB岗工作制度第五条所列（脱岗每人每次2分；因无人在岗被投诉经查实每人每次10分），供中心考核参考，系统不自动处分。
      </p>
    </section>
  );
}

interface StaffItem {
  id: string;
  name: string;
}

/**
 * 值班安排 (seed 004 运行机制㈤ "中午、晚上及节假日相应由中心统一安排人员值班"): who is on duty and the phone the
 * kiosk and /book show outside hours; and the residents' 急需 requests of rest days (预约服务制度 第四条), each
 * marked once the duty officer has told a window.
 */
export function DutyRoster(props: { today: string }) {
  const [entries, setEntries] = useState<RosterEntry[]>([]);
  const [urgent, setUrgent] = useState<UrgentRequest[]>([]);
  const [staff, setStaff] = useState<StaffItem[]>([]);
  const [form, setForm] = useState({ date: props.today, period: 'holiday', staffId: '', phone: '' });
  const [windowFor, setWindowFor] = useState<Record<string, string>>({});
  const [message, setMessage] = useState('');
  const fail = (err: unknown) => setMessage(err instanceof ApiCallError ? err.message : '操作失败，请重试');
  const load = () => {
    api<{ entries: RosterEntry[] }>('GET', `/api/duty/roster?from=${props.today}`)
      .then((r) => setEntries(r.entries))
      .catch(fail);
    api<{ items: UrgentRequest[] }>('GET', '/api/duty/urgent')
      .then((r) => setUrgent(r.items))
      .catch(fail);
  };
  useEffect(() => {
    load();
    api<{ staff: StaffItem[] }>('GET', '/api/jiaoban/staff')
      .then((r) => setStaff(r.staff))
      .catch(fail);
  }, []);
  const save = async (e: Event) => {
    e.preventDefault();
    setMessage('');
    try {
      await api('PUT', '/api/duty/roster', form);
      setMessage('值班安排已保存');
      load();
    } catch (err) {
      fail(err);
    }
  };
  const remove = async (x: RosterEntry) => {
    try {
      await api('POST', '/api/duty/roster/remove', { date: x.date, period: x.period });
      load();
    } catch (err) {
      fail(err);
    }
  };
  const notified = async (u: UrgentRequest) => {
    try {
      await api('POST', `/api/duty/urgent/${encodeURIComponent(u.id)}/notified`, {
        windowNo: Number(windowFor[u.id]),
      });
      load();
    } catch (err) {
      fail(err);
    }
  };
  const set = (k: keyof typeof form) => (e: Event) =>
    setForm({ ...form, [k]: (e.target as HTMLInputElement | HTMLSelectElement).value });
  return (
    <section class="card duty-board" data-testid="duty-roster">
      <h2>值班安排（中午、晚上及节假日）</h2>
      <form class="roster-form" onSubmit={(e) => void save(e)}>
        <input type="date" value={form.date} aria-label="日期" onInput={set('date')} />
        <select value={form.period} aria-label="时段" onChange={set('period')}>
          <option value="noon">中午</option>
          <option value="evening">晚上</option>
          <option value="holiday">节假日（全天）</option>
        </select>
        <select value={form.staffId} aria-label="值班人员" onChange={set('staffId')}>
          <option value="">值班人员</option>
          {staff.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </select>
        <input value={form.phone} placeholder="值班电话" aria-label="值班电话" maxLength={20} onInput={set('phone')} />
        <button type="submit" class="primary" disabled={!form.staffId || !form.phone}>
          保存
        </button>
      </form>
      {message && <p class="info">{message}</p>}
      <table class="data">
        <thead>
          <tr>
            <th>日期</th>
            <th>时段</th>
            <th>值班人员</th>
            <th>值班电话（一体机、预约页在非办公时间显示）</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {entries.length === 0 && (
            <tr>
              <td colSpan={5}>今天起尚无值班安排</td>
            </tr>
          )}
          {entries.map((x) => (
            <tr key={`${x.date}-${x.period}`}>
              <td>{x.date}</td>
              <td>{x.periodName}</td>
              <td>{x.staffName}</td>
              <td>{x.phone}</td>
              <td>
                <button class="link" onClick={() => void remove(x)}>
                  删除
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>节假日急需办理登记（预约服务制度 第四条）</h3>
      {urgent.length === 0 ? (
        <p class="muted">近 7 天没有急需办理登记</p>
      ) : (
        <table class="data" data-testid="urgent-list">
          <thead>
            <tr>
              <th>时间</th>
              <th>事项</th>
              <th>联系电话</th>
              <th>通知窗口</th>
            </tr>
          </thead>
          <tbody>
            {urgent.map((u) => (
              <tr key={u.id} class={u.state === 'new' ? 'bad' : ''}>
                <td>
                  {u.at.slice(0, 10)} {u.time}
                </td>
                <td>{u.matter ?? '（已清除）'}</td>
                <td>{u.phone ?? '（已清除）'}</td>
                <td>
                  {u.state === 'notified' ? (
                    `已通知 ${u.windowNo} 号窗口（${u.notifiedBy}）`
                  ) : (
                    <span>
                      <input
                        class="small"
                        inputMode="numeric"
                        placeholder="窗口号"
                        aria-label="通知的窗口号"
                        value={windowFor[u.id] ?? ''}
                        onInput={(e) => setWindowFor({ ...windowFor, [u.id]: (e.target as HTMLInputElement).value })}
                      />
                      <button disabled={!/^\d+$/.test(windowFor[u.id] ?? '')} onClick={() => void notified(u)}>
                        已通知窗口
                      </button>
                    </span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
