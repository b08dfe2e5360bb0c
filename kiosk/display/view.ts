// What the displays show, derived from the live snapshot (pure; the screens hold no truth of their own).
import type { CallRecord, QueueSnapshot, WindowState } from '../../server/contract/queue.ts';

export const callKey = (c: CallRecord) => `${c.ticketId}@${c.at}`;

/** The number a window is serving now, from its current ticket; null when idle. */
export function currentNumber(s: QueueSnapshot, w: WindowState): string | null {
  if (!w.currentTicketId) return null;
  return s.tickets.find((t) => t.id === w.currentTicketId)?.number ?? null;
}

export type WindowMode =
  | { kind: 'closed' }
  | { kind: 'paused'; reason: string | null }
  | { kind: 'serving'; number: string }
  | { kind: 'idle' };

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

/**
 * The call the big panel shows: the newest one still live — its ticket is the current ticket of that
 * window and the window is not paused. After a skip, finish, transfer or pause the panel is empty, not
 * the stale call (请到3号窗口办理 for a ticket already skipped).
 */
export function liveCall(s: QueueSnapshot): CallRecord | null {
  for (const c of s.recentCalls) {
    const w = s.windows.find((x) => x.no === c.windowNo);
    if (w && !w.paused && w.currentTicketId === c.ticketId) return c;
  }
  return null;
}

/**
 * The recent-calls list: each ticket once (its newest call; recalls do not repeat it), at the window that
 * has it now. A ticket transferred and not yet called again has no window: it leaves the list. `except`
 * (the big panel's call) is not repeated below it. The server sends recentCalls the same way, so the list
 * is the same after a restart.
 */
export function callHistory(s: QueueSnapshot, n: number, except: CallRecord | null = null): CallRecord[] {
  const seen = new Set<string>();
  const out: CallRecord[] = [];
  for (const c of s.recentCalls) {
    if (seen.has(c.ticketId)) continue;
    seen.add(c.ticketId);
    if (except && c.ticketId === except.ticketId) continue;
    // Still open: it must be at the window of this call (a transfer moved it, or it waits again).
    const t = s.tickets.find((x) => x.id === c.ticketId);
    if (t && t.windowNo !== c.windowNo) continue;
    out.push(c);
    if (out.length >= n) break;
  }
  return out;
}
