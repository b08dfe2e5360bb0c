// On duty (AB岗工作制度, 考勤): the windows' sign-ins are the queue's own (window.signed-in / window.signed-out
// events, written by the console login, an explicit 签到 and 签退); this store adds what they lack — the
// 移交 A leaves for B, B's 书面记录 for A, and the complaints linked to a window's 空岗 — and reads the sign-in
// events back for the 空岗 and 签到 registers. Its tables have their own version track (server/store/migrations.ts).
import { randomBytes } from 'node:crypto';
import type { Db } from '../store/db.ts';
import type { Clock } from '../common/clock.ts';
import { localTime } from '../common/clock.ts';
import { DomainError, notFound } from '../common/errors.ts';
import type { SignEvent } from './presence.ts';

export const DUTY_MIGRATIONS: string[] = [
  `CREATE TABLE duty_handovers (
     id TEXT PRIMARY KEY,
     service_date TEXT NOT NULL,
     at TEXT NOT NULL,
     window_no INTEGER NOT NULL,
     -- 'handover': A 外出/下班 前的移交 (AB岗 三 "应提前做好工作的移交");
     -- 'note': B 顶岗时一时处理不了的事的书面记录 (AB岗 三 "应作书面记录向服务对象和A岗责任人说明")
     kind TEXT NOT NULL,
     from_staff TEXT NOT NULL,
     to_staff TEXT,
     -- handover: 'day' 下班 or 'period' 外出 (until HH:MM)
     leave TEXT,
     until TEXT,
     note TEXT,
     open_cases TEXT NOT NULL DEFAULT '[]',
     open_tickets TEXT NOT NULL DEFAULT '[]',
     read_at TEXT,
     read_by TEXT
   );
   CREATE INDEX duty_handovers_window ON duty_handovers (window_no, service_date);
   -- AB岗 五 "因无人在岗导致前来办事人员投诉、提意见的,经查实…每人每次扣10分": the complaint (意见和投诉登记)
   -- linked to the window and day of the 空岗; its 查实 verdict is the complaint's own, joined when read.
   CREATE TABLE duty_gap_complaints (
     complaint_id TEXT PRIMARY KEY,
     window_no INTEGER NOT NULL,
     service_date TEXT NOT NULL,
     linked_by TEXT NOT NULL,
     linked_at TEXT NOT NULL
   );`,
  // 值班 (seed 004 运行机制㈤ "中午、晚上及节假日相应由中心统一安排人员值班…并由值班人员接转及预约服务时间"):
  // the roster, and residents' 急需 requests on a rest day (预约服务制度 第四条).
  `CREATE TABLE duty_roster (
     date TEXT NOT NULL,
     -- 'noon' 中午, 'evening' 晚上, 'holiday' 节假日（全天）
     period TEXT NOT NULL,
     staff_id TEXT NOT NULL,
     phone TEXT NOT NULL,
     set_by TEXT NOT NULL,
     set_at TEXT NOT NULL,
     PRIMARY KEY (date, period)
   );
   CREATE TABLE duty_urgent (
     id TEXT PRIMARY KEY,
     service_date TEXT NOT NULL,
     at TEXT NOT NULL,
     phone TEXT,
     matter_text TEXT,
     -- 'new' → 'notified' (the duty officer told the window's staff)
     state TEXT NOT NULL,
     window_no INTEGER,
     notified_by TEXT,
     notified_at TEXT
   );
   CREATE INDEX duty_urgent_date ON duty_urgent (service_date);`,
];

export const DUTY_PERIODS = ['noon', 'evening', 'holiday'] as const;
export type DutyPeriod = (typeof DUTY_PERIODS)[number];
export const DUTY_PERIOD_NAMES: Record<DutyPeriod, string> = { noon: '中午', evening: '晚上', holiday: '节假日' };

export interface RosterRow {
  date: string;
  period: DutyPeriod;
  staff_id: string;
  phone: string;
  set_by: string;
  set_at: string;
}

export interface UrgentRow {
  id: string;
  service_date: string;
  at: string;
  phone: string | null;
  matter_text: string | null;
  state: 'new' | 'notified';
  window_no: number | null;
  notified_by: string | null;
  notified_at: string | null;
}

/** At most this many open 急需 requests a day: a hall-Wi-Fi page must not fill the duty officer's list. */
export const URGENT_PER_DAY = 30;

export interface HandoverRow {
  id: string;
  service_date: string;
  at: string;
  window_no: number;
  kind: 'handover' | 'note';
  from_staff: string;
  to_staff: string | null;
  leave: 'day' | 'period' | null;
  until: string | null;
  note: string | null;
  open_cases: string;
  open_tickets: string;
  read_at: string | null;
  read_by: string | null;
}

export interface GapComplaintRow {
  complaint_id: string;
  window_no: number;
  service_date: string;
  linked_by: string;
  linked_at: string;
  content: string | null;
  state: string | null;
}

const CLOSED_CASE_STATES = "('finished','collected','rejected','not-approved')";

export class DutyStore {
  readonly #db: Db;
  readonly #clock: Clock;
  readonly #tz: string;

  constructor(db: Db, clock: Clock, timeZone: string) {
    this.#db = db;
    this.#clock = clock;
    this.#tz = timeZone;
  }

  today(): string {
    return localTime(this.#clock(), this.#tz).date;
  }

  /** The windows' sign-in events in [fromIso, toIso), in order. */
  signEvents(fromIso: string, toIso: string): SignEvent[] {
    const rows = this.#db
      .prepare(
        `SELECT at, window_no, type, json_extract(data, '$.staffId') AS staff FROM events
         WHERE type IN ('window.signed-in', 'window.signed-out') AND at >= ? AND at < ? ORDER BY id`,
      )
      .all(fromIso, toIso) as { at: string; window_no: number; type: string; staff: string }[];
    return rows.map((r) => ({
      at: r.at,
      windowNo: r.window_no,
      staffId: r.staff,
      type: r.type === 'window.signed-in' ? 'in' : 'out',
    }));
  }

  /** The local date of the first window sign-in ever recorded (the system's first day on duty), or null. */
  firstSignDate(timeZone: string): string | null {
    const row = this.#db.prepare("SELECT MIN(at) AS at FROM events WHERE type = 'window.signed-in'").get() as {
      at: string | null;
    };
    return row.at ? localTime(new Date(row.at), timeZone).date : null;
  }

  /**
   * What is open at a window, for the 移交: unfinished cases it accepted, and today's tickets it has called,
   * was sent (转办) or that wait in its categories.
   */
  openWork(windowNo: number, categoryIds: readonly string[]): { cases: string[]; tickets: string[] } {
    const cases = this.#db
      .prepare(`SELECT case_no FROM cases WHERE window_no = ? AND state NOT IN ${CLOSED_CASE_STATES} ORDER BY case_no`)
      .all(windowNo) as { case_no: string }[];
    const cats = JSON.stringify(categoryIds);
    const tickets = this.#db
      .prepare(
        `SELECT number FROM tickets WHERE service_date = ? AND (
           (status IN ('called', 'serving') AND window_no = ?)
           OR (status = 'waiting' AND (target_window_no = ? OR (target_window_no IS NULL AND category_id IN (SELECT value FROM json_each(?)))))
         ) ORDER BY issued_at`,
      )
      .all(this.today(), windowNo, windowNo, cats) as { number: string }[];
    return { cases: cases.map((c) => c.case_no), tickets: tickets.map((t) => t.number) };
  }

  addHandover(input: {
    windowNo: number;
    kind: 'handover' | 'note';
    fromStaff: string;
    toStaff: string | null;
    leave?: 'day' | 'period';
    until?: string;
    note?: string;
    openCases?: string[];
    openTickets?: string[];
  }): HandoverRow {
    const at = this.#clock().toISOString();
    const id = `ho-${randomBytes(8).toString('hex')}`;
    this.#db
      .prepare(
        `INSERT INTO duty_handovers (id, service_date, at, window_no, kind, from_staff, to_staff, leave, until, note, open_cases, open_tickets)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        id,
        this.today(),
        at,
        input.windowNo,
        input.kind,
        input.fromStaff,
        input.toStaff,
        input.leave ?? null,
        input.until ?? null,
        input.note?.trim() || null,
        JSON.stringify(input.openCases ?? []),
        JSON.stringify(input.openTickets ?? []),
      );
    return this.handover(id)!;
  }

  handover(id: string): HandoverRow | null {
    return (this.#db.prepare('SELECT * FROM duty_handovers WHERE id = ?').get(id) as HandoverRow | undefined) ?? null;
  }

  handovers(from: string, to: string, windowNo?: number): HandoverRow[] {
    return this.#db
      .prepare(
        `SELECT * FROM duty_handovers WHERE service_date BETWEEN ? AND ? ${windowNo === undefined ? '' : 'AND window_no = ?'} ORDER BY at`,
      )
      .all(...(windowNo === undefined ? [from, to] : [from, to, windowNo])) as HandoverRow[];
  }

  /** The receiving staff member (or anyone at the window) confirms reading a 移交 or a note. */
  markRead(id: string, staffId: string, windows: readonly number[] | null): HandoverRow {
    const row = this.handover(id);
    if (!row) throw notFound('该移交记录');
    if (windows && !windows.includes(row.window_no))
      throw new DomainError('wrong-window', `这是 ${row.window_no} 号窗口的移交记录`);
    if (!row.read_at)
      this.#db
        .prepare('UPDATE duty_handovers SET read_at = ?, read_by = ? WHERE id = ?')
        .run(this.#clock().toISOString(), staffId, id);
    return this.handover(id)!;
  }

  linkComplaint(complaintId: string, windowNo: number, date: string, by: string): void {
    const exists = this.#db.prepare('SELECT 1 FROM complaints WHERE id = ?').get(complaintId);
    if (!exists) throw notFound('该投诉');
    this.#db
      .prepare(
        `INSERT INTO duty_gap_complaints (complaint_id, window_no, service_date, linked_by, linked_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (complaint_id) DO UPDATE SET window_no = excluded.window_no, service_date = excluded.service_date,
         linked_by = excluded.linked_by, linked_at = excluded.linked_at`,
      )
      .run(complaintId, windowNo, date, by, this.#clock().toISOString());
  }

  setRoster(date: string, period: DutyPeriod, staffId: string, phone: string, by: string): RosterRow {
    this.#db
      .prepare(
        `INSERT INTO duty_roster (date, period, staff_id, phone, set_by, set_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (date, period) DO UPDATE SET staff_id = excluded.staff_id, phone = excluded.phone,
         set_by = excluded.set_by, set_at = excluded.set_at`,
      )
      .run(date, period, staffId, phone, by, this.#clock().toISOString());
    return this.rosterEntry(date, period)!;
  }

  removeRoster(date: string, period: DutyPeriod): void {
    if (this.#db.prepare('DELETE FROM duty_roster WHERE date = ? AND period = ?').run(date, period).changes === 0)
      throw notFound('该值班安排');
  }

  rosterEntry(date: string, period: DutyPeriod): RosterRow | null {
    return (
      (this.#db.prepare('SELECT * FROM duty_roster WHERE date = ? AND period = ?').get(date, period) as
        | RosterRow
        | undefined) ?? null
    );
  }

  roster(from: string, to: string): RosterRow[] {
    return this.#db
      .prepare(
        "SELECT * FROM duty_roster WHERE date BETWEEN ? AND ? ORDER BY date, CASE period WHEN 'noon' THEN 0 WHEN 'evening' THEN 1 ELSE 2 END",
      )
      .all(from, to) as RosterRow[];
  }

  addUrgent(phone: string, matterText: string): UrgentRow {
    const date = this.today();
    const open = (
      this.#db.prepare("SELECT COUNT(*) AS n FROM duty_urgent WHERE service_date = ? AND state = 'new'").get(date) as {
        n: number;
      }
    ).n;
    if (open >= URGENT_PER_DAY) throw new DomainError('quota-exhausted', '今日急需办理登记已满，请直接拨打值班电话');
    const id = `ur-${randomBytes(8).toString('hex')}`;
    this.#db
      .prepare(
        "INSERT INTO duty_urgent (id, service_date, at, phone, matter_text, state) VALUES (?, ?, ?, ?, ?, 'new')",
      )
      .run(id, date, this.#clock().toISOString(), phone, matterText);
    return this.urgent(id)!;
  }

  urgent(id: string): UrgentRow | null {
    return (this.#db.prepare('SELECT * FROM duty_urgent WHERE id = ?').get(id) as UrgentRow | undefined) ?? null;
  }

  urgentList(from: string, to: string): UrgentRow[] {
    return this.#db
      .prepare('SELECT * FROM duty_urgent WHERE service_date BETWEEN ? AND ? ORDER BY at')
      .all(from, to) as UrgentRow[];
  }

  /** 第四条 "值班人员要及时通知相关窗口相关工作人员前来办理". */
  urgentNotified(id: string, windowNo: number, by: string): UrgentRow {
    const row = this.urgent(id);
    if (!row) throw notFound('该急需办理登记');
    if (row.state !== 'new') throw new DomainError('already-closed', '已通知过窗口');
    this.#db
      .prepare(
        "UPDATE duty_urgent SET state = 'notified', window_no = ?, notified_by = ?, notified_at = ? WHERE id = ?",
      )
      .run(windowNo, by, this.#clock().toISOString(), id);
    return this.urgent(id)!;
  }

  gapComplaints(from: string, to: string): GapComplaintRow[] {
    return this.#db
      .prepare(
        `SELECT g.*, c.content, c.state FROM duty_gap_complaints g LEFT JOIN complaints c ON c.id = g.complaint_id
         WHERE g.service_date BETWEEN ? AND ? ORDER BY g.service_date, g.window_no`,
      )
      .all(from, to) as GapComplaintRow[];
  }
}
