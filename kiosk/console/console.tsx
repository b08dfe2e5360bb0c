// The signed-in window console: current ticket, the actions with their F-keys, this window's queue, the
// skipped list (过号恢复), today's counts and device/print alerts. Every action is a POST; the screen then
// follows the live WebSocket, so what staff see is what the hall display shows.
import { UrgentPanel, UrgentTag } from './urgent-panel.tsx';
import { TransferNote } from './transfer-note.tsx';
import { actionMessage } from './action-message.ts';
import { WindowTargets, windowAvailability } from './transfer-targets.tsx';
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiCallError, call } from '../lib/api.ts';
import { useLive, useNow } from '../lib/use-live.ts';
import { PRIORITY_NAMES, type QueueSnapshot, type Ticket, type WindowState } from '../../server/contract/queue.ts';
import { type ServerMessage } from '../../server/contract/ws.ts';
import { deviceStaffAdvice } from '../../server/contract/devices.ts';
import { elapsedText, hhmm, printFailureText, windowQueue } from './queue-view.ts';
import { logout, type StaffSession } from './session.ts';
import { CaseDesk } from './case-desk.tsx';
import { AppointmentDesk } from './appointment-desk.tsx';
import { FirstContactDesk, WindowInbox } from './first-contact.tsx';
import { TabletPairing } from './tablet-pairing.tsx';
import { DutyDesk } from './duty-desk.tsx';
import { JiaobanDesk } from './jiaoban-desk.tsx';
import { FeeDesk } from './fee-desk.tsx';
import { JointDesk } from './joint-desk.tsx';

interface Counts {
  called: number;
  finished: number;
  skipped: number;
  transferred: number;
}

interface PrintAlert {
  ticketId: string;
  text: string;
}

type Panel =
  | { kind: 'transfer' }
  | { kind: 'pause' }
  | { kind: 'call'; ticket: Ticket }
  | { kind: 'urgent'; ticket: Ticket }
  | null;

const PAUSE_REASONS = ['午休', '外出', '业务咨询', '其他'] as const;

export function Console(props: { windowNo: number; session: StaffSession; onSignedOut: () => void }) {
  const no = props.windowNo;
  const now = useNow(15_000);
  const [error, setError] = useState<{ text: string; offerSkip: boolean } | null>(null);
  const [info, setInfo] = useState('');
  const [busy, setBusy] = useState(false);
  const [panel, setPanel] = useState<Panel>(null);
  const [counts, setCounts] = useState<Counts | null>(null);
  const [skipped, setSkipped] = useState<Ticket[]>([]);
  const [printAlerts, setPrintAlerts] = useState<PrintAlert[]>([]);
  const [caseOpen, setCaseOpen] = useState(false);
  const [appointmentOpen, setAppointmentOpen] = useState(false);
  // 首问登记: the ticket just finished (or null for a phone call) while its one-step question is open.
  const [firstContact, setFirstContact] = useState<{ ticket: Ticket | null } | null>(null);

  const refreshLists = async () => {
    try {
      const [c, sk] = await Promise.all([
        api<{ counts: Counts }>('GET', `/api/windows/${no}/counts`),
        call('GET /api/tickets', { query: { status: 'skipped' } }),
      ]);
      setCounts(c.counts);
      setSkipped(sk.tickets);
    } catch (err) {
      if (err instanceof ApiCallError && err.status === 401) props.onSignedOut();
    }
  };

  // Counts and the skipped list are not in the snapshot: fetch them after anything that may change them.
  const refreshTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const refreshSoon = () => {
    if (refreshTimer.current) clearTimeout(refreshTimer.current);
    refreshTimer.current = setTimeout(() => void refreshLists(), 150);
  };
  useEffect(() => {
    void refreshLists();
    return () => {
      if (refreshTimer.current) clearTimeout(refreshTimer.current);
    };
  }, [no]);

  const onMessage = (msg: ServerMessage | null, state: { snapshot: QueueSnapshot | null }) => {
    if (!msg) return;
    if (msg.type === 'snapshot') refreshSoon();
    if (
      (msg.type === 'ticket.updated' || msg.type === 'ticket.called') &&
      (msg.ticket.windowNo === no || msg.ticket.status === 'skipped')
    )
      refreshSoon();
    if (msg.type === 'print.result') {
      if (msg.ok) {
        setPrintAlerts((list) => list.filter((a) => a.ticketId !== msg.ticketId));
        return;
      }
      const known = state.snapshot?.tickets.find((t) => t.id === msg.ticketId)?.number;
      const add = (number: string) =>
        setPrintAlerts((list) => [
          ...list.filter((a) => a.ticketId !== msg.ticketId),
          { ticketId: msg.ticketId, text: printFailureText(number, msg.message) },
        ]);
      if (known) add(known);
      else
        call('GET /api/tickets/:id', { params: { id: msg.ticketId } })
          .then((r) => add(r.ticket.number))
          .catch(() => add('一张'));
    }
  };
  const live = useLive('console', onMessage);

  // A console that cannot reconnect for a while may have lost its session (expired, signed out elsewhere).
  useEffect(() => {
    if (live.connected) return;
    const t = setTimeout(() => {
      api('GET', '/api/session').catch((err: ApiCallError) => {
        if (err.status === 401) props.onSignedOut();
      });
    }, 5000);
    return () => clearTimeout(t);
  }, [live.connected]);

  const s = live.snapshot;
  const win: WindowState | null = s?.windows.find((w) => w.no === no) ?? null;
  const current = s && win?.currentTicketId ? (s.tickets.find((t) => t.id === win.currentTicketId) ?? null) : null;
  const queue = s && win ? windowQueue(s, win) : [];
  const categoryName = (id: string) => s?.categories.find((c) => c.id === id)?.name ?? id;
  const mySkipped = win ? skipped.filter((t) => t.windowNo === no || win.categoryIds.includes(t.categoryId)) : [];
  const deviceAlerts = (s?.devices ?? []).filter((d) => d.state !== 'ready');

  /** Runs one action: one at a time, the server's Chinese message on failure, lists refreshed after. */
  const run = async (label: string, path: string, body: unknown = {}, after?: () => void): Promise<boolean> => {
    if (busy) return false;
    setBusy(true);
    setError(null);
    setInfo('');
    try {
      const res = await api<{ call?: { number: string } | null }>('POST', path, body);
      setInfo(actionMessage(label, res.call?.number ?? null, current?.number ?? null));
      after?.();
      return true;
    } catch (err) {
      const e =
        err instanceof ApiCallError
          ? err
          : new ApiCallError(0, 'unknown', '操作失败，请重试', { code: 'unknown', message: '' });
      if (e.status === 401) props.onSignedOut();
      setError({ text: e.message, offerSkip: e.code === 'recall-limit' });
      return false;
    } finally {
      setBusy(false);
      refreshSoon();
    }
  };

  const w = `/api/windows/${no}`;
  const callNext = () => run('叫号', `${w}/call-next`);
  const recall = () => run('重呼', `${w}/recall`);
  const skip = () => run('过号', `${w}/skip`);
  const finish = () => {
    const finished = current;
    return run('办结', `${w}/finish`, {}, () => finished && setFirstContact({ ticket: finished }));
  };
  const togglePause = () => {
    if (win?.paused) void run('恢复', `${w}/resume`);
    else setPanel(panel?.kind === 'pause' ? null : { kind: 'pause' });
  };
  const openTransfer = () => setPanel(panel?.kind === 'transfer' ? null : { kind: 'transfer' });

  const toggleCase = () => setCaseOpen((o) => !o);
  const toggleAppointment = () => setAppointmentOpen((o) => !o);

  // F1–F8 on the staff keyboard; preventDefault so F5 does not reload the page and F1 opens no help.
  const keys = useRef<Record<string, () => void>>({});
  keys.current = {
    F1: callNext,
    F2: recall,
    F3: skip,
    F4: openTransfer,
    F5: finish,
    F6: togglePause,
    F7: toggleCase,
    F8: toggleAppointment,
  };
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const fn = keys.current[e.key];
      if (!fn) return;
      e.preventDefault();
      if (!e.repeat) fn();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const signOut = async () => {
    try {
      await logout();
    } finally {
      props.onSignedOut();
    }
  };

  return (
    <div class="console">
      <header class="console-head">
        <div>
          <b>{no}号窗口</b> {win?.name ?? ''}
          <span class="muted">　{props.session.name}</span>
        </div>
        <div class="counts" data-testid="counts">
          {counts ? (
            <>
              今日：叫号 <b>{counts.called}</b>　办结 <b>{counts.finished}</b>　过号 <b>{counts.skipped}</b>　转办{' '}
              <b>{counts.transferred}</b>
            </>
          ) : (
            '今日统计加载中…'
          )}
        </div>
        <div>
          <span class={live.connected ? 'conn ok' : 'conn bad'}>
            {live.connected ? '已连接' : s ? '连接中断，正在重连…' : '正在连接…'}
          </span>
          <button class="link" onClick={() => void signOut()}>
            退出登录
          </button>
        </div>
      </header>

      {(deviceAlerts.length > 0 || printAlerts.length > 0) && (
        <section class="alerts" data-testid="alerts">
          {deviceAlerts.map((d) => (
            <div class="alert" key={d.kind}>
              设备提醒：{deviceStaffAdvice(d)}
            </div>
          ))}
          {printAlerts.map((a) => (
            <div class="alert" key={a.ticketId}>
              {a.text}
              <button onClick={() => void run('补打小票', `/api/tickets/${encodeURIComponent(a.ticketId)}/reprint`)}>
                补打
              </button>
              <button class="link" onClick={() => setPrintAlerts((l) => l.filter((x) => x.ticketId !== a.ticketId))}>
                知道了
              </button>
            </div>
          ))}
        </section>
      )}

      <div class="console-body">
        <div class="main-col">
          <section class="current" data-testid="current">
            <h2>当前办理</h2>
            {!s && <p class="muted">正在获取队列…</p>}
            {s && !current && (
              <p class="current-none">
                {win?.paused
                  ? `暂停中${win.pauseReason ? `（${win.pauseReason}）` : ''}`
                  : '当前没有办理中的号码，请按 F1 叫号'}
              </p>
            )}
            {current && (
              <div class="ticket">
                <div class="ticket-number">{current.number}</div>
                <div class="ticket-meta">
                  <div>
                    业务：<b>{categoryName(current.categoryId)}</b>
                  </div>
                  <div>
                    取号 {hhmm(current.issuedAt)}，已等候 {elapsedText(current.issuedAt, now)}
                    {current.recallCount > 0 && <span class="muted">（已重呼 {current.recallCount} 次）</span>}
                  </div>
                  {(current.nameMasked || current.idMasked) && (
                    <div>
                      身份：{current.nameMasked ?? ''} {current.idMasked ?? ''}
                    </div>
                  )}
                  {current.appointmentId && <div class="tag appt">预约</div>}
                  <TransferNote ticket={current} />
                  {current.priority && (
                    <div>
                      <span class="tag prio">绿色通道·{PRIORITY_NAMES[current.priority]}</span>
                      {!current.priorityConfirmed && (
                        <>
                          <span class="tag pending">待核验</span>
                          <button
                            onClick={() =>
                              void run(
                                '确认绿色通道',
                                `/api/tickets/${encodeURIComponent(current.id)}/confirm-priority`,
                              )
                            }
                          >
                            确认
                          </button>
                        </>
                      )}
                    </div>
                  )}
                </div>
              </div>
            )}

            <div class="actions">
              <button class="primary" disabled={busy || !s} onClick={() => void callNext()}>
                叫号 <kbd>F1</kbd>
              </button>
              <button disabled={busy || !current} onClick={() => void recall()}>
                重呼 <kbd>F2</kbd>
              </button>
              <button disabled={busy || !current} onClick={() => void skip()}>
                过号 <kbd>F3</kbd>
              </button>
              <button disabled={busy || !current} onClick={openTransfer}>
                转办 <kbd>F4</kbd>
              </button>
              <button disabled={busy || !current} onClick={() => void finish()}>
                办结 <kbd>F5</kbd>
              </button>
              <button disabled={busy || !win} onClick={togglePause}>
                {win?.paused ? '恢复' : '暂停'} <kbd>F6</kbd>
              </button>
            </div>
            <div class="actions secondary">
              <button
                disabled={busy || !win}
                aria-pressed={win?.autoCall ?? false}
                onClick={() =>
                  void run(win?.autoCall ? '关闭自动叫号' : '开启自动叫号', `${w}/auto-call`, { on: !win?.autoCall })
                }
              >
                自动叫号：{win?.autoCall ? '开' : '关'}
              </button>
              <button
                disabled={busy || !current}
                onClick={() =>
                  current && void run('重打小票', `/api/tickets/${encodeURIComponent(current.id)}/reprint`)
                }
              >
                重打小票
              </button>
              <button aria-pressed={caseOpen} onClick={toggleCase}>
                受理办件 <kbd>F7</kbd>
              </button>
              <button aria-pressed={appointmentOpen} onClick={toggleAppointment}>
                预约登记 <kbd>F8</kbd>
              </button>
              <button
                aria-pressed={firstContact?.ticket === null}
                onClick={() => setFirstContact(firstContact ? null : { ticket: null })}
              >
                来电登记
              </button>
              <TabletPairing windowNo={no} />
            </div>

            <div class="feedback" role="alert" data-testid="console-message">
              {error && (
                <span class="error">
                  {error.text}
                  {error.offerSkip && (
                    <button disabled={busy} onClick={() => void skip()}>
                      过号
                    </button>
                  )}
                </span>
              )}
              {!error && info && <span class="info">{info}</span>}
            </div>

            {firstContact && s && (
              <FirstContactDesk
                key={firstContact.ticket?.id ?? 'phone'}
                windowNo={no}
                ticket={firstContact.ticket}
                windows={s.windows}
                today={s.center.serviceDate}
                onSignedOut={props.onSignedOut}
                onClose={(message) => {
                  setFirstContact(null);
                  if (message) setInfo(message);
                }}
              />
            )}
            {panel?.kind === 'pause' && (
              <PausePanel
                busy={busy}
                onCancel={() => setPanel(null)}
                onPause={(reason) => void run('暂停', `${w}/pause`, { reason }, () => setPanel(null))}
              />
            )}
            {panel?.kind === 'transfer' && s && current && (
              <TransferPanel
                snapshot={s}
                windowNo={no}
                ticket={current}
                busy={busy}
                onCancel={() => setPanel(null)}
                onTransfer={(body) => void run('转办', `${w}/transfer`, body, () => setPanel(null))}
              />
            )}
          </section>
          {win && s && appointmentOpen && (
            <AppointmentDesk
              today={s.center.serviceDate}
              categoryIds={win.categoryIds}
              categories={s.categories}
              onClose={() => setAppointmentOpen(false)}
              onSignedOut={props.onSignedOut}
            />
          )}
          {win && (
            <CaseDesk
              windowNo={no}
              categoryIds={win.categoryIds}
              ticket={current}
              open={caseOpen}
              onClose={() => setCaseOpen(false)}
              onSignedOut={props.onSignedOut}
            />
          )}
        </div>

        <aside class="side">
          <DutyDesk windowNo={no} onLeft={() => void signOut()} onSignedOut={props.onSignedOut} />
          <JiaobanDesk windowNo={no} onSignedOut={props.onSignedOut} />
          <JointDesk windowNo={no} onSignedOut={props.onSignedOut} />
          {win && <FeeDesk windowNo={no} categoryIds={win.categoryIds} onSignedOut={props.onSignedOut} />}
          <WindowInbox
            windowNo={no}
            today={s?.center.serviceDate ?? ''}
            onMessage={setInfo}
            onSignedOut={props.onSignedOut}
          />
          <section class="queue" data-testid="queue">
            <h2>
              等候队列 <span class="muted">（{queue.length} 人）</span>
            </h2>
            {/* The exact call order (the server's rule, see queue-view.ts): the first row is the next F1. */}
            <p class="muted note">
              按叫号顺序：紧急（急事特办）最先；预约优先；绿色通道每 {s?.center.normalPerPriority ?? '—'} 个普通号穿插 1
              个；同类按排队先后
            </p>
            {queue.length === 0 && <p class="muted">没有等候的群众</p>}
            <ol>
              {queue.map((t) => (
                <li key={t.id}>
                  <span class="num">{t.number}</span>
                  <span class="muted">{categoryName(t.categoryId)}</span>
                  {t.urgent && <UrgentTag />}
                  {t.appointmentId && <span class="tag appt">预约</span>}
                  {t.priority && <span class="tag prio">{PRIORITY_NAMES[t.priority]}</span>}
                  {t.priority && !t.priorityConfirmed && (
                    <button
                      class="small"
                      disabled={busy}
                      onClick={() =>
                        void run('确认绿色通道', `/api/tickets/${encodeURIComponent(t.id)}/confirm-priority`)
                      }
                    >
                      待核验·确认
                    </button>
                  )}
                  <span class="muted right">
                    {hhmm(t.issuedAt)} 取号 · 已等 {elapsedText(t.issuedAt, now)}
                  </span>
                  <TransferNote ticket={t} />
                  <button class="small" disabled={busy} onClick={() => setPanel({ kind: 'call', ticket: t })}>
                    指定叫号
                  </button>
                  {!t.urgent && (
                    <button class="small" disabled={busy} onClick={() => setPanel({ kind: 'urgent', ticket: t })}>
                      标记紧急
                    </button>
                  )}
                  {panel?.kind === 'urgent' && panel.ticket.id === t.id && (
                    <UrgentPanel
                      what={`${t.number} 号`}
                      busy={busy}
                      onCancel={() => setPanel(null)}
                      onMark={(reason) =>
                        void run(
                          `${t.number} 号已标记紧急`,
                          `/api/tickets/${encodeURIComponent(t.id)}/urgent`,
                          { reason },
                          () => setPanel(null),
                        )
                      }
                    />
                  )}
                  {panel?.kind === 'call' && panel.ticket.id === t.id && (
                    <CallPanel
                      ticket={t}
                      busy={busy}
                      onCancel={() => setPanel(null)}
                      onCall={(reason) =>
                        void run('指定叫号', `${w}/call`, { ticketId: t.id, reason }, () => setPanel(null))
                      }
                    />
                  )}
                </li>
              ))}
            </ol>
          </section>

          <section class="skipped" data-testid="skipped">
            <h2>过号恢复</h2>
            {mySkipped.length === 0 && <p class="muted">今天没有过号的号码</p>}
            <ul>
              {mySkipped.map((t) => (
                <li key={t.id}>
                  <span class="num">{t.number}</span>
                  <span class="muted">{categoryName(t.categoryId)}</span>
                  <button
                    class="small"
                    disabled={busy}
                    onClick={() =>
                      void run(`${t.number} 已恢复排队`, `/api/tickets/${encodeURIComponent(t.id)}/reactivate`)
                    }
                  >
                    恢复排队
                  </button>
                </li>
              ))}
            </ul>
          </section>
        </aside>
      </div>
    </div>
  );
}

function PausePanel(props: { busy: boolean; onPause: (reason: string) => void; onCancel: () => void }) {
  const [other, setOther] = useState('');
  const [showOther, setShowOther] = useState(false);
  return (
    <div class="panel" data-testid="pause-panel">
      <h3>暂停原因</h3>
      <div class="row">
        {PAUSE_REASONS.map((r) => (
          <button key={r} disabled={props.busy} onClick={() => (r === '其他' ? setShowOther(true) : props.onPause(r))}>
            {r}
          </button>
        ))}
        <button class="link" onClick={props.onCancel}>
          取消
        </button>
      </div>
      {showOther && (
        <form
          class="row"
          onSubmit={(e) => {
            e.preventDefault();
            props.onPause(other.trim() || '其他');
          }}
        >
          <input
            maxLength={40}
            placeholder="请写明原因"
            value={other}
            onInput={(e) => setOther(e.currentTarget.value)}
            autoFocus
          />
          <button type="submit" disabled={props.busy}>
            暂停
          </button>
        </form>
      )}
    </div>
  );
}

function TransferPanel(props: {
  snapshot: QueueSnapshot;
  windowNo: number;
  ticket: Ticket;
  busy: boolean;
  onTransfer: (body: { categoryId?: string; windowNo?: number; note?: string }) => void;
  onCancel: () => void;
}) {
  const [to, setTo] = useState<'category' | 'window'>('category');
  const categories = props.snapshot.categories.filter((c) => c.id !== props.ticket.categoryId);
  const windows = props.snapshot.windows.filter((w) => w.no !== props.windowNo);
  const [categoryId, setCategoryId] = useState(categories[0]?.id ?? '');
  // The first window someone is serving at, rather than window 1 whatever its state.
  const [windowNo, setWindowNo] = useState(
    (windows.find((w) => windowAvailability(w).kind === 'open') ?? windows[0])?.no ?? 0,
  );
  const [note, setNote] = useState('');
  const submit = (e: Event) => {
    e.preventDefault();
    const base = note.trim() ? { note: note.trim() } : {};
    props.onTransfer(to === 'category' ? { ...base, categoryId } : { ...base, windowNo });
  };
  return (
    <form class="panel" onSubmit={submit} data-testid="transfer-panel">
      <h3>转办 {props.ticket.number}（保留原排队时间）</h3>
      <div class="row">
        <label>
          <input type="radio" name="to" checked={to === 'category'} onChange={() => setTo('category')} /> 转到业务类别
        </label>
        <select
          name="categoryId"
          disabled={to !== 'category'}
          value={categoryId}
          onChange={(e) => setCategoryId(e.currentTarget.value)}
        >
          {categories.map((c) => (
            <option key={c.id} value={c.id}>
              {c.prefix} {c.name}
              {c.noServiceReason ? `（${c.noServiceReason}）` : ''}
            </option>
          ))}
        </select>
      </div>
      <div class="row">
        <label>
          <input type="radio" name="to" checked={to === 'window'} onChange={() => setTo('window')} /> 转到窗口
        </label>
      </div>
      <WindowTargets windows={windows} value={windowNo} disabled={to !== 'window'} onChange={setWindowNo} />
      <div class="row">
        <input
          name="note"
          maxLength={200}
          placeholder="备注（可选），如：需开具证明"
          value={note}
          onInput={(e) => setNote(e.currentTarget.value)}
        />
      </div>
      <div class="row">
        <button type="submit" class="primary" disabled={props.busy || (to === 'category' ? !categoryId : !windowNo)}>
          确认转办
        </button>
        <button type="button" class="link" onClick={props.onCancel}>
          取消
        </button>
      </div>
    </form>
  );
}

function CallPanel(props: { ticket: Ticket; busy: boolean; onCall: (reason: string) => void; onCancel: () => void }) {
  const [reason, setReason] = useState('');
  return (
    <form
      class="panel inline"
      onSubmit={(e) => {
        e.preventDefault();
        if (reason.trim()) props.onCall(reason.trim());
      }}
    >
      <input
        maxLength={200}
        placeholder={`指定叫 ${props.ticket.number} 的原因（必填，将记录）`}
        value={reason}
        onInput={(e) => setReason(e.currentTarget.value)}
        autoFocus
      />
      <button type="submit" class="primary" disabled={props.busy || !reason.trim()}>
        叫号
      </button>
      <button type="button" class="link" onClick={props.onCancel}>
        取消
      </button>
    </form>
  );
}
