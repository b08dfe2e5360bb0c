// The statistics report as the admin dashboard receives it (GET /api/admin/stats); computed by server/stats/compute.ts.
// No Node imports and nothing outside server/contract/.
import type { RatingValue } from './ratings.ts';
import type { Period } from './periods.ts';

export interface TimeSummary {
  count: number;
  meanMinutes: number | null;
  medianMinutes: number | null;
  p90Minutes: number | null;
}

export type RatingCounts = Record<RatingValue | 'not-rated', number>;

export interface RatingSummary {
  counts: RatingCounts;
  /** Ratings given (not-rated excluded). */
  rated: number;
  satisfied: number;
  /** satisfied / rated, 0..1; null without any rating. */
  satisfactionRate: number | null;
}

export interface Figures {
  issued: number;
  served: number;
  skipped: number;
  transferred: number;
  noShows: number;
  wait: TimeSummary;
  service: TimeSummary;
  ratings: RatingSummary;
}

export interface Group {
  key: string;
  label: string;
  figures: Figures;
}

export interface HourRow {
  hour: number;
  issued: number;
  wait: TimeSummary;
}

export interface CaseFigures {
  registered: number;
  accepted: number;
  /** 即办件 / 承诺件: cases accepted by the range's end only (the rule of server/cases/kinds.ts). */
  immediate: number;
  promised: number;
  /** 补正件 */
  correction: number;
  /** 退回件: refused at intake (不予受理). */
  rejected: number;
  /** 上报件: reported to a higher authority. */
  reported: number;
  /** 不予批准 by the higher authority. */
  notApproved: number;
  /** 代办件 (seed 004 代理件): came from a village station's 代办. */
  daiban: number;
  /** 联办件: a lead window and participating windows (一次性告知制度 第四条). */
  joint: number;
  /** Finished in the range: immediate ones on the spot, promised ones on time or late. */
  finishedImmediate: number;
  finishedOnTime: number;
  finishedOverdue: number;
  /** Promised cases still open at the end of the range past their promised date. */
  openOverdue: number;
}

export interface CaseGroup extends CaseFigures {
  matterId: string;
  matterName: string;
}

export interface StatsReport {
  from: string;
  to: string;
  period: Period;
  totals: Figures;
  byPeriod: Group[];
  byCategory: Group[];
  byWindow: Group[];
  byStaff: Group[];
  /** 24 rows, hour 0–23 local time: tickets issued (peak hours) and waiting time by hour of issue. */
  hours: HourRow[];
  cases: CaseFigures & { byMatter: CaseGroup[]; byPeriod: (CaseFigures & { key: string; label: string })[] };
}

// ---- accumulation ---------------------------------------------------------------------------------
