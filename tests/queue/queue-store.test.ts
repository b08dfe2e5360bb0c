import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../../server/store/db.ts';
import { QueueStore } from '../../server/queue/store.ts';
import { manualClock, testConfig } from '../helpers/config.ts';
import type { Config } from '../../server/config/load.ts';

const weekdays = (d: string) => ![0, 6].includes(new Date(d + 'T00:00:00Z').getUTCDay());
const open: Db[] = [];

function setup(config: Config = testConfig(), file = ':memory:') {
  const clock = manualClock('2026-11-23T02:00:00Z'); // Monday 10:00 in China
  const db = openDb(file);
  open.push(db);
  const store = new QueueStore(db, config, clock, weekdays);
  const tick = () => clock.advance(1000);
  return { store, clock, db, tick };
}

afterEach(() => {
  for (const db of open.splice(0)) if (db.open) db.close();
});

describe('issuing', () => {
  it('numbers each category from 001 and restarts the next day', () => {
    const { store, clock, tick } = setup();
    const a1 = store.issue({ categoryId: 'consult' }, 'kiosk').ticket;
    tick();
    const a2 = store.issue({ categoryId: 'consult' }, 'kiosk').ticket;
    const b1 = store.issue({ categoryId: 'civil' }, 'kiosk').ticket;
    expect([a1.number, a2.number, b1.number]).toEqual(['A001', 'A002', 'B001']);
    expect(a2.ahead).toBe(1);
    clock.set('2026-11-24T01:00:00Z');
    store.expireOldTickets();
    expect(store.issue({ categoryId: 'consult' }, 'kiosk').ticket.number).toBe('A001');
    expect(store.getTicket(a1.id)!.status).toBe('cancelled');
  });

  it('returns the same ticket for a retried idempotency key', () => {
    const { store } = setup();
    const first = store.issue({ categoryId: 'civil', idempotencyKey: 'tap-12345678' }, 'kiosk');
    const again = store.issue({ categoryId: 'civil', idempotencyKey: 'tap-12345678' }, 'kiosk');
    expect(first.created).toBe(true);
    expect(again.created).toBe(false);
    expect(again.ticket.id).toBe(first.ticket.id);
    expect(store.issuedToday('civil')).toBe(1);
  });

  it('refuses past the daily quota with a clear message', () => {
    const config = testConfig();
    config.categories.find((c) => c.id === 'disabled')!.dailyQuota = 2;
    const { store } = setup(config);
    store.issue({ categoryId: 'disabled' }, 'kiosk');
    store.issue({ categoryId: 'disabled' }, 'kiosk');
    expect(() => store.issue({ categoryId: 'disabled' }, 'kiosk')).toThrow(/今日号码已发完/);
  });

  it('keeps each time slot to its own quota and says when the next slot opens', () => {
    const config = testConfig();
    config.categories.find((c) => c.id === 'health')!.slotQuotas = [
      { from: '09:30', to: '12:00', quota: 2 },
      { from: '16:00', to: '19:30', quota: 2 },
    ];
    const { store, clock, tick } = setup(config); // 10:00 China time
    store.issue({ categoryId: 'health' }, 'kiosk');
    tick();
    store.issue({ categoryId: 'health' }, 'kiosk');
    expect(() => store.issue({ categoryId: 'health' }, 'kiosk')).toThrow(
      /09:30–12:00 时段的 2 个号已发完，下一时段 16:00 开始取号/,
    );
    expect(store.categoryClosedReason('health')).toMatch(/下一时段 16:00/);
    clock.set('2026-11-23T08:30:00Z'); // 16:30: the afternoon slot has its own numbers
    expect(store.issue({ categoryId: 'health' }, 'kiosk').ticket.number).toBe('D003');
  });

  it('refuses outside opening hours when hours are enforced', () => {
    const { store, clock } = setup(
      testConfig({ hours: { enforce: true, workingDaysOnly: true, sessions: [{ from: '09:30', to: '13:30' }] } }),
    );
    expect(store.issue({ categoryId: 'civil' }, 'kiosk').ticket.number).toBe('B001');
    clock.set('2026-11-23T07:00:00Z'); // 15:00
    expect(() => store.issue({ categoryId: 'civil' }, 'kiosk')).toThrow(/办理时间已结束/);
    clock.set('2026-11-22T02:00:00Z'); // Sunday
    expect(() => store.issue({ categoryId: 'civil' }, 'kiosk')).toThrow(/休息日/);
  });

  it('keeps one live ticket per person per category and points to the existing one', () => {
    const { store } = setup();
    const first = store.issue(
      { categoryId: 'civil', idHash: 'h1', idMasked: '6527**********1234', nameMasked: '张*三' },
      'kiosk',
    ).ticket;
    try {
      store.issue({ categoryId: 'civil', idHash: 'h1' }, 'kiosk');
      expect.unreachable();
    } catch (err) {
      expect((err as { code: string }).code).toBe('already-has-ticket');
      expect((err as { extra: { ticketId: string } }).extra.ticketId).toBe(first.id);
    }
    expect(store.issue({ categoryId: 'labor', idHash: 'h1' }, 'kiosk').created).toBe(true);
  });
});

describe('window actions', () => {
  it('two windows calling at once never get the same ticket', () => {
    const { store, tick } = setup();
    for (let i = 0; i < 10; i++) {
      store.issue({ categoryId: 'civil' }, 'kiosk');
      tick();
    }
    const seen = new Set<string>();
    for (let i = 0; i < 5; i++) {
      for (const no of [4, 5]) {
        const change = store.callNext(no, `w${no}`);
        const id = change.call!.ticketId;
        expect(seen.has(id)).toBe(false);
        seen.add(id);
      }
    }
    expect(seen.size).toBe(10);
  });

  it('call-next finishes the current ticket and records the call text', () => {
    const { store, tick } = setup();
    const t1 = store.issue({ categoryId: 'labor' }, 'kiosk').ticket;
    tick();
    store.issue({ categoryId: 'labor' }, 'kiosk');
    const c1 = store.callNext(3, 'w3a');
    expect(c1.call!.announcement).toBe('请C001号到3号窗口办理');
    tick();
    store.callNext(3, 'w3a');
    expect(store.getTicket(t1.id)!.status).toBe('finished');
    expect(store.window(3).currentTicketId).not.toBe(t1.id);
    expect(() => store.callNext(3, 'w3a')).not.toThrow(); // finishes C002; queue now empty
    expect(() => store.callNext(3, 'w3a')).toThrow(/没有等候/);
  });

  it('limits recalls in count and interval', () => {
    const { store, clock } = setup(
      testConfig({
        queue: {
          skipReentryPlaces: 3,
          maxRecalls: 2,
          minRecallIntervalSeconds: 10,
          announcement: '请{number}号到{window}号窗口办理',
          appointmentEarlyMinutes: 30,
          appointmentLateMinutes: 0,
        },
      }),
    );
    store.issue({ categoryId: 'civil' }, 'kiosk');
    store.callNext(4, 'w4a');
    expect(() => store.recall(4, 'w4a')).toThrow(/秒后再重呼/);
    clock.advance(10_000);
    expect(store.recall(4, 'w4a').call!.recall).toBe(true);
    clock.advance(10_000);
    store.recall(4, 'w4a');
    clock.advance(10_000);
    expect(() => store.recall(4, 'w4a')).toThrow(/达到上限/);
  });

  it('reactivates a skipped ticket the configured places behind the head', () => {
    const { store, tick } = setup();
    const skipped = store.issue({ categoryId: 'civil' }, 'kiosk').ticket;
    tick();
    const others = Array.from({ length: 5 }, () => {
      tick();
      return store.issue({ categoryId: 'civil' }, 'kiosk').ticket;
    });
    store.callNext(4, 'w4a');
    store.skip(4, 'w4a');
    expect(store.getTicket(skipped.id)!.status).toBe('skipped');
    store.reactivate(skipped.id, 'w4a');
    const back = store.getTicket(skipped.id)!;
    expect(back.status).toBe('waiting');
    expect(back.ahead).toBe(3);
    const order = others.map(() => store.callNext(4, 'w4a').call!.ticketId);
    expect(order.indexOf(skipped.id)).toBe(3);
  });

  it('transfer keeps the number and the place by original issue time', () => {
    const { store, tick } = setup();
    const consulted = store.issue({ categoryId: 'consult' }, 'kiosk').ticket; // A001, earliest
    tick();
    const g1 = store.issue({ categoryId: 'general' }, 'kiosk').ticket;
    tick();
    const g2 = store.issue({ categoryId: 'general' }, 'kiosk').ticket;
    store.callNext(1, 'w1a');
    expect(store.window(1).currentTicketId).toBe(consulted.id);
    store.transfer(1, { categoryId: 'general', note: '帮办咨询后转综合受理' }, 'w1a');
    const moved = store.getTicket(consulted.id)!;
    expect(moved).toMatchObject({ number: 'A001', categoryId: 'general', status: 'waiting', ahead: 0 });
    expect(store.getTicket(g1.id)!.ahead).toBe(1);
    expect(store.callNext(6, 'w6a').call!.ticketId).toBe(consulted.id);
    expect(store.getTicket(g2.id)!.ahead).toBe(1);
  });

  it('transfer to a named window is called only there', () => {
    const { store } = setup();
    const t = store.issue({ categoryId: 'civil' }, 'kiosk').ticket;
    store.callNext(4, 'w4a');
    store.transfer(4, { windowNo: 5 }, 'w4a');
    expect(store.getTicket(t.id)).toMatchObject({ targetWindowNo: 5, status: 'waiting' });
    expect(() => store.callNext(4, 'w4a')).toThrow(/没有等候/);
    expect(store.callNext(5, 'w5a').call!.ticketId).toBe(t.id);
  });

  it('a paused window cannot call until resumed', () => {
    const { store } = setup();
    store.issue({ categoryId: 'health' }, 'kiosk');
    store.pause(2, '午休', 'w2a');
    expect(store.window(2)).toMatchObject({ paused: true, pauseReason: '午休' });
    expect(() => store.callNext(2, 'w2a')).toThrow(/暂停/);
    store.resume(2, 'w2a');
    expect(store.callNext(2, 'w2a').call!.number).toBe('D001');
  });

  it('calls a specific ticket out of order and logs the reason', () => {
    const { store, tick, db } = setup();
    store.issue({ categoryId: 'civil' }, 'kiosk');
    tick();
    const later = store.issue({ categoryId: 'civil' }, 'kiosk').ticket;
    expect(store.callSpecific(4, later.id, '预约到场', 'w4a').call!.number).toBe('B002');
    const ev = db.prepare("SELECT data FROM events WHERE type = 'ticket.called' ORDER BY id DESC LIMIT 1").get() as {
      data: string;
    };
    expect(JSON.parse(ev.data)).toMatchObject({ outOfOrder: true, reason: '预约到场' });
  });
});

describe('durability', () => {
  it('a restarted store has every ticket, the window state and continues numbering', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'queue-')), 'kiosk.sqlite');
    const first = setup(testConfig(), file);
    first.store.issue({ categoryId: 'civil' }, 'kiosk');
    first.tick();
    first.store.issue({ categoryId: 'civil' }, 'kiosk');
    first.store.callNext(4, 'w4a');
    const current = first.store.window(4).currentTicketId;
    first.db.close();

    const second = setup(testConfig(), file);
    expect(second.store.window(4).currentTicketId).toBe(current);
    expect(
      second.store
        .openTickets()
        .map((t) => t.number)
        .sort(),
    ).toEqual(['B001', 'B002']);
    expect(second.store.issue({ categoryId: 'civil' }, 'kiosk').ticket.number).toBe('B003');
    const events = second.db.prepare('SELECT type FROM events ORDER BY id').all() as { type: string }[];
    expect(events.map((e) => e.type)).toEqual(['ticket.issued', 'ticket.issued', 'ticket.called', 'ticket.issued']);
  });
});

describe('what residents are told (前面等候 N 人, waiting time)', () => {
  it('the place in line is the order the window calls, green channel interleaved (told 0, called third)', () => {
    const { store, tick } = setup();
    store.signIn(3, 'w3a', 'w3a');
    // The window has just served a green-channel ticket: two normal ones come before the next.
    store.issue({ categoryId: 'labor', priority: 'elderly', priorityConfirmed: true }, 'kiosk');
    store.callNext(3, 'w3a');
    tick();
    const c2 = store.issue({ categoryId: 'labor' }, 'kiosk').ticket;
    tick();
    const c3 = store.issue({ categoryId: 'labor' }, 'kiosk').ticket;
    tick();
    const c4 = store.issue({ categoryId: 'labor', priority: 'elderly', priorityConfirmed: true }, 'kiosk').ticket;
    expect(c4.ahead).toBe(2);
    expect([store.getTicket(c2.id)!.ahead, store.getTicket(c3.id)!.ahead]).toEqual([0, 1]);
    expect(store.openTickets().find((t) => t.id === c4.id)!.ahead).toBe(2);
    const called = [1, 2, 3].map(() => store.callNext(3, 'w3a').call!.number);
    expect(called).toEqual(['C002', 'C003', 'C004']);
  });

  it('a paused or signed-out window calls nothing, so it does not shorten the line', () => {
    const { store, tick } = setup();
    store.signIn(4, 'w4a', 'w4a');
    store.signIn(5, 'w5a', 'w5a');
    const tickets = [1, 2, 3, 4].map(() => {
      tick();
      return store.issue({ categoryId: 'civil' }, 'kiosk').ticket;
    });
    // Both windows open: windows 4 and 5 share the civil line.
    expect(store.getTicket(tickets[3]!.id)!.ahead).toBe(3);
    store.pause(5, '午休', 'w5a');
    expect(store.getTicket(tickets[3]!.id)!.ahead).toBe(3);
    store.issue({ categoryId: 'disabled' }, 'kiosk'); // window 5 would call it first, but window 5 is paused
    expect(store.getTicket(tickets[3]!.id)!.ahead).toBe(3);
    store.resume(5, 'w5a');
    expect(store.getTicket(tickets[3]!.id)!.ahead).toBe(4); // window 5 calls E001 before its civil turn
  });

  it('an unconfirmed self-declared green channel waits as a normal ticket until staff confirm', () => {
    const { store, tick } = setup();
    store.signIn(4, 'w4a', 'w4a');
    store.issue({ categoryId: 'civil' }, 'kiosk');
    tick();
    store.issue({ categoryId: 'civil' }, 'kiosk');
    tick();
    const p = store.issue({ categoryId: 'civil', priority: 'pregnant' }, 'kiosk').ticket;
    expect(p).toMatchObject({ priority: 'pregnant', priorityConfirmed: false, ahead: 2 });
    store.confirmPriority(p.id, 4, 'w4a');
    expect(store.getTicket(p.id)!.ahead).toBe(0); // a fresh window calls the confirmed green channel first
    expect(store.callNext(4, 'w4a').call!.ticketId).toBe(p.id);
  });

  it('estimates from the open windows and their service times; none open → 暂停服务 with the reason', () => {
    const { store, clock } = setup();
    store.signIn(3, 'w3a', 'w3a');
    for (let i = 0; i < 4; i++) store.issue({ categoryId: 'labor' }, 'kiosk');
    // Window 3 serves two tickets in 6 minutes each.
    store.callNext(3, 'w3a');
    clock.advance(6 * 60_000);
    store.callNext(3, 'w3a');
    clock.advance(6 * 60_000);
    store.finish(3, 'w3a');
    expect(store.categoryWait('labor', 2)).toEqual({ estimatedWaitMinutes: 12, noServiceReason: null });
    store.pause(3, '午休', 'w3a');
    expect(store.categoryWait('labor', 2)).toEqual({ estimatedWaitMinutes: null, noServiceReason: '暂停服务（午休）' });
    store.resume(3, 'w3a');
    store.signOut(3, 'w3a', 'w3a');
    expect(store.categoryWait('labor', 2).noServiceReason).toMatch(/^暂停服务/);
  });
});
