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
  /** Tickets can be taken but nobody is being called: every window serving it paused or unstaffed (暂停服务（午休）…). */
  noServiceReason: string | null;
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
  /** The last 转办: from which window, by whom, when and the note (staff only; public views drop it). */
  transfer?: TicketTransfer | null;
}

export interface TicketTransfer {
  fromWindowNo: number;
  /** The staff member's display name (or 工号 when unknown). */
  byName: string;
  at: string;
  note: string | null;
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
  /** 工号 of the staff on duty (shown on the window display beside the name, 亮证上岗). */
  staffId?: string | null;
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
  /** 须公告 (seed 004 办结公告制度): finished cases are announced on the hall display and the public page. */
  announce?: boolean;
}

export interface MatterSummary {
  id: string;
  name: string;
  type: MatterType;
  department: string;
  categoryId: string | null;
  hasGuide: boolean;
}

export const CASE_STATES = ['accepted', 'correction', 'reported', 'finished', 'collected', 'rejected', 'received', 'not-approved'] as const;
export type CaseState = (typeof CASE_STATES)[number];
export const CASE_STATE_NAMES: Record<CaseState, string> = {
  accepted: '已受理',
  correction: '待补正材料',
  reported: '已上报上级审批',
  finished: '已办结',
  collected: '已领取',
  rejected: '不予受理',
  received: '已收件待审查',
  'not-approved': '不予批准',
};

export interface CaseHistoryEntry {
  at: string;
  state: CaseState;
  note: string | null;
  /** A step that changes no state (延期, 申请人原因, 人工确认, 遗漏补正); null for a state change. */
  action?: CaseAction | null;
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
  /** 限时办结 (issue 15): the matter's type (行政许可 has the 5-day 补正 rule), the clock, its pauses and requests. */
  matterType: MatterType | null;
  clock: CaseClock | null;
  pauses: CasePause[];
  extensions: CaseExtension[];
  applicantDelays: ApplicantDelay[];
  /** 收件 (received) 行政许可 cases: the last day to issue the 补正 notice or accept (一次性告知制度 第三条). */
  correctionDue: string | null;
  correctionDaysLeft: number | null;
}

/** 限时办结 supervision (GET /api/cases/supervision): open promised cases past their date, or due within two days. */
export interface CaseSupervision {
  overdue: CaseRecord[];
  dueSoon: CaseRecord[];
  /** Extension requests waiting for a leader (第七条). */
  pendingExtensions: CaseRecord[];
  /** Cases whose promised date was confirmed by hand (calendar lacked the year): check them once it arrives. */
  manualDates: CaseRecord[];
  /** 收件 cases not yet decided (行政许可: 5 working days to the 补正 notice). */
  correctionWatch: CaseRecord[];
  /** At the higher authority: the centre's clock is paused. */
  reported: CaseRecord[];
}

/** What anyone holding the receipt (its QR opens /c/:id) may see: no applicant, no staff, no window. */
export type PublicCase = Pick<CaseRecord, 'id' | 'caseNo' | 'matterName' | 'kind' | 'state' | 'acceptedAt' | 'promisedDate' | 'history' | 'missingMaterials'>;

// ---- 限时办结: the case clock (限时办结制度 第六条–第九条、第十三条) ---------------------------------------------

/** Where a case's time limit came from (第六条). */
export const LIMIT_SOURCES = ['guide', 'legal', 'default', 'window'] as const;
export type LimitSource = (typeof LIMIT_SOURCES)[number];
export const LIMIT_SOURCE_NAMES: Record<LimitSource, string> = { guide: '指南承诺', legal: '法定', default: '第六条默认', window: '窗口填写' };

export const CASE_ACTIONS = ['extension-requested', 'extension-approved', 'extension-refused', 'applicant-delay', 'manual-date', 'manual-date-checked', 'omission', 'returned'] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];

/** What the higher authority answered a reported case with (第九条: its time is not the centre's). */
export const REPORT_OUTCOMES = ['approved', 'returned', 'not-approved'] as const;
export type ReportOutcome = (typeof REPORT_OUTCOMES)[number];
export const REPORT_OUTCOME_NAMES: Record<ReportOutcome, string> = { approved: '上级办结', returned: '上级退回', 'not-approved': '不予批准' };

/** One stay at the higher authority: the days after `from` up to and including `to` are not the centre's. */
export interface CasePause {
  authority: string;
  from: string;
  /** The return date; null while the case is still there. */
  to: string | null;
  outcome: ReportOutcome | null;
  note: string | null;
  /** Working days at the authority so far. */
  days: number | null;
}

export type ExtensionState = 'pending' | 'approved' | 'refused';
export const EXTENSION_STATE_NAMES: Record<ExtensionState, string> = { pending: '待领导批准', approved: '已批准', refused: '未批准' };

/** 延期办理 (第七条): requested by the window, approved in writing by a leader (分管领导) or the administrator. */
export interface CaseExtension {
  id: number;
  requestedAt: string;
  requestedBy: string;
  reason: string;
  /** Extra working days asked for. */
  days: number;
  oldDate: string | null;
  /** The new promised date once approved. */
  newDate: string | null;
  state: ExtensionState;
  decidedBy: string | null;
  decidedByName: string | null;
  decidedAt: string | null;
  decisionNote: string | null;
}

/** 因申请人原因 (第十三条): days that do not count against the centre. */
export interface ApplicantDelay {
  at: string;
  days: number;
  reason: string;
}

export type ClockRunning = 'not-started' | 'running' | 'paused' | 'stopped';

export interface CaseClock {
  limitDays: number;
  limitSource: LimitSource;
  /** The 受理决定 date: counting starts the next day (第八条). */
  acceptedOn: string | null;
  /** Counting runs from the day after this (acceptance, or the first correction materials); null = not started. */
  startAfter: string | null;
  running: ClockRunning;
  /** Why the clock stands still (待补正 / 上报), with since when. */
  pausedReason: string | null;
  pausedSince: string | null;
  /** The centre's own working days used (elapsed − authority − applicant days); null when the calendar lacks a year. */
  usedDays: number | null;
  pausedDays: number;
  applicantDays: number;
  extensionDays: number;
  allowedDays: number;
  leftDays: number | null;
  promisedDate: string | null;
  overdue: boolean;
  /** A date confirmed by hand for a year the calendar lacks (人工确认). */
  manual: { date: string; reason: string; check: 'unchecked' | 'agrees' | 'disagrees'; computedDate: string | null } | null;
}

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
  /** A resident who booked by phone: 138****1234 (the number itself is kept only as a keyed hash). */
  phoneMasked: string | null;
  status: AppointmentStatus;
  ticketId: string | null;
}

/** GET /api/book/options: what a resident may book for themselves (kiosk and the phone page /book). */
export interface BookingDay {
  date: string;
  open: boolean;
  /** Why the day cannot be booked (rest day by the official calendar, too far ahead), or null. */
  reason: string | null;
}
export interface BookingOptions {
  centerName: string;
  daysAhead: number;
  matters: { id: string; name: string; categoryId: string }[];
  days: BookingDay[];
  /** The address phones on the hall Wi-Fi open (the QR on the kiosk). */
  phoneUrl: string;
}
/** One slot of a day: `free` places left (null: no limit set); ended slots of today cannot be booked. */
export interface BookingSlot {
  from: string;
  to: string;
  free: number | null;
  ended: boolean;
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
export const LoginBody = obj({ staffId: str({ min: 1, max: 40, pattern: /^[a-z][a-z0-9-]*$/, hint: '工号（小写字母和数字）' }), pin: str({ min: 4, max: 64 }), windowNo: optional(int({ min: 1, max: 999 })) });
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

// ---- registers: 代办 between a village station and the centre (server/registers/) ------------------------

export const DAIBAN_STATES = ['registered', 'forwarded', 'accepted', 'returned', 'replied'] as const;
export type DaibanState = (typeof DAIBAN_STATES)[number];

/** A 代办件 as the station page and the centre's inbox see it (full name and phone: both are its staff). */
export interface DaibanItem {
  id: string;
  /** Printed on the 报送联系单, e.g. DB20261123-qingshan-001. */
  no: string;
  stationId: string;
  stationName: string;
  agentId: string;
  agentName: string;
  registeredAt: string;
  residentName: string | null;
  residentPhone: string | null;
  matterId: string;
  matterName: string;
  /** 授权委托 as recorded at the station. */
  authorization: string;
  materialsOk: string[];
  materialsMissing: string[];
  note: string | null;
  verifiedAt: string | null;
  forwardedAt: string | null;
  state: DaibanState;
  acceptedAt: string | null;
  caseId: string | null;
  caseNo: string | null;
  /** The case's state by its string (CASE_STATE_NAMES names the known ones). */
  caseState: string | null;
  returnReason: string | null;
  replyMethod: 'phone' | 'visit' | null;
  repliedAt: string | null;
}

/** 第七条: materials another window took in for this one. */
export interface HandedMaterial {
  id: string;
  at: string;
  fromWindow: string;
  by: string;
  name: string | null;
  matter: string;
  materials: string;
}
// ---- Running unattended: backups, disk, first login (issue 14) -------------------------------------

export interface BackupStatus {
  dir: string;
  /** HH:MM, the centre's time. */
  dailyAt: string;
  keep: number;
  last: { file: string; at: string; sizeBytes: number } | null;
  lastFailure: { at: string; message: string } | null;
  count: number;
  running: boolean;
  /** Chinese, shown on /admin: the last backup failed, none yet, or the newest is older than two days. */
  warning: string | null;
  /** The backups are on the database's own disk (/admin suggests a USB stick or a share). */
  sameDisk: boolean;
}

export interface DiskStatus {
  freeMb: number | null;
  totalMb: number | null;
  warnBelowMb: number;
  warning: string | null;
}

/** GET /api/admin/operations and POST /api/admin/backup. */
export interface OperationsStatus {
  backup: BackupStatus;
  disk: DiskStatus;
}

/** POST /api/password: the signed-in account replaces its password (required after a default one). */
export const ChangePasswordBody = obj({ currentPin: str({ min: 1, max: 64 }), newPin: str({ min: 1, max: 64 }) });
// ---- device set-up page (/admin, issue 13) -------------------------------------------------------------

export type DeviceTransport = 'serial' | 'tcp' | 'file' | 'usb' | 'sdtapi' | 'simulator';
export const DEVICE_TRANSPORT_NAMES: Record<DeviceTransport, string> = {
  serial: '串口',
  tcp: '网络（TCP）',
  file: '设备文件',
  usb: 'USB 批量传输',
  sdtapi: '厂商 sdtapi 动态库',
  simulator: '模拟设备',
};

export interface DeviceSetupDevice {
  kind: DeviceKind;
  status: DeviceStatus;
  /** The KIOSK_*_PORT form in use; null = the simulator. */
  port: string | null;
  /** config: chosen on this page; env: KIOSK_*_PORT; simulator: neither. */
  origin: 'config' | 'env' | 'simulator';
  transport: DeviceTransport;
  /** The last trouble reported (kept after recovery), or null. */
  lastProblem: { message: string; at: string } | null;
}

/** A port found on this machine that a device could be put on. */
export interface DevicePortOption {
  /** The value to choose (a by-id path, /dev/usb/lp0, usb:0400:c35a …). */
  port: string;
  transport: DeviceTransport;
  /** What it is, in words (厂商/型号 from the USB IDs when known). */
  label: string;
  /** Which devices it suits. */
  suits: DeviceKind[];
}

export interface DeviceSetupView {
  devices: DeviceSetupDevice[];
  printerFlowControl: 'none' | 'rtscts';
  options: DevicePortOption[];
  /** Why a kind of port could not be listed (no udev, no USB bus), in words; empty when all were. */
  notes: string[];
}

/** A test read's answer: masked, as everywhere. */
export interface DeviceTestCard {
  cardType: string;
  nameMasked: string;
  idMasked: string;
}
