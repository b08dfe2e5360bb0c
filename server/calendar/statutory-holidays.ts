// The statutory holidays fixed by 《全国年节及纪念日放假办法》 (as amended 2024, in force 2025): 元旦 1 day
// (1月1日), 春节 4 days (农历除夕至正月初三), 清明节 1 day (清明当日), 劳动节 2 days (5月1日、2日), 端午节 1 day
// (农历端午当日), 中秋节 1 day (农历中秋当日), 国庆节 3 days (10月1日至3日). For a year whose State Council notice
// is not out yet, these are the days we know are off whatever the notice says; the make-up days (调休) and
// bridging days are not known, so a count through that year is a lower bound, never the official answer.
// Lunar and solar-term dates come from `chinese-days` (getSolarDateFromLunar, getSolarTermDate).
import { createRequire } from 'node:module';

// require() as working-days.ts does: the package is CommonJS, and the bundled server runs as ESM with the
// package external, where named imports from it fail.
const { getSolarDateFromLunar, getSolarTermDate } = createRequire(import.meta.url)(
  'chinese-days',
) as typeof import('chinese-days');

const DAY_MS = 86_400_000;
const shift = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

const cache = new Map<number, ReadonlyMap<string, string>>();

/** The statutory holidays of `year`: date → name. */
export function statutoryHolidays(year: number): ReadonlyMap<string, string> {
  let days = cache.get(year);
  if (days) return days;
  const m = new Map<string, string>();
  const y = String(year);
  m.set(`${y}-01-01`, '元旦');
  // 春节: 除夕 (the day before 正月初一) to 初三. 除夕 of this year's 春节 may fall in this year only.
  const spring = getSolarDateFromLunar(`${y}-01-01`).date;
  for (let i = -1; i <= 2; i++) m.set(shift(spring, i), '春节');
  m.set(getSolarTermDate(year, 4, 'pure_brightness'), '清明节');
  m.set(`${y}-05-01`, '劳动节');
  m.set(`${y}-05-02`, '劳动节');
  m.set(getSolarDateFromLunar(`${y}-05-05`).date, '端午节');
  m.set(getSolarDateFromLunar(`${y}-08-15`).date, '中秋节');
  for (const d of ['10-01', '10-02', '10-03']) m.set(`${y}-${d}`, '国庆节');
  // 春节 is never before 01-21, so 除夕 always falls in the same year.
  days = new Map([...m].filter(([d]) => d.startsWith(y)));
  cache.set(year, days);
  return days;
}

/** The statutory holiday `date` is, or null. */
export function statutoryHoliday(date: string): string | null {
  return statutoryHolidays(Number(date.slice(0, 4))).get(date) ?? null;
}

/** A working day as far as it can be known without the year's notice: Monday–Friday and no statutory holiday. */
export function isPlausibleWorkingDay(date: string): boolean {
  const d = new Date(`${date}T00:00:00Z`).getUTCDay();
  return d !== 0 && d !== 6 && statutoryHoliday(date) === null;
}
