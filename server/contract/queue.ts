// The wire protocol (queue): types that cross HTTP or the WebSocket, shared by the server and the pages.
// No Node imports and nothing outside server/contract/ (docs/architecture.md, "the contract rule").
import { array, bool, int, literal, obj, optional, str, type Infer } from './schema.ts';
import { type DeviceStatus } from './devices.ts';

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
  /** 急事特办 (issue 21): marked 紧急 by staff; called first at the windows serving its category (urgentFirst). */
  urgent?: boolean;
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
  center: {
    name: string;
    notice: string;
    serviceDate: string;
    timezone: string;
    elderlyAge: number;
    normalPerPriority: number;
  };
  categories: CategoryView[];
  windows: WindowState[];
  tickets: Ticket[];
  recentCalls: CallRecord[];
  devices: DeviceStatus[];
}

// ---- HTTP bodies (queue) ------------------------------------------------------------------------

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
export const AutoCallBody = obj({ on: bool() });
