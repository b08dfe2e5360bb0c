// The 限时办结 clock of one case, as the centre's 限时办结制度 writes it. Pure: facts and a working-day test
// in, the clock out; no database, no system clock. Dates are 'YYYY-MM-DD' days in China.
//
// 第六条 "法定时限以法律法规和政策规定的时限为准。法律法规和政策没有规定的,按20个工作日计算。"
// 第七条 "因特殊原因不能在承诺时限内办结的,须经街道相关领导书面批准,并提前3日书面告知申请人,说明理由,告知新的办结时限。"
// 第八条 "限时办结时间以工作日计算。其办结时限从收到申报材料,作出受理决定的次日起计算。申报材料不齐或不符合法定形式的,
//        应当一次性告知申请人补正,其办结时限从收到补正材料的次日起计算。告知申请人补正材料时有遗漏的,其办结时限从收到
//        第一次补正材料的次日起计算。"
// 第九条 "需报上级机关、部门批准的服务事项,其办结时限不包含上级机关、部门办理的时间。"
// 第十三条 "因申请人原因,导致未在承诺时限內办结的,视为按时办结。"
// 一次性告知制度 第三条 "…是行政许可范围的应在五个工作日内一次性告知其所需补正的全部内容。"
import type { CaseClock, ClockRunning, LimitSource } from '../contract/cases.ts';
import type { MatterType } from '../contract/matters.ts';

/** 第六条: no limit in law, regulation or policy → 20 working days. */
export const DEFAULT_LIMIT_DAYS = 20;
/** 第七条: the applicant is told in writing 3 (working) days before the old date, so approval must come by then. */
export const EXTENSION_NOTICE_DAYS = 3;
/** 一次性告知制度 第三条: a 行政许可 application's 补正 notice within 5 working days. */
export const CORRECTION_NOTICE_DAYS = 5;
/** No promise runs longer than this many calendar days (a bound for the day-by-day walk). */
const MAX_WALK_DAYS = 3 * 366;

/** Is `date` an official working day? Throws (CalendarMissingError) for a year without official data. */
export type WorkingDayTest = (date: string) => boolean;

const DAY_MS = 86_400_000;
// Supervision walks many cases' days each time it is asked: remember each day's successor (a few thousand strings).
const successors = new Map<string, string>();
export function nextDay(date: string): string {
  let next = successors.get(date);
  if (next === undefined) {
    next = new Date(Date.parse(`${date}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
    if (successors.size < 20_000) successors.set(date, next);
  }
  return next;
}
export function isWeekday(date: string): boolean {
  const d = new Date(`${date}T00:00:00Z`).getUTCDay();
  return d !== 0 && d !== 6;
}

/**
 * The time limit and where it came from (第六条). The guide's promise (承诺时限) first; else its statutory
 * limit (法定时限); else 20 working days. A number typed at the window wins, but never past a statutory limit
 * the guide gives (第四条: the promise is made 在法定时限内). Returns an error text instead of throwing.
 */
export function timeLimit(
  guide: { promisedDays: number | null; legalDays: number | null } | null,
  typed: number | undefined,
): { days: number; source: LimitSource } | { error: string } {
  const legal = guide?.legalDays ?? null;
  if (typed !== undefined && typed !== guide?.promisedDays) {
    if (legal !== null && typed > legal)
      return { error: `承诺时限 ${typed} 个工作日超过了法定时限 ${legal} 个工作日，承诺时限应在法定时限以内` };
    return { days: typed, source: 'window' };
  }
  if (guide?.promisedDays) return { days: guide.promisedDays, source: 'guide' };
  if (legal) return { days: legal, source: 'legal' };
  return { days: DEFAULT_LIMIT_DAYS, source: 'default' };
}

/** What the clock of a promised case is computed from. */
export interface ClockFacts {
  limitDays: number;
  limitSource: LimitSource;
  /** The 受理决定 day (第八条 "作出受理决定的次日起计算"); null while the case waits for its first decision. */
  acceptedOn: string | null;
  /**
   * Counting runs from the day after this day: the 受理决定 day, or the day the FIRST correction materials
   * arrived (第八条). Null while waiting for the first correction: the clock has not started.
   */
  startAfter: string | null;
  /** Waiting for the first correction since this day (clock not started). */
  waitingCorrectionSince: string | null;
  /** Stays at the higher authority (第九条): the days after `from` up to and including `to` are not the centre's. */
  pauses: readonly { from: string; to: string | null }[];
  /** Approved extension days (第七条). */
  extensionDays: number;
  /** Days the applicant caused (第十三条): not counted against the centre. */
  applicantDays: number;
  /** The day the case ended (办结 / 不予批准): the clock stops there. */
  endedOn: string | null;
  /** A promised date confirmed by hand for a year the calendar lacks. */
  manual: { date: string; reason: string } | null;
}

function inPause(date: string, pauses: ClockFacts['pauses'], asOf: string): boolean {
  return pauses.some((p) => date > p.from && date <= (p.to ?? asOf));
}

/** Working days in (after, until] that are not at the authority. */
function centreDaysBetween(
  after: string,
  until: string,
  pauses: ClockFacts['pauses'],
  isWorkingDay: WorkingDayTest,
): number {
  let n = 0;
  for (let d = nextDay(after); d <= until; d = nextDay(d)) if (isWorkingDay(d) && !inPause(d, pauses, until)) n++;
  return n;
}

/** Working days at the authority in (from, to]. */
function pauseDays(pauses: ClockFacts['pauses'], asOf: string, isWorkingDay: WorkingDayTest): number {
  let n = 0;
  for (const p of pauses) {
    const to = p.to ?? asOf;
    for (let d = nextDay(p.from); d <= to && d <= asOf; d = nextDay(d)) if (isWorkingDay(d)) n++;
  }
  return n;
}

/**
 * The day the centre's own working days, counted from the day after `startAfter` and skipping the days at
 * the authority, reach `days`. Throws CalendarMissingError when the walk reaches a year without data.
 */
export function dueDate(
  startAfter: string,
  days: number,
  pauses: ClockFacts['pauses'],
  isWorkingDay: WorkingDayTest,
): string {
  let d = startAfter;
  let counted = 0;
  for (let i = 0; counted < days; i++) {
    if (i > MAX_WALK_DAYS) throw new RangeError(`承诺时限 ${days} 个工作日超出了可计算的范围`);
    d = nextDay(d);
    if (isWorkingDay(d) && !inPause(d, pauses, '9999-12-31')) counted++;
  }
  return d;
}

// By name, not instanceof: this module has no Node imports (the console uses timeLimit() too).
const missingYear = (err: unknown): boolean => err instanceof Error && err.name === 'CalendarMissingError';

/** The clock as of `asOf` (today, or the end of a statistics range). */
export function computeClock(f: ClockFacts, asOf: string, isWorkingDay: WorkingDayTest): CaseClock {
  const allowedDays = f.limitDays + f.extensionDays;
  const until = f.endedOn && f.endedOn < asOf ? f.endedOn : asOf;
  const open = f.pauses.find((p) => p.to === null) ?? null;
  const running: ClockRunning = f.endedOn
    ? 'stopped'
    : f.startAfter === null
      ? 'not-started'
      : open
        ? 'paused'
        : 'running';
  const base = {
    limitDays: f.limitDays,
    limitSource: f.limitSource,
    acceptedOn: f.acceptedOn,
    startAfter: f.startAfter,
    running,
    pausedReason:
      running === 'not-started'
        ? '等待补正材料（收到补正材料的次日起计算时限）'
        : running === 'paused'
          ? '已上报上级机关审批（上级办理时间不计入本中心时限）'
          : null,
    pausedSince: running === 'not-started' ? f.waitingCorrectionSince : running === 'paused' ? open!.from : null,
    applicantDays: f.applicantDays,
    extensionDays: f.extensionDays,
    allowedDays,
  };
  let manual: CaseClock['manual'] = null;
  let computed: string | null = null;
  if (f.startAfter !== null && !open) {
    try {
      computed = dueDate(f.startAfter, allowedDays + f.applicantDays, f.pauses, isWorkingDay);
    } catch (err) {
      if (!missingYear(err)) throw err;
    }
  }
  if (f.manual) {
    manual = {
      date: f.manual.date,
      reason: f.manual.reason,
      check: computed === null ? 'unchecked' : computed === f.manual.date ? 'agrees' : 'disagrees',
      computedDate: computed,
    };
  }
  // A hand-confirmed date stands (the applicant was told it) until someone changes it; the check flags it.
  const promisedDate = open || f.startAfter === null ? null : (f.manual?.date ?? computed);
  if (f.startAfter === null) {
    return { ...base, usedDays: 0, pausedDays: 0, leftDays: allowedDays, promisedDate: null, overdue: false, manual };
  }
  let usedDays: number | null = null;
  let pausedDays = 0;
  try {
    usedDays = Math.max(0, centreDaysBetween(f.startAfter, until, f.pauses, isWorkingDay) - f.applicantDays);
    pausedDays = pauseDays(f.pauses, until, isWorkingDay);
  } catch (err) {
    if (!missingYear(err)) throw err;
  }
  const overdue = usedDays !== null ? usedDays > allowedDays : promisedDate !== null && until > promisedDate;
  return {
    ...base,
    usedDays,
    pausedDays,
    leftDays: usedDays === null ? null : allowedDays - usedDays,
    promisedDate,
    overdue,
    manual,
  };
}

/** 第七条: may an extension be approved on `today` for a case due on `oldDate`? At least 3 working days must be left. */
export function extensionRefusal(today: string, oldDate: string | null, isWorkingDay: WorkingDayTest): string | null {
  if (!oldDate) return '该办件当前没有承诺办结日期（暂停计时或待补正），无需延期';
  let left = 0;
  for (let d = nextDay(today); d <= oldDate; d = nextDay(d)) if (isWorkingDay(d)) left++;
  if (today > oldDate) return `原承诺办结日期 ${oldDate} 已过，不能再延期`;
  if (left < EXTENSION_NOTICE_DAYS) {
    return `延期须在原承诺办结日期（${oldDate}）前至少 ${EXTENSION_NOTICE_DAYS} 个工作日经领导书面批准并书面告知申请人，现仅剩 ${left} 个工作日，不能批准延期`;
  }
  return null;
}

/**
 * 一次性告知制度 第三条: a 行政许可 application taken in on `receivedOn` gets its 补正 notice (or its acceptance)
 * within 5 working days. Other matter types: no such deadline in the seeds (null).
 */
export function correctionNoticeDue(
  matterType: MatterType | null,
  receivedOn: string,
  isWorkingDay: WorkingDayTest,
): string | null {
  if (matterType !== '行政许可') return null;
  return dueDate(receivedOn, CORRECTION_NOTICE_DAYS, [], isWorkingDay);
}

/** Working days left from today (exclusive) to `due` (inclusive); negative when past. */
export function workingDaysLeft(today: string, due: string, isWorkingDay: WorkingDayTest): number {
  if (today <= due) {
    let n = 0;
    for (let d = nextDay(today); d <= due; d = nextDay(d)) if (isWorkingDay(d)) n++;
    return n;
  }
  let n = 0;
  for (let d = nextDay(due); d <= today; d = nextDay(d)) if (isWorkingDay(d)) n++;
  return -n;
}
