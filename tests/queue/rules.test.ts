import { describe, expect, it } from 'vitest';
import { aheadOf, announcementText, closedReason, pickNext, quotaReason, reentryKey, ticketNumber, type Queued } from '../../server/queue/rules.ts';
import { localTime } from '../../server/queue/clock.ts';

const q = (id: string, orderKey: number, extra: Partial<Queued> = {}): Queued => ({
  id, categoryId: 'civil', priority: null, appointmentId: null, targetWindowNo: null, orderKey, ...extra,
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
    let waiting = [q('p1', 5, { priority: 'elderly' }), q('p2', 6, { priority: 'disabled' }), q('n1', 1), q('n2', 2), q('n3', 3), q('n4', 4)];
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
    const waiting = [q('other', 1, { categoryId: 'labor' }), q('elsewhere', 2, { targetWindowNo: 5 }), q('mine', 3, { targetWindowNo: 4 })];
    expect(pickNext(win(0), waiting, 2)?.id).toBe('mine');
    expect(pickNext(win(0), [waiting[0]!, waiting[1]!], 2)).toBeNull();
  });
});

describe('people ahead', () => {
  it('counts waiting tickets of the same line that will be called first', () => {
    const waiting = [q('a', 1), q('b', 2), q('p', 3, { priority: 'elderly' }), q('x', 0, { categoryId: 'labor' })];
    expect(aheadOf(waiting[1]!, waiting)).toBe(2); // a, and the green-channel p
    expect(aheadOf(waiting[2]!, waiting)).toBe(0);
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
  const hours = { enforce: true, workingDaysOnly: true, sessions: [{ from: '09:30', to: '13:30' }, { from: '16:00', to: '19:30' }] };
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
