// The wire protocol: every type that crosses HTTP or the WebSocket, shared by the server and the pages.
// No Node imports: Vite bundles this file into the pages. Incoming messages are validated with the
// schemas below; screens validate what they receive instead of casting.
import { array, bool, int, literal, nullable, obj, optional, str, union, type Infer } from './schema.ts';

// ---- queue ----------------------------------------------------------------------------------------

export const TICKET_STATUSES = ['waiting', 'called', 'serving', 'finished', 'skipped', 'cancelled'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

export const PRIORITY_REASONS = ['elderly', 'disabled', 'military', 'pregnant'] as const;
export type PriorityReason = (typeof PRIORITY_REASONS)[number];
export const PRIORITY_NAMES: Record<PriorityReason, string> = {
  elderly: '老年人',
  disabled: '残疾人',
  military: '军人及优抚对象',
  pregnant: '孕妇',
};

export interface Category {
  id: string;
  name: string;
  /** Ticket prefix letter: A, B, … */
  prefix: string;
  description: string;
  dailyQuota: number;
}

export interface CategoryView extends Category {
  waiting: number;
  /** Estimated wait in minutes for a ticket taken now; null when there is no history yet. */
  estimatedWaitMinutes: number | null;
  /** Null when tickets can be taken; otherwise why not (Chinese, for the resident). */
  closedReason: string | null;
  windows: number[];
}

export interface Ticket {
  id: string;
  /** Display number, e.g. A012. */
  number: string;
  categoryId: string;
  serviceDate: string;
  status: TicketStatus;
  priority: PriorityReason | null;
  /** Self-declared green channel (disabled, service members) waits for staff to confirm. */
  priorityConfirmed: boolean;
  issuedAt: string;
  calledAt: string | null;
  finishedAt: string | null;
  windowNo: number | null;
  /** Transferred to a named window: only that window calls it. */
  targetWindowNo: number | null;
  recallCount: number;
  appointmentId: string | null;
  /** Masked identity when the resident identified (张*三 / 6527**********1234); never the full value. */
  nameMasked: string | null;
  idMasked: string | null;
  matterIds: string[];
  /** People ahead in the queue right now (waiting tickets only). */
  ahead: number;
  /** Its place in the line: the original issue time in ms, or the re-entry key after 过号恢复. */
  orderKey: number;
}

export interface WindowState {
  no: number;
  name: string;
  categoryIds: string[];
  paused: boolean;
  pauseReason: string | null;
  /** Staff on duty: display name only (AB岗: A or B). */
  staffName: string | null;
  staffRole: 'A' | 'B' | null;
  currentTicketId: string | null;
  autoCall: boolean;
  /** Normal tickets called since the last green-channel one (the interleave rule's counter). */
  normalSincePriority: number;
}

export interface CallRecord {
  ticketId: string;
  number: string;
  windowNo: number;
  windowName: string;
  at: string;
  recall: boolean;
  /** The announcement text, e.g. 请A012号到3号窗口办理. */
  announcement: string;
}

export interface QueueSnapshot {
  center: { name: string; notice: string; serviceDate: string; timezone: string; elderlyAge: number; normalPerPriority: number };
  categories: CategoryView[];
  windows: WindowState[];
  tickets: Ticket[];
  recentCalls: CallRecord[];
  devices: DeviceStatus[];
}

// ---- centre, matters and cases ----------------------------------------------------------------------

export const CENTER_LEVELS = ['township', 'street', 'village'] as const;
export type CenterLevel = (typeof CENTER_LEVELS)[number];
export const CENTER_LEVEL_NAMES: Record<CenterLevel, string> = { township: '乡镇', street: '街道', village: '村（社区）' };

/** What printed slips and screens say about the centre. */
export interface CenterInfo {
  name: string;
  level: CenterLevel;
  address: string;
  phone: string;
  supervisionPhone: string;
}

export const MATTER_TYPES = ['行政许可', '行政给付', '其他行政权力', '公共服务', '便民服务', '其他'] as const;
export type MatterType = (typeof MATTER_TYPES)[number];

/** One required document (申请材料). Null means the seed document does not say. */
export interface Material {
  name: string;
  /** The guide asks for the original / a copy. Both false: the guide names the item but not its form. */
  original: boolean;
  copy: boolean;
  /** Number of copies/sheets; null when the guide does not say. */
  count: number | null;
  /** false: only under a condition (see `condition`). */
  required: boolean;
  condition: string | null;
  note: string | null;
}

export const CASE_KINDS = ['immediate', 'promised'] as const;
export type CaseKind = (typeof CASE_KINDS)[number];

/** A published guide (办事指南). Every field the seed does not give is null or empty, and the UI says so. */
export interface Guide {
  basis: string[];
  conditions: string[];
  materials: Material[];
  steps: string[];
  /** Promised time limit in working days (承诺时限); null when not given. */
  promisedDays: number | null;
  /** Statutory limit (法定时限) in working days; null when not given. */
  legalDays: number | null;
  /** The time-limit text as the seed states it. */
  timeLimitText: string | null;
  caseKind: CaseKind | null;
  fees: string | null;
  /** Where to apply (办理地点 / 窗口). */
  place: string | null;
  phone: string | null;
  /** Which seed document and section this guide comes from. */
  source: string;
}

export interface Matter {
  id: string;
  name: string;
  type: MatterType;
  /** 实施主体 */
  body: string;
  levels: CenterLevel[];
  /** For browsing: 民政, 社保, 计生, 残联, 农业, 城建, 退役军人, … */
  department: string;
  /** The queue category that handles it; null when the centre does not handle it at a window. */
  categoryId: string | null;
  guide: Guide | null;
}

export interface MatterSummary {
  id: string;
  name: string;
  type: MatterType;
  department: string;
  categoryId: string | null;
  hasGuide: boolean;
}

export const CASE_STATES = ['accepted', 'correction', 'reported', 'finished', 'collected', 'rejected'] as const;
export type CaseState = (typeof CASE_STATES)[number];
export const CASE_STATE_NAMES: Record<CaseState, string> = {
  accepted: '已受理',
  correction: '待补正材料',
  reported: '已上报上级审批',
  finished: '已办结',
  collected: '已领取',
  rejected: '不予受理',
};

export interface CaseHistoryEntry {
  at: string;
  state: CaseState;
  note: string | null;
}

export interface CaseRecord {
  id: string;
  /** Printed case number, e.g. 20261123-0007. */
  caseNo: string;
  matterId: string;
  matterName: string;
  kind: CaseKind;
  state: CaseState;
  acceptedAt: string;
  /** Promised completion date (YYYY-MM-DD) for promised cases; null for immediate ones. */
  promisedDate: string | null;
  ticketId: string | null;
  windowNo: number;
  applicantMasked: string | null;
  history: CaseHistoryEntry[];
  /** Materials still to bring (补正); empty otherwise. */
  missingMaterials: string[];
  /** Why the case was refused (不予受理); null otherwise. */
  reason: string | null;
  promisedDays: number | null;
}

/** 限时办结 supervision (GET /api/cases/supervision): open promised cases past their date, or due within two days. */
export interface CaseSupervision {
  overdue: CaseRecord[];
  dueSoon: CaseRecord[];
}

/** What anyone holding the receipt (its QR opens /c/:id) may see: no applicant, no staff, no window. */
export type PublicCase = Pick<CaseRecord, 'id' | 'caseNo' | 'matterName' | 'kind' | 'state' | 'acceptedAt' | 'promisedDate' | 'history' | 'missingMaterials'>;

// ---- appointments (预约服务制) ----------------------------------------------------------------------

export type AppointmentStatus = 'booked' | 'checked-in' | 'cancelled';

/** A booked appointment (预约): identity only masked; the QR holds YY:<code>. */
export interface Appointment {
  id: string;
  code: string;
  matterId: string | null;
  categoryId: string;
  date: string;
  slotFrom: string;
  slotTo: string;
  nameMasked: string | null;
  idMasked: string | null;
  status: AppointmentStatus;
  ticketId: string | null;
}

// ---- devices --------------------------------------------------------------------------------------

export const DEVICE_KINDS = ['printer', 'idcard', 'scanner'] as const;
export type DeviceKind = (typeof DEVICE_KINDS)[number];
export const DEVICE_STATES = ['ready', 'paper-near-end', 'paper-out', 'cover-open', 'offline', 'unplugged', 'reconnecting', 'error'] as const;
export type DeviceState = (typeof DEVICE_STATES)[number];

export interface DeviceStatus {
  kind: DeviceKind;
  state: DeviceState;
  /** Chinese message for the screens, e.g. 打印机缺纸，请联系工作人员. */
  message: string;
  simulated: boolean;
  since: string;
}

/** What the kiosk receives after a card swipe: masked, plus what the kiosk needs (age for green channel). */
export interface IdCardRead {
  nameMasked: string;
  idMasked: string;
  age: number;
  /** Opaque per-read token the kiosk passes back when taking a ticket; the server keeps the full number. */
  readToken: string;
}

// ---- ratings (好差评) ----------------------------------------------------------------------------------

export const RATING_VALUES = ['very-satisfied', 'satisfied', 'basic', 'dissatisfied', 'very-dissatisfied'] as const;
export type RatingValue = (typeof RATING_VALUES)[number];
export const RATING_NAMES: Record<RatingValue, string> = {
  'very-satisfied': '非常满意',
  satisfied: '满意',
  basic: '基本满意',
  dissatisfied: '不满意',
  'very-dissatisfied': '非常不满意',
};

/** A finished ticket waiting for the resident's verdict at a window's rating screen. */
export interface RatingRequest {
  ticketId: string;
  number: string;
  windowNo: number;
  /** ISO time after which the ticket is recorded as not rated (never a default good rating). */
  deadline: string;
}

// ---- errors ---------------------------------------------------------------------------------------

export interface ApiError {
  error: { code: string; message: string; details?: string[] };
}

// ---- HTTP bodies ----------------------------------------------------------------------------------

export const TakeTicketBody = obj({
  categoryId: str({ min: 1, max: 40 }),
  idempotencyKey: optional(str({ min: 8, max: 80 })),
  priority: optional(literal(PRIORITY_REASONS)),
  readToken: optional(str({ min: 1, max: 80 })),
  matterIds: optional(array(str({ min: 1, max: 80 }), { max: 10 })),
});
export type TakeTicketBody = Infer<typeof TakeTicketBody>;

export const TransferBody = obj({
  categoryId: optional(str({ min: 1, max: 40 })),
  windowNo: optional(int({ min: 1, max: 999 })),
  note: optional(str({ max: 200 })),
});
export const PauseBody = obj({ reason: optional(str({ max: 40 })) });
export const CallSpecificBody = obj({ ticketId: str({ min: 1, max: 80 }), reason: str({ min: 1, max: 200 }) });
export const LoginBody = obj({ staffId: str({ min: 1, max: 40 }), pin: str({ min: 4, max: 64 }), windowNo: optional(int({ min: 1, max: 999 })) });
export const AutoCallBody = obj({ on: bool() });

// ---- WebSocket ------------------------------------------------------------------------------------

export const WS_ROLES = ['kiosk', 'display', 'console', 'rate'] as const;
export type WsRole = (typeof WS_ROLES)[number];

/** Server → client. `seq` counts up by one per connection; a gap means: ask for a snapshot. */
export type ServerMessage =
  | { type: 'snapshot'; seq: number; snapshot: QueueSnapshot }
  | { type: 'ticket.issued'; seq: number; ticket: Ticket }
  | { type: 'ticket.updated'; seq: number; ticket: Ticket }
  | { type: 'ticket.called'; seq: number; ticket: Ticket; call: CallRecord }
  | { type: 'window.updated'; seq: number; window: WindowState }
  | { type: 'categories.updated'; seq: number; categories: CategoryView[] }
  | { type: 'device.status'; seq: number; device: DeviceStatus }
  | { type: 'idcard.read'; seq: number; card: IdCardRead }
  | { type: 'scan'; seq: number; code: string }
  | { type: 'print.result'; seq: number; ticketId: string; ok: boolean; message: string; reprint: boolean }
  | { type: 'rating.request'; seq: number; request: RatingRequest }
  | { type: 'rating.closed'; seq: number; ticketId: string; windowNo: number; rated: boolean }
  | { type: 'error'; seq: number; error: ApiError['error'] };

export type ServerMessageType = ServerMessage['type'];

/** Client → server. */
export const ClientMessage = union('type', {
  'snapshot.request': obj({ type: literal(['snapshot.request']) }),
  ping: obj({ type: literal(['ping']) }),
});
export type ClientMessage = Infer<typeof ClientMessage>;

/** Largest WebSocket message the server accepts from a client. */
export const MAX_CLIENT_MESSAGE_BYTES = 4096;
/** Largest HTTP JSON body the server accepts. */
export const MAX_BODY_BYTES = 64 * 1024;
