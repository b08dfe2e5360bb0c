// The ticket's truth is the server's: the page subscribes to its own ticket (/ws?role=ticket&ticket=<id>)
// and the server pushes its updates, its new place in line whenever that moves, and the hall's calls
// (issue 26: no refetch per event from hundreds of phones). On a fresh snapshot (a reconnect) it asks GET
// /api/tickets/:id once, one request at a time.
import { useEffect, useState } from 'preact/hooks';
import type { QueueSnapshot, Ticket } from '../../server/contract/queue.ts';
import { type ApiCallError, call } from '../lib/api.ts';
import { LiveQueue } from '../lib/live.ts';
import { translator } from '../kiosk/strings.ts';
import { ticketStatusText, ticketWindows, windowList } from '../kiosk/ticket-status.ts';

const t = translator('zh');
const time = (d: Date) =>
  d.toLocaleTimeString('zh-CN', { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });

export function TicketPage({ ticketId }: { ticketId: string }) {
  const [ticket, setTicket] = useState<Ticket | null>(null);
  const [snapshot, setSnapshot] = useState<QueueSnapshot | null>(null);
  const [connected, setConnected] = useState(false);
  const [error, setError] = useState('');
  const [updated, setUpdated] = useState<Date | null>(null);

  useEffect(() => {
    let inFlight = false;
    let again = false;
    let stopped = false;
    const refresh = async () => {
      if (inFlight) {
        again = true; // coalesce a burst of events into one more request
        return;
      }
      inFlight = true;
      try {
        const r = await call('GET /api/tickets/:id', { params: { id: ticketId } });
        if (stopped) return;
        setTicket((old) => {
          if (old && old.status !== 'called' && r.ticket.status === 'called') navigator.vibrate?.([300, 150, 300]);
          return r.ticket;
        });
        setError('');
        setUpdated(new Date());
      } catch (e) {
        if (!stopped) setError((e as ApiCallError).message);
      } finally {
        inFlight = false;
        if (again && !stopped) {
          again = false;
          void refresh();
        }
      }
    };
    void refresh();
    const live = new LiveQueue('ticket', { ticket: ticketId });
    const off = live.subscribe((state, msg) => {
      setConnected(state.connected);
      setSnapshot(state.snapshot);
      if (!msg) return;
      if (msg.type === 'snapshot') void refresh();
      // Its own ticket, pushed: called, transferred, finished, or a new place in line (ahead).
      else if (
        (msg.type === 'ticket.issued' || msg.type === 'ticket.updated' || msg.type === 'ticket.called') &&
        msg.ticket.id === ticketId
      ) {
        const pushed = msg.ticket;
        setTicket((old) => {
          if (old && old.status !== 'called' && pushed.status === 'called') navigator.vibrate?.([300, 150, 300]);
          return pushed;
        });
        setUpdated(new Date());
      }
    });
    live.start();
    return () => {
      stopped = true;
      off();
      live.stop();
    };
  }, [ticketId]);

  const category = ticket && snapshot ? snapshot.categories.find((c) => c.id === ticket.categoryId) : undefined;
  return (
    <main class="page">
      <header>
        <div class="center">{snapshot?.center.name ?? '\u00a0'}</div>
        <h1>{t('phone.title')}</h1>
      </header>
      {error && <p class="error">{error}</p>}
      {!ticket && !error && <p class="muted">{t('status.loading')}</p>}
      {ticket && (
        <section class={`card status-${ticket.status}`} data-testid="phone-ticket">
          <div class="label">{t('result.yourNumber')}</div>
          <div class="number">{ticket.number}</div>
          {category && <div class="category">{category.name}</div>}
          <div class="status" data-testid="phone-status">
            {ticketStatusText(t, ticket)}
          </div>
          {ticket.status === 'called' && <p class="called-hint">{t('phone.calledHint')}</p>}
          {ticket.status === 'waiting' && (
            <div class="ahead" data-testid="phone-ahead">
              <span class="ahead-label">{t('phone.aheadLabel')}</span>
              <span class="ahead-n">{ticket.ahead}</span>
              <span class="ahead-label">{t('phone.aheadUnit')}</span>
            </div>
          )}
          {ticket.status === 'waiting' && category && ticketWindows(ticket, category.windows).length > 0 && (
            <p class="windows" data-testid="phone-windows">
              {t('result.windows', { list: windowList(ticketWindows(ticket, category.windows), 'zh') })}
            </p>
          )}
          {ticket.status === 'skipped' && <p class="muted">{t('status.skippedHint')}</p>}
        </section>
      )}
      <footer class="muted">
        <span class={connected ? 'live' : 'offline'}>{connected ? t('phone.live') : t('phone.offline')}</span>
        {updated && <span> · {t('phone.updated', { time: time(updated) })}</span>}
        <a class="book-link" href="/book">
          预约下次办理
        </a>
      </footer>
    </main>
  );
}
