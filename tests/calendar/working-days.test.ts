// Against the State Council's holiday notices: 国办发明电〔2024〕12号 (2025) and 国办发明电〔2025〕7号 (2026),
// as the chinese-days package (1.5.7) carries them. The dates below are copied from the notices.
import { isWorkday as packageIsWorkday } from 'chinese-days';
import { describe, expect, it } from 'vitest';
import {
  addWorkingDays,
  CalendarMissingError,
  calendarYears,
  chinaDate,
  isWorkingDay,
  promisedDate,
  workingDaysBetween,
} from '../../server/calendar/working-days.ts';

describe('2025 official calendar', () => {
  it('counts the make-up working days on weekends: 1/26 Sun, 2/8 Sat, 4/27 Sun, 9/28 Sun, 10/11 Sat', () => {
    for (const d of ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11'])
      expect(isWorkingDay(d), d).toBe(true);
  });
  it('skips the holidays, including weekdays inside them', () => {
    // 春节 1/28–2/4, 清明 4/4, 劳动节 5/1–5/5, 端午 5/31–6/2, 国庆中秋 10/1–10/8
    for (const d of [
      '2025-01-01',
      '2025-01-28',
      '2025-02-04',
      '2025-04-04',
      '2025-05-05',
      '2025-06-02',
      '2025-10-01',
      '2025-10-08',
    ])
      expect(isWorkingDay(d), d).toBe(false);
    expect(isWorkingDay('2025-10-09')).toBe(true);
    expect(isWorkingDay('2025-10-12')).toBe(false); // an ordinary Sunday
  });
  it('a promised case across National Day: accepted 2025-09-29, 5 working days → 2025-10-13', () => {
    // 9-30 (1), 10-01…10-08 holiday, 10-09 (2), 10-10 (3), 10-11 Saturday make-up day (4), 10-13 (5)
    expect(addWorkingDays('2025-09-29', 5)).toBe('2025-10-13');
    expect(workingDaysBetween('2025-09-29', '2025-10-13')).toBe(5);
  });
  it('15 working days across the Spring Festival', () => {
    // accepted Fri 1-24: 1-26 Sun make-up (1), 1-27 (2), 1-28…2-04 holiday, 2-05 (3), 2-06 (4), 2-07 (5), 2-08 Sat make-up (6)
    expect(addWorkingDays('2025-01-24', 2)).toBe('2025-01-27');
    expect(addWorkingDays('2025-01-24', 3)).toBe('2025-02-05');
    expect(addWorkingDays('2025-01-24', 6)).toBe('2025-02-08');
    // 2-10…2-14 (7–11), 2-17…2-20 (12–15)
    expect(addWorkingDays('2025-01-24', 15)).toBe('2025-02-20');
  });
});

describe('2026 official calendar', () => {
  it('the make-up working days of the 2026 notice: 1/4 Sun, 2/14 Sat, 2/28 Sat, 5/9 Sat, 9/20 Sun, 10/10 Sat', () => {
    for (const d of ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'])
      expect(isWorkingDay(d), d).toBe(true);
  });
  it('the holidays of the 2026 notice', () => {
    // 元旦 1/1–1/3, 春节 2/15–2/23, 清明 4/4–4/6, 劳动节 5/1–5/5, 端午 6/19–6/21, 中秋 9/25–9/27, 国庆 10/1–10/7
    for (const d of [
      '2026-01-02',
      '2026-02-16',
      '2026-02-23',
      '2026-04-06',
      '2026-05-05',
      '2026-06-19',
      '2026-09-25',
      '2026-10-01',
      '2026-10-07',
    ])
      expect(isWorkingDay(d), d).toBe(false);
    expect(isWorkingDay('2026-10-08')).toBe(true); // National Day 2026 ends on the 7th
  });
  it('counts from the day after acceptance, skipping the weekend; a Sunday make-up day counts', () => {
    expect(addWorkingDays('2026-11-20', 1)).toBe('2026-11-23'); // Friday → Monday
    expect(addWorkingDays('2026-11-23', 5)).toBe('2026-11-30');
    expect(addWorkingDays('2026-09-18', 1)).toBe('2026-09-20'); // Friday → the make-up Sunday
  });
  // The package's isWorkday() reads the day in the machine's time zone and answers wrongly west of UTC
  // (TZ=America/Los_Angeles: Saturday 2025-01-04 "is a workday"); ours only compares strings.
  it.skipIf(new Date('2025-01-01T00:00:00Z').getTimezoneOffset() > 0)(
    'agrees with the package’s own answer on every day of 2025 and 2026',
    () => {
      for (let t = Date.UTC(2025, 0, 1); t <= Date.UTC(2026, 11, 31); t += 86_400_000) {
        const d = new Date(t).toISOString().slice(0, 10);
        expect(isWorkingDay(d), d).toBe(packageIsWorkday(d));
      }
    },
  );
});

describe('correction (补正) restarts the count', () => {
  it('from the day after the corrected materials arrive', () => {
    // accepted Mon 2026-09-28, 5 days: 9-29 (1), 9-30 (2), 10-01…10-07 holiday, 10-08 (3), 10-09 (4), 10-10 Sat make-up (5)
    expect(promisedDate('2026-09-28', 5)).toBe('2026-10-10');
    // materials complete on 10-09: 10-10 (1), 10-12 (2), 10-13 (3), 10-14 (4), 10-15 (5)
    expect(promisedDate('2026-09-28', 5, '2026-10-09')).toBe('2026-10-15');
    expect(workingDaysBetween('2026-10-09', '2026-10-15')).toBe(5);
  });
  it('refuses a correction dated before the acceptance', () => {
    expect(() => promisedDate('2026-09-28', 5, '2026-09-01')).toThrow(/早于受理日期/);
  });
});

describe('years without official data', () => {
  it('the package covers 2004–2026', () => {
    expect(calendarYears()).toEqual(Array.from({ length: 23 }, (_, i) => String(2004 + i)));
  });
  it('says so instead of guessing', () => {
    expect(() => isWorkingDay('2027-01-04')).toThrow(CalendarMissingError);
    expect(() => isWorkingDay('2003-06-02')).toThrow(/尚无 2003 年的数据/);
    expect(() => addWorkingDays('2026-12-24', 15)).toThrow(/尚无 2027 年的数据/);
    expect(addWorkingDays('2026-12-24', 4)).toBe('2026-12-30'); // still inside 2026: fine
    try {
      promisedDate('2026-12-28', 5);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(CalendarMissingError);
      expect((err as CalendarMissingError).year).toBe('2027');
    }
  });
});

describe('dates', () => {
  it('refuses what is not a real YYYY-MM-DD day', () => {
    for (const d of ['2025-02-29', '2026-13-01', '2026-1-5', '2026/01/05', ''])
      expect(() => isWorkingDay(d), d).toThrow(RangeError);
    expect(() => addWorkingDays('2026-11-23', 0)).toThrow(/正整数/);
    expect(() => addWorkingDays('2026-11-23', 1.5)).toThrow(/正整数/);
  });
  it('the day in China of an instant, whatever the machine’s time zone', () => {
    expect(chinaDate(new Date('2026-11-22T15:59:59Z'))).toBe('2026-11-22');
    expect(chinaDate(new Date('2026-11-22T16:00:00Z'))).toBe('2026-11-23');
    expect(() => chinaDate(new Date('nonsense'))).toThrow(RangeError);
  });
});
