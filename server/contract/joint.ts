// The wire protocol (联办件, issue 28 item 3): shared by server/joint/ and the pages.
// 一次性告知制度 第四条 "对服务对象所办事项涉及多个部门…经办人应及时帮助其咨询了解或请示报告，并将结果告知服务对象";
// seed 004 四㈡ "实行一个窗口受理，一次性告知，一条龙服务，一站式办结"; 四㈣ "了解即办件、退回件、承诺件、联办件…的办理要求".
// No Node imports and nothing outside server/contract/ (docs/architecture.md, "the contract rule").

/**
 * What a participating window does, when the matter's guide names no step: a short fixed list (never free text,
 * so a resident's paper and status page say only these words or the guide's own).
 */
export const JOINT_STEP_PRESETS = ['材料审核', '信息核查', '入户核实', '审核签章', '出具证明', '系统录入'] as const;

export const JOINT_STEP_STATES = ['open', 'done', 'returned'] as const;
export type JointStepState = (typeof JOINT_STEP_STATES)[number];
/** What the resident and the consoles read for a step's state. */
export const JOINT_STEP_STATE_NAMES: Record<JointStepState, string> = {
  open: '办理中',
  done: '已完成',
  returned: '退回牵头窗口处理',
};

/** One step as the centre's staff see it. */
export interface JointStepView {
  id: number;
  caseId: string;
  caseNo: string;
  matterName: string;
  /** Masked applicant (张*三), as on the receipt. */
  applicantMasked: string | null;
  seq: number;
  leadWindowNo: number;
  windowNo: number;
  windowName: string;
  step: string;
  dueDate: string;
  /** The case's one promised date (限时办结): every step's deadline is inside it. */
  promisedDate: string | null;
  state: JointStepState;
  doneOn: string | null;
  doneByName: string | null;
  /** The participating window's reason for returning the step to the lead (staff only). */
  returnReason: string | null;
  /** Past its deadline and not done (supervision). */
  late: boolean;
}

/** One step as the resident sees it (/c/:id, the receipt): no staff, no reasons. */
export interface PublicJointStep {
  seq: number;
  windowNo: number;
  windowName: string;
  step: string;
  dueDate: string;
  state: JointStepState;
  stateName: string;
  doneOn: string | null;
}

export interface PublicJoint {
  leadWindowNo: number;
  leadWindowName: string;
  steps: PublicJointStep[];
}
