// A category nobody is calling now (午休, between sessions, nobody signed in): before a number is issued
// the resident hears the truth and chooses — a number anyway, or a booked time (预约服务制, issue 24).
import type { CategoryView } from '../../server/contract/queue.ts';
import { useKiosk, useSpokenHeading } from './kiosk-context.ts';

export function NoServiceDialog(props: {
  category: CategoryView;
  reason: string;
  onTake(): void;
  onBook(): void;
  onClose(): void;
}) {
  const { t } = useKiosk();
  const text = t('noService.text', { category: props.category.name, reason: props.reason });
  useSpokenHeading(text);
  return (
    <div class="dialog-veil">
      <div class="dialog dialog-no-service" role="alertdialog" aria-modal="true" data-testid="no-service-dialog">
        <h2>{t('noService.title')}</h2>
        <p class="dialog-text">{text}</p>
        <div class="dialog-actions">
          <button class="btn btn-primary" onClick={props.onBook} data-testid="no-service-book">
            {t('noService.book')}
          </button>
          <button class="btn" onClick={props.onTake} data-testid="no-service-take">
            {t('noService.take')}
          </button>
          <button class="btn" onClick={props.onClose}>
            {t('noService.back')}
          </button>
        </div>
      </div>
    </div>
  );
}
