// What the displays show, derived from the live snapshot (pure; the screens hold no truth of their own).
import type { CallRecord, QueueSnapshot, WindowState } from '../../server/wire.ts';

export const callKey = (c: CallRecord) => `${c.ticketId}@${c.at}`;

/** The number a window is serving now, from its current ticket; null when idle. */
export function currentNumber(s: QueueSnapshot, w: WindowState): string | null {
  if (!w.currentTicketId) return null;
  return s.tickets.find((t) => t.id === w.currentTicketId)?.number ?? null;
}

export type WindowMode = { kind: 'closed' } | { kind: 'paused'; reason: string | null } | { kind: 'serving'; number: string } | { kind: 'idle' };

/** closed: nobody signed in; paused (with reason); serving a number; idle (open, nobody called). */
export function windowMode(s: QueueSnapshot, w: WindowState): WindowMode {
  const number = currentNumber(s, w);
  if (w.paused) return { kind: 'paused', reason: w.pauseReason };
  if (number) return { kind: 'serving', number };
  if (!w.staffName) return { kind: 'closed' };
  return { kind: 'idle' };
}

/** Latest first, at most n. */
export function lastCalls(s: QueueSnapshot, n: number): CallRecord[] {
  return s.recentCalls.slice(0, n);
}
