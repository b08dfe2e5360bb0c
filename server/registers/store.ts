// The centre's registers (登记簿/台账): one table per register, filled by the console's and the station's
// own actions. They hold what the seeds ask a centre to record — the name and a phone included — so they
// are kept apart from the queue (whose identities are erased after 30 days) and erased on their own,
// longer archive period (seed 002 篇1 五有记录 "年底整理归档", then config registers.archiveYears).
//
// The 办件台账 reads the case store's own tables (read-only) and adds only what cases lack: the applicant's
// name and phone, who collected the result (办结签收) and whether the case came from a village station (代办).
import { maskFreeText } from '../contract/privacy.ts';
import { randomBytes } from 'node:crypto';
import type { Db } from '../store/db.ts';
import type { Clock } from '../common/clock.ts';
import { localTime } from '../common/clock.ts';
import { DomainError, notFound } from '../common/errors.ts';

/**
 * The registers' own schema versions, in their own version table: the case and queue migrations
 * (server/store/db.ts) are numbered by other modules, and a register table never changes theirs.
 */
export const REGISTER_MIGRATIONS: string[] = [
  `CREATE TABLE first_contacts (
     id TEXT PRIMARY KEY,
     service_date TEXT NOT NULL,
     at TEXT NOT NULL,
     -- 'counter' (来访) or 'phone' (来电, seed 004 首问首办责任制度 第十条)
     channel TEXT NOT NULL,
     window_no INTEGER,
     staff_id TEXT NOT NULL,
     ticket_id TEXT UNIQUE,
     name TEXT,
     unit TEXT,
     phone TEXT,
     matter_id TEXT,
     matter_text TEXT NOT NULL,
     -- 'consult' 咨询, 'accept' 受理, 'transfer' 转交, 'unable' 无法办理
     outcome TEXT NOT NULL,
     to_window_no INTEGER,
     reason TEXT,
     case_id TEXT,
     -- 第七条: materials received for the window the resident was referred to, and who took them over
     materials TEXT,
     received_by TEXT,
     received_at TEXT
   );
   CREATE INDEX first_contacts_date ON first_contacts (service_date);
   CREATE TABLE case_register (
     case_id TEXT PRIMARY KEY,
     applicant_name TEXT,
     applicant_phone TEXT,
     collected_by TEXT,
     collected_phone TEXT,
     collected_at TEXT,
     collected_staff TEXT,
     daiban_id TEXT
   );
   CREATE TABLE daiban (
     id TEXT PRIMARY KEY,
     no TEXT NOT NULL UNIQUE,
     station_id TEXT NOT NULL,
     agent_id TEXT NOT NULL,
     registered_date TEXT NOT NULL,
     registered_at TEXT NOT NULL,
     resident_name TEXT,
     resident_phone TEXT,
     matter_id TEXT NOT NULL,
     matter_name TEXT NOT NULL,
     authorization TEXT NOT NULL,
     materials_ok TEXT NOT NULL DEFAULT '[]',
     materials_missing TEXT NOT NULL DEFAULT '[]',
     note TEXT,
     verified_at TEXT,
     forwarded_at TEXT,
     -- 'registered' → 'forwarded' → 'accepted' (a case) → 'replied'; or 'returned' by the centre
     state TEXT NOT NULL,
     accepted_at TEXT,
     accepted_by TEXT,
     case_id TEXT,
     return_reason TEXT,
     reply_method TEXT,
     replied_at TEXT,
     replied_by TEXT,
     reply_note TEXT
   );
   CREATE INDEX daiban_station ON daiban (station_id, state);
   CREATE TABLE home_visits (
     id TEXT PRIMARY KEY,
     booked_date TEXT NOT NULL,
     booked_at TEXT NOT NULL,
     booked_by TEXT NOT NULL,
     name TEXT,
     phone TEXT,
     address TEXT,
     reason TEXT NOT NULL,
     matter_text TEXT NOT NULL,
     visit_date TEXT,
     assigned_to TEXT,
     assigned_at TEXT,
     done_at TEXT,
     result TEXT,
     state TEXT NOT NULL
   );
   CREATE TABLE complaints (
     id TEXT PRIMARY KEY,
     received_date TEXT NOT NULL,
     received_at TEXT NOT NULL,
     -- 'counter' 窗口登记, 'phone' 电话, 'kiosk' 自助机留言, 'box' 意见箱
     source TEXT NOT NULL,
     entered_by TEXT,
     name TEXT,
     phone TEXT,
     content TEXT NOT NULL,
     window_no INTEGER,
     assigned_to TEXT,
     assigned_at TEXT,
     answer TEXT,
     answered_at TEXT,
     answered_by TEXT,
     closed_at TEXT,
     closed_by TEXT,
     state TEXT NOT NULL
   );`,
];

export const FIRST_CONTACT_OUTCOMES = ['consult', 'accept', 'transfer', 'unable'] as const;
export type FirstContactOutcome = (typeof FIRST_CONTACT_OUTCOMES)[number];
export const FIRST_CONTACT_OUTCOME_NAMES: Record<FirstContactOutcome, string> = {
  consult: '咨询',
  accept: '受理',
  transfer: '转交',
  unable: '无法办理',
};
export const COMPLAINT_SOURCES = ['counter', 'phone', 'kiosk', 'box'] as const;
export type ComplaintSource = (typeof COMPLAINT_SOURCES)[number];
export const COMPLAINT_SOURCE_NAMES: Record<ComplaintSource, string> = {
  counter: '窗口登记',
  phone: '来电',
  kiosk: '自助机留言',
  box: '意见箱',
};
export const REPLY_METHODS = ['phone', 'visit'] as const;
export type ReplyMethod = (typeof REPLY_METHODS)[number];
export const REPLY_METHOD_NAMES: Record<ReplyMethod, string> = { phone: '电话', visit: '上门' };

export interface FirstContactRow {
  id: string;
  service_date: string;
  at: string;
  channel: 'counter' | 'phone';
  window_no: number | null;
  staff_id: string;
  ticket_id: string | null;
  name: string | null;
  unit: string | null;
  phone: string | null;
  matter_id: string | null;
  matter_text: string;
  outcome: FirstContactOutcome;
  to_window_no: number | null;
  reason: string | null;
  case_id: string | null;
  materials: string | null;
  received_by: string | null;
  received_at: string | null;
}

export interface CaseRegisterRow {
  id: string;
  case_no: string;
  accepted_date: string;
  accepted_at: string;
  matter_id: string;
  matter_name: string;
  kind: string;
  state: string;
  promised_date: string | null;
  window_no: number;
  staff_id: string;
  applicant_masked: string | null;
  reason: string | null;
  applicant_name: string | null;
  applicant_phone: string | null;
  collected_by: string | null;
  collected_phone: string | null;
  collected_at: string | null;
  collected_staff: string | null;
  daiban_id: string | null;
  /** 联办件: when its steps were set up (server/joint/), else null. */
  joint_at: string | null;
  /** 联办件: the participating windows in step order ("5、1"), else null. */
  joint_windows: string | null;
  /** Every state the case went through, in order (JSON array of {state, at, note}). */
  history: string;
}

export interface DaibanRow {
  id: string;
  no: string;
  station_id: string;
  agent_id: string;
  registered_date: string;
  registered_at: string;
  resident_name: string | null;
  resident_phone: string | null;
  matter_id: string;
  matter_name: string;
  authorization: string;
  materials_ok: string;
  materials_missing: string;
  note: string | null;
  verified_at: string | null;
  forwarded_at: string | null;
  state: 'registered' | 'forwarded' | 'accepted' | 'returned' | 'replied';
  accepted_at: string | null;
  accepted_by: string | null;
  case_id: string | null;
  return_reason: string | null;
  reply_method: ReplyMethod | null;
  replied_at: string | null;
  replied_by: string | null;
  reply_note: string | null;
}

export interface HomeVisitRow {
  id: string;
  booked_date: string;
  booked_at: string;
  booked_by: string;
  name: string | null;
  phone: string | null;
  address: string | null;
  reason: string;
  matter_text: string;
  visit_date: string | null;
  assigned_to: string | null;
  assigned_at: string | null;
  done_at: string | null;
  result: string | null;
  state: 'booked' | 'assigned' | 'done';
}

export interface ComplaintRow {
  id: string;
  received_date: string;
  received_at: string;
  source: ComplaintSource;
  entered_by: string | null;
  name: string | null;
  phone: string | null;
  content: string;
  window_no: number | null;
  assigned_to: string | null;
  assigned_at: string | null;
  answer: string | null;
  answered_at: string | null;
  answered_by: string | null;
  closed_at: string | null;
  closed_by: string | null;
  state: 'received' | 'assigned' | 'answered' | 'closed';
  /** 查实 (一次性告知制度 第七条): null until a leader records it. */
  verdict: ComplaintVerdict | null;
  verdict_staff: string | null;
  verdict_note: string | null;
  verdict_by: string | null;
  verdict_at: string | null;
}

export const COMPLAINT_VERDICTS = ['valid', 'unfounded'] as const;
export type ComplaintVerdict = (typeof COMPLAINT_VERDICTS)[number];
export const COMPLAINT_VERDICT_NAMES: Record<ComplaintVerdict, string> = { valid: '有效投诉', unfounded: '不属实' };
const COMPLAINT_SELECT = `SELECT c.*, v.verdict, v.staff_id AS verdict_staff, v.note AS verdict_note,
  v.decided_by AS verdict_by, v.decided_at AS verdict_at
  FROM complaints c LEFT JOIN complaint_verdicts v ON v.complaint_id = c.id`;

export interface AppointmentRegisterRow {
  code: string;
  date: string;
  slot_from: string;
  slot_to: string;
  matter_id: string | null;
  category_id: string;
  name_masked: string | null;
  status: string;
  created_by: string;
  created_at: string;
}

const newId = () => randomBytes(9).toString('base64url');
const clean = (s: string | undefined | null): string | null => (s?.trim() ? s.trim() : null);
/** Free text with ID-like and phone-like strings masked at entry (issue #23 item 7). */
const maskClean = (s: string | undefined | null): string | null => {
  const c = clean(s);
  return c === null ? null : maskFreeText(c);
};

export class RegisterStore {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly timeZone: string,
  ) {}

  today(): string {
    return localTime(this.clock(), this.timeZone).date;
  }

  #now(): string {
    return this.clock().toISOString();
  }

  #tx<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate();
  }

  // ---- 首问登记 (seed 004 首问首办责任制度 第三条、第七条、第十条) ---------------------------------

  addFirstContact(input: {
    channel: 'counter' | 'phone';
    windowNo: number | null;
    staffId: string;
    ticketId: string | null;
    name?: string;
    unit?: string;
    phone?: string;
    matterId: string | null;
    matterText: string;
    outcome: FirstContactOutcome;
    toWindowNo?: number;
    reason?: string;
    caseId?: string;
    materials?: string;
  }): FirstContactRow {
    if (input.outcome === 'transfer' && !input.toWindowNo)
      throw new DomainError('to-window-required', '转交请选择接收的窗口');
    if (input.outcome === 'unable' && !clean(input.reason))
      throw new DomainError('reason-required', '无法办理请写明原因');
    if (!clean(input.matterText)) throw new DomainError('matter-required', '请填写咨询或办理事项');
    if (clean(input.materials) && input.outcome !== 'transfer')
      throw new DomainError('materials-need-transfer', '只有转交其他窗口时才登记代收材料');
    return this.#tx(() => {
      if (input.ticketId && this.db.prepare('SELECT 1 FROM first_contacts WHERE ticket_id = ?').get(input.ticketId)) {
        throw new DomainError('already-registered', '该号已经登记过首问，不能重复登记');
      }
      const id = newId();
      this.db
        .prepare(
          `INSERT INTO first_contacts (id, service_date, at, channel, window_no, staff_id, ticket_id, name, unit, phone, matter_id, matter_text, outcome, to_window_no, reason, case_id, materials)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          id,
          this.today(),
          this.#now(),
          input.channel,
          input.windowNo,
          input.staffId,
          input.ticketId,
          clean(input.name),
          clean(input.unit),
          clean(input.phone),
          input.matterId,
          input.matterText.trim(),
          input.outcome,
          input.outcome === 'transfer' ? input.toWindowNo! : null,
          maskClean(input.reason),
          input.caseId ?? null,
          maskClean(input.materials),
        );
      return this.firstContact(id)!;
    });
  }

  firstContact(id: string): FirstContactRow | null {
    return this.db.prepare<[string], FirstContactRow>('SELECT * FROM first_contacts WHERE id = ?').get(id) ?? null;
  }

  /** 第七条: the receiving window took over the materials left with the first contact. */
  materialsReceived(id: string, windowNos: number[], staffId: string): FirstContactRow {
    return this.#tx(() => {
      const row = this.firstContact(id);
      if (!row) throw notFound('该首问登记');
      if (!row.materials) throw new DomainError('no-materials', '这条登记没有代收的材料');
      if (row.received_at) throw new DomainError('already-received', '材料已经签收过');
      if (row.to_window_no === null || !windowNos.includes(row.to_window_no))
        throw new DomainError('wrong-window', `材料应由 ${row.to_window_no} 号窗口签收`);
      this.db
        .prepare('UPDATE first_contacts SET received_by = ?, received_at = ? WHERE id = ?')
        .run(staffId, this.#now(), id);
      return this.firstContact(id)!;
    });
  }

  /** Materials waiting for a window to take them over (the receiving console shows them). */
  materialsFor(windowNo: number): FirstContactRow[] {
    return this.db
      .prepare<[number], FirstContactRow>(
        'SELECT * FROM first_contacts WHERE to_window_no = ? AND materials IS NOT NULL AND received_at IS NULL ORDER BY at',
      )
      .all(windowNo);
  }

  firstContacts(from: string, to: string): FirstContactRow[] {
    return this.db
      .prepare<[string, string], FirstContactRow>(
        'SELECT * FROM first_contacts WHERE service_date BETWEEN ? AND ? ORDER BY at',
      )
      .all(from, to);
  }

  // ---- 办件台账, 办结签收 (seed 002 篇1 管理台帳; 篇8 四登記) ---------------------------------------------

  /** The applicant's name and phone for the register (the case itself keeps only the masked name). */
  setApplicant(caseId: string, name: string | undefined, phone: string | undefined): void {
    if (!clean(name) && !clean(phone)) return;
    this.db
      .prepare(
        `INSERT INTO case_register (case_id, applicant_name, applicant_phone) VALUES (?, ?, ?)
         ON CONFLICT(case_id) DO UPDATE SET applicant_name = COALESCE(excluded.applicant_name, applicant_name), applicant_phone = COALESCE(excluded.applicant_phone, applicant_phone)`,
      )
      .run(caseId, clean(name), clean(phone));
  }

  recordCollection(caseId: string, recipient: string, phone: string | undefined, staffId: string): void {
    if (!clean(recipient)) throw new DomainError('recipient-required', '请填写领取人姓名');
    this.db
      .prepare(
        `INSERT INTO case_register (case_id, collected_by, collected_phone, collected_at, collected_staff) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT(case_id) DO UPDATE SET collected_by = excluded.collected_by, collected_phone = excluded.collected_phone, collected_at = excluded.collected_at, collected_staff = excluded.collected_staff`,
      )
      .run(caseId, recipient.trim(), clean(phone), this.#now(), staffId);
  }

  /** Every case accepted in the range, with the register's additions and its whole history. */
  cases(from: string, to: string): CaseRegisterRow[] {
    return this.db
      .prepare<[string, string], CaseRegisterRow>(
        `SELECT c.id, c.case_no, c.accepted_date, c.accepted_at, c.matter_id, c.matter_name, c.kind, c.state, c.promised_date, c.window_no, c.staff_id,
                c.applicant_masked, c.reason, r.applicant_name, r.applicant_phone, r.collected_by, r.collected_phone, r.collected_at, r.collected_staff, r.daiban_id,
                (SELECT MIN(j.created_at) FROM joint_steps j WHERE j.case_id = c.id) AS joint_at,
                (SELECT group_concat(j.window_no, '、') FROM (SELECT window_no FROM joint_steps WHERE case_id = c.id ORDER BY seq) j) AS joint_windows,
                (SELECT json_group_array(json_object('state', h.state, 'at', h.at, 'note', h.note)) FROM (SELECT * FROM case_history WHERE case_id = c.id ORDER BY id) h) AS history
         FROM cases c LEFT JOIN case_register r ON r.case_id = c.id
         WHERE c.accepted_date BETWEEN ? AND ? ORDER BY c.accepted_at`,
      )
      .all(from, to);
  }

  /** Cases whose result was collected in the range (办结签收登记). */
  collections(from: string, to: string, timeZone: string): CaseRegisterRow[] {
    const rows = this.db
      .prepare<[], CaseRegisterRow>(
        `SELECT c.id, c.case_no, c.accepted_date, c.accepted_at, c.matter_id, c.matter_name, c.kind, c.state, c.promised_date, c.window_no, c.staff_id,
                c.applicant_masked, c.reason, r.applicant_name, r.applicant_phone, r.collected_by, r.collected_phone, r.collected_at, r.collected_staff, r.daiban_id,
                (SELECT MIN(j.created_at) FROM joint_steps j WHERE j.case_id = c.id) AS joint_at,
                (SELECT group_concat(j.window_no, '、') FROM (SELECT window_no FROM joint_steps WHERE case_id = c.id ORDER BY seq) j) AS joint_windows,
                (SELECT json_group_array(json_object('state', h.state, 'at', h.at, 'note', h.note)) FROM (SELECT * FROM case_history WHERE case_id = c.id ORDER BY id) h) AS history
         FROM cases c JOIN case_register r ON r.case_id = c.id WHERE r.collected_at IS NOT NULL ORDER BY r.collected_at`,
      )
      .all();
    return rows.filter((r) => {
      const d = localTime(new Date(r.collected_at!), timeZone).date;
      return d >= from && d <= to;
    });
  }

  // ---- 代办 (seed 002 篇1 工作程序; seed 003 三级体系; seed 004 包户干部 1 天、代办员初审上报 2 天) -----------

  registerDaiban(input: {
    stationId: string;
    agentId: string;
    residentName: string;
    residentPhone?: string;
    matterId: string;
    matterName: string;
    authorization: string;
    materialsOk: string[];
    materialsMissing: string[];
    note?: string;
  }): DaibanRow {
    if (!clean(input.residentName)) throw new DomainError('name-required', '请填写委托人（当事人）姓名');
    if (!clean(input.authorization))
      throw new DomainError('authorization-required', '代办须由当事人授权委托，请登记授权委托情况');
    return this.#tx(() => {
      const date = this.today();
      // One sequence a day for the whole street (issue 24 ⑫): the number is printed on the 报送联系单 and in the
      // 代办登记, where a station's internal id (DB20261123-qingshan-001) meant nothing to anyone; the station is
      // named in its own column. Numbers issued before keep their old form.
      const seq =
        this.db
          .prepare<[string], { n: number }>('SELECT COUNT(*) AS n FROM daiban WHERE registered_date = ?')
          .get(date)!.n + 1;
      const id = newId();
      const no = `DB${date.replaceAll('-', '')}-${String(seq).padStart(3, '0')}`;
      this.db
        .prepare(
          `INSERT INTO daiban (id, no, station_id, agent_id, registered_date, registered_at, resident_name, resident_phone, matter_id, matter_name, authorization, materials_ok, materials_missing, note, state)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'registered')`,
        )
        .run(
          id,
          no,
          input.stationId,
          input.agentId,
          date,
          this.#now(),
          input.residentName.trim(),
          clean(input.residentPhone),
          input.matterId,
          input.matterName,
          input.authorization.trim(),
          JSON.stringify(input.materialsOk),
          JSON.stringify(input.materialsMissing),
          maskClean(input.note),
        );
      return this.daiban(id)!;
    });
  }

  daiban(id: string): DaibanRow | null {
    return this.db.prepare<[string], DaibanRow>('SELECT * FROM daiban WHERE id = ?').get(id) ?? null;
  }

  #daibanAt(id: string, stationId: string | null): DaibanRow {
    const row = this.daiban(id);
    if (!row || (stationId !== null && row.station_id !== stationId)) throw notFound('该代办件');
    return row;
  }

  /** 入户核实 done (seed 004: 包户干部入户核实 ≤ 1 天). */
  verified(id: string, stationId: string): DaibanRow {
    return this.#tx(() => {
      const row = this.#daibanAt(id, stationId);
      if (row.state !== 'registered')
        throw new DomainError('bad-transition', `代办件 ${row.no} 已经报送，不能再登记入户核实`);
      this.db.prepare('UPDATE daiban SET verified_at = ? WHERE id = ?').run(this.#now(), id);
      return this.daiban(id)!;
    });
  }

  /** 初审上报: the 报送联系单 goes to the street centre (seed 002 篇1 "報送"). */
  forward(id: string, stationId: string): DaibanRow {
    return this.#tx(() => {
      const row = this.#daibanAt(id, stationId);
      if (row.state !== 'registered') throw new DomainError('bad-transition', `代办件 ${row.no} 已经报送过`);
      this.db
        .prepare(
          "UPDATE daiban SET state = 'forwarded', forwarded_at = ?, verified_at = COALESCE(verified_at, ?) WHERE id = ?",
        )
        .run(this.#now(), this.#now(), id);
      return this.daiban(id)!;
    });
  }

  /** The street window accepted it as a case. */
  accepted(id: string, caseId: string, staffId: string): DaibanRow {
    const row = this.#daibanAt(id, null);
    if (row.state !== 'forwarded') throw new DomainError('bad-transition', `代办件 ${row.no} 不在待受理状态`);
    this.db
      .prepare("UPDATE daiban SET state = 'accepted', accepted_at = ?, accepted_by = ?, case_id = ? WHERE id = ?")
      .run(this.#now(), staffId, caseId, id);
    this.db
      .prepare(
        `INSERT INTO case_register (case_id, applicant_name, applicant_phone, daiban_id) VALUES (?, ?, ?, ?)
         ON CONFLICT(case_id) DO UPDATE SET daiban_id = excluded.daiban_id`,
      )
      .run(caseId, row.resident_name, row.resident_phone, id);
    return this.daiban(id)!;
  }

  /** The street window returned it (退回) with a reason; the station sees why. */
  returned(id: string, reason: string, staffId: string): DaibanRow {
    return this.#tx(() => {
      const row = this.#daibanAt(id, null);
      if (row.state !== 'forwarded') throw new DomainError('bad-transition', `代办件 ${row.no} 不在待受理状态`);
      if (!clean(reason)) throw new DomainError('reason-required', '退回必须写明理由');
      this.db
        .prepare(
          "UPDATE daiban SET state = 'returned', accepted_at = ?, accepted_by = ?, return_reason = ? WHERE id = ?",
        )
        .run(this.#now(), staffId, reason.trim(), id);
      return this.daiban(id)!;
    });
  }

  /** seed 002 篇1 回覆: the agent told the resident (电话/上门) of the outcome. */
  replied(
    id: string,
    stationId: string,
    method: ReplyMethod,
    at: string | undefined,
    note: string | undefined,
    agentId: string,
    caseState: string | null,
  ): DaibanRow {
    return this.#tx(() => {
      const row = this.#daibanAt(id, stationId);
      const finished =
        row.state === 'returned' ||
        (row.state === 'accepted' && caseState !== null && ['finished', 'collected', 'rejected'].includes(caseState));
      if (!finished) throw new DomainError('not-finished', `代办件 ${row.no} 街道尚未办结，还不能登记回复`);
      const when = at ?? this.#now();
      if (Number.isNaN(Date.parse(when))) throw new DomainError('bad-time', '回复时间格式不对');
      this.db
        .prepare(
          "UPDATE daiban SET state = 'replied', reply_method = ?, replied_at = ?, replied_by = ?, reply_note = ? WHERE id = ?",
        )
        .run(method, new Date(when).toISOString(), agentId, clean(note), id);
      return this.daiban(id)!;
    });
  }

  daibanList(filter: { stationId?: string; state?: string; from?: string; to?: string }): DaibanRow[] {
    return this.db
      .prepare<
        [
          string | null,
          string | null,
          string | null,
          string | null,
          string | null,
          string | null,
          string | null,
          string | null,
        ],
        DaibanRow
      >(
        `SELECT * FROM daiban WHERE (? IS NULL OR station_id = ?) AND (? IS NULL OR state = ?) AND (? IS NULL OR registered_date >= ?) AND (? IS NULL OR registered_date <= ?) ORDER BY registered_at`,
      )
      .all(
        filter.stationId ?? null,
        filter.stationId ?? null,
        filter.state ?? null,
        filter.state ?? null,
        filter.from ?? null,
        filter.from ?? null,
        filter.to ?? null,
        filter.to ?? null,
      );
  }

  // ---- 上门服务登记 (seed 002 篇2 登門受理; seed 004 预约服务制度 第三条) ----------------------------------

  bookHomeVisit(input: {
    bookedBy: string;
    name: string;
    phone?: string;
    address?: string;
    reason: string;
    matterText: string;
    visitDate?: string;
  }): HomeVisitRow {
    if (!clean(input.name)) throw new DomainError('name-required', '请填写服务对象姓名');
    if (!clean(input.reason)) throw new DomainError('reason-required', '请填写需要上门的原因（如年迈、行动不便）');
    if (!clean(input.matterText)) throw new DomainError('matter-required', '请填写需办理的事项');
    const id = newId();
    this.db
      .prepare(
        `INSERT INTO home_visits (id, booked_date, booked_at, booked_by, name, phone, address, reason, matter_text, visit_date, state) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'booked')`,
      )
      .run(
        id,
        this.today(),
        this.#now(),
        input.bookedBy,
        input.name.trim(),
        clean(input.phone),
        clean(input.address),
        input.reason.trim(),
        input.matterText.trim(),
        input.visitDate ?? null,
      );
    return this.homeVisit(id)!;
  }

  homeVisit(id: string): HomeVisitRow | null {
    return this.db.prepare<[string], HomeVisitRow>('SELECT * FROM home_visits WHERE id = ?').get(id) ?? null;
  }

  assignHomeVisit(id: string, staffId: string, visitDate: string | undefined): HomeVisitRow {
    return this.#tx(() => {
      const row = this.homeVisit(id);
      if (!row) throw notFound('该上门服务登记');
      if (row.state === 'done') throw new DomainError('bad-transition', '该上门服务已经完成');
      this.db
        .prepare(
          "UPDATE home_visits SET assigned_to = ?, assigned_at = ?, visit_date = COALESCE(?, visit_date), state = 'assigned' WHERE id = ?",
        )
        .run(staffId, this.#now(), visitDate ?? null, id);
      return this.homeVisit(id)!;
    });
  }

  homeVisitDone(id: string, result: string): HomeVisitRow {
    return this.#tx(() => {
      const row = this.homeVisit(id);
      if (!row) throw notFound('该上门服务登记');
      if (row.state !== 'assigned')
        throw new DomainError('bad-transition', row.state === 'done' ? '该上门服务已经完成' : '请先指派上门人员');
      if (!clean(result)) throw new DomainError('result-required', '请填写上门办理结果');
      this.db
        .prepare("UPDATE home_visits SET done_at = ?, result = ?, state = 'done' WHERE id = ?")
        .run(this.#now(), result.trim(), id);
      return this.homeVisit(id)!;
    });
  }

  homeVisits(from: string, to: string): HomeVisitRow[] {
    return this.db
      .prepare<[string, string], HomeVisitRow>(
        'SELECT * FROM home_visits WHERE booked_date BETWEEN ? AND ? ORDER BY booked_at',
      )
      .all(from, to);
  }

  // ---- 意见和投诉登记 (seed 001 举报电话; seed 002 意見簿; seed 004 有效投诉) ----------------------------------

  addComplaint(input: {
    source: ComplaintSource;
    enteredBy: string | null;
    name?: string;
    phone?: string;
    content: string;
    windowNo?: number;
  }): ComplaintRow {
    if (!clean(input.content)) throw new DomainError('content-required', '请填写意见或投诉的内容');
    const id = newId();
    this.db
      .prepare(
        `INSERT INTO complaints (id, received_date, received_at, source, entered_by, name, phone, content, window_no, state) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'received')`,
      )
      .run(
        id,
        this.today(),
        this.#now(),
        input.source,
        input.enteredBy,
        clean(input.name),
        clean(input.phone),
        maskFreeText(input.content.trim()),
        input.windowNo ?? null,
      );
    return this.complaint(id)!;
  }

  complaint(id: string): ComplaintRow | null {
    return this.db.prepare<[string], ComplaintRow>(`${COMPLAINT_SELECT} WHERE c.id = ?`).get(id) ?? null;
  }

  /**
   * 一次性告知制度 第七条 "经办人再次出现《一次性告知清单》上未交代清楚的问题而被投诉的，经街道查实后，即被认定为
   * '有效投诉'": the leader's verdict on a complaint, once — 有效投诉 names the staff member concerned; both say
   * what was found. (The route checks that the caller is a leader and the staff id is known.)
   */
  verifyComplaint(
    id: string,
    input: { verdict: ComplaintVerdict; staffId: string | null; note: string },
    leaderId: string,
  ): ComplaintRow {
    return this.#tx(() => {
      const row = this.complaint(id);
      if (!row) throw notFound('该意见或投诉');
      if (row.verdict) throw new DomainError('already-verified', '该投诉已经查实，不能重复认定');
      const note = clean(input.note);
      if (!note) throw new DomainError('reason-required', '请写明查实情况');
      if (input.verdict === 'valid' && !input.staffId)
        throw new DomainError('reason-required', '认定为有效投诉须写明被投诉的工作人员');
      this.db
        .prepare(
          'INSERT INTO complaint_verdicts (complaint_id, verdict, staff_id, note, decided_by, decided_at) VALUES (?, ?, ?, ?, ?, ?)',
        )
        .run(id, input.verdict, input.staffId, note, leaderId, this.#now());
      return this.complaint(id)!;
    });
  }

  /** assigned → answered → closed, in order. */
  complaintStep(
    id: string,
    step: 'assign' | 'answer' | 'close',
    staffId: string,
    text: string | undefined,
  ): ComplaintRow {
    return this.#tx(() => {
      const row = this.complaint(id);
      if (!row) throw notFound('该意见或投诉');
      const now = this.#now();
      if (step === 'assign') {
        if (row.state === 'answered' || row.state === 'closed')
          throw new DomainError('bad-transition', '已答复的意见不能再指派');
        if (!clean(text)) throw new DomainError('assignee-required', '请填写承办人');
        this.db
          .prepare("UPDATE complaints SET assigned_to = ?, assigned_at = ?, state = 'assigned' WHERE id = ?")
          .run(text!.trim(), now, id);
      } else if (step === 'answer') {
        if (row.state !== 'assigned')
          throw new DomainError('bad-transition', row.state === 'received' ? '请先指派承办人' : '该意见已经答复');
        if (!clean(text)) throw new DomainError('answer-required', '请填写答复内容');
        this.db
          .prepare(
            "UPDATE complaints SET answer = ?, answered_at = ?, answered_by = ?, state = 'answered' WHERE id = ?",
          )
          .run(text!.trim(), now, staffId, id);
      } else {
        if (row.state !== 'answered')
          throw new DomainError('bad-transition', row.state === 'closed' ? '该意见已经办结' : '请先答复再办结');
        this.db
          .prepare("UPDATE complaints SET closed_at = ?, closed_by = ?, state = 'closed' WHERE id = ?")
          .run(now, staffId, id);
      }
      return this.complaint(id)!;
    });
  }

  complaints(from: string, to: string): ComplaintRow[] {
    return this.db
      .prepare<[string, string], ComplaintRow>(
        `${COMPLAINT_SELECT} WHERE c.received_date BETWEEN ? AND ? ORDER BY c.received_at`,
      )
      .all(from, to);
  }

  // ---- 预约登记 (seed 002 篇8 預約電話登記): the appointment store's own rows ------------------------------

  appointments(from: string, to: string): AppointmentRegisterRow[] {
    return this.db
      .prepare<[string, string], AppointmentRegisterRow>(
        'SELECT code, date, slot_from, slot_to, matter_id, category_id, name_masked, status, created_by, created_at FROM appointments WHERE date BETWEEN ? AND ? ORDER BY date, slot_from, code',
      )
      .all(from, to);
  }

  // ---- audit and archive -------------------------------------------------------------------------

  /** Every view and export of a register goes to the event log: who, which register, which period, how many rows. */
  audit(staffId: string, kind: string, format: string, from: string, to: string, rows: number): void {
    this.db
      .prepare(
        "INSERT INTO events (at, actor, type, data) VALUES (?, ?, 'register.viewed', json_object('kind', ?, 'format', ?, 'from', ?, 'to', ?, 'rows', ?))",
      )
      .run(this.#now(), staffId, kind, format, from, to, rows);
  }

  /**
   * Erase names and phones of rows filed long enough ago: a row of year Y is filed at the end of Y and kept
   * `years` more years, so on 1 January of Y + years + 1 its personal fields go. The counts stay.
   */
  purge(years: {
    firstContact: number;
    cases: number;
    daiban: number;
    homeVisits: number;
    complaints: number;
  }): Record<string, number> {
    const year = Number(this.today().slice(0, 4));
    const before = (n: number) => `${year - n}-01-01`;
    return this.#tx(() => {
      const out = {
        firstContact: this.db
          .prepare(
            'UPDATE first_contacts SET name = NULL, unit = NULL, phone = NULL WHERE service_date < ? AND (name IS NOT NULL OR unit IS NOT NULL OR phone IS NOT NULL)',
          )
          .run(before(years.firstContact)).changes,
        cases: this.db
          .prepare(
            `UPDATE case_register SET applicant_name = NULL, applicant_phone = NULL, collected_by = NULL, collected_phone = NULL
             WHERE case_id IN (SELECT id FROM cases WHERE accepted_date < ?) AND (applicant_name IS NOT NULL OR applicant_phone IS NOT NULL OR collected_by IS NOT NULL OR collected_phone IS NOT NULL)`,
          )
          .run(before(years.cases)).changes,
        daiban: this.db
          .prepare(
            'UPDATE daiban SET resident_name = NULL, resident_phone = NULL WHERE registered_date < ? AND (resident_name IS NOT NULL OR resident_phone IS NOT NULL)',
          )
          .run(before(years.daiban)).changes,
        homeVisits: this.db
          .prepare(
            'UPDATE home_visits SET name = NULL, phone = NULL, address = NULL WHERE booked_date < ? AND (name IS NOT NULL OR phone IS NOT NULL OR address IS NOT NULL)',
          )
          .run(before(years.homeVisits)).changes,
        complaints:
          this.db
            .prepare(
              'UPDATE complaints SET name = NULL, phone = NULL WHERE received_date < ? AND (name IS NOT NULL OR phone IS NOT NULL)',
            )
            .run(before(years.complaints)).changes +
          // The 查实 words may name the resident too; the verdict and the staff member stay for the figures.
          this.db
            .prepare(
              "UPDATE complaint_verdicts SET note = '（已按保存期限清除）' WHERE note <> '（已按保存期限清除）' AND complaint_id IN (SELECT id FROM complaints WHERE received_date < ?)",
            )
            .run(before(years.complaints)).changes,
      };
      const total = Object.values(out).reduce((a, b) => a + b, 0);
      if (total)
        this.db
          .prepare("INSERT INTO events (at, actor, type, data) VALUES (?, 'system', 'register.purged', ?)")
          .run(this.#now(), JSON.stringify(out));
      return out;
    });
  }
}
