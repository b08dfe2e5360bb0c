// The wire protocol (cases): types that cross HTTP or the WebSocket, shared by the server and the pages.
// No Node imports and nothing outside server/contract/ (docs/architecture.md, "the contract rule").
import type { UrgentClock, UrgentMark } from './urgent.ts';
import { type CaseKind, type MatterType } from './matters.ts';

// ---- cases (办件) ------------------------------------------------------------------------------------

export const CASE_STATES = [
  'accepted',
  'correction',
  'reported',
  'finished',
  'collected',
  'rejected',
  'received',
  'not-approved',
] as const;
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
  /** The applicant's ID number and phone as given at acceptance, masked (3201**********1234, 138****1234); issue 24 ⑦. */
  applicantIdMasked: string | null;
  applicantPhoneMasked: string | null;
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
  /** 急事特办 (issue 21): who marked it 紧急, when, why (staff only), and its target date. */
  urgent?: UrgentMark | null;
}

/** 限时办结 supervision (GET /api/cases/supervision): open promised cases past their date, or due within two days. */
/** A tracked step of a case (issue 22 ⑨): due date from the guide, who did it and on which day. */
export interface CaseStep {
  id: number;
  step: string;
  /** null: the calendar lacked the year when the case was accepted. */
  dueDate: string | null;
  doneBy: string | null;
  doneOn: string | null;
}
/** A step past its due date and not done, for supervision. */
export interface LateCaseStep extends CaseStep {
  caseId: string;
  caseNo: string;
  matterName: string;
  windowNo: number;
}

export interface CaseSupervision {
  /** 急事特办 (issue 21): open urgent cases, earliest target first — shown first on supervision. */
  urgent: CaseRecord[];
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
  /** Open cases whose 补正 used the guide's 其它 item (free text): checked by supervision. */
  otherMaterials: CaseRecord[];
  /** Overdue cases (open or finished late) without a leader's 查实 record yet (第十二条、第十四条). */
  verificationsPending: CaseRecord[];
}

/** 超时查实 (限时办结制度 第十二条、第十四条): why an overdue case was late, as the leader found it. */
export const OVERDUE_CAUSES = ['centre', 'applicant', 'authority'] as const;
export type OverdueCause = (typeof OVERDUE_CAUSES)[number];
export const OVERDUE_CAUSE_NAMES: Record<OverdueCause, string> = {
  centre: '本中心原因',
  applicant: '申请人原因',
  authority: '上级部门原因',
};

/** One 查实 record; `overdueDays` = the centre's working days past the allowed ones. */
export interface CaseVerification {
  caseId: string;
  caseNo: string;
  matterName: string;
  windowNo: number;
  staffId: string;
  promisedDate: string | null;
  overdueDays: number | null;
  cause: OverdueCause | null;
  responsibleStaff: string | null;
  measure: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
  /** 急事特办 finished after its target (or open past it): counted under 第十二条(四). */
  urgentLate?: boolean;
}

/** What anyone holding the receipt (its QR opens /c/:id) may see: no applicant, no staff, no window. */
export type PublicCase = Pick<
  CaseRecord,
  'id' | 'caseNo' | 'matterName' | 'kind' | 'state' | 'acceptedAt' | 'promisedDate' | 'history' | 'missingMaterials'
> & {
  /** Each missing material as the matter's guide names it (原件/复印件, 份数, 视情况, 说明), as on the 补正 notice. */
  missingLines?: string[];
};

// ---- 限时办结: the case clock (限时办结制度 第六条–第九条、第十三条) ---------------------------------------------

/** Where a case's time limit came from (第六条). */
export const LIMIT_SOURCES = ['guide', 'legal', 'default', 'window'] as const;
export type LimitSource = (typeof LIMIT_SOURCES)[number];
export const LIMIT_SOURCE_NAMES: Record<LimitSource, string> = {
  guide: '指南承诺',
  legal: '法定',
  default: '第六条默认',
  window: '窗口填写',
};

export const CASE_ACTIONS = [
  'extension-requested',
  'extension-approved',
  'extension-refused',
  'applicant-delay',
  'manual-date',
  'manual-date-checked',
  'omission',
  'returned',
  /** A 补正 used the guide's own 其它 item (一次性告知制度: the one free-text exception), listed on supervision. */
  'other-material',
  /** 即办件/承诺件 changed from the guide's kind, with a reason and the leader (限时办结制度 第六条). */
  'kind-changed',
  /** 超时查实 recorded by a leader (第十二条、第十四条). */
  'verified',
  /** 急事特办 (issue 21): marked 紧急 by staff (第三条), and the target date a leader set. Hall-only events. */
  'urgent-marked',
  'urgent-target',
] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];

/** What the higher authority answered a reported case with (第九条: its time is not the centre's). */
export const REPORT_OUTCOMES = ['approved', 'returned', 'not-approved'] as const;
export type ReportOutcome = (typeof REPORT_OUTCOMES)[number];
export const REPORT_OUTCOME_NAMES: Record<ReportOutcome, string> = {
  approved: '上级办结',
  returned: '上级退回',
  'not-approved': '不予批准',
};

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
export const EXTENSION_STATE_NAMES: Record<ExtensionState, string> = {
  pending: '待领导批准',
  approved: '已批准',
  refused: '未批准',
};

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
  /** 急事特办 (issue 21): the urgent target and whether it was missed (then `overdue` too, 第十二条(四)). */
  urgent?: UrgentClock | null;
  /** A date confirmed by hand for a year the calendar lacks (人工确认). */
  manual: {
    date: string;
    reason: string;
    check: 'unchecked' | 'agrees' | 'disagrees';
    computedDate: string | null;
  } | null;
}

// ---- documents ----------------------------------------------------------------------------------------

/** Which document: the one the case's state calls for, or the 延期办理告知书. */
export type CaseDocumentKind = 'case' | 'extension';

export function caseDocumentTitle(c: { state: CaseState }, kind: CaseDocumentKind = 'case'): string {
  if (kind === 'extension') return '延期办理告知书';
  if (c.state === 'correction') return '补正材料通知书';
  if (c.state === 'rejected') return '不予受理告知书';
  if (c.state === 'not-approved') return '不予批准告知书';
  if (c.state === 'received') return '收件回执';
  return '受理回执';
}

// ---- 公示 (issue 22 ⑦) -------------------------------------------------------------------------------

/** A case's 公示 stage: from `startDate` to `endDate` (both included), `days` calendar days. */
export interface CasePublicityStage {
  startDate: string;
  endDate: string;
  days: number;
  startedBy: string;
  /** Objections received during 公示, each a complaint in 意见和投诉登记 (its id). */
  objections: string[];
  /** Today is after endDate: the case may move on. */
  over: boolean;
}

/** The public 公示 notice (hall display, /api/announcements): the applicant masked. */
export interface PublicityNotice {
  caseNo: string;
  matterName: string;
  applicant: string;
  startDate: string;
  endDate: string;
  days: number;
}

/**
 * Who applies, as the console's acceptance form sends it (issue 24 ⑦): typed at the window, or nothing when
 * the ticket being served carries the ID card read at the kiosk (its masked name and ID number are used).
 * The server keeps the name and phone in the 办件台账 (registers.md) and only masked forms on the case.
 */
export interface AcceptApplicant {
  name?: string;
  /** Mobile (11 digits) or landline (0xx-xxxxxxx). */
  phone?: string;
  /** 18-digit 居民身份证号码 with a valid check digit; kept masked only. */
  idNumber?: string;
}
