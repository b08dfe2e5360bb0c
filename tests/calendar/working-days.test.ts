// Against the State Council's holiday notices (国办发明电〔2024〕12号 for 2025, and the 2026 notice as the
// chinese-days package carries it).
import { describe, expect, it } from 'vitest';
import { addWorkingDays, CalendarMissingError, calendarYears, isWorkingDay, workingDaysBetween } from '../../server/calendar/working-days.ts';

describe('2025 official calendar', () => {
  it('counts the make-up working days on weekends', () => {
    for (const d of ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11']) expect(isWorkingDay(d), d).toBe(true);
  });
  it('skips the holidays, including weekdays inside them', () => {
    for (const d of ['2025-01-28', '2025-02-04', '2025-05-05', '2025-10-01', '2025-10-08']) expect(isWorkingDay(d), d).toBe(false);
    expect(isWorkingDay('2025-10-09')).toBe(true);
  });
  it('a promised case across National Day: accepted 2025-09-29, 5 working days', () => {
    // 9-30 (1), 10-01…10-08 holiday, 10-09 (2), 10-10 (3), 10-11 Saturday make-up day (4), 10-13 (5)
    expect(addWorkingDays('2025-09-29', 5)).toBe('2025-10-13');
  });
  it('a 15-working-day case across the Spring Festival', () => {
    // accepted Fri 2025-01-24: 1-26 Sun make-up (1), 1-27 (2), 1-28…2-04 holiday, 2-05 (3) … 2-08 Sat make-up
    expect(addWorkingDays('2025-01-24', 2)).toBe('2025-01-27');
    expect(addWorkingDays('2025-01-24', 3)).toBe('2025-02-05');
    expect(addWorkingDays('2025-01-24', 6)).toBe('2025-02-08');
  });
});

describe('2026 official calendar', () => {
  it('follows the 2026 notice as the package has it', () => {
    expect(isWorkingDay('2026-02-14')).toBe(true); // Saturday, Spring Festival make-up day
    expect(isWorkingDay('2026-10-01')).toBe(false);
    expect(isWorkingDay('2026-10-10')).toBe(true); // Saturday, National Day make-up day
  });
  it('counts from the day after acceptance, skipping the weekend', () => {
    expect(addWorkingDays('2026-11-20', 1)).toBe('2026-11-23'); // Friday → Monday
    expect(addWorkingDays('2026-11-23', 5)).toBe('2026-11-30');
    expect(workingDaysBetween('2026-11-23', '2026-11-30')).toBe(5);
  });
  it('restarts the count after a correction (补正): from the day after the materials arrive', () => {
    const accepted = addWorkingDays('2026-11-02', 15);
    const afterCorrection = addWorkingDays('2026-11-10', 15);
    expect(afterCorrection > accepted).toBe(true);
    expect(workingDaysBetween('2026-11-10', afterCorrection)).toBe(15);
  });
});

describe('years without official data', () => {
  it('says so instead of guessing', () => {
    expect(calendarYears()).toContain('2026');
    expect(() => isWorkingDay('2027-01-04')).toThrow(CalendarMissingError);
    expect(() => addWorkingDays('2026-12-24', 15)).toThrow(/尚无 2027 年的数据/);
  });
});
