// The wire protocol (duty: AB岗 on duty, 移交, 空岗): shared by the server (server/duty/) and the pages.
// No Node imports and nothing outside server/contract/ (docs/architecture.md, "the contract rule").

/** One window now (GET /api/duty/now). */
export interface DutyWindowNow {
  no: number;
  name: string;
  /** Who is signed in (today), or null. */
  staffName: string | null;
  post: 'A' | 'B' | null;
  aName: string | null;
  bName: string | null;
  /** 空岗 (AB岗 四): open now, nobody signed in and some of its business served by no staffed window. */
  empty: boolean;
  /** Local HH:MM the current 空岗 began. */
  emptySince: string | null;
  emptyMinutes: number;
  unserved: string[];
}

export interface DutyNow {
  date: string;
  /** Inside an opening session now. */
  open: boolean;
  windows: DutyWindowNow[];
}

/** A 移交 (A → B) or B's 书面记录 (B → A), as the console shows it. */
export interface HandoverView {
  id: string;
  at: string;
  /** HH:MM in the centre's time zone. */
  time: string;
  windowNo: number;
  kind: 'handover' | 'note';
  fromName: string;
  toName: string;
  leave: 'day' | 'period' | null;
  until: string | null;
  note: string | null;
  openCases: string[];
  openTickets: string[];
  readAt: string | null;
  readTime: string | null;
}

/** GET /api/duty/on-call (public): the 值班电话 outside opening hours (运行机制㈤). */
export interface OnCall {
  /** Inside an opening session now: the windows are open, nobody is on call. */
  open: boolean;
  /** Today is a rest day (weekend or official holiday): 急需 requests may be left (预约服务制度 第四条). */
  restDay: boolean;
  /** 中午 / 晚上 / 节假日 and the duty phone, or null when the roster has nobody for now. */
  onCall: { period: string; phone: string } | null;
}

export interface RosterEntry {
  date: string;
  period: 'noon' | 'evening' | 'holiday';
  periodName: string;
  staffId: string;
  staffName: string;
  phone: string;
}

export interface UrgentRequest {
  id: string;
  at: string;
  time: string;
  phone: string | null;
  matter: string | null;
  state: 'new' | 'notified';
  windowNo: number | null;
  notifiedBy: string | null;
}
