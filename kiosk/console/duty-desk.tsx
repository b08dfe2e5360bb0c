// AB岗 at the console (seed 004 AB岗工作制度 三): the 移交 the other post left for this window today (confirm
// reading it), 外出 / 下班 with the 移交 (the server lists the open cases and tickets with it, then signs the
// window out), and B's 书面记录 for A about what could not be handled.
import { useEffect, useState } from 'preact/hooks';
import { api, ApiCallError } from '../lib/api.ts';
import type { HandoverView } from '../../server/contract/duty.ts';
import './duty-desk.css';

export function DutyDesk(props: { windowNo: number; onLeft: () => void; onSignedOut: () => void }) {
  const no = props.windowNo;
  const [items, setItems] = useState<HandoverView[]>([]);
  const [mode, setMode] = useState<null | 'leave' | 'note'>(null);
  const [leave, setLeave] = useState<'period' | 'day'>('period');
  const [until, setUntil] = useState('');
  const [text, setText] = useState('');
  const [error, setError] = useState('');
  const fail = (err: unknown) => {
    if (err instanceof ApiCallError && err.code === 'login-required') return props.onSignedOut();
    setError(err instanceof ApiCallError ? err.message : '操作失败，请重试');
  };
  const load = () =>
    api<{ items: HandoverView[] }>('GET', `/api/windows/${no}/handovers`)
      .then((r) => setItems(r.items))
      .catch(fail);
  useEffect(() => {
    void load();
    const t = setInterval(() => void load(), 60_000);
    return () => clearInterval(t);
  }, [no]);

  const submit = async (e: Event) => {
    e.preventDefault();
    setError('');
    try {
      if (mode === 'leave') {
        await api('POST', `/api/windows/${no}/leave`, {
          leave,
          ...(leave === 'period' ? { until } : {}),
          ...(text.trim() ? { note: text.trim() } : {}),
        });
        props.onLeft();
        return;
      }
      await api('POST', `/api/windows/${no}/duty-notes`, { note: text.trim() });
      setText('');
      setMode(null);
      void load();
    } catch (err) {
      fail(err);
    }
  };
  const read = async (h: HandoverView) => {
    try {
      await api('POST', `/api/duty/handovers/${encodeURIComponent(h.id)}/read`, {});
      void load();
    } catch (err) {
      fail(err);
    }
  };

  return (
    <section class="duty-desk" data-testid="duty-desk">
      <h2>
        AB岗 移交
        <span class="duty-actions">
          <button aria-pressed={mode === 'leave'} onClick={() => setMode(mode === 'leave' ? null : 'leave')}>
            外出/下班移交
          </button>
          <button aria-pressed={mode === 'note'} onClick={() => setMode(mode === 'note' ? null : 'note')}>
            书面记录
          </button>
        </span>
      </h2>
      {mode && (
        <form onSubmit={(e) => void submit(e)} class="duty-form">
          {mode === 'leave' ? (
            <>
              <label>
                <input type="radio" checked={leave === 'period'} onChange={() => setLeave('period')} /> 外出，预计
                <input
                  type="time"
                  value={until}
                  onInput={(e) => setUntil((e.target as HTMLInputElement).value)}
                  disabled={leave !== 'period'}
                  aria-label="预计返回时间"
                />
                返回
              </label>
              <label>
                <input type="radio" checked={leave === 'day'} onChange={() => setLeave('day')} /> 下班
              </label>
              <p class="muted">本窗口未办结的办件和等候的号码会随移交单交给另一岗；提交后本窗口签退。</p>
            </>
          ) : (
            <p class="muted">一时处理不了的事情，书面记录向A岗责任人说明（AB岗工作制度 第三条）。</p>
          )}
          <textarea
            rows={3}
            maxLength={500}
            value={text}
            placeholder={mode === 'leave' ? '移交事项（可不填）' : '记录内容'}
            onInput={(e) => setText((e.target as HTMLTextAreaElement).value)}
          />
          <button
            type="submit"
            class="primary"
            disabled={mode === 'note' ? !text.trim() : leave === 'period' && !until}
          >
            {mode === 'leave' ? '移交并签退' : '保存书面记录'}
          </button>
        </form>
      )}
      {error && <p class="error">{error}</p>}
      {items.length === 0 ? (
        <p class="muted">今日本窗口没有移交记录</p>
      ) : (
        <ul class="duty-list">
          {items.map((h) => (
            <li key={h.id} class={h.readAt ? '' : 'unread'} data-testid="handover">
              <b>{h.time}</b> {h.kind === 'handover' ? '移交' : '书面记录'}：{h.fromName}
              {h.toName ? ` → ${h.toName}` : ''}
              {h.kind === 'handover' && (h.leave === 'day' ? '（下班）' : `（外出至 ${h.until}）`)}
              {h.openCases.length > 0 && <div>在办件：{h.openCases.join('、')}</div>}
              {h.openTickets.length > 0 && <div>在办号：{h.openTickets.join('、')}</div>}
              {h.note && <div class="note">{h.note}</div>}
              {h.readAt ? (
                <span class="muted">已确认 {h.readTime}</span>
              ) : (
                <button onClick={() => void read(h)}>确认收到</button>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
