import { describe, expect, it } from 'vitest';
import {
  aheadCounts,
  announcementText,
  callPlaces,
  estimateWaitMinutes,
  noServiceReason,
  tier,
  closedReason,
  pickNext,
  quotaReason,
  reentryKey,
  ticketNumber,
  type Queued,
} from '../../server/contract/queue-rules.ts';
import { localTime } from '../../server/common/clock.ts';

const q = (id: string, orderKey: number, extra: Partial<Queued> = {}): Queued => ({
  id,
  categoryId: 'civil',
  priority: null,
  priorityConfirmed: true,
  appointmentId: null,
  targetWindowNo: null,
  orderKey,
  ...extra,
});

describe('ticket numbers', () => {
  it('pads to three digits and grows past 999', () => {
    expect(ticketNumber('A', 1)).toBe('A001');
    expect(ticketNumber('B', 12)).toBe('B012');
    expect(ticketNumber('C', 1000)).toBe('C1000');
  });
});

describe('pickNext', () => {
  const win = (normalSincePriority: number, categoryIds = ['civil']) => ({ no: 4, categoryIds, normalSincePriority });

  it('is FIFO by original issue time within equal priority', () => {
    const waiting = [q('c', 3), q('a', 1), q('b', 2)];
    expect(pickNext(win(0), waiting, 2)?.id).toBe('a');
  });

  it('serves at most one green-channel ticket for every N normal ones while both wait', () => {
    let waiting = [
      q('p1', 5, { priority: 'elderly' }),
      q('p2', 6, { priority: 'disabled' }),
      q('n1', 1),
      q('n2', 2),
      q('n3', 3),
      q('n4', 4),
    ];
    let since = 1000; // fresh window: priority first
    const order: string[] = [];
    for (let i = 0; i < 6; i++) {
      const t = pickNext(win(since), waiting, 2)!;
      order.push(t.id);
      since = t.priority ? 0 : since + 1;
      waiting = waiting.filter((x) => x.id !== t.id);
    }
    expect(order).toEqual(['p1', 'n1', 'n2', 'p2', 'n3', 'n4']);
  });

  it('calls green channel when no normal ticket waits, whatever the ratio', () => {
    expect(pickNext(win(0), [q('p', 1, { priority: 'military' })], 5)?.id).toBe('p');
  });

  it('puts checked-in appointments ahead of the green channel and walk-ins', () => {
    const waiting = [q('n', 1), q('p', 2, { priority: 'elderly' }), q('appt', 9, { appointmentId: 'x' })];
    expect(pickNext(win(1000), waiting, 2)?.id).toBe('appt');
  });

  it("takes the window's preferred category first", () => {
    const waiting = [q('civil-old', 1), q('dis-new', 9, { categoryId: 'disabled' })];
    expect(pickNext(win(0, ['disabled', 'civil']), waiting, 2)?.id).toBe('dis-new');
    expect(pickNext(win(0, ['civil', 'disabled']), waiting, 2)?.id).toBe('civil-old');
  });

  it('leaves tickets of other categories and tickets sent to another window alone', () => {
    const waiting = [
      q('other', 1, { categoryId: 'labor' }),
      q('elsewhere', 2, { targetWindowNo: 5 }),
      q('mine', 3, { targetWindowNo: 4 }),
    ];
    expect(pickNext(win(0), waiting, 2)?.id).toBe('mine');
    expect(pickNext(win(0), [waiting[0]!, waiting[1]!], 2)).toBeNull();
  });
});

describe('people ahead (前面等候 N 人)', () => {
  const w = (no: number, categoryIds: string[], normalSincePriority = 0) => ({ no, categoryIds, normalSincePriority });

  it('is the place in the order the window will call, the green channel interleaved (the C003 case)', () => {
    // C003 elderly re-queued behind C001 and C002; the window had just called a green-channel ticket.
    const waiting = [
      q('C001', 1, { categoryId: 'labor' }),
      q('C002', 2, { categoryId: 'labor' }),
      q('C003', 3, { categoryId: 'labor', priority: 'elderly' }),
    ];
    const places = callPlaces([w(3, ['labor'], 0)], waiting, 2);
    expect([places.get('C001'), places.get('C002'), places.get('C003')]).toEqual([0, 1, 2]);
    // A window that has called two normal tickets since its last green-channel one calls C003 first.
    const places2 = callPlaces([w(3, ['labor'], 2)], waiting, 2);
    expect([places2.get('C003'), places2.get('C001'), places2.get('C002')]).toEqual([0, 1, 2]);
  });

  it('counts across every open window serving the category, and what a shared window calls first', () => {
    // Window 4 serves civil; window 5 serves disabled first, then civil.
    const waiting = [q('b1', 1), q('b2', 2), q('b3', 3), q('e1', 0, { categoryId: 'disabled' })];
    const places = callPlaces([w(4, ['civil']), w(5, ['disabled', 'civil'])], waiting, 2);
    // Turns: 4→b1, 5→e1, 4→b2, 5→b3. For b3: b1, b2 (window 4) and e1 (window 5 serves civil too).
    expect(places.get('b1')).toBe(0);
    expect(places.get('b2')).toBe(2);
    expect(places.get('b3')).toBe(3);
    expect(places.get('e1')).toBe(0); // window 4 does not serve disabled
  });

  it('leaves out windows that do not call; with none open it places tickets as if all were', () => {
    const waiting = [q('a', 1), q('b', 2), q('x', 1, { categoryId: 'labor' })];
    expect(callPlaces([w(4, ['civil'])], waiting, 2).has('x')).toBe(false);
    const ahead = aheadCounts([w(4, ['civil'])], [w(3, ['labor']), w(4, ['civil'])], waiting, 2);
    expect([ahead.get('a'), ahead.get('b'), ahead.get('x')]).toEqual([0, 1, 0]);
  });

  it('an unconfirmed self-declared green channel waits as a normal ticket', () => {
    const declared = q('p', 3, { priority: 'pregnant', priorityConfirmed: false });
    expect(tier(declared)).toBe(2);
    expect(pickNext(w(4, ['civil'], 99), [q('a', 1), declared], 2)?.id).toBe('a');
    expect(pickNext(w(4, ['civil'], 99), [q('a', 1), { ...declared, priorityConfirmed: true }], 2)?.id).toBe('p');
  });
});

describe('waiting estimate', () => {
  it('comes from the open windows and their recent service times', () => {
    expect(estimateWaitMinutes(6, [5], null)).toBe(30);
    expect(estimateWaitMinutes(6, [5, 5], null)).toBe(15);
    expect(estimateWaitMinutes(6, [null, 10], 5)).toBe(20); // 1/5 + 1/10 per minute
    expect(estimateWaitMinutes(3, [0.01], null)).toBeGreaterThanOrEqual(1); // never 约 0 分钟 with people waiting
    expect(estimateWaitMinutes(0, [5], null)).toBe(0);
    expect(estimateWaitMinutes(3, [null], null)).toBeNull();
    expect(estimateWaitMinutes(3, [], 5)).toBeNull();
  });

  it('says why nobody is called when no window serving the category is open', () => {
    expect(noServiceReason([{ no: 3, paused: true, pauseReason: '午休', staffed: true }])).toBe('暂停服务（午休）');
    expect(noServiceReason([{ no: 3, paused: false, pauseReason: null, staffed: false }])).toMatch(/^暂停服务/);
    expect(
      noServiceReason([
        { no: 3, paused: true, pauseReason: '午休', staffed: true },
        { no: 4, paused: false, pauseReason: null, staffed: true },
      ]),
    ).toBeNull();
  });
});

describe('skip re-entry', () => {
  it('puts a reactivated ticket the configured number of places behind the head', () => {
    const keys = [10, 20, 30, 40];
    const key = reentryKey(keys, 2, 99);
    expect(key).toBeGreaterThan(20);
    expect(key).toBeLessThan(30);
    expect(reentryKey(keys, 0, 99)).toBeLessThan(10);
    expect(reentryKey(keys, 9, 99)).toBeGreaterThan(40);
    expect(reentryKey([], 3, 99)).toBe(99);
  });
});

describe('opening hours and quota', () => {
  const hours = {
    enforce: true,
    workingDaysOnly: true,
    sessions: [
      { from: '09:30', to: '13:30' },
      { from: '16:00', to: '19:30' },
    ],
  };
  const weekday = (d: string) => ![0, 6].includes(new Date(d + 'T00:00:00Z').getUTCDay());
  const at = (iso: string) => localTime(new Date(iso), 'Asia/Shanghai');

  it('is open inside a session of a working day', () => {
    expect(closedReason(hours, at('2026-11-23T02:00:00Z'), weekday)).toBeNull(); // Mon 10:00 China time
  });
  it('says when the next session opens', () => {
    expect(closedReason(hours, at('2026-11-23T06:00:00Z'), weekday)).toContain('16:00 开始取号'); // 14:00
  });
  it('says the day is over after the last session', () => {
    expect(closedReason(hours, at('2026-11-23T12:00:00Z'), weekday)).toContain('已结束'); // 20:00
  });
  it('refuses on a rest day', () => {
    expect(closedReason(hours, at('2026-11-22T02:00:00Z'), weekday)).toContain('休息日'); // Sunday
  });
  it('does nothing when hours are not enforced', () => {
    expect(closedReason({ ...hours, enforce: false }, at('2026-11-22T20:00:00Z'), weekday)).toBeNull();
  });
  it('uses China time, not the server time zone', () => {
    expect(at('2026-11-22T16:30:00Z')).toMatchObject({ date: '2026-11-23', time: '00:30', weekday: 1 });
  });
  it('refuses once the daily quota is used', () => {
    expect(quotaReason(99, 100)).toBeNull();
    expect(quotaReason(100, 100)).toContain('已发完');
  });
});

describe('announcement', () => {
  it('fills the template', () => {
    expect(announcementText('请{number}号到{window}号窗口办理', 'A012', 3)).toBe('请A012号到3号窗口办理');
  });
});
