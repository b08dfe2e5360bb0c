// Working days by China's official calendar (State Council holiday notices, including the make-up
// working days 调休), from the maintained `chinese-days` package. A year the package has no notice for
// is an error that says so: the promised date of a case must never be a guess.
import data from 'chinese-days/dist/chinese-days.json' with { type: 'json' };

const holidays = data.holidays as Record<string, string>;
const workdays = data.workdays as Record<string, string>;
const years = new Set(Object.keys(holidays).map((d) => d.slice(0, 4)));

export class CalendarMissingError extends Error {
  constructor(readonly year: string) {
    super(`节假日日历尚无 ${year} 年的数据（国务院办公厅通常在上一年年底公布放假安排），无法计算承诺办结日期，请升级日历数据或由窗口人工确定日期`);
  }
}

/** Years with official data, e.g. ['2004', …, '2026']. */
export function calendarYears(): string[] {
  return [...years].sort();
}

function requireYear(date: string): void {
  const year = date.slice(0, 4);
  if (!years.has(year)) throw new CalendarMissingError(year);
}

/** YYYY-MM-DD → is it a working day (weekday not a holiday, or an official make-up working day)? */
export function isWorkingDay(date: string): boolean {
  requireYear(date);
  if (date in workdays) return true;
  if (date in holidays) return false;
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

function nextDay(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

/**
 * The N-th working day after `date` (the day of acceptance does not count, 自受理次日起计算).
 * Throws CalendarMissingError when the count reaches a year without official data.
 */
export function addWorkingDays(date: string, days: number): string {
  if (!Number.isInteger(days) || days < 1) throw new RangeError(`工作日数应为正整数，实际是 ${days}`);
  let d = date;
  let counted = 0;
  while (counted < days) {
    d = nextDay(d);
    if (isWorkingDay(d)) counted++;
  }
  return d;
}

/** Working days from the day after `from` up to and including `to` (0 when `to` ≤ `from`). */
export function workingDaysBetween(from: string, to: string): number {
  let n = 0;
  for (let d = nextDay(from); d <= to; d = nextDay(d)) if (isWorkingDay(d)) n++;
  return n;
}
