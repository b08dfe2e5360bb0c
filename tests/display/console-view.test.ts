// The console's queue order and texts.
import { describe, expect, it } from 'vitest';
import { elapsedText, printFailureText, windowQueue } from '../../kiosk/console/queue-view.ts';
import type { QueueSnapshot, Ticket, WindowState } from '../../server/contract/queue.ts';

let n = 0;
function ticket(over: Partial<Ticket>): Ticket {
  n++;
  return {
    id: `t${n}`,
    number: `C${String(n).padStart(3, '0')}`,
    categoryId: 'labor',
    serviceDate: '2026-11-23',
    status: 'waiting',
    priority: null,
    priorityConfirmed: false,
    issuedAt: `2026-11-23T01:${String(n).padStart(2, '0')}:00Z`,
    calledAt: null,
    finishedAt: null,
    windowNo: null,
    targetWindowNo: null,
    recallCount: 0,
    appointmentId: null,
    nameMasked: null,
    idMasked: null,
    matterIds: [],
    ahead: 0,
    orderKey: 0,
    ...over,
    ...(over.orderKey === undefined
      ? { orderKey: Date.parse(over.issuedAt ?? `2026-11-23T01:${String(n).padStart(2, '0')}:00Z`) }
      : {}),
  };
}

const win: WindowState = {
  no: 3,
  name: '劳动保障',
  categoryIds: ['labor'],
  paused: false,
  pauseReason: null,
  staffName: null,
  staffRole: null,
  currentTicketId: null,
  autoCall: false,
  normalSincePriority: 1000,
};

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
    const s = {
      tickets: [late, prio, other, early, appt, elsewhere, called, mine],
      center: { normalPerPriority: 3 },
    } as unknown as QueueSnapshot;
    expect(windowQueue(s, win).map((t) => t.id)).toEqual([appt.id, prio.id, mine.id, early.id, late.id]);
  });

  it("interleaves green channel as the server will call: one per N normal tickets, counting from the window's own counter", () => {
    const normals = [1, 2, 3, 4, 5].map((i) => ticket({ issuedAt: `2026-11-23T01:0${i}:00Z` }));
    const greens = [6, 7].map((i) =>
      ticket({ issuedAt: `2026-11-23T01:0${i}:00Z`, priority: 'elderly', priorityConfirmed: true }),
    );
    const s = { tickets: [...normals, ...greens], center: { normalPerPriority: 2 } } as unknown as QueueSnapshot;
    // Just called a green-channel ticket (counter 0): two normal ones first, then green, and so on.
    expect(windowQueue(s, { ...win, normalSincePriority: 0 }).map((t) => t.id)).toEqual(
      [normals[0], normals[1], greens[0], normals[2], normals[3], greens[1], normals[4]].map((t) => t!.id),
    );
    // Counter already at the limit: green first.
    expect(windowQueue(s, { ...win, normalSincePriority: 2 })[0]!.id).toBe(greens[0]!.id);
  });

  it("takes the window's preferred category first within a tier, and a re-entered ticket by its order key", () => {
    const general = ticket({ categoryId: 'general', issuedAt: '2026-11-23T01:00:00Z' });
    const consult = ticket({ categoryId: 'consult', issuedAt: '2026-11-23T01:30:00Z' });
    const reentered = ticket({
      categoryId: 'consult',
      issuedAt: '2026-11-23T00:10:00Z',
      orderKey: Date.parse('2026-11-23T01:40:00Z'),
    });
    const s = { tickets: [general, reentered, consult], center: { normalPerPriority: 3 } } as unknown as QueueSnapshot;
    const w1 = { ...win, no: 1, categoryIds: ['consult', 'general'] };
    expect(windowQueue(s, w1).map((t) => t.id)).toEqual([consult.id, reentered.id, general.id]);
  });

  it('orders 500 waiting tickets: every one once, green channel one per N', () => {
    const many = Array.from({ length: 500 }, (_, i) =>
      ticket({
        issuedAt: new Date(Date.parse('2026-11-23T01:00:00Z') + i * 1000).toISOString(),
        priority: i % 7 === 0 ? 'elderly' : null,
      }),
    );
    const s = { tickets: many, center: { normalPerPriority: 3 } } as unknown as QueueSnapshot;
    const order = windowQueue(s, win);
    expect(new Set(order.map((t) => t.id)).size).toBe(500);
    // Counter starts at 1000 (no green-channel call yet): green first, then at most one per 3 normal.
    const greens = order.map((t, i) => (t.priority ? i : -1)).filter((i) => i >= 0);
    expect(greens[0]).toBe(0);
    greens.slice(1).forEach((at, k) => expect(at - greens[k]!).toBeGreaterThanOrEqual(4));
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
