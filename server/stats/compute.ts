// Statistics recomputed from the event log (what production writes, never a counter kept on the side),
// plus the rating rows and case names the log points to. Pure: rows in, figures out; no I/O, no clock.
//
// Definitions (also in docs/api.md):
// - issued / served / skipped / transferred: ticket.issued / ticket.finished / ticket.skipped /
//   ticket.transferred events in the range (a ticket skipped twice counts twice as 过号). Per window and
//   staff member, issued = the tickets issued in the range that this window / person called first (a ticket
//   nobody called counts in the totals and its category only).
// - no-show (过号未办): a ticket skipped on a day and not finished that day (counted once, at its last skip).
// - waiting time: ticket.issued → its first ticket.called; attributed to the issue day, hour and
//   category and to the window and staff member that called it.
// - service time: the last ticket.called / ticket.recalled before a ticket.finished → that finish.
// - median: mean of the two middle values for an even count; p90: nearest rank (⌈0.9·n⌉-th smallest).
// - satisfaction rate: (非常满意 + 满意 + 基本满意) / ratings given; 'not-rated' is not in the divisor.
// - cases: registered in the range by their first case.* event. The kinds (即办件、承诺件、上报件、补正件、
//   退回件、代办件、联办件) by server/cases/kinds.ts, the one rule the register reports count with too, from
//   the states the case reached up to the range's end; 不予批准 by its state. Finished on time / late by the centre's own working days (限时办结制度 第九条、第十三条:
//   the event's onTime, from the case clock); a case refused or returned is never "finished". Still open and
//   past its allowance at the end of the range (the case clock as of that day): overdue open.
import { CASE_STATES, type CaseState } from '../contract/cases.ts';
import { RATING_VALUES, type RatingValue } from '../contract/ratings.ts';
import { type CaseKind } from '../contract/matters.ts';
import { caseTypesOf, wasAccepted } from '../cases/kinds.ts';
import { SATISFIED_RATINGS } from '../contract/rating-reasons.ts';
import { addDays, localDateHour, periodKey, periodKeys, periodLabel, type Period } from '../contract/periods.ts';

export interface StatsEvent {
  id: number;
  at: string;
  actor: string;
  type: string;
  ticketId: string | null;
  windowNo: number | null;
  categoryId: string | null;
  data: Record<string, unknown>;
}

export interface StatsRating {
  serviceDate: string;
  windowNo: number;
  staffId: string | null;
  categoryId: string;
  value: RatingValue | 'not-rated';
}

export interface StatsLabels {
  category(id: string): string;
  window(no: number): string;
  staff(id: string): string;
  matter(caseId: string, matterId: string): string;
}

export interface StatsInput {
  from: string;
  to: string;
  period: Period;
  /** The centre's zone offset from UTC in ms (China: 8 h). */
  offsetMs: number;
  /** The local date today: cases still open are overdue only once their promised date has passed. */
  today: string;
  /** The case clock as of a day (the centre's own working days): is this open case overdue then? */
  caseOverdueOn?: (caseId: string, date: string) => boolean;
  /** Facts of a case the event log does not carry: 代办 (the register) and 联办 (its steps). */
  caseFlags?: (caseId: string) => { daiban: boolean; joint: boolean };
  /** ticket.* events of the range and case.* events up to its end, in log order (by id). */
  events: StatsEvent[];
  /** Closed ratings of the range's service dates. */
  ratings: StatsRating[];
  labels: StatsLabels;
}

import type {
  TimeSummary,
  RatingCounts,
  RatingSummary,
  Figures,
  Group,
  HourRow,
  CaseFigures,
  CaseGroup,
  StatsReport,
} from '../contract/stats.ts';
export type { TimeSummary, RatingCounts, RatingSummary, Figures, Group, HourRow, CaseFigures, CaseGroup, StatsReport };

interface Acc {
  issued: number;
  served: number;
  skipped: number;
  transferred: number;
  noShows: number;
  waits: number[];
  services: number[];
  ratings: RatingCounts;
}

const emptyCounts = (): RatingCounts =>
  Object.fromEntries([...RATING_VALUES, 'not-rated'].map((v) => [v, 0])) as RatingCounts;
const newAcc = (): Acc => ({
  issued: 0,
  served: 0,
  skipped: 0,
  transferred: 0,
  noShows: 0,
  waits: [],
  services: [],
  ratings: emptyCounts(),
});

/** The totals and every group a fact belongs to. */
class Dimensions {
  readonly total = newAcc();
  readonly period = new Map<string, Acc>();
  readonly category = new Map<string, Acc>();
  readonly window = new Map<string, Acc>();
  readonly staff = new Map<string, Acc>();

  constructor(private readonly periodOf: (date: string) => string) {}

  /** Every accumulator a fact on `date` with these attributes adds to. */
  targets(date: string, attrs: { category?: string | null; window?: number | null; staff?: string | null }): Acc[] {
    const list = [this.total, get(this.period, this.periodOf(date))];
    if (attrs.category) list.push(get(this.category, attrs.category));
    if (attrs.window !== undefined && attrs.window !== null) list.push(get(this.window, String(attrs.window)));
    if (attrs.staff) list.push(get(this.staff, attrs.staff));
    return list;
  }
}

function get<K>(map: Map<K, Acc>, key: K): Acc {
  let acc = map.get(key);
  if (!acc) map.set(key, (acc = newAcc()));
  return acc;
}

// ---- summaries ------------------------------------------------------------------------------------

export function summarize(seconds: number[]): TimeSummary {
  const n = seconds.length;
  if (!n) return { count: 0, meanMinutes: null, medianMinutes: null, p90Minutes: null };
  const sorted = [...seconds].sort((a, b) => a - b);
  const mean = sorted.reduce((s, x) => s + x, 0) / n;
  const median = n % 2 ? sorted[(n - 1) / 2]! : (sorted[n / 2 - 1]! + sorted[n / 2]!) / 2;
  const p90 = sorted[Math.ceil(0.9 * n) - 1]!;
  return { count: n, meanMinutes: mean / 60, medianMinutes: median / 60, p90Minutes: p90 / 60 };
}

export function ratingSummary(counts: RatingCounts): RatingSummary {
  const rated = RATING_VALUES.reduce((s, v) => s + counts[v], 0);
  const satisfied = SATISFIED_RATINGS.reduce((s, v) => s + counts[v], 0);
  return { counts, rated, satisfied, satisfactionRate: rated ? satisfied / rated : null };
}

function figures(a: Acc): Figures {
  return {
    issued: a.issued,
    served: a.served,
    skipped: a.skipped,
    transferred: a.transferred,
    noShows: a.noShows,
    wait: summarize(a.waits),
    service: summarize(a.services),
    ratings: ratingSummary(a.ratings),
  };
}

// ---- the computation ------------------------------------------------------------------------------

const seconds = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 1000;

export function computeStats(input: StatsInput): StatsReport {
  const { from, to, period, offsetMs, labels } = input;
  const dims = new Dimensions((date) => periodKey(date, period));
  const hours = Array.from({ length: 24 }, () => ({ issued: 0, waits: [] as number[] }));
  const inRange = (date: string) => date >= from && date <= to;

  const issued = new Map<string, { at: string; date: string; hour: number; category: string | null }>();
  const firstCalled = new Set<string>();
  const lastCall = new Map<string, string>();
  /** ticket|date → the last skip of that ticket that day (for no-shows). */
  const lastSkip = new Map<string, { date: string; category: string | null; window: number | null; staff: string }>();
  const finishedOn = new Set<string>();

  for (const e of input.events) {
    if (!e.type.startsWith('ticket.') || !e.ticketId) continue;
    const { date, hour } = localDateHour(e.at, offsetMs);
    if (!inRange(date)) continue;
    const t = e.ticketId;
    switch (e.type) {
      case 'ticket.issued': {
        issued.set(t, { at: e.at, date, hour, category: e.categoryId });
        for (const acc of dims.targets(date, { category: e.categoryId })) acc.issued += 1;
        hours[hour]!.issued += 1;
        break;
      }
      case 'ticket.called': {
        lastCall.set(t, e.at);
        const issue = issued.get(t);
        if (issue && !firstCalled.has(t)) {
          firstCalled.add(t);
          const wait = seconds(issue.at, e.at);
          // Waiting belongs to the day, hour and category of issue, and to whoever called the ticket.
          for (const acc of dims.targets(issue.date, { category: issue.category, window: e.windowNo, staff: e.actor }))
            acc.waits.push(wait);
          hours[issue.hour]!.waits.push(wait);
          // 取号 per window and staff member: the ticket belongs to whoever called it first (the same
          // attribution as its wait). The ticket.issued event names no window, so counting it there left
          // 按窗口 / 按工作人员 取号 at 0 (issue 24 ⑬). Total, period and category counted it at issue.
          if (e.windowNo !== null) get(dims.window, String(e.windowNo)).issued += 1;
          if (e.actor) get(dims.staff, e.actor).issued += 1;
        }
        break;
      }
      case 'ticket.recalled':
        lastCall.set(t, e.at);
        break;
      case 'ticket.finished': {
        finishedOn.add(`${t}|${date}`);
        const targets = dims.targets(date, { category: e.categoryId, window: e.windowNo, staff: e.actor });
        const called = lastCall.get(t);
        for (const acc of targets) {
          acc.served += 1;
          if (called) acc.services.push(seconds(called, e.at));
        }
        break;
      }
      case 'ticket.skipped': {
        for (const acc of dims.targets(date, { category: e.categoryId, window: e.windowNo, staff: e.actor }))
          acc.skipped += 1;
        lastSkip.set(`${t}|${date}`, { date, category: e.categoryId, window: e.windowNo, staff: e.actor });
        break;
      }
      case 'ticket.transferred': {
        // The work left this window and this category (the event's category is the one it went to).
        const category = typeof e.data.from === 'string' ? e.data.from : e.categoryId;
        for (const acc of dims.targets(date, { category, window: e.windowNo, staff: e.actor })) acc.transferred += 1;
        break;
      }
    }
  }
  for (const [key, skip] of lastSkip) {
    if (finishedOn.has(key)) continue;
    for (const acc of dims.targets(skip.date, { category: skip.category, window: skip.window, staff: skip.staff }))
      acc.noShows += 1;
  }
  for (const r of input.ratings) {
    if (!inRange(r.serviceDate)) continue;
    for (const acc of dims.targets(r.serviceDate, { category: r.categoryId, window: r.windowNo, staff: r.staffId }))
      acc.ratings[r.value] += 1;
  }

  const group = (
    map: Map<string, Acc>,
    label: (key: string) => string,
    order: (a: string, b: string) => number,
  ): Group[] => [...map.keys()].sort(order).map((key) => ({ key, label: label(key), figures: figures(map.get(key)!) }));
  const byText = (a: string, b: string) => a.localeCompare(b);

  return {
    from,
    to,
    period,
    totals: figures(dims.total),
    byPeriod: periodKeys(from, to, period).map((key) => ({
      key,
      label: periodLabel(key, period),
      figures: figures(dims.period.get(key) ?? newAcc()),
    })),
    byCategory: group(dims.category, labels.category, byText),
    byWindow: group(
      dims.window,
      (k) => labels.window(Number(k)),
      (a, b) => Number(a) - Number(b),
    ),
    byStaff: group(dims.staff, labels.staff, byText),
    hours: hours.map((h, hour) => ({ hour, issued: h.issued, wait: summarize(h.waits) })),
    cases: caseStats(
      input,
      (date) => periodKey(date, period),
      periodKeys(from, to, period).map((key) => ({ key, label: periodLabel(key, period) })),
    ),
  };
}

// ---- cases (办件) ----------------------------------------------------------------------------------

interface CaseTrack {
  matterId: string;
  matterName: string;
  kind: CaseKind;
  registeredOn: string;
  promisedDate: string | null;
  states: Set<string>;
  /** The state after the last event up to the end of the range. */
  last: string;
}

const emptyCaseFigures = (): CaseFigures => ({
  registered: 0,
  accepted: 0,
  immediate: 0,
  promised: 0,
  correction: 0,
  rejected: 0,
  reported: 0,
  notApproved: 0,
  daiban: 0,
  joint: 0,
  finishedImmediate: 0,
  finishedOnTime: 0,
  finishedOverdue: 0,
  openOverdue: 0,
});

const OPEN: readonly string[] = ['accepted', 'reported', 'correction'];

function caseStats(
  input: StatsInput,
  periodOf: (date: string) => string,
  periods: { key: string; label: string }[],
): CaseFigures & { byMatter: CaseGroup[]; byPeriod: (CaseFigures & { key: string; label: string })[] } {
  const { from, to, offsetMs } = input;
  const tracks = new Map<string, CaseTrack>();
  const total = emptyCaseFigures();
  const byMatter = new Map<string, CaseGroup>();
  const byPeriod = new Map(periods.map((p) => [p.key, { ...p, ...emptyCaseFigures() }]));
  const matterOf = (t: CaseTrack): CaseGroup => {
    let g = byMatter.get(t.matterId);
    if (!g) byMatter.set(t.matterId, (g = { matterId: t.matterId, matterName: t.matterName, ...emptyCaseFigures() }));
    return g;
  };
  const targets = (t: CaseTrack, date: string): CaseFigures[] => [
    total,
    matterOf(t),
    ...(byPeriod.has(periodOf(date)) ? [byPeriod.get(periodOf(date))!] : []),
  ];

  for (const e of input.events) {
    if (!e.type.startsWith('case.')) continue;
    const caseId = String(e.data.caseId ?? '');
    if (!caseId) continue;
    const { date } = localDateHour(e.at, offsetMs);
    if (date > to) continue;
    const name = e.type.slice('case.'.length);
    // case.<action> events (延期, 申请人原因, 人工确认, 遗漏补正, 上级退回) change no state.
    const state = (CASE_STATES as readonly string[]).includes(name) ? (name as CaseState) : null;
    let t = tracks.get(caseId);
    if (!t) {
      const matterId = String(e.data.matterId ?? '');
      t = {
        matterId,
        matterName: input.labels.matter(caseId, matterId),
        kind: 'immediate',
        registeredOn: date,
        promisedDate: null,
        states: new Set(),
        last: state ?? 'received',
      };
      tracks.set(caseId, t);
    }
    // A 收件 case may be decided as the other kind: the latest word counts.
    t.kind = e.data.kind === 'promised' ? 'promised' : 'immediate';
    if (typeof e.data.promisedDate === 'string') t.promisedDate = e.data.promisedDate;
    if (name === 'returned') t.last = 'accepted';
    if (!state) continue;
    t.states.add(state);
    t.last = state;
    if (state === 'finished' && date >= from) {
      // On time by the centre's own days (the clock's verdict in the event); older events: by the date.
      const onTime = typeof e.data.onTime === 'boolean' ? e.data.onTime : !(t.promisedDate && date > t.promisedDate);
      for (const f of targets(t, date)) {
        if (t.kind === 'immediate') f.finishedImmediate += 1;
        else if (onTime) f.finishedOnTime += 1;
        else f.finishedOverdue += 1;
      }
    }
  }
  // Overdue when the promised date has passed by the end of the range (or by today, for a range not over yet).
  const overdueBefore = to < input.today ? to : addDays(input.today, -1);
  for (const [caseId, t] of tracks) {
    if (t.registeredOn >= from) {
      const flags = input.caseFlags?.(caseId) ?? { daiban: false, joint: false };
      const facts = { kind: t.kind, states: t.states, ...flags };
      const types = caseTypesOf(facts);
      const accepted = wasAccepted(facts);
      for (const f of targets(t, t.registeredOn)) {
        f.registered += 1;
        if (accepted) f.accepted += 1;
        if (types.has('即办件')) f.immediate += 1;
        if (types.has('承诺件')) f.promised += 1;
        if (types.has('补正件')) f.correction += 1;
        if (types.has('退回件')) f.rejected += 1;
        if (types.has('上报件')) f.reported += 1;
        if (types.has('代办件')) f.daiban += 1;
        if (types.has('联办件')) f.joint += 1;
        if (t.states.has('not-approved')) f.notApproved += 1;
      }
    }
    if (t.kind !== 'promised' || !OPEN.includes(t.last)) continue;
    const overdue = input.caseOverdueOn
      ? input.caseOverdueOn(caseId, overdueBefore)
      : t.last !== 'correction' && t.promisedDate !== null && t.promisedDate <= overdueBefore;
    if (overdue) {
      total.openOverdue += 1;
      matterOf(t).openOverdue += 1;
    }
  }
  return {
    ...total,
    byMatter: [...byMatter.values()].sort(
      (a, b) => b.registered - a.registered || a.matterName.localeCompare(b.matterName),
    ),
    byPeriod: [...byPeriod.values()],
  };
}
