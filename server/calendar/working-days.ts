// Working days by China's official calendar (State Council holiday notices, including the make-up
// working days 调休), from the maintained `chinese-days` package (1.5.7 carries 2004–2026). A year the
// package has no notice for is an error that says so: the promised date of a case must never be a guess
// (the package's own isWorkday() would silently fall back to plain weekends there). Until the package carries
// a new year, an administrator can enter that year's notice in config/holidays.json (addOfficialYear).
// Dates are 'YYYY-MM-DD' strings meaning a day in China (Asia/Shanghai); arithmetic is done in UTC
// so no local time zone or daylight-saving rule can shift a day.
import { createRequire } from 'node:module';

// require() rather than an import attribute: the same line works under tsx and in the bundled server.
const data = createRequire(import.meta.url)('chinese-days/dist/chinese-days.json') as {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
};

const holidays = data.holidays as Record<string, string>;
const workdays = data.workdays as Record<string, string>;
const years = new Set([...Object.keys(holidays), ...Object.keys(workdays)].map((d) => d.slice(0, 4)));
/** The years the package itself carries (never replaced by a notice entered at the centre). */
const packageYears = new Set(years);
/** What marks a day as entered from config/holidays.json rather than carried by the package. */
const FROM_NOTICE = 'config/holidays.json';

export class CalendarMissingError extends Error {
  override readonly name = 'CalendarMissingError';
  constructor(readonly year: string) {
    super(
      `节假日日历尚无 ${year} 年的数据（国务院办公厅通常在上一年年底公布放假安排），无法计算承诺办结日期，请管理员在管理后台“节假日安排”录入国务院办公厅的放假通知，或由窗口人工确定日期`,
    );
  }
}

/**
 * A year the package does not carry yet, from the State Council's notice as entered in config/holidays.json
 * (checked by the config loader). The package's own years are never overwritten.
 */
export function addOfficialYear(y: { year: string; holidays: readonly string[]; workdays: readonly string[] }): void {
  if (years.has(y.year)) return;
  for (const d of y.holidays) holidays[d] = FROM_NOTICE;
  for (const d of y.workdays) workdays[d] = FROM_NOTICE;
  years.add(y.year);
}

/**
 * The administrator saved a year's notice on /admin (issue 24 ⑪): that year's entered days are replaced by
 * the new ones (a corrected notice takes effect without a restart). A year the package carries is refused.
 */
export function replaceOfficialYear(y: {
  year: string;
  holidays: readonly string[];
  workdays: readonly string[];
}): void {
  if (packageYears.has(y.year)) throw new RangeError(`${y.year} 年的放假安排日历包已经收录，不能另行录入`);
  for (const table of [holidays, workdays])
    for (const d of Object.keys(table)) if (d.startsWith(y.year) && table[d] === FROM_NOTICE) delete table[d];
  years.delete(y.year);
  addOfficialYear(y);
}

/** Years with official data, e.g. ['2004', …, '2026']. */
export function calendarYears(): string[] {
  return [...years].sort();
}

/** Years the calendar package carries by itself (a notice in config/holidays.json may only add other years). */
export function packageCalendarYears(): string[] {
  return [...packageYears].sort();
}

/** The official days off and make-up working days of a year, as the calendar now has them. */
export function officialYear(
  year: string,
): { holidays: string[]; workdays: string[]; from: 'package' | 'notice' } | null {
  if (!years.has(year)) return null;
  const of = (table: Record<string, string>) =>
    Object.keys(table)
      .filter((d) => d.startsWith(`${year}-`))
      .sort();
  return { holidays: of(holidays), workdays: of(workdays), from: packageYears.has(year) ? 'package' : 'notice' };
}

const DAY_MS = 86_400_000;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Milliseconds of UTC midnight for a valid 'YYYY-MM-DD'; throws on 2025-02-30 and the like. */
function dayMs(date: string): number {
  const m = DATE_RE.exec(date);
  const ms = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : NaN;
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== date)
    throw new RangeError(`日期应为 YYYY-MM-DD 格式的有效日期，实际是 "${date}"`);
  return ms;
}

/** Whether 'YYYY-MM-DD' names a real day (not 2025-02-30): the one date check config and imports share. */
export function isRealDate(date: string): boolean {
  try {
    dayMs(date);
    return true;
  } catch {
    return false;
  }
}

function requireYear(date: string): void {
  const year = date.slice(0, 4);
  if (!years.has(year)) throw new CalendarMissingError(year);
}

/** YYYY-MM-DD → is it a working day (weekday not a holiday, or an official make-up working day)? */
export function isWorkingDay(date: string): boolean {
  const ms = dayMs(date);
  requireYear(date);
  if (date in workdays) return true;
  if (date in holidays) return false;
  const weekday = new Date(ms).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

/**
 * For opening hours only (may a ticket be taken today?): a year without official data falls back to Monday
 * to Friday and reports it, because a hall with staff at the windows must not turn everyone away while a
 * calendar file is late. Promised dates and appointments never use this: they must not be guessed.
 */
export function isWorkingDayOrWeekday(date: string, onMissing: (err: CalendarMissingError) => void): boolean {
  try {
    return isWorkingDay(date);
  } catch (err) {
    if (!(err instanceof CalendarMissingError)) throw err;
    onMissing(err);
    const weekday = new Date(dayMs(date)).getUTCDay();
    return weekday !== 0 && weekday !== 6;
  }
}

function nextDay(date: string): string {
  return new Date(dayMs(date) + DAY_MS).toISOString().slice(0, 10);
}

/**
 * The N-th working day after `date` (the day of acceptance does not count, 自受理次日起计算).
 * Throws CalendarMissingError when the count reaches a year without official data.
 */
export function addWorkingDays(date: string, days: number): string {
  if (!Number.isInteger(days) || days < 1) throw new RangeError(`工作日数应为正整数，实际是 ${days}`);
  let d = date;
  dayMs(d);
  let counted = 0;
  while (counted < days) {
    d = nextDay(d);
    if (isWorkingDay(d)) counted++;
  }
  return d;
}

/** Working days from the day after `from` up to and including `to` (0 when `to` ≤ `from`). */
export function workingDaysBetween(from: string, to: string): number {
  dayMs(to);
  let n = 0;
  for (let d = nextDay(from); d <= to; d = nextDay(d)) if (isWorkingDay(d)) n++;
  return n;
}

/**
 * Promised completion date (承诺办结日期) of a case accepted on `acceptedOn` with a limit of `days`
 * working days. After a correction (补正) the count restarts: from the day after the corrected
 * materials arrived (限时办结制度 第八条), not from the first acceptance.
 */
export function promisedDate(acceptedOn: string, days: number, materialsCompletedOn: string | null = null): string {
  dayMs(acceptedOn);
  if (materialsCompletedOn === null) return addWorkingDays(acceptedOn, days);
  dayMs(materialsCompletedOn);
  if (materialsCompletedOn < acceptedOn)
    throw new RangeError(`补正材料收到日期 ${materialsCompletedOn} 早于受理日期 ${acceptedOn}`);
  return addWorkingDays(materialsCompletedOn, days);
}

const chinaDay = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The day in China (Asia/Shanghai) of an instant: 2026-11-22T16:30Z is already 2026-11-23 there. */
export function chinaDate(instant: Date): string {
  if (Number.isNaN(instant.getTime())) throw new RangeError('无效的时间');
  return chinaDay.format(instant);
}
