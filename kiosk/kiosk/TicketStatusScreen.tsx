// A scanned ticket QR (scanner, keyboard wedge or camera): that ticket's status, read from the server.
import { useEffect, useState } from 'preact/hooks';
import type { CategoryView, Ticket } from '../../server/contract/queue.ts';
import { type ApiCallError, call } from '../lib/api.ts';
import { useKiosk, useSpokenHeading } from './kiosk-context.ts';
import { ticketStatusText, windowList } from './ticket-status.ts';

export function TicketStatusScreen({
  ticketId,
  categories,
  onBack,
}: {
  ticketId: string | null;
  categories: CategoryView[];
  onBack(): void;
}) {
  const { t, lang } = useKiosk();
  const [ticket, setTicket] = useState<Ticket | null>(null);
  const [error, setError] = useState(ticketId ? '' : t('status.unknownCode'));
  useSpokenHeading(ticket ? `${ticket.number} ${ticketStatusText(t, ticket)}` : error || null);

  useEffect(() => {
    setTicket(null);
    setError(ticketId ? '' : t('status.unknownCode'));
    if (!ticketId) return;
    let current = true;
    call('GET /api/tickets/:id', { params: { id: ticketId } })
      .then((r) => current && setTicket(r.ticket))
      .catch((err: ApiCallError) => current && setError(err.message));
    return () => {
      current = false;
    };
  }, [ticketId]);

  const category = ticket ? categories.find((c) => c.id === ticket.categoryId) : undefined;
  return (
    <div class="status-screen" data-testid="status">
      <h1 class="heading">{t('status.heading')}</h1>
      {!ticket && !error && <p class="hint">{t('status.loading')}</p>}
      {error && <p class="error-text">{error}</p>}
      {ticket && (
        <div class="status-card">
          <div class="result-number">{ticket.number}</div>
          {category && <div class="result-category">{category.name}</div>}
          <div class={`status-pill status-${ticket.status}`}>{ticketStatusText(t, ticket)}</div>
          {ticket.status === 'waiting' && (
            <p class="result-ahead">
              {ticket.ahead > 0 ? t('result.ahead', { n: ticket.ahead }) : t('result.aheadNone')}
            </p>
          )}
          {ticket.status === 'waiting' && category && category.windows.length > 0 && (
            <p class="result-windows">{t('result.windows', { list: windowList(category.windows, lang) })}</p>
          )}
          {ticket.status === 'skipped' && <p class="hint">{t('status.skippedHint')}</p>}
        </div>
      )}
      <div class="actions">
        <button class="btn btn-primary" onClick={onBack}>
          {t('app.back')}
        </button>
      </div>
    </div>
  );
}
