// A year the calendar package does not carry yet, entered from the State Council's notice in
// config/holidays.json: the server counts working days with it instead of refusing. (Own file: the
// calendar is module state, and the other calendar tests rely on 2027 being missing.)
import { describe, expect, it } from 'vitest';
import { addOfficialYear, addWorkingDays, calendarYears, isWorkingDay } from '../../server/calendar/working-days.ts';

// Test data shaped like a notice (not a claim about the real 2027 arrangement).
const YEAR_X = { year: '2027', holidays: ['2027-01-01', '2027-01-02', '2027-01-03'], workdays: ['2027-01-09'] };

describe('a year entered from the official notice', () => {
  it('is refused before, and counted with its holidays and make-up days after', () => {
    expect(() => addWorkingDays('2026-12-28', 5)).toThrow(/尚无 2027 年的数据/);
    addOfficialYear(YEAR_X);
    expect(calendarYears()).toContain('2027');
    expect(isWorkingDay('2027-01-01')).toBe(false); // a declared holiday (a Friday)
    expect(isWorkingDay('2027-01-09')).toBe(true); // a declared make-up Saturday
    expect(isWorkingDay('2027-01-10')).toBe(false); // an ordinary Sunday
    // Accepted Mon 2026-12-28: 12-29 (1), 12-30 (2), 12-31 (3), 01-01…01-03 off, 01-04 (4), 01-05 (5).
    expect(addWorkingDays('2026-12-28', 5)).toBe('2027-01-05');
  });

  it('never overwrites a year the package carries', () => {
    const before = isWorkingDay('2026-10-01');
    addOfficialYear({ year: '2026', holidays: [], workdays: ['2026-10-01'] });
    expect(isWorkingDay('2026-10-01')).toBe(before);
  });
});
