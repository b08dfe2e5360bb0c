// The wire protocol (交办 → 反馈 → 批示, seed 002 四、工作流程): shared by server/jiaoban/ and the pages.
// No Node imports and nothing outside server/contract/ (docs/architecture.md, "the contract rule").

export const JIAOBAN_STATE_NAMES = { assigned: '待反馈', 'fed-back': '已反馈', instructed: '已批示' } as const;
export type JiaobanState = keyof typeof JIAOBAN_STATE_NAMES;

export interface JiaobanView {
  id: string;
  no: string;
  date: string;
  /** HH:MM in the centre's time zone. */
  time: string;
  windowNo: number;
  byName: string;
  toStaffId: string;
  toName: string;
  matter: string;
  caseNo: string | null;
  request: string | null;
  feedback: string | null;
  feedbackTime: string | null;
  /** 5、反饋 "當天": no feedback once its day is over, or feedback on a later day. */
  late: boolean;
  instruction: string | null;
  instructedBy: string | null;
  state: JiaobanState;
}
