// The console's queue order and texts.
import { describe, expect, it } from 'vitest';
import { elapsedText, printFailureText, windowQueue } from '../../kiosk/console/queue-view.ts';
import type { QueueSnapshot, Ticket, WindowState } from '../../server/wire.ts';

let n = 0;
function ticket(over: Partial<Ticket>): Ticket {
  n++;
  return { id: `t${n}`, number: `C${String(n).padStart(3, '0')}`, categoryId: 'labor', serviceDate: '2026-11-23', status: 'waiting', priority: null, priorityConfirmed: false, issuedAt: `2026-11-23T01:${String(n).padStart(2, '0')}:00Z`, calledAt: null, finishedAt: null, windowNo: null, targetWindowNo: null, recallCount: 0, appointmentId: null, nameMasked: null, idMasked: null, matterIds: [], ahead: 0, ...over };
}

const win: WindowState = { no: 3, name: '劳动保障', categoryIds: ['labor'], paused: false, pauseReason: null, staffName: null, staffRole: null, currentTicketId: null, autoCall: false };

describe('windowQueue', () => {
  it('orders appointments, then green channel, then by issue time; leaves out other categories, windows and non-waiting', () => {
    const early = ticket({ issuedAt: '2026-11-23T01:00:00Z' });
    const late = ticket({ issuedAt: '2026-11-23T02:00:00Z' });
    const prio = ticket({ issuedAt: '2026-11-23T03:00:00Z', priority: 'elderly', priorityConfirmed: true });
    const appt = ticket({ issuedAt: '2026-11-23T04:00:00Z', appointmentId: 'ap1' });
    const mine = ticket({ issuedAt: '2026-11-23T00:30:00Z', targetWindowNo: 3 });
    const other = ticket({ categoryId: 'civil' });
    const elsewhere = ticket({ targetWindowNo: 5 });
    const called = ticket({ status: 'called', windowNo: 3 });
    const s = { tickets: [late, prio, other, early, appt, elsewhere, called, mine] } as unknown as QueueSnapshot;
    expect(windowQueue(s, win).map((t) => t.id)).toEqual([appt.id, prio.id, mine.id, early.id, late.id]);
  });
});

describe('texts', () => {
  it('elapsed time', () => {
    const now = new Date('2026-11-23T02:00:00Z');
    expect(elapsedText('2026-11-23T01:59:40Z', now)).toBe('不到 1 分钟');
    expect(elapsedText('2026-11-23T01:35:00Z', now)).toBe('25 分钟');
    expect(elapsedText('2026-11-23T00:55:00Z', now)).toBe('1 小时 5 分钟');
  });
  it('print failure', () => {
    expect(printFailureText('A012', '打印机缺纸。')).toBe('A012 小票打印失败：打印机缺纸，请为群众补打');
  });
});
