// 《全国年节及纪念日放假办法》: the 13 statutory days off, with the lunar ones computed for the year. Checked
// against the State Council notices the package carries (2025, 2026: each statutory day is off there) and
// against dates counted by hand for 2027 and 2028 (春节 2027-02-06, 2028-01-26; 端午 2027-06-09, 2028-05-28;
// 中秋 2027-09-15, 2028-10-03; 清明 2027-04-05, 2028-04-04).
import { describe, expect, it } from 'vitest';
import { isWorkingDay } from '../../server/calendar/working-days.ts';
import {
  isPlausibleWorkingDay,
  statutoryHoliday,
  statutoryHolidays,
} from '../../server/calendar/statutory-holidays.ts';

describe('statutory holidays (全国年节及纪念日放假办法)', () => {
  it('13 days a year; every one of them is off in the official 2025 and 2026 calendars', () => {
    for (const y of [2025, 2026]) {
      const days = statutoryHolidays(y);
      expect(days.size).toBe(13);
      for (const d of days.keys()) expect(isWorkingDay(d), d).toBe(false);
    }
  });

  it('2027 and 2028: the lunar and solar-term days', () => {
    expect([...statutoryHolidays(2027)].filter(([, n]) => n === '春节').map(([d]) => d)).toEqual([
      '2027-02-05',
      '2027-02-06',
      '2027-02-07',
      '2027-02-08',
    ]);
    expect(statutoryHoliday('2027-04-05')).toBe('清明节');
    expect(statutoryHoliday('2027-06-09')).toBe('端午节');
    expect(statutoryHoliday('2027-09-15')).toBe('中秋节');
    expect(statutoryHoliday('2028-01-25')).toBe('春节');
    expect(statutoryHoliday('2028-05-28')).toBe('端午节');
    expect(statutoryHoliday('2028-10-03')).toBe('国庆节');
    expect(statutoryHoliday('2027-01-01')).toBe('元旦');
    expect(isPlausibleWorkingDay('2027-01-01')).toBe(false);
    expect(isPlausibleWorkingDay('2027-01-04')).toBe(true);
    expect(isPlausibleWorkingDay('2027-01-09')).toBe(false);
  });
});
