// After taking a number: the number large, where to go, and the slip's fate. If the slip did not print,
// the number stays large with its QR code so the person can photograph it.
import type { CategoryView, Ticket } from '../../server/contract/queue.ts';
import { LazyQrCode } from './LazyQrCode.tsx';
import { useKiosk, useSpokenHeading } from './kiosk-context.ts';
import { windowList } from './ticket-status.ts';
import { CategoryName } from './Home.tsx';

export interface PrintOutcome {
  ok: boolean;
  message: string;
}

export function ticketUrl(id: string): string {
  return `${location.origin}/t/${id}`;
}

export function TicketResult(props: {
  ticket: Ticket;
  category: CategoryView | null;
  print: PrintOutcome | null;
  busy: boolean;
  onReprint(): void;
  onDone(): void;
}) {
  const { t, lang } = useKiosk();
  const { ticket, category, print } = props;
  const failed = print !== null && !print.ok;
  const categoryName = category?.name ?? '';
  useSpokenHeading(
    t('result.speech', { number: ticket.number, category: categoryName, n: ticket.ahead }) +
      (print ? (print.ok ? t('result.printed') : t('result.printFailed')) : ''),
  );
  const reason = ticket.priority ? t(`priority.${ticket.priority}`) : '';
  return (
    <div
      class={`result${failed ? ' result-failed' : ''}`}
      data-testid="result"
      data-print={print ? (print.ok ? 'ok' : 'failed') : 'pending'}
    >
      <h1 class="heading">{failed ? t('result.printFailedTitle') : t('result.heading')}</h1>
      {/* Right under the heading: the slip's fate must never be below the fold. */}
      <div class={`print-state${failed ? ' print-failed' : ''}`} role="status">
        {print === null && <span class="printing">{t('result.printing')}</span>}
        {print?.ok && <span class="printed">{t('result.printed')}</span>}
        {failed && <span>{t('result.printFailed')}</span>}
      </div>
      <div class="result-body">
        <div class="result-number-box">
          <div class="result-label">{t('result.yourNumber')}</div>
          <div class="result-number" data-testid="ticket-number">
            {ticket.number}
          </div>
          <CategoryName class="result-category" name={categoryName} />
        </div>
        {failed && (
          <div class="result-qr">
            <LazyQrCode text={ticketUrl(ticket.id)} label={ticket.number} class="qr" />
            <div class="hint">{t('result.qrHint')}</div>
          </div>
        )}
      </div>
      <p class="result-ahead">{ticket.ahead > 0 ? t('result.ahead', { n: ticket.ahead }) : t('result.aheadNone')}</p>
      {category && category.windows.length > 0 && (
        <p class="result-windows">{t('result.windows', { list: windowList(category.windows, lang) })}</p>
      )}
      {ticket.priority && (
        <p class="result-priority">
          {ticket.priorityConfirmed ? t('result.priority', { reason }) : t('result.priorityPending', { reason })}
        </p>
      )}
      <div class="actions">
        {failed && (
          <button class="btn" disabled={props.busy} onClick={props.onReprint}>
            {t('result.reprint')}
          </button>
        )}
        <button class="btn btn-primary" onClick={props.onDone}>
          {t('result.done')}
        </button>
      </div>
    </div>
  );
}
