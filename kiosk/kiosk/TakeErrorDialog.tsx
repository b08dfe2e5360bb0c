// A ticket could not be taken: the server's Chinese message as it is, and what the person can do next.
import type { ApiCallError } from '../lib/api.ts';
import { useKiosk, useSpokenHeading } from './kiosk-context.ts';

export function TakeErrorDialog(props: {
  error: ApiCallError;
  busy: boolean;
  canRetry: boolean;
  onRetry(): void;
  onReprint(ticketId: string): void;
  onClose(): void;
}) {
  const { t } = useKiosk();
  const { error } = props;
  // already-has-ticket carries the existing ticket: offer to reprint it instead of a second number.
  const existing =
    error.code === 'already-has-ticket' && typeof error.body.ticketId === 'string' ? error.body.ticketId : null;
  useSpokenHeading(error.message);
  return (
    <div class="dialog-veil">
      <div class="dialog dialog-error" role="alertdialog" aria-modal="true">
        <h2>{t('take.failed')}</h2>
        <p class="dialog-text" data-testid="error-message">
          {error.message}
        </p>
        <div class="dialog-actions">
          {existing && (
            <button class="btn btn-primary" disabled={props.busy} onClick={() => props.onReprint(existing)}>
              {props.busy ? t('take.reprinting') : t('take.reprint')}
            </button>
          )}
          {props.canRetry && (
            <button class="btn btn-primary" disabled={props.busy} onClick={props.onRetry}>
              {t('app.retry')}
            </button>
          )}
          <button class="btn" disabled={props.busy} onClick={props.onClose}>
            {t('app.close')}
          </button>
        </div>
      </div>
    </div>
  );
}
