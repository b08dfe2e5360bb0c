// 联办件 (issue 28 item 3): a case that needs several windows or departments.
//
// 一次性告知制度 第四条 "对服务对象所办事项涉及多个部门…经办人应及时帮助其咨询了解或请示报告，并将结果告知服务对象";
// seed 004 四㈡ "实行一个窗口受理，一次性告知，一条龙服务，一站式办结"; 首问首办责任制度 第二条 "首位业务受理人即为首问
// 责任人" and 第八条 "涉及交叉业务…协调有关业务部门一同解决"; 限时办结制度 第六条 "逐环节、逐岗位明确责任人和办理时限".
//
// One lead window (the case's own: it accepted the case and hands out the result, 首问首办), participating
// windows each with one step (from JOINT_STEP_PRESETS or the guide's own steps) and a deadline on a working
// day of the official calendar, in sequence, never after the case's one promised date. Each participating
// window marks its step done or returns it to the lead with a reason; the lead finishes the case only when
// every step is done. Own version track; every action is audited in the event log (no names, no free text).
import type { Db } from '../store/db.ts';
import type { Clock } from '../common/clock.ts';
import { localTime } from '../common/clock.ts';
import { DomainError, notFound } from '../common/errors.ts';
import { isDate } from '../contract/periods.ts';
import type { JointStepState } from '../contract/joint.ts';

export const JOINT_MIGRATIONS: string[] = [
  `CREATE TABLE joint_steps (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     case_id TEXT NOT NULL,
     seq INTEGER NOT NULL,
     lead_window_no INTEGER NOT NULL,
     window_no INTEGER NOT NULL,
     step TEXT NOT NULL,
     due_date TEXT NOT NULL,
     created_at TEXT NOT NULL,
     created_by TEXT NOT NULL,
     -- 'open' → 'done' | 'returned' (→ 'open' again when the lead sends it back)
     state TEXT NOT NULL,
     done_on TEXT,
     done_at TEXT,
     done_by TEXT,
     return_reason TEXT,
     returned_at TEXT,
     UNIQUE (case_id, seq)
   );
   CREATE INDEX joint_steps_case ON joint_steps (case_id);
   CREATE INDEX joint_steps_window ON joint_steps (window_no, state);`,
];

export interface JointStepRow {
  id: number;
  case_id: string;
  seq: number;
  lead_window_no: number;
  window_no: number;
  step: string;
  due_date: string;
  created_at: string;
  created_by: string;
  state: JointStepState;
  done_on: string | null;
  done_at: string | null;
  done_by: string | null;
  return_reason: string | null;
  returned_at: string | null;
}

/** The case as the joint rules need it (from the case store). */
export interface JointCase {
  id: string;
  caseNo: string;
  kind: string;
  state: string;
  windowNo: number;
  promisedDate: string | null;
}

export interface JointStepInput {
  windowNo: number;
  step: string;
  dueDate: string;
}

export const MAX_JOINT_STEPS = 8;

export class JointStore {
  readonly #db: Db;
  readonly #clock: Clock;
  readonly #tz: string;
  /** Official working day; throws for a year the calendar lacks. */
  readonly #isWorkingDay: (date: string) => boolean;

  constructor(db: Db, clock: Clock, timeZone: string, isWorkingDay: (date: string) => boolean) {
    this.#db = db;
    this.#clock = clock;
    this.#tz = timeZone;
    this.#isWorkingDay = isWorkingDay;
  }

  today(): string {
    return localTime(this.#clock(), this.#tz).date;
  }

  /**
   * The lead window sets up the steps of a running 承诺件. `allowedSteps`: the presets and the guide's steps;
   * `windows`: the centre's window numbers.
   */
  create(
    c: JointCase,
    steps: readonly JointStepInput[],
    ctx: { staffId: string; allowedSteps: readonly string[]; windows: readonly number[] },
  ): JointStepRow[] {
    // 限时办结制度 第五条: 即办件 are done at once; a 联办件 shares out one 承诺 date, so it must be a running 承诺件.
    if (c.kind !== 'promised' || c.state !== 'accepted' || !c.promisedDate)
      throw new DomainError(
        'joint-not-running',
        `办件 ${c.caseNo} 不是正在计时的承诺件：联办须在受理后、办结前，按承诺办结日期分配各窗口的办理时限`,
      );
    if (!steps.length || steps.length > MAX_JOINT_STEPS)
      throw new DomainError('bad-request', `联办步骤应为 1 至 ${MAX_JOINT_STEPS} 个`);
    const today = this.today();
    let previous = today;
    steps.forEach((s, i) => {
      const n = i + 1;
      if (!ctx.windows.includes(s.windowNo))
        throw new DomainError('unknown-window', `第${n}步：没有 ${s.windowNo} 号窗口`);
      // 首问首办: the lead window accepts and hands out; the others each do a step.
      if (s.windowNo === c.windowNo)
        throw new DomainError(
          'joint-lead-window',
          `第${n}步：${s.windowNo} 号窗口是牵头窗口（受理和出件），联办步骤应交给其他窗口`,
        );
      if (!ctx.allowedSteps.includes(s.step))
        throw new DomainError(
          'unknown-joint-step',
          `第${n}步“${s.step.slice(0, 40)}”不是可选的办理环节，请从列表中选择：${ctx.allowedSteps.join('、')}`,
          [...ctx.allowedSteps],
        );
      if (!isDate(s.dueDate)) throw new DomainError('bad-date', `第${n}步的办理时限应为日期，例如 2026-12-10`);
      if (s.dueDate < previous)
        throw new DomainError(
          'bad-date',
          i === 0
            ? `第${n}步的办理时限 ${s.dueDate} 早于今天 ${today}`
            : `第${n}步的办理时限 ${s.dueDate} 早于上一步的 ${previous}：各步骤依次办理`,
        );
      // 限时办结制度 第六条: the steps share the one promised date the resident was given.
      if (s.dueDate > c.promisedDate!)
        throw new DomainError(
          'joint-beyond-promise',
          `第${n}步的办理时限 ${s.dueDate} 晚于本件承诺办结日期 ${c.promisedDate}：各联办步骤须在承诺时限内完成（限时办结制度第六条）`,
        );
      if (!this.#isWorkingDay(s.dueDate))
        throw new DomainError('bad-date', `第${n}步的办理时限 ${s.dueDate} 不是工作日（以国务院节假日安排为准）`);
      previous = s.dueDate;
    });
    return this.#db.transaction(() => {
      if (this.forCase(c.id).length)
        throw new DomainError('joint-exists', `办件 ${c.caseNo} 已设为联办件，不能重复设置`);
      const at = this.#clock().toISOString();
      const insert = this.#db.prepare(
        `INSERT INTO joint_steps (case_id, seq, lead_window_no, window_no, step, due_date, created_at, created_by, state)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'open')`,
      );
      steps.forEach((s, i) => insert.run(c.id, i + 1, c.windowNo, s.windowNo, s.step, s.dueDate, at, ctx.staffId));
      this.#audit(ctx.staffId, 'joint.created', c.windowNo, {
        caseId: c.id,
        steps: steps.length,
        windows: steps.map((s) => s.windowNo),
      });
      return this.forCase(c.id);
    })();
  }

  forCase(caseId: string): JointStepRow[] {
    return this.#db.prepare('SELECT * FROM joint_steps WHERE case_id = ? ORDER BY seq').all(caseId) as JointStepRow[];
  }

  get(id: number): JointStepRow | null {
    return (this.#db.prepare('SELECT * FROM joint_steps WHERE id = ?').get(id) as JointStepRow | undefined) ?? null;
  }

  /** A participating window's inbox: its open steps. */
  openFor(windowNo: number): JointStepRow[] {
    return this.#db
      .prepare("SELECT * FROM joint_steps WHERE window_no = ? AND state = 'open' ORDER BY due_date, id")
      .all(windowNo) as JointStepRow[];
  }

  /** The lead window's inbox: steps returned to it. */
  returnedTo(leadWindowNo: number): JointStepRow[] {
    return this.#db
      .prepare("SELECT * FROM joint_steps WHERE lead_window_no = ? AND state = 'returned' ORDER BY returned_at")
      .all(leadWindowNo) as JointStepRow[];
  }

  /** The lead window's 联办件 not yet handed out (the case still open), every step with its state. */
  leading(leadWindowNo: number): JointStepRow[] {
    return this.#db
      .prepare(
        `SELECT * FROM joint_steps WHERE lead_window_no = ? AND case_id IN
           (SELECT id FROM cases WHERE state IN ('accepted', 'correction', 'reported')) ORDER BY created_at, case_id, seq`,
      )
      .all(leadWindowNo) as JointStepRow[];
  }

  /** The participating window marks its step done (only an open step, only its own window). */
  done(id: number, windowNo: number, staffId: string): JointStepRow {
    return this.#db.transaction(() => {
      const row = this.#own(id, windowNo);
      if (row.state !== 'open')
        throw new DomainError('bad-transition', `该联办步骤当前为“${row.state === 'done' ? '已完成' : '已退回'}”`);
      this.#db
        .prepare("UPDATE joint_steps SET state = 'done', done_on = ?, done_at = ?, done_by = ? WHERE id = ?")
        .run(this.today(), this.#clock().toISOString(), staffId, id);
      this.#audit(staffId, 'joint.step-done', windowNo, { caseId: row.case_id, stepId: id, seq: row.seq });
      return this.get(id)!;
    })();
  }

  /** The participating window returns its step to the lead with a reason (首问首办: the lead resolves it). */
  returnToLead(id: number, windowNo: number, staffId: string, reason: string): JointStepRow {
    const why = reason.trim();
    if (!why) throw new DomainError('reason-required', '退回牵头窗口必须写明理由');
    return this.#db.transaction(() => {
      const row = this.#own(id, windowNo);
      if (row.state !== 'open') throw new DomainError('bad-transition', '只有办理中的联办步骤可以退回');
      this.#db
        .prepare("UPDATE joint_steps SET state = 'returned', return_reason = ?, returned_at = ? WHERE id = ?")
        .run(why, this.#clock().toISOString(), id);
      this.#audit(staffId, 'joint.step-returned', windowNo, { caseId: row.case_id, stepId: id, seq: row.seq });
      return this.get(id)!;
    })();
  }

  /** The lead sends a returned step back to its window once resolved, with a deadline still inside the promise. */
  reopen(id: number, c: JointCase, dueDate: string, staffId: string): JointStepRow {
    const row = this.get(id);
    if (!row || row.case_id !== c.id) throw notFound('该联办步骤');
    if (row.state !== 'returned') throw new DomainError('bad-transition', '只有退回牵头窗口的步骤可以重新交办');
    if (!isDate(dueDate)) throw new DomainError('bad-date', '办理时限应为日期，例如 2026-12-10');
    if (dueDate < this.today()) throw new DomainError('bad-date', `办理时限 ${dueDate} 早于今天`);
    if (!c.promisedDate || dueDate > c.promisedDate)
      throw new DomainError(
        'joint-beyond-promise',
        `办理时限 ${dueDate} 晚于本件承诺办结日期 ${c.promisedDate ?? '（无）'}：须在承诺时限内完成（限时办结制度第六条）`,
      );
    if (!this.#isWorkingDay(dueDate)) throw new DomainError('bad-date', `办理时限 ${dueDate} 不是工作日`);
    this.#db
      .prepare(
        "UPDATE joint_steps SET state = 'open', due_date = ?, return_reason = NULL, returned_at = NULL WHERE id = ?",
      )
      .run(dueDate, id);
    this.#audit(staffId, 'joint.step-reopened', row.lead_window_no, { caseId: row.case_id, stepId: id, seq: row.seq });
    return this.get(id)!;
  }

  /** 出件 at the lead only when every step is done (一站式办结). */
  assertSettled(caseId: string, caseNo: string): void {
    const open = this.forCase(caseId).filter((s) => s.state !== 'done');
    if (open.length)
      throw new DomainError(
        'joint-steps-open',
        `联办件 ${caseNo} 还有 ${open.length} 个联办步骤未完成（${open.map((s) => `第${s.seq}步 ${s.window_no}号窗口`).join('、')}），不能办结`,
      );
  }

  /** Supervision: steps past their deadline and not done. */
  late(today = this.today()): JointStepRow[] {
    return this.#db
      .prepare("SELECT * FROM joint_steps WHERE state != 'done' AND due_date < ? ORDER BY due_date, id")
      .all(today) as JointStepRow[];
  }

  #own(id: number, windowNo: number): JointStepRow {
    const row = this.get(id);
    if (!row || row.window_no !== windowNo) throw notFound('该联办步骤');
    return row;
  }

  #audit(actor: string, type: string, windowNo: number, data: Record<string, unknown>): void {
    this.#db
      .prepare('INSERT INTO events (at, actor, type, window_no, data) VALUES (?, ?, ?, ?, ?)')
      .run(this.#clock().toISOString(), actor, type, windowNo, JSON.stringify(data));
  }
}
