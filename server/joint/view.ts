// What a 联办件's steps look like to the centre's staff and to the resident (pure).
import { JOINT_STEP_STATE_NAMES, type JointStepView, type PublicJoint } from '../contract/joint.ts';
import type { JointStepRow } from './store.ts';

export interface JointNames {
  /** "2号窗口 民政" (the window's number and its configured name). */
  window(no: number): string;
  staff(id: string): string;
}

export interface JointCaseInfo {
  caseNo: string;
  matterName: string;
  applicantMasked: string | null;
  promisedDate: string | null;
}

export function stepView(r: JointStepRow, c: JointCaseInfo, names: JointNames, today: string): JointStepView {
  return {
    id: r.id,
    caseId: r.case_id,
    caseNo: c.caseNo,
    matterName: c.matterName,
    applicantMasked: c.applicantMasked,
    seq: r.seq,
    leadWindowNo: r.lead_window_no,
    windowNo: r.window_no,
    windowName: names.window(r.window_no),
    step: r.step,
    dueDate: r.due_date,
    promisedDate: c.promisedDate,
    state: r.state,
    doneOn: r.done_on,
    doneByName: r.done_by ? names.staff(r.done_by) : null,
    returnReason: r.return_reason,
    late: r.state !== 'done' && r.due_date < today,
  };
}

/** The resident's view: windows, steps, dates and states only (no staff, no reasons). */
export function publicJoint(rows: readonly JointStepRow[], names: Pick<JointNames, 'window'>): PublicJoint | null {
  if (!rows.length) return null;
  return {
    leadWindowNo: rows[0]!.lead_window_no,
    leadWindowName: names.window(rows[0]!.lead_window_no),
    steps: rows.map((r) => ({
      seq: r.seq,
      windowNo: r.window_no,
      windowName: names.window(r.window_no),
      step: r.step,
      dueDate: r.due_date,
      state: r.state,
      stateName: JOINT_STEP_STATE_NAMES[r.state],
      doneOn: r.done_on,
    })),
  };
}
