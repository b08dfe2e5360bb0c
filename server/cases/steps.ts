// 步骤时限 (issue 22 ⑨): a step the guide gives a deadline becomes a tracked step on the case — due date,
// who did it, on which day — and a late one shows on supervision (限时办结制度 第六条: 逐环节、逐岗位明确责任人
// 和办理时限; 第十条: 检查督促). seed 004 附件2 ㈠ “服务中心在受理申请后15天内完成联动机制核查和入户核实” (calendar
// days), ㈤ “服务中心在受理2个工作日内组织人员入户核实信息” and ㈥ “…受理2个工作日内入户核实信息” (working days,
// by the official calendar). Kept in its own table so the case store stays as it is.
import type { Db } from '../store/db.ts';
import type { StepDeadline } from '../contract/matters.ts';
import type { CaseStep, LateCaseStep } from '../contract/cases.ts';
import { DomainError } from '../common/errors.ts';

function addCalendarDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export class CaseSteps {
  constructor(
    private readonly db: Db,
    /** N working days after a date by the official calendar; throws when the calendar lacks the year. */
    private readonly addWorkingDays: (date: string, days: number) => string,
  ) {}

  /** The guide's deadlines for a case accepted on `acceptedOn`, counted from the next day. */
  create(caseId: string, deadlines: readonly StepDeadline[], acceptedOn: string): void {
    const insert = this.db.prepare('INSERT INTO case_steps (case_id, step, due_date) VALUES (?, ?, ?)');
    for (const d of deadlines) {
      let due: string | null;
      try {
        due = d.working ? this.addWorkingDays(acceptedOn, d.days) : addCalendarDays(acceptedOn, d.days);
      } catch {
        due = null; // a year the calendar lacks: no date is made up; supervision cannot call it late
      }
      insert.run(caseId, d.step, due);
    }
  }

  list(caseId: string): CaseStep[] {
    return (
      this.db
        .prepare('SELECT id, step, due_date, done_by, done_on FROM case_steps WHERE case_id = ? ORDER BY id')
        .all(caseId) as {
        id: number;
        step: string;
        due_date: string | null;
        done_by: string | null;
        done_on: string | null;
      }[]
    ).map((r) => ({ id: r.id, step: r.step, dueDate: r.due_date, doneBy: r.done_by, doneOn: r.done_on }));
  }

  done(caseId: string, stepId: number, staffId: string, today: string): CaseStep {
    const row = this.db.prepare('SELECT done_on FROM case_steps WHERE id = ? AND case_id = ?').get(stepId, caseId) as
      | { done_on: string | null }
      | undefined;
    if (!row) throw new DomainError('not-found', '该办件没有这个步骤');
    if (row.done_on) throw new DomainError('step-done', `该步骤已于 ${row.done_on} 完成`);
    this.db.prepare('UPDATE case_steps SET done_by = ?, done_on = ? WHERE id = ?').run(staffId, today, stepId);
    return this.list(caseId).find((s) => s.id === stepId)!;
  }

  /** Steps not done whose due date is before `today`, oldest first, of cases still open. */
  late(today: string): LateCaseStep[] {
    return (
      this.db
        .prepare(
          `SELECT s.id, s.case_id, c.case_no, c.matter_name, c.window_no, s.step, s.due_date
             FROM case_steps s JOIN cases c ON c.id = s.case_id
            WHERE s.done_on IS NULL AND s.due_date IS NOT NULL AND s.due_date < ?
              AND c.state NOT IN ('finished', 'collected', 'rejected', 'not-approved')
            ORDER BY s.due_date, s.id`,
        )
        .all(today) as {
        id: number;
        case_id: string;
        case_no: string;
        matter_name: string;
        window_no: number;
        step: string;
        due_date: string;
      }[]
    ).map((r) => ({
      id: r.id,
      caseId: r.case_id,
      caseNo: r.case_no,
      matterName: r.matter_name,
      windowNo: r.window_no,
      step: r.step,
      dueDate: r.due_date,
      doneBy: null,
      doneOn: null,
    }));
  }
}
