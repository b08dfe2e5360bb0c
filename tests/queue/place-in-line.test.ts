// Issue 26: 前面等候 N 人 is kept incrementally (server/queue/call-order.ts), not replayed from the table per
// request. It must stay exactly what the rule computes from scratch (contract/queue-rules.ts aheadCounts over
// every waiting row) under any interleaving of issue, call, call-specific, skip, reactivate, transfer,
// confirm-priority, pause/resume, sign-in/out and an urgent mark (急事特办, issue 21) — and after a rolled-back
// command.
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../../server/store/db.ts';
import { QueueStore } from '../../server/queue/store.ts';
import { GroupCommit } from '../../server/store/group-commit.ts';
import { aheadCounts, type Queued, type WindowForPick } from '../../server/contract/queue-rules.ts';
import { manualClock, testConfig } from '../helpers/config.ts';
import type { PriorityReason } from '../../server/contract/queue.ts';

const weekdays = (d: string) => ![0, 6].includes(new Date(d + 'T00:00:00Z').getUTCDay());
const open: Db[] = [];
afterEach(() => {
  for (const db of open.splice(0)) if (db.open) db.close();
});

const CATEGORIES = ['consult', 'civil', 'labor', 'health', 'disabled', 'general'];

function setup() {
  const config = testConfig();
  for (const c of config.categories) c.dailyQuota = 9999; // a busy day: the quota is not what is tested
  const clock = manualClock('2026-11-23T02:00:00Z'); // Monday 10:00 in China
  const db = openDb(':memory:');
  open.push(db);
  const store = new QueueStore(db, config, clock, weekdays);
  return { store, clock, db, config };
}

/** The reference: every waiting row of today read from the table, the call order computed from scratch. */
function fromScratch(db: Db, store: QueueStore, normalPerPriority: number): Map<string, number> {
  const rows = db
    .prepare(
      "SELECT id, category_id, priority, priority_confirmed, appointment_id, target_window_no, order_key, urgent FROM tickets WHERE service_date = ? AND status = 'waiting'",
    )
    .all(store.today()) as {
    id: string;
    category_id: string;
    priority: PriorityReason | null;
    priority_confirmed: number;
    appointment_id: string | null;
    target_window_no: number | null;
    order_key: number;
    urgent: number;
  }[];
  const waiting: Queued[] = rows.map((r) => ({
    id: r.id,
    categoryId: r.category_id,
    priority: r.priority,
    priorityConfirmed: r.priority_confirmed === 1,
    appointmentId: r.appointment_id,
    targetWindowNo: r.target_window_no,
    orderKey: r.order_key,
    urgent: r.urgent === 1,
  }));
  // From the table itself, not store.windows(): the store keeps the windows in memory between changes, and
  // the reference must not share what it checks.
  const windows = (
    db.prepare('SELECT no, staff_id, paused, normal_since_priority FROM windows ORDER BY no').all() as {
      no: number;
      staff_id: string | null;
      paused: number;
      normal_since_priority: number;
    }[]
  ).flatMap((w) => {
    const config = store.windows().find((c) => c.no === w.no);
    return config ? [{ ...w, categoryIds: config.categoryIds }] : [];
  });
  const forPick = (w: (typeof windows)[number]): WindowForPick => ({
    no: w.no,
    categoryIds: w.categoryIds,
    normalSincePriority: w.normal_since_priority,
  });
  const openWindows = windows.filter((w) => w.staff_id !== null && !w.paused).map(forPick);
  return aheadCounts(openWindows, windows.map(forPick), waiting, normalPerPriority);
}

type Op =
  | { kind: 'issue'; category: number; priority: 0 | 1 | 2; sameMs: boolean }
  | { kind: 'call-next' | 'skip' | 'finish' | 'pause' | 'resume' | 'sign-in' | 'sign-out'; window: number }
  | { kind: 'reactivate' | 'confirm' | 'urgent'; pick: number }
  | { kind: 'call-specific'; window: number; pick: number }
  | { kind: 'transfer'; window: number; category: number; toWindow: number | null }
  | { kind: 'rollback'; category: number };

const window = fc.integer({ min: 1, max: 6 });
const op: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('issue' as const),
      category: fc.integer({ min: 0, max: 5 }),
      priority: fc.constantFrom(0 as const, 0 as const, 1 as const, 2 as const),
      sameMs: fc.boolean(),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constantFrom(
        'call-next' as const,
        'skip' as const,
        'finish' as const,
        'pause' as const,
        'resume' as const,
        'sign-in' as const,
        'sign-out' as const,
      ),
      window,
    }),
  },
  fc.record({ kind: fc.constantFrom('reactivate' as const, 'confirm' as const), pick: fc.nat() }),
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('urgent' as const), pick: fc.nat() }) },
  fc.record({ kind: fc.constant('call-specific' as const), window, pick: fc.nat() }),
  fc.record({
    kind: fc.constant('transfer' as const),
    window,
    category: fc.integer({ min: 0, max: 5 }),
    toWindow: fc.option(window, { nil: null }),
  }),
  fc.record({ kind: fc.constant('rollback' as const), category: fc.integer({ min: 0, max: 5 }) }),
);

function apply(s: ReturnType<typeof setup>, o: Op, commit: GroupCommit): Promise<unknown> | undefined {
  const { store, clock } = s;
  const staff = (no: number) => `w${no}a`;
  const ids = (status: string) => store.openTickets().filter((t) => t.status === status);
  switch (o.kind) {
    case 'issue': {
      if (!o.sameMs) clock.advance(1000);
      const priority = o.priority === 0 ? undefined : o.priority === 1 ? 'elderly' : 'pregnant';
      store.issue({ categoryId: CATEGORIES[o.category]!, priority, priorityConfirmed: o.priority === 1 }, 'kiosk');
      return;
    }
    case 'call-next':
      return void store.callNext(o.window, staff(o.window));
    case 'skip':
      return void store.skip(o.window, staff(o.window));
    case 'finish':
      return void store.finish(o.window, staff(o.window));
    case 'pause':
      return void store.pause(o.window, '午休', staff(o.window));
    case 'resume':
      return void store.resume(o.window, staff(o.window));
    case 'sign-in':
      return void store.signIn(o.window, staff(o.window), staff(o.window));
    case 'sign-out':
      return void store.signOut(o.window, staff(o.window), staff(o.window));
    case 'reactivate': {
      const skipped = store.skippedTickets();
      if (skipped.length) store.reactivate(skipped[o.pick % skipped.length]!.id, 'w1a');
      return;
    }
    case 'confirm': {
      const waiting = ids('waiting').filter((t) => t.priority && !t.priorityConfirmed);
      if (waiting.length) store.confirmPriority(waiting[o.pick % waiting.length]!.id, 1, 'w1a');
      return;
    }
    case 'urgent': {
      // What POST /api/tickets/:id/urgent does to the queue (server/urgent/routes.ts): the flag, then the store told.
      const waiting = ids('waiting').filter((t) => !t.urgent);
      if (!waiting.length) return;
      const id = waiting[o.pick % waiting.length]!.id;
      s.db.prepare('UPDATE tickets SET urgent = 1 WHERE id = ?').run(id);
      store.markedUrgent(id);
      return;
    }
    case 'call-specific': {
      const waiting = ids('waiting');
      if (waiting.length) store.callSpecific(o.window, waiting[o.pick % waiting.length]!.id, '窗口现场', 'w1a');
      return;
    }
    case 'transfer':
      return void store.transfer(
        o.window,
        {
          categoryId: o.toWindow === null ? CATEGORIES[o.category] : undefined,
          windowNo: o.toWindow ?? undefined,
        },
        staff(o.window),
      );
    case 'rollback':
      // A ticket issued in a group commit whose command then fails: its savepoint is rolled back.
      clock.advance(1000);
      return commit
        .run(() => {
          store.issue({ categoryId: CATEGORIES[o.category]! }, 'kiosk');
          throw new Error('之后的一步失败');
        })
        .catch(() => undefined);
  }
}

describe('place in line (前面等候 N 人) kept incrementally', () => {
  it('equals the from-scratch call order after every step of interleaved commands (fixed seed)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 80 }), async (ops) => {
        const s = setup();
        const commit = new GroupCommit(s.db, () => s.store.forgetPlaces());
        for (const o of ops) {
          try {
            await apply(s, o, commit);
          } catch (err) {
            if (!(err as { code?: string }).code) throw err; // a refusal (DomainError) is a normal outcome
          }
          const expected = fromScratch(s.db, s.store, s.config.priority.normalPerPriority);
          const actual = new Map(
            s.store
              .openTickets()
              .filter((t) => t.status === 'waiting')
              .map((t) => [t.id, t.ahead]),
          );
          expect(actual).toEqual(expected);
        }
        s.db.close();
      }),
      { numRuns: 60 },
    );
  });

  it('an urgent mark (急事特办) moves the ticket to the head at once: B004 0 ahead, the others one more', () => {
    const s = setup();
    s.store.signIn(4, 'w4a', 'w4a');
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) {
      s.clock.advance(1000);
      ids.push(s.store.issue({ categoryId: 'civil' }, 'kiosk').ticket.id);
    }
    s.db.prepare('UPDATE tickets SET urgent = 1 WHERE id = ?').run(ids[3]);
    s.store.markedUrgent(ids[3]!);
    const ahead = () => s.store.openTickets().map((t) => [t.number, t.ahead]);
    expect(ahead()).toEqual([
      ['B001', 1],
      ['B002', 2],
      ['B003', 3],
      ['B004', 0],
    ]);
    const byId = new Map(s.store.openTickets().map((t) => [t.id, t.ahead]));
    expect(byId).toEqual(fromScratch(s.db, s.store, s.config.priority.normalPerPriority));
  });

  it('keeps the recent service times (wait estimates) equal to the table as tickets finish', () => {
    const s = setup();
    for (const no of [1, 3, 4, 5, 6]) s.store.signIn(no, `w${no}a`, `w${no}a`);
    for (let i = 0; i < 200; i++) s.store.issue({ categoryId: CATEGORIES[i % 6]! }, 'kiosk');
    const fromTable = (sql: string, key: string | number) => {
      const rows = s.db.prepare(sql).all(s.store.today(), key) as { m: number }[];
      return rows.length ? rows.reduce((sum, r) => sum + r.m, 0) / rows.length : null;
    };
    const byCategory = `SELECT (julianday(finished_at) - julianday(called_at)) * 1440 AS m FROM tickets
      WHERE service_date = ? AND category_id = ? AND status = 'finished' ORDER BY finished_at DESC LIMIT 20`;
    const check = () => {
      for (const c of CATEGORIES) {
        const mine = s.store.meanServiceMinutes(c);
        const table = fromTable(byCategory, c);
        if (table === null) expect(mine).toBeNull();
        else expect(mine).toBeCloseTo(table, 6);
      }
    };
    check(); // read before any finish: the first finishes join what was read
    for (let i = 0; i < 90; i++) {
      const no = [1, 3, 4, 5, 6][i % 5]!;
      s.clock.advance(((i * 37) % 11) * 60_000 + 1000);
      try {
        s.store.callNext(no, `w${no}a`); // finishes the window's current ticket, calls the next
      } catch {
        // nothing waiting for this window any more
      }
      if (i % 7 === 0) check();
    }
    check();
    const waits = CATEGORIES.map((c) => s.store.categoryWait(c, 5));
    s.store.forgetPlaces(); // read again from the table: the same estimates (the windows' means included)
    expect(CATEGORIES.map((c) => s.store.categoryWait(c, 5))).toEqual(waits);
  });

  it('gives a newly issued ticket its exact place while hundreds wait, windows open and interleaving', () => {
    const s = setup();
    for (const no of [1, 4, 5, 6]) s.store.signIn(no, `w${no}a`, `w${no}a`);
    for (let i = 0; i < 600; i++) {
      s.clock.advance(500);
      const priority = i % 7 === 0 ? 'elderly' : undefined;
      const t = s.store.issue(
        { categoryId: CATEGORIES[i % 6]!, priority, priorityConfirmed: !!priority },
        'kiosk',
      ).ticket;
      const expected = fromScratch(s.db, s.store, s.config.priority.normalPerPriority);
      expect(t.ahead).toBe(expected.get(t.id));
      if (i % 50 === 49) {
        s.store.callNext(1, 'w1a');
        s.store.callNext(5, 'w5a');
      }
    }
  });
});
