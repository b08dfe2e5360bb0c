// The district's report periods and due days (seed 000 月报、季报、年报; seed 002 篇8 季度首月10日前).
import { describe, expect, it } from 'vitest';
import { dueBy, reportPeriod } from '../../server/district/queries.ts';

describe('district report periods', () => {
  it('month, quarter and year keys give their first and last day', () => {
    expect(reportPeriod('month', '2026-02')).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(reportPeriod('month', '2028-02')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
    expect(reportPeriod('quarter', '2026-Q4')).toEqual({ from: '2026-10-01', to: '2026-12-31' });
    expect(reportPeriod('quarter', '2026-Q1')).toEqual({ from: '2026-01-01', to: '2026-03-31' });
    expect(reportPeriod('year', '2026')).toEqual({ from: '2026-01-01', to: '2026-12-31' });
    for (const [kind, key] of [
      ['month', '2026-13'],
      ['month', '2026-1'],
      ['quarter', '2026-Q5'],
      ['year', '26'],
    ] as const)
      expect(reportPeriod(kind, key)).toBeNull();
  });

  it('a report is missing only after its due day', () => {
    expect(dueBy('month', '2026-11-30')).toBe('2026-11-30');
    expect(dueBy('quarter', '2026-12-31')).toBe('2027-01-10');
    expect(dueBy('year', '2026-12-31')).toBe('2027-01-31');
  });
});
