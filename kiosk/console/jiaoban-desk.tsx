// 交办 → 反馈 at the console (seed 002 四、工作流程 2、交辦 / 5、反饋): hand a registered matter to a named staff
// member with a 交办单 (printable), and report back the same day on what one was handed.
import { useEffect, useState } from 'preact/hooks';
import { api, ApiCallError } from '../lib/api.ts';
import type { JiaobanView } from '../../server/contract/jiaoban.ts';
import './duty-desk.css';

interface StaffItem {
  id: string;
  name: string;
}

export function JiaobanDesk(props: { windowNo: number; onSignedOut: () => void }) {
  const [mine, setMine] = useState<JiaobanView[]>([]);
  const [staff, setStaff] = useState<StaffItem[]>([]);
  const [open, setOpen] = useState(false);
  const [to, setTo] = useState('');
  const [matter, setMatter] = useState('');
  const [request, setRequest] = useState('');
  const [feedback, setFeedback] = useState<Record<string, string>>({});
  const [message, setMessage] = useState('');
  const fail = (err: unknown) => {
    if (err instanceof ApiCallError && err.code === 'login-required') return props.onSignedOut();
    setMessage(err instanceof ApiCallError ? err.message : '操作失败，请重试');
  };
  const load = () =>
    api<{ items: JiaobanView[] }>('GET', '/api/jiaoban/mine')
      .then((r) => setMine(r.items))
      .catch(fail);
  useEffect(() => {
    void load();
    api<{ staff: StaffItem[] }>('GET', '/api/jiaoban/staff')
      .then((r) => setStaff(r.staff))
      .catch(fail);
    const t = setInterval(() => void load(), 60_000);
    return () => clearInterval(t);
  }, []);

  const assign = async (e: Event) => {
    e.preventDefault();
    try {
      const r = await api<{ jiaoban: JiaobanView }>('POST', '/api/jiaoban', {
        windowNo: props.windowNo,
        toStaffId: to,
        matterText: matter.trim(),
        ...(request.trim() ? { request: request.trim() } : {}),
      });
      setMessage(`已交办 ${r.jiaoban.toName}，交办单 ${r.jiaoban.no}`);
      window.open(`/api/jiaoban/${encodeURIComponent(r.jiaoban.id)}/slip`, '_blank', 'noopener');
      setOpen(false);
      setMatter('');
      setRequest('');
    } catch (err) {
      fail(err);
    }
  };
  const report = async (j: JiaobanView) => {
    try {
      await api('POST', `/api/jiaoban/${encodeURIComponent(j.id)}/feedback`, { text: feedback[j.id]?.trim() ?? '' });
      setMessage(`${j.no} 已反馈`);
      void load();
    } catch (err) {
      fail(err);
    }
  };

  return (
    <section class="jiaoban-desk" data-testid="jiaoban-desk">
      <h2>
        交办与反馈
        <button aria-pressed={open} onClick={() => setOpen(!open)}>
          交办
        </button>
      </h2>
      {open && (
        <form class="jiaoban-form" onSubmit={(e) => void assign(e)}>
          <label>
            承办人
            <select value={to} onChange={(e) => setTo((e.target as HTMLSelectElement).value)} aria-label="承办人">
              <option value="">请选择</option>
              {staff.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          </label>
          <input
            value={matter}
            maxLength={200}
            placeholder="申办事项"
            aria-label="申办事项"
            onInput={(e) => setMatter((e.target as HTMLInputElement).value)}
          />
          <textarea
            rows={2}
            maxLength={500}
            value={request}
            placeholder="交办要求（可不填）"
            onInput={(e) => setRequest((e.target as HTMLTextAreaElement).value)}
          />
          <button type="submit" class="primary" disabled={!to || !matter.trim()}>
            交办并打印交办单
          </button>
        </form>
      )}
      {message && <p class="info">{message}</p>}
      {mine.length === 0 ? (
        <p class="muted">没有待反馈的交办事项</p>
      ) : (
        <ul class="jiaoban-list">
          {mine.map((j) => (
            <li key={j.id} class={j.late ? 'late' : ''} data-testid="jiaoban-item">
              <b>{j.no}</b> {j.date} {j.time} {j.byName}交办：{j.matter}
              {j.late && <span class="error">（已逾期，应当天反馈）</span>}
              {j.request && <div class="muted">要求：{j.request}</div>}
              <textarea
                rows={2}
                maxLength={1000}
                placeholder="办理情况（当天反馈窗口）"
                value={feedback[j.id] ?? ''}
                onInput={(e) => setFeedback({ ...feedback, [j.id]: (e.target as HTMLTextAreaElement).value })}
              />
              <button disabled={!feedback[j.id]?.trim()} onClick={() => void report(j)}>
                反馈
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
