// The district level (issue 25): what a hall ships to the district server and what the district's page reads.
// Shared by the hall's shipper (server/district-link/), the district server (server/district/) and the page
// (kiosk/district/), so no Node imports here.
import type { OverdueCause } from './cases.ts';

/** Event types that leave the hall; everything else in the hall's event log stays there. */
export const DISTRICT_EVENT_TYPES = [
  'ticket.issued',
  'ticket.called',
  'ticket.recalled',
  'ticket.skipped',
  'ticket.reactivated',
  'ticket.transferred',
  'ticket.finished',
  'ticket.expired',
  'ticket.priority-confirmed',
  'ticket.print-failed',
  'window.signed-in',
  'window.signed-out',
  'window.paused',
  'window.resumed',
  'case.accepted',
  'case.correction',
  'case.reported',
  'case.finished',
  'case.collected',
  'case.rejected',
  'case.received',
  'case.not-approved',
  'case.extension-requested',
  'case.extension-approved',
  'case.extension-refused',
  'case.applicant-delay',
  'case.manual-date',
  'case.manual-date-checked',
  'case.omission',
  'case.returned',
  // 超时查实 (限时办结制度 第十二条、第十四条): the leader's finding of the cause; the measure's words stay in the hall.
  'case.verified',
  'rating.recorded',
  'rating.not-rated',
  'rating.follow-up',
  'appointment.booked',
  'appointment.cancelled',
  'appointment.checked-in',
  'device.status',
  'report.generated',
] as const;
export type DistrictEventType = (typeof DISTRICT_EVENT_TYPES)[number];

/**
 * One hall event in district form (个人信息保护法, minimum necessary): no ID numbers, no phones, no staff ids,
 * no notes or reasons typed by a person. Tickets and cases are keyed by a hash of the hall's own id, so the
 * district can follow one ticket or case without being able to open the hall's public pages with it.
 */
export interface DistrictEvent {
  /** The hall's own event id: strictly increasing within a hall; the district's key is (hall, seq). */
  seq: number;
  /** ISO timestamp (UTC). */
  at: string;
  type: DistrictEventType;
  windowNo: number | null;
  categoryId: string | null;
  ticketKey: string | null;
  caseKey: string | null;
  matterId: string | null;
  /** Only the fields DISTRICT_EVENT_FIELDS allows for this type. */
  data: Record<string, string | number | boolean | null | string[]>;
}

/** POST /api/district/halls/:hallId/events. `after` must equal the district's last seq for the hall. */
export interface DistrictBatch {
  /** The seq the batch follows (0 for a hall's first batch). */
  after: number;
  /** The last hall event id read for this batch (≥ every event's seq; events the district does not take are skipped). */
  through: number;
  /** The hall's time zone (center.timezone): its "today". */
  timezone: string;
  events: DistrictEvent[];
  /** The hall's business categories (id → Chinese name), so the district's screens name them. */
  categories?: HallCategory[];
}

export interface HallCategory {
  id: string;
  name: string;
}

export interface DistrictBatchAccepted {
  lastSeq: number;
  /** How many events were new (a resend counts 0). */
  inserted: number;
}

/** GET /api/district/halls/:hallId/cursor */
export interface DistrictCursor {
  lastSeq: number;
}

export const DISTRICT_LIMITS = {
  /** Events per batch. */
  batchEvents: 1000,
  /** Request body bytes (a full batch is ≈ 300 KB). */
  bodyBytes: 1_000_000,
  /** Requests per hall per second before 429 (a flood from one hall cannot starve the others). */
  hallRequestsPerSecond: 20,
} as const;

export const HALL_LEVELS = ['街道', '乡镇', '村'] as const;
export type HallLevel = (typeof HALL_LEVELS)[number];

/** GET /api/district/halls */
export interface DistrictHall {
  hallId: string;
  name: string;
  level: HallLevel;
  parentId: string | null;
  online: boolean;
  /** The last event's time (ISO) or null when the hall never sent one. */
  lastEventAt: string | null;
  /** The last time the hall reached the district (a heartbeat counts). */
  lastContactAt: string | null;
  /** The hall's own figures for its current day (hall time zone). */
  ticketsToday: number;
  waiting: number;
  windowsOpen: number;
  overdueCases: number;
  dueSoonCases: number;
  /** Minutes the longest-waiting ticket has waited, or null. */
  longestWaitMinutes: number | null;
  waitingByCategory: { categoryId: string; waiting: number }[];
  /** The hall's categories as it last sent them. */
  categories: HallCategory[];
  /** Devices not ready (printer out of paper …). */
  deviceFaults: { kind: string; state: string; since: string }[];
}

export interface DistrictCase {
  hallId: string;
  caseKey: string;
  caseNo: string | null;
  matterId: string;
  matterName: string | null;
  applicantMasked: string | null;
  state: string;
  promisedDate: string | null;
  acceptedAt: string;
  extensions: number;
  /** 补正 asked after acceptance (限时办结制度 第八条). */
  corrections: number;
  daysLeft: number | null;
  /** The 超时查实 cause a leader recorded (本中心/申请人/上级部门原因), null while none. */
  verifiedCause: OverdueCause | null;
}

export interface DistrictCaseSupervision {
  overdue: DistrictCase[];
  dueSoon: DistrictCase[];
  byHallMatter: {
    hallId: string;
    matterId: string;
    matterName: string | null;
    open: number;
    overdue: number;
    dueSoon: number;
    extensions: number;
    corrections: number;
  }[];
}

export interface DistrictRatings {
  byHall: { hallId: string; total: number; satisfied: number; bad: number; notRated: number }[];
  byWindow: { hallId: string; windowNo: number; total: number; satisfied: number; bad: number }[];
  byMatter: { hallId: string; categoryId: string; total: number; satisfied: number; bad: number }[];
  /** 差评 without a follow-up yet, oldest first. */
  awaitingFollowUp: {
    hallId: string;
    ratingId: number;
    windowNo: number | null;
    value: string;
    reasons: string[];
    at: string;
    waitingHours: number;
  }[];
}

export const DISTRICT_REPORT_KINDS = ['month', 'quarter', 'year'] as const;
export type DistrictReportKind = (typeof DISTRICT_REPORT_KINDS)[number];

export interface DistrictReportRow {
  hallId: string;
  name: string;
  tickets: number;
  served: number;
  casesAccepted: number;
  casesFinished: number;
  finishedOnTime: number;
  overdueFinished: number;
  extensions: number;
  corrections: number;
  ratings: number;
  satisfied: number;
  bad: number;
  /** The hall generated its own report for this period (its 报表 register shows it). */
  submitted: boolean;
}

export interface DistrictReport {
  kind: DistrictReportKind;
  key: string;
  from: string;
  to: string;
  rows: DistrictReportRow[];
  total: Omit<DistrictReportRow, 'hallId' | 'name' | 'submitted'>;
  /** Halls past the report's due day (hall time: month end; quarter +10 days; year end of January) without it. */
  missing: string[];
}

export interface DistrictHallDetail {
  hall: DistrictHall;
  /** Tickets issued per hour today (hall time). */
  ticketsByHour: { hour: number; tickets: number }[];
  windows: { windowNo: number; open: boolean; paused: boolean; since: string; served: number }[];
  recent: { seq: number; at: string; type: string; windowNo: number | null; categoryId: string | null }[];
}

export interface DistrictErrorBody {
  error: { code: string; message: string; lastSeq?: number };
}
