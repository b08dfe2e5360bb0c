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

/** 2026-12-06 → 12月6日 (Chinese) or 6 Dec (English). */
export function dayText(date: string, lang: string): string {
  const [, m, d] = date.split('-').map(Number);
  if (lang === 'zh') return `${m}月${d}日`;
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  return `${d} ${months[(m ?? 1) - 1]}`;
}

/** The day before a YYYY-MM-DD date, as YYYY-MM-DD. */
export function previousDay(date: string): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/**
 * A slip of another day (issue 24: yesterday's slip said 已取消 while today's same number waited): which
 * day it was for, 昨天（12月6日） when it was yesterday; null for today's ticket or when today is unknown.
 */
export function otherDayText(
  t: Translate,
  lang: string,
  ticket: Pick<Ticket, 'serviceDate'>,
  today: string | null,
): string | null {
  if (!today || ticket.serviceDate === today) return null;
  const day = dayText(ticket.serviceDate, lang);
  const date = previousDay(today) === ticket.serviceDate ? t('status.yesterday', { date: day }) : day;
  return t('status.otherDay', { date });
}

/**
 * The windows that will call a waiting ticket: the one it was transferred to (only that window calls it),
 * otherwise every window serving its category (issue 24: a ticket transferred to window 4 said 4、5号窗口).
 */
export function ticketWindows(ticket: Pick<Ticket, 'targetWindowNo'>, categoryWindows: readonly number[]): number[] {
  return ticket.targetWindowNo !== null ? [ticket.targetWindowNo] : [...categoryWindows];
}
