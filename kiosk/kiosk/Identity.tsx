// The identified resident (masked name and ID only) and the green channel (绿色通道).
import { PRIORITY_REASONS, type PriorityReason } from '../../server/contract/queue.ts';
import { type IdCardRead } from '../../server/contract/devices.ts';
import { useKiosk, useSpokenHeading } from './kiosk-context.ts';

export function IdentityBar(props: {
  card: IdCardRead;
  priority: PriorityReason | null;
  onClear(): void;
  onCancelPriority(): void;
}) {
  const { t } = useKiosk();
  return (
    <div class="identity" data-testid="identity">
      <span class="identity-name">{t('id.hello', { name: props.card.nameMasked })}</span>
      <span class="identity-id">{t('id.number', { id: props.card.idMasked })}</span>
      {props.priority && (
        <span class="identity-green">
          {t('green.chosen', { reason: t(`priority.${props.priority}`) })}
          <button class="btn btn-small" onClick={props.onCancelPriority}>
            {t('green.cancel')}
          </button>
        </span>
      )}
      <button class="btn btn-small" onClick={props.onClear}>
        {t('id.clear')}
      </button>
    </div>
  );
}

export function ElderlyOffer(props: { card: IdCardRead; age: number; onAccept(): void; onDecline(): void }) {
  const { t } = useKiosk();
  const hello = t('id.hello', { name: props.card.nameMasked });
  useSpokenHeading(`${hello}。${t('id.elderlyOffer', { age: props.age })}`);
  return (
    <div class="dialog-veil">
      <div class="dialog" role="dialog" aria-modal="true">
        <h2>{hello}</h2>
        <p class="dialog-text">{t('id.elderlyOffer', { age: props.age })}</p>
        <div class="dialog-actions">
          <button class="btn btn-primary btn-green" onClick={props.onAccept}>
            {t('id.useElderly')}
          </button>
          <button class="btn" onClick={props.onDecline}>
            {t('id.noThanks')}
          </button>
        </div>
      </div>
    </div>
  );
}

/**
 * A resident may declare the green channel. Elderly is confirmed by the card's age (the server checks);
 * with a card under the age it is not offered. The other reasons are confirmed by staff at the window.
 */
export function GreenChannelDialog(props: {
  card: IdCardRead | null;
  elderlyAge: number;
  onChoose(p: PriorityReason): void;
  onClose(): void;
}) {
  const { t } = useKiosk();
  useSpokenHeading(t('green.title'));
  const reasons = PRIORITY_REASONS.filter((r) => r !== 'elderly' || !props.card || props.card.age >= props.elderlyAge);
  return (
    <div class="dialog-veil">
      <div class="dialog" role="dialog" aria-modal="true">
        <h2>{t('green.title')}</h2>
        <p class="dialog-text">{t('green.intro')}</p>
        {!props.card && <p class="dialog-text">{t('green.elderlyCard')}</p>}
        <div class="green-options">
          {reasons.map((r) => {
            const staff = r !== 'elderly' || !props.card;
            return (
              <button key={r} class="btn btn-green-option" onClick={() => props.onChoose(r)}>
                <span>{t(`priority.${r}`)}</span>
                {staff && <span class="green-note">{t('green.staffConfirms')}</span>}
              </button>
            );
          })}
        </div>
        <div class="dialog-actions">
          <button class="btn" onClick={props.onClose}>
            {t('app.close')}
          </button>
        </div>
      </div>
    </div>
  );
}
