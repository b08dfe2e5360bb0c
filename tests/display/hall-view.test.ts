// What the hall display shows (kiosk/display/view.ts): the big panel only a live call; the list each
// ticket once, at the window that has it.
import { describe, expect, it } from 'vitest';
import { callHistory, liveCall } from '../../kiosk/display/view.ts';
import type { CallRecord, QueueSnapshot, Ticket, WindowState } from '../../server/contract/queue.ts';

const call = (ticketId: string, windowNo: number, at: string, recall = false): CallRecord => ({
  ticketId,
  number: ticketId.toUpperCase(),
  windowNo,
  windowName: '',
  at,
  recall,
  announcement: '',
});
const win = (no: number, currentTicketId: string | null, paused = false) =>
  ({ no, currentTicketId, paused }) as WindowState;
const open = (id: string, status: Ticket['status'], windowNo: number | null) => ({ id, status, windowNo }) as Ticket;
const snap = (recentCalls: CallRecord[], windows: WindowState[], tickets: Ticket[]) =>
  ({ recentCalls, windows, tickets }) as QueueSnapshot;

describe('hall display view', () => {
  it('the big panel shows the newest call still current at a window that is not paused', () => {
    const calls = [call('c3', 3, '09:03'), call('c2', 4, '09:02')];
    expect(liveCall(snap(calls, [win(3, 'c3'), win(4, 'c2')], []))?.ticketId).toBe('c3');
    expect(liveCall(snap(calls, [win(3, null), win(4, 'c2')], []))?.ticketId).toBe('c2'); // c3 skipped or finished
    expect(liveCall(snap(calls, [win(3, 'c3', true), win(4, null)], []))).toBeNull(); // paused
  });

  it('lists each ticket once (recalls do not repeat it) and drops a ticket transferred away', () => {
    const calls = [
      call('c1', 3, '09:05', true),
      call('a1', 1, '09:04'),
      call('c1', 3, '09:03', true),
      call('c1', 3, '09:01'),
    ];
    const s = snap(calls, [win(3, 'c1'), win(1, null)], [open('c1', 'called', 3), open('a1', 'waiting', null)]);
    expect(callHistory(s, 10).map((c) => c.ticketId)).toEqual(['c1']);
    expect(callHistory(s, 10, liveCall(s))).toEqual([]);
    // Called again at window 6 after the transfer: listed once, at window 6.
    const s2 = snap(
      [call('a1', 6, '09:06'), ...calls],
      [win(3, 'c1'), win(6, 'a1')],
      [open('c1', 'called', 3), open('a1', 'called', 6)],
    );
    expect(callHistory(s2, 10).map((c) => `${c.ticketId}@${c.windowNo}`)).toEqual(['a1@6', 'c1@3']);
  });
});
