// Dates for statistics, in the centre's time zone (China time: UTC+8 all year, no daylight saving).
// Pure functions on YYYY-MM-DD strings; no Node imports (the admin page uses them too).

export const PERIODS = ['day', 'week', 'month', 'quarter'] as const;
export type Period = (typeof PERIODS)[number];
export const PERIOD_NAMES: Record<Period, string> = { day: '按日', week: '按周', month: '按月', quarter: '按季度' };

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function isDate(s: string): boolean {
  if (!DATE.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Days from a to b (b − a). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/** Offset of the zone from UTC in ms at `reference` (the hall's zones keep one offset all year). */
export function zoneOffsetMs(timeZone: string, reference: Date): number {
  const f = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  });
  const p: Record<string, string> = {};
  for (const part of f.formatToParts(reference)) p[part.type] = part.value;
  const asUtc = Date.parse(`${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:${p.second}Z`);
  return asUtc - Math.floor(reference.getTime() / 1000) * 1000;
}

/** Local date and hour of an instant, given the zone's offset. */
export function localDateHour(iso: string, offsetMs: number): { date: string; hour: number } {
  const local = new Date(Date.parse(iso) + offsetMs).toISOString();
  return { date: local.slice(0, 10), hour: Number(local.slice(11, 13)) };
}

/** [start, end) instants (ISO) of local dates from..to inclusive. */
export function rangeInstants(from: string, to: string, offsetMs: number): { start: string; end: string } {
  return {
    start: new Date(Date.parse(`${from}T00:00:00Z`) - offsetMs).toISOString(),
    end: new Date(Date.parse(`${addDays(to, 1)}T00:00:00Z`) - offsetMs).toISOString(),
  };
}

/** ISO week (Monday first; week 1 holds the year's first Thursday): 2026-W48. */
export function isoWeek(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  const weekday = (d.getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  const thursday = new Date(d.getTime() + (3 - weekday) * 86_400_000);
  const year = thursday.getUTCFullYear();
  const firstThursday = new Date(Date.UTC(year, 0, 4));
  const firstMonday = new Date(firstThursday.getTime() - ((firstThursday.getUTCDay() + 6) % 7) * 86_400_000);
  const week = Math.floor((d.getTime() - firstMonday.getTime()) / (7 * 86_400_000)) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

export function periodKey(date: string, period: Period): string {
  switch (period) {
    case 'day':
      return date;
    case 'week':
      return isoWeek(date);
    case 'month':
      return date.slice(0, 7);
    case 'quarter':
      return `${date.slice(0, 4)}-Q${Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1}`;
  }
}

export function periodLabel(key: string, period: Period): string {
  switch (period) {
    case 'day':
      return `${Number(key.slice(5, 7))}月${Number(key.slice(8, 10))}日`;
    case 'week':
      return `${key.slice(0, 4)}年第${Number(key.slice(6))}周`;
    case 'month':
      return `${key.slice(0, 4)}年${Number(key.slice(5, 7))}月`;
    case 'quarter':
      return `${key.slice(0, 4)}年第${key.slice(6)}季度`;
  }
}

/** Every period key between two dates, in order (empty periods are shown as zeros, not left out). */
export function periodKeys(from: string, to: string, period: Period): string[] {
  const keys: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) {
    const k = periodKey(d, period);
    if (keys[keys.length - 1] !== k) keys.push(k);
  }
  return keys;
}

/**
 * Years a report may be asked for. Date.UTC reads years 0–99 as 1900–1999, so `0000-01` once became a
 * range from year 0 to 1900 that kept the server busy for ~10 s.
 */
export const MIN_REPORT_YEAR = 2000;
export const MAX_REPORT_YEAR = 2099;
const saneYear = (y: string) => Number(y) >= MIN_REPORT_YEAR && Number(y) <= MAX_REPORT_YEAR;

/** 2026-11 → 2026-11-01 … 2026-11-30; null when not a month. */
export function monthRange(month: string): { from: string; to: string } | null {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month) || !saneYear(month.slice(0, 4))) return null;
  const from = `${month}-01`;
  const next = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 1));
  return { from, to: addDays(next.toISOString().slice(0, 10), -1) };
}

/** 2026-Q4 → 2026-10-01 … 2026-12-31; null when not a quarter. */
export function quarterRange(quarter: string): { from: string; to: string } | null {
  const m = /^(\d{4})-Q([1-4])$/.exec(quarter);
  if (!m || !saneYear(m[1]!)) return null;
  const first = (Number(m[2]) - 1) * 3 + 1;
  const from = `${m[1]}-${String(first).padStart(2, '0')}-01`;
  const last = monthRange(`${m[1]}-${String(first + 2).padStart(2, '0')}`)!;
  return { from, to: last.to };
}
