// Statistics from a day of events written by the real QueueStore, CaseStore and RatingStore under a
// manual clock, compared with figures computed by hand from the timeline below.
import { afterEach, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../../server/store/db.ts';
import { QueueStore } from '../../server/queue/store.ts';
import { CaseStore } from '../../server/cases/store.ts';
import { RatingStore } from '../../server/ratings/store.ts';
import { loadStats, parseStatsQuery } from '../../server/stats/load.ts';
import { summarize, type Figures } from '../../server/stats/compute.ts';
import { isoWeek, monthRange, periodKey, quarterRange } from '../../server/contract/periods.ts';
import type { Config } from '../../server/config/load.ts';
import type { Matter } from '../../server/contract/matters.ts';
import { manualClock, testConfig } from '../helpers/config.ts';

const open: Db[] = [];
afterEach(() => {
  for (const db of open.splice(0)) if (db.open) db.close();
});

/** Local China time (UTC+8) → the manual clock. */
const china = (date: string, time: string) => new Date(Date.parse(`${date}T${time}:00+08:00`)).toISOString();

function setup(config: Config = testConfig()) {
  const clock = manualClock(china('2026-11-23', '08:30'));
  const db = openDb(':memory:');
  open.push(db);
  const queue = new QueueStore(db, config, clock, () => true);
  // Every calendar day counts as a working day here: the statistics read the clock, not the calendar.
  const cases = new CaseStore(db, clock, config.center.timezone, () => true);
  const ratings = new RatingStore(db, clock, config.center.timezone);
  const at = (date: string, time: string) => clock.set(china(date, time));
  return { clock, db, queue, cases, ratings, at, config };
}

const matter = (id: string, name: string, caseKind: 'immediate' | null = null): Matter => ({
  id,
  name,
  type: '公共服务',
  body: '顾力木图街道',
  levels: ['street'],
  department: '民政',
  categoryId: 'civil',
  // 第六条: a matter whose guide names no kind is a 承诺件; the 即办件 ones say so in their guide.
  guide: caseKind
    ? {
        basis: [],
        conditions: [],
        materials: [
          { name: '户口簿', original: true, copy: false, count: null, required: true, condition: null, note: null },
        ],
        steps: [],
        promisedDays: null,
        legalDays: null,
        timeLimitText: null,
        caseKind,
        fees: null,
        place: null,
        phone: null,
        source: '测试',
      }
    : null,
});

/**
 * Monday 2026-11-23 (local time). Waits (issue → first call) and service (last call/recall → finish):
 *   C001 labor   09:00 → called 09:10 at 3 (w3a), finished 09:20           wait 10, service 10
 *   C002 labor   09:02 → called 10:05 at 3, skipped 10:06, never served     wait 63, no-show
 *   B001 civil   09:05 → called 09:20 at 4 (w4a), recalled 09:22, fin 09:30 wait 15, service 8
 *   C003 labor   10:00 → called 10:10 at 3, transferred to civil 10:15,
 *                        called 10:20 at 4, finished 10:32 (as civil)        wait 10, service 12
 *   A001 consult 11:00 → called 11:05 at 1 (w1a), finished by call-next 11:08 wait 5, service 3
 *   A002 consult 11:01 → called 11:08, skipped 11:20, reactivated 11:30,
 *                        called 11:35, finished 11:45 (served: not a no-show) wait 7, service 10
 * Next day 07:30 local (23:30 UTC the day before): one more C ticket, which must not count on the 23rd.
 */
function busyDay() {
  const s = setup();
  const { queue, ratings, at } = s;
  const rate = (ticketId: string, windowNo: number, staff: string) =>
    ratings.open(queue.getTicket(ticketId)!, windowNo, staff, 60);
  at('2026-11-23', '09:00');
  const c1 = queue.issue({ categoryId: 'labor' }, 'kiosk').ticket;
  at('2026-11-23', '09:02');
  const c2 = queue.issue({ categoryId: 'labor' }, 'kiosk').ticket;
  at('2026-11-23', '09:05');
  const b1 = queue.issue({ categoryId: 'civil' }, 'kiosk').ticket;
  at('2026-11-23', '09:10');
  queue.callNext(3, 'w3a');
  at('2026-11-23', '09:20');
  queue.finish(3, 'w3a');
  rate(c1.id, 3, 'w3a');
  ratings.answer(3, c1.id, 'very-satisfied', []);
  queue.callNext(4, 'w4a');
  at('2026-11-23', '09:22');
  queue.recall(4, 'w4a');
  at('2026-11-23', '09:30');
  queue.finish(4, 'w4a');
  rate(b1.id, 4, 'w4a');
  ratings.answer(4, b1.id, 'dissatisfied', ['等候时间太长']);
  at('2026-11-23', '10:00');
  const c3 = queue.issue({ categoryId: 'labor' }, 'kiosk').ticket;
  at('2026-11-23', '10:05');
  expect(queue.callNext(3, 'w3a').call!.ticketId).toBe(c2.id);
  at('2026-11-23', '10:06');
  queue.skip(3, 'w3a');
  at('2026-11-23', '10:10');
  expect(queue.callNext(3, 'w3a').call!.ticketId).toBe(c3.id);
  at('2026-11-23', '10:15');
  queue.transfer(3, { categoryId: 'civil' }, 'w3a');
  at('2026-11-23', '10:20');
  expect(queue.callNext(4, 'w4a').call!.ticketId).toBe(c3.id);
  at('2026-11-23', '10:32');
  queue.finish(4, 'w4a');
  rate(c3.id, 4, 'w4a'); // never answered: the sweep records not-rated
  at('2026-11-23', '10:34');
  ratings.sweep();
  at('2026-11-23', '11:00');
  const a1 = queue.issue({ categoryId: 'consult' }, 'kiosk').ticket;
  at('2026-11-23', '11:01');
  const a2 = queue.issue({ categoryId: 'consult' }, 'kiosk').ticket;
  at('2026-11-23', '11:05');
  queue.callNext(1, 'w1a');
  at('2026-11-23', '11:08');
  expect(queue.callNext(1, 'w1a').call!.ticketId).toBe(a2.id);
  rate(a1.id, 1, 'w1a');
  ratings.answer(1, a1.id, 'basic', []);
  at('2026-11-23', '11:20');
  queue.skip(1, 'w1a');
  at('2026-11-23', '11:30');
  queue.reactivate(a2.id, 'w1a');
  at('2026-11-23', '11:35');
  expect(queue.callNext(1, 'w1a').call!.ticketId).toBe(a2.id);
  at('2026-11-23', '11:45');
  queue.finish(1, 'w1a');
  rate(a2.id, 1, 'w1a');
  ratings.answer(1, a2.id, 'satisfied', []);
  at('2026-11-24', '07:30');
  queue.expireOldTickets();
  queue.issue({ categoryId: 'labor' }, 'kiosk');
  at('2026-11-24', '09:00');
  return { ...s, tickets: { c1, c2, b1, c3, a1, a2 } };
}

const minutes = (...m: number[]) => summarize(m.map((x) => x * 60));

describe('statistics of one day from the event log', () => {
  it('totals: issued, served, skipped, transferred, no-shows, waiting and service time, ratings', () => {
    const { db, config, clock } = busyDay();
    const report = loadStats(db, config, { from: '2026-11-23', to: '2026-11-23', period: 'day' }, clock());
    const t = report.totals;
    expect([t.issued, t.served, t.skipped, t.transferred, t.noShows]).toEqual([6, 5, 2, 1, 1]);
    // waits 5 7 10 10 15 63: mean 110/6, median (10+10)/2, p90 = the 6th smallest (⌈5.4⌉)
    expect(t.wait.count).toBe(6);
    expect(t.wait.meanMinutes).toBeCloseTo(110 / 6, 9);
    expect(t.wait.medianMinutes).toBe(10);
    expect(t.wait.p90Minutes).toBe(63);
    // service 3 8 10 10 12: mean 8.6, median 10, p90 = 5th smallest
    expect(t.service).toEqual({ count: 5, meanMinutes: 8.6, medianMinutes: 10, p90Minutes: 12 });
    expect(t.ratings.counts).toEqual({
      'very-satisfied': 1,
      satisfied: 1,
      basic: 1,
      dissatisfied: 1,
      'very-dissatisfied': 0,
      'not-rated': 1,
    });
    // (非常满意 + 满意 + 基本满意) / rated: 3 / 4 — the not-rated C003 is not counted as good or in the divisor
    expect(t.ratings.rated).toBe(4);
    expect(t.ratings.satisfactionRate).toBe(0.75);
  });

  it('per category, window and staff member, attributed as documented', () => {
    const { db, config, clock } = busyDay();
    const report = loadStats(db, config, { from: '2026-11-23', to: '2026-11-23', period: 'day' }, clock());
    const pick = (groups: { key: string; figures: Figures }[], key: string) => {
      const g = groups.find((x) => x.key === key);
      expect(g, key).toBeDefined();
      const f = g!.figures;
      return {
        issued: f.issued,
        served: f.served,
        skipped: f.skipped,
        transferred: f.transferred,
        noShows: f.noShows,
        wait: f.wait,
        service: f.service,
      };
    };
    expect(report.byCategory.map((g) => g.key).sort()).toEqual(['civil', 'consult', 'labor']);
    // C003 was issued and transferred as labor, finished as civil.
    expect(pick(report.byCategory, 'labor')).toEqual({
      issued: 3,
      served: 1,
      skipped: 1,
      transferred: 1,
      noShows: 1,
      wait: minutes(10, 63, 10),
      service: minutes(10),
    });
    expect(pick(report.byCategory, 'civil')).toEqual({
      issued: 1,
      served: 2,
      skipped: 0,
      transferred: 0,
      noShows: 0,
      wait: minutes(15),
      service: minutes(8, 12),
    });
    expect(pick(report.byCategory, 'consult')).toEqual({
      issued: 2,
      served: 2,
      skipped: 1,
      transferred: 0,
      noShows: 0,
      wait: minutes(5, 7),
      service: minutes(3, 10),
    });
    // 取号 per window / staff member (issue 24 ⑬: it was always 0): the tickets this window called first,
    // the same attribution as the waiting time. C001, C002, C003 at 3; B001 at 4 (C003 came to 4 by transfer,
    // already counted at 3); A001, A002 at 1. Every ticket is counted once over the windows.
    expect(pick(report.byWindow, '3')).toEqual({
      issued: 3,
      served: 1,
      skipped: 1,
      transferred: 1,
      noShows: 1,
      wait: minutes(10, 63, 10),
      service: minutes(10),
    });
    expect(pick(report.byWindow, '4')).toEqual({
      issued: 1,
      served: 2,
      skipped: 0,
      transferred: 0,
      noShows: 0,
      wait: minutes(15),
      service: minutes(8, 12),
    });
    expect(pick(report.byWindow, '1')).toEqual({
      issued: 2,
      served: 2,
      skipped: 1,
      transferred: 0,
      noShows: 0,
      wait: minutes(5, 7),
      service: minutes(3, 10),
    });
    expect(pick(report.byStaff, 'w4a')).toEqual(pick(report.byWindow, '4'));
    expect(pick(report.byStaff, 'w3a').issued).toBe(3);
    expect(report.byWindow.reduce((n, g) => n + g.figures.issued, 0)).toBe(report.totals.issued);
    expect(report.byStaff.find((g) => g.key === 'w4a')!.label).toBe('4号窗口A岗');
    expect(report.byWindow.find((g) => g.key === '3')!.label).toBe('3号窗口 劳动保障');
    // Ratings follow the window and staff member who finished the ticket.
    expect(report.byStaff.find((g) => g.key === 'w4a')!.figures.ratings.counts).toMatchObject({
      dissatisfied: 1,
      'not-rated': 1,
    });
    expect(report.byStaff.find((g) => g.key === 'w4a')!.figures.ratings.satisfactionRate).toBe(0);
  });

  it('peak hours and waiting time by hour of issue, in China time', () => {
    const { db, config, clock } = busyDay();
    const day = loadStats(db, config, { from: '2026-11-23', to: '2026-11-23', period: 'day' }, clock());
    expect(day.hours).toHaveLength(24);
    expect(day.hours.filter((h) => h.issued).map((h) => [h.hour, h.issued])).toEqual([
      [9, 3],
      [10, 1],
      [11, 2],
    ]);
    expect(day.hours[9]!.wait).toEqual(minutes(10, 63, 15));
    // 07:30 on the 24th is 23:30 UTC on the 23rd: it belongs to the 24th, hour 7.
    const next = loadStats(db, config, { from: '2026-11-24', to: '2026-11-24', period: 'day' }, clock());
    expect(next.totals.issued).toBe(1);
    expect(next.hours[7]!.issued).toBe(1);
    expect(next.totals.served).toBe(0);
  });

  it('groups by day, week, month and quarter with empty periods shown as zeros', () => {
    const { db, config, clock } = busyDay();
    const days = loadStats(db, config, { from: '2026-11-22', to: '2026-11-25', period: 'day' }, clock());
    expect(days.byPeriod.map((p) => [p.key, p.figures.issued])).toEqual([
      ['2026-11-22', 0],
      ['2026-11-23', 6],
      ['2026-11-24', 1],
      ['2026-11-25', 0],
    ]);
    expect(days.byPeriod[1]!.label).toBe('11月23日');
    const weeks = loadStats(db, config, { from: '2026-11-22', to: '2026-11-25', period: 'week' }, clock());
    // Sunday the 22nd closes ISO week 47; Monday the 23rd opens week 48.
    expect(weeks.byPeriod.map((p) => [p.key, p.figures.issued])).toEqual([
      ['2026-W47', 0],
      ['2026-W48', 7],
    ]);
    const months = loadStats(db, config, { from: '2026-10-01', to: '2026-12-31', period: 'month' }, clock());
    expect(months.byPeriod.map((p) => [p.key, p.figures.served])).toEqual([
      ['2026-10', 0],
      ['2026-11', 5],
      ['2026-12', 0],
    ]);
    const quarters = loadStats(db, config, { from: '2026-01-01', to: '2026-12-31', period: 'quarter' }, clock());
    expect(quarters.byPeriod.map((p) => [p.key, p.label, p.figures.issued])).toEqual([
      ['2026-Q1', '2026年第1季度', 0],
      ['2026-Q2', '2026年第2季度', 0],
      ['2026-Q3', '2026年第3季度', 0],
      ['2026-Q4', '2026年第4季度', 7],
    ]);
  });
});

describe('cases (办件) by matter, immediate vs promised, on time vs overdue', () => {
  function caseWeek() {
    const s = setup();
    const { cases, at } = s;
    const m1 = matter('gaoling', '高龄津贴申请', 'immediate');
    const m2 = matter('dibao', '最低生活保障申请');
    const base = { windowNo: 4, staffId: 'w4a', ticketId: null, applicantMasked: null };
    at('2026-11-23', '09:00');
    cases.accept({ ...base, matter: m1, kind: 'immediate' }); // A: finished on the spot
    const b = cases.accept({ ...base, matter: m2, kind: 'promised', promisedDays: 2 }); // promised 11-25
    const c = cases.accept({ ...base, matter: m2, kind: 'promised', promisedDays: 1 }); // promised 11-24
    const d = cases.accept({ ...base, matter: m2, kind: 'promised', promisedDays: 1 }); // promised 11-24, never finished
    const e = cases.accept({ ...base, matter: m1, kind: 'immediate', missingMaterials: ['户口簿'] }); // correction
    cases.accept({ ...base, matter: m2, kind: 'promised', promisedDays: 5, rejectReason: '不属于本中心受理范围' });
    expect([b.promisedDate, c.promisedDate, d.promisedDate]).toEqual(['2026-11-25', '2026-11-24', '2026-11-24']);
    at('2026-11-24', '10:00');
    cases.materialsReceived(e.id, 'w4a'); // immediate: finished when the materials arrive
    at('2026-11-25', '15:00');
    cases.advance(b.id, 'finished', null, 'w4a');
    at('2026-11-26', '15:00');
    cases.advance(c.id, 'finished', null, 'w4a');
    at('2026-11-27', '09:00');
    return s;
  }

  it('counts registrations, outcomes and timeliness', () => {
    const { db, config, clock } = caseWeek();
    const week = loadStats(db, config, { from: '2026-11-23', to: '2026-11-30', period: 'day' }, clock()).cases;
    // The refusal (不予受理) is a 退回件: neither 即办件 nor 承诺件 (issue 15 rule 8).
    expect(week).toMatchObject({
      registered: 6,
      accepted: 5,
      immediate: 2,
      promised: 3,
      correction: 1,
      rejected: 1,
      finishedImmediate: 2,
      finishedOnTime: 1,
      finishedOverdue: 1,
      openOverdue: 1,
    });
    const dibao = week.byMatter.find((m) => m.matterId === 'dibao')!;
    expect(dibao).toMatchObject({
      matterName: '最低生活保障申请',
      registered: 4,
      accepted: 3,
      promised: 3,
      rejected: 1,
      finishedOnTime: 1,
      finishedOverdue: 1,
      openOverdue: 1,
    });
    expect(week.byMatter.find((m) => m.matterId === 'gaoling')).toMatchObject({
      registered: 2,
      immediate: 2,
      correction: 1,
      finishedImmediate: 2,
    });
  });

  it('a later range sees finishes and overdue cases accepted before it', () => {
    const { db, config, clock } = caseWeek();
    const later = loadStats(db, config, { from: '2026-11-25', to: '2026-11-30', period: 'day' }, clock()).cases;
    expect(later).toMatchObject({
      registered: 0,
      finishedOnTime: 1,
      finishedOverdue: 1,
      openOverdue: 1,
      finishedImmediate: 0,
    });
    // Seen at the end of the 23rd, nothing was overdue yet (D was due on the 24th).
    const first = loadStats(db, config, { from: '2026-11-23', to: '2026-11-23', period: 'day' }, clock()).cases;
    expect(first).toMatchObject({ registered: 6, openOverdue: 0, finishedImmediate: 1 });
  });
});

describe('rule 8: counting in the reports (限时办结制度 第九条、第十三条; 即办件、承诺件、上报件、退回件、补正件)', () => {
  it("a refusal at intake is not an 即办件; refused / not approved is never finished on time; report-up time is not the centre's", () => {
    const s = setup();
    const { cases, at, db, config, clock } = s;
    const base = { windowNo: 4, staffId: 'w4a', ticketId: null, applicantMasked: null };
    const noGuide = matter('gaoling', '高龄津贴申请', 'immediate'); // its guide: an immediate matter
    const dibao = matter('dibao', '最低生活保障申请');
    at('2026-11-23', '09:00');
    const refused = cases.accept({ ...base, matter: noGuide, rejectReason: '户籍不在本街道' });
    expect(refused.kind).toBe('immediate');
    // 2 days; reported on the 24th (1 used), the city takes until the 30th, finished on Dec 1 (2 used): on time.
    const up = cases.accept({ ...base, matter: dibao, kind: 'promised', promisedDays: 2 });
    const down = cases.accept({ ...base, matter: dibao, kind: 'promised', promisedDays: 2 });
    at('2026-11-24', '09:00');
    cases.report(up.id, { authority: '市民政局' }, 'w4a');
    cases.report(down.id, { authority: '市民政局' }, 'w4a');
    at('2026-11-30', '09:00');
    cases.returnFromAuthority(up.id, { outcome: 'returned', note: '补充入户调查' }, 'w4a');
    cases.returnFromAuthority(down.id, { outcome: 'not-approved', note: '家庭收入超过标准' }, 'w4a');
    at('2026-12-01', '10:00');
    cases.advance(up.id, 'finished', null, 'w4a');
    at('2026-12-02', '09:00');
    const q = loadStats(
      db,
      config,
      { from: '2026-10-01', to: '2026-12-31', period: 'month' },
      clock(),
      () => true,
    ).cases;
    // Before issue 15: the refusal counted as 即办件, and the 12-01 finish (past the 11-25 date) as overdue.
    expect(q).toMatchObject({
      registered: 3,
      accepted: 2,
      immediate: 0,
      promised: 2,
      reported: 2,
      rejected: 1,
      notApproved: 1,
      correction: 0,
      finishedImmediate: 0,
      finishedOnTime: 1,
      finishedOverdue: 0,
      openOverdue: 0,
    });
    expect(q.byPeriod.map((p) => [p.key, p.immediate, p.promised, p.reported, p.rejected, p.correction])).toEqual([
      ['2026-10', 0, 0, 0, 0, 0],
      ['2026-11', 0, 2, 2, 1, 0],
      ['2026-12', 0, 0, 0, 0, 0],
    ]);
  });
});

describe('periods and queries', () => {
  it('names ISO weeks, months and quarters', () => {
    expect(isoWeek('2026-11-23')).toBe('2026-W48');
    expect(isoWeek('2027-01-01')).toBe('2026-W53');
    expect(isoWeek('2026-01-01')).toBe('2026-W01');
    expect(periodKey('2026-11-23', 'quarter')).toBe('2026-Q4');
    expect(monthRange('2026-02')).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(monthRange('2026-13')).toBeNull();
    expect(quarterRange('2026-Q4')).toEqual({ from: '2026-10-01', to: '2026-12-31' });
  });

  it('refuses bad queries with Chinese messages', () => {
    const q = (s: string) => () => parseStatsQuery(new URLSearchParams(s), '2026-11-23');
    expect(q('from=2026-11-31')).toThrow(/日期格式/);
    expect(q('from=2026-11-20&to=2026-11-01')).toThrow(/晚于/);
    expect(q('from=2020-01-01&to=2026-11-01')).toThrow(/最多统计/);
    expect(q('period=year')).toThrow(/汇总方式/);
    expect(parseStatsQuery(new URLSearchParams(''), '2026-11-23')).toEqual({
      from: '2026-11-01',
      to: '2026-11-23',
      period: 'day',
    });
  });
});
