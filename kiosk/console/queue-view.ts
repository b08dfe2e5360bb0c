// What the console shows about the queue, derived from the live snapshot (pure, unit-tested in
// tests/display/console-view.test.ts).
import type { QueueSnapshot, Ticket, WindowState } from '../../server/contract/queue.ts';
import { pickNext, tier } from '../../server/contract/queue-rules.ts';

/**
 * The waiting tickets this window serves, in the order F1 will call them if nobody else calls first: the
 * server's own rule (server/contract/queue-rules.ts pickNext) applied again and again to the snapshot — appointments,
 * then green channel interleaved with normal tickets (one per `normalPerPriority`), the window's preferred
 * category first, then the place in line. Tickets transferred to another window are left out.
 */
export function windowQueue(s: QueueSnapshot, w: WindowState): Ticket[] {
  const left = s.tickets.filter((t) => t.status === 'waiting');
  const order: Ticket[] = [];
  let normalSincePriority = w.normalSincePriority;
  for (;;) {
    const next = pickNext(
      { no: w.no, categoryIds: w.categoryIds, normalSincePriority },
      left,
      s.center.normalPerPriority,
    ) as Ticket | null;
    if (!next) return order;
    order.push(next);
    left.splice(left.indexOf(next), 1);
    // As the server counts on each call: a normal ticket adds one, a green-channel ticket resets it.
    const t = tier(next);
    if (t === 2) normalSincePriority++;
    else if (t === 1) normalSincePriority = 0;
  }
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
