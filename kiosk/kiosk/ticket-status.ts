// A ticket's status in words, shared by the kiosk's scan screen and the phone page /t/:id.
import type { Ticket } from '../../server/contract/queue.ts';
import type { Translate } from './strings.ts';

export function ticketStatusText(t: Translate, ticket: Pick<Ticket, 'status' | 'windowNo'>): string {
  const window = ticket.windowNo ?? '—';
  switch (ticket.status) {
    case 'waiting':
      return t('status.waiting');
    case 'called':
      return t('status.called', { window });
    case 'serving':
      return t('status.serving', { window });
    case 'finished':
      return t('status.finished');
    case 'skipped':
      return t('status.skipped');
    case 'cancelled':
      return t('status.cancelled');
  }
}

/** Windows as one list: [1, 2] → "1、2" in Chinese, "1, 2" otherwise. */
export function windowList(windows: number[], lang: string): string {
  return windows.join(lang === 'zh' ? '、' : ', ');
}
