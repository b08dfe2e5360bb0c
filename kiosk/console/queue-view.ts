// What the console shows about the queue, derived from the live snapshot (pure, unit-tested in
// tests/display/console-view.test.ts).
import type { QueueSnapshot, Ticket, WindowState } from '../../server/wire.ts';

/** 0 appointment, 1 green channel, 2 everyone else: the order the queue rules call them. */
export function tier(t: Pick<Ticket, 'appointmentId' | 'priority'>): 0 | 1 | 2 {
  if (t.appointmentId) return 0;
  return t.priority ? 1 : 2;
}

/**
 * The waiting tickets this window serves, in call order: appointments, then green channel, then by issue
 * time (a transferred ticket keeps its original issue time). Tickets transferred to another window are
 * left out; those transferred to this one are in.
 */
export function windowQueue(s: QueueSnapshot, w: WindowState): Ticket[] {
  return s.tickets
    .filter((t) => t.status === 'waiting' && w.categoryIds.includes(t.categoryId) && (t.targetWindowNo === null || t.targetWindowNo === w.no))
    .sort((a, b) => tier(a) - tier(b) || Date.parse(a.issuedAt) - Date.parse(b.issuedAt) || a.number.localeCompare(b.number));
}

/** "25 分钟" / "1 小时 5 分钟" from `fromIso` to `now`. */
export function elapsedText(fromIso: string, now: Date): string {
  const minutes = Math.max(0, Math.floor((now.getTime() - Date.parse(fromIso)) / 60_000));
  if (minutes < 1) return '不到 1 分钟';
  if (minutes < 60) return `${minutes} 分钟`;
  return `${Math.floor(minutes / 60)} 小时 ${minutes % 60} 分钟`;
}

/** 09:05 */
export function hhmm(iso: string): string {
  const d = new Date(iso);
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}

/** The line a console shows when the kiosk could not print a resident's slip. */
export function printFailureText(number: string, message: string): string {
  return `${number} 小票打印失败：${message.replace(/[。．.]+$/, '')}，请为群众补打`;
}
