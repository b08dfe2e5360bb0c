// Hall event → district form, by allow-list (个人信息保护法 第六条: minimum necessary). A field leaves the
// hall only if it is listed here for its event type AND its value has the expected shape; notes, reasons,
// staff ids, ID numbers and phones are never listed. An event type not listed does not leave at all.
import { createHash } from 'node:crypto';
import { DISTRICT_EVENT_TYPES, type DistrictEvent, type DistrictEventType } from '../contract/district.ts';
import { OVERDUE_CAUSES } from '../contract/cases.ts';
import { DEVICE_KINDS, DEVICE_STATES } from '../contract/devices.ts';
import { RATING_VALUES } from '../contract/ratings.ts';
import { RATING_REASONS } from '../contract/rating-reasons.ts';

/** A row of the hall's `events` table (server/store/db.ts). */
export interface HallEventRow {
  id: number;
  at: string;
  actor: string;
  type: string;
  ticket_id: string | null;
  window_no: number | null;
  category_id: string | null;
  data: string;
}

/** What the shipper may look up in the hall for a case: its number, matter name and masked applicant. */
export interface CaseFacts {
  caseNo: string | null;
  matterName: string | null;
  applicantMasked: string | null;
  /** The hall's case clock's promised date now (working days, days at the higher authority left out). */
  clockDate?: string | null;
}

type Check = (v: unknown) => boolean;
const oneOf =
  (values: readonly string[]): Check =>
  (v) =>
    typeof v === 'string' && values.includes(v);
const isBool: Check = (v) => typeof v === 'boolean';
const smallInt: Check = (v) => Number.isInteger(v) && Math.abs(v as number) < 100_000;
const date: Check = (v) => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v);
const isoTime: Check = (v) => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/.test(v);
const code: Check = (v) => typeof v === 'string' && /^[a-z][a-z0-9-]{0,39}$/.test(v);
/** A ticket number as printed (A012, B007): letters and digits, nothing that could be a name or a phone. */
const ticketNumber: Check = (v) => typeof v === 'string' && /^[A-Z]{1,2}\d{1,4}$/.test(v);
const nullable =
  (c: Check): Check =>
  (v) =>
    v === null || c(v);
const reasonList: Check = (v) =>
  Array.isArray(v) &&
  v.length <= RATING_REASONS.length &&
  v.every((r) => (RATING_REASONS as readonly string[]).includes(r));

const CASE_FIELDS: Record<string, Check> = {
  kind: code,
  promisedDate: nullable(date),
  onTime: isBool,
  usedDays: smallInt,
  allowedDays: smallInt,
  cause: oneOf(OVERDUE_CAUSES),
};

/** For each type, the data fields that may leave and the shape each must have. */
export const DISTRICT_EVENT_FIELDS: Record<DistrictEventType, Record<string, Check>> = {
  'ticket.issued': { number: ticketNumber, appointment: isBool },
  'ticket.called': {},
  'ticket.recalled': { recall: smallInt },
  'ticket.skipped': {},
  'ticket.reactivated': {},
  'ticket.transferred': { from: code, toWindow: nullable(smallInt) },
  'ticket.finished': { via: code },
  'ticket.expired': { serviceDate: date },
  'ticket.priority-confirmed': {},
  'ticket.print-failed': {},
  'window.signed-in': {},
  'window.signed-out': {},
  'window.paused': {},
  'window.resumed': {},
  ...Object.fromEntries(DISTRICT_EVENT_TYPES.filter((t) => t.startsWith('case.')).map((t) => [t, CASE_FIELDS])),
  'rating.recorded': { ratingId: smallInt, value: oneOf(RATING_VALUES), reasons: reasonList },
  'rating.not-rated': { ratingId: smallInt },
  'rating.follow-up': { ratingId: smallInt },
  'appointment.booked': { date, slot: (v: unknown) => typeof v === 'string' && /^\d{2}:\d{2}(-\d{2}:\d{2})?$/.test(v) },
  'appointment.cancelled': {},
  'appointment.checked-in': {},
  'device.status': { kind: oneOf(DEVICE_KINDS), state: oneOf(DEVICE_STATES) },
  'report.generated': { kind: oneOf(['month', 'quarter', 'year', 'mid-month', 'station-month']), from: date, to: date },
} as unknown as Record<DistrictEventType, Record<string, Check>>;

/** A masked name as the hall masks it (张*, 张*三, 欧**明): one character, stars, at most one more. */
const MASKED_NAME = /^[\p{Script=Han}A-Za-z·]\*{1,8}[\p{Script=Han}A-Za-z·]?$/u;
/** A case number as the hall prints it: 20261123-0007. */
const CASE_NO = /^\d{8}-\d{1,5}$/;

/** A stable opaque key for a hall's ticket or case: the district can follow it, not open it. */
export function opaqueKey(hallId: string, kind: string, id: string): string {
  return createHash('sha256').update(`${hallId}\u0000${kind}\u0000${id}`).digest('base64url').slice(0, 22);
}

/**
 * The district form of one hall event, or null when the event stays in the hall. `caseFacts` is asked only
 * for case events; its masked name leaves only if it looks masked, its matter name only if short.
 */
export function toDistrictEvent(
  hallId: string,
  row: HallEventRow,
  caseFacts: (caseId: string) => CaseFacts | null = () => null,
): DistrictEvent | null {
  let type = row.type;
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(row.data) as Record<string, unknown>;
  } catch {
    raw = {};
  }
  // The hall's 报表 register logs each report it generates; the district counts that as 已上报.
  if (type === 'register.viewed') {
    const kind =
      typeof raw.kind === 'string' && raw.kind.startsWith('report:') ? raw.kind.slice('report:'.length) : null;
    if (!kind) return null;
    type = 'report.generated';
    raw = { kind, from: raw.from, to: raw.to };
  }
  if (!(DISTRICT_EVENT_TYPES as readonly string[]).includes(type)) return null;
  const allowed = DISTRICT_EVENT_FIELDS[type as DistrictEventType];
  const data: DistrictEvent['data'] = {};
  for (const [field, check] of Object.entries(allowed)) {
    if (field in raw && check(raw[field])) data[field] = raw[field] as DistrictEvent['data'][string];
  }
  let caseKey: string | null = null;
  let matterId: string | null = null;
  if (type.startsWith('case.')) {
    const caseId = typeof raw.caseId === 'string' ? raw.caseId : null;
    if (!caseId) return null;
    caseKey = opaqueKey(hallId, 'case', caseId);
    matterId = code(raw.matterId) ? (raw.matterId as string) : null;
    const facts = caseFacts(caseId);
    if (facts?.caseNo && CASE_NO.test(facts.caseNo)) data.caseNo = facts.caseNo;
    if (facts?.applicantMasked && MASKED_NAME.test(facts.applicantMasked)) data.applicantMasked = facts.applicantMasked;
    if (facts?.matterName && facts.matterName.length <= 60 && !/\d{6,}/.test(facts.matterName))
      data.matterName = facts.matterName;
    if (facts?.clockDate && date(facts.clockDate)) data.clockDate = facts.clockDate;
  }
  if (!isoTime(row.at)) return null;
  return {
    seq: row.id,
    at: row.at,
    type: type as DistrictEventType,
    windowNo: Number.isInteger(row.window_no) ? row.window_no : null,
    categoryId: row.category_id && code(row.category_id) ? row.category_id : null,
    ticketKey: row.ticket_id ? opaqueKey(hallId, 'ticket', row.ticket_id) : null,
    caseKey,
    matterId,
    data,
  };
}
