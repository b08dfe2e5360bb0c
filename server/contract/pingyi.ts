// The wire protocol (回访评议, seed 002 篇8 "定期從中抽取部分羣眾進行評議"): shared by server/pingyi/ and the pages.
// No Node imports and nothing outside server/contract/ (docs/architecture.md, "the contract rule").

export interface PingyiView {
  id: string;
  month: string;
  /** 办件 or 窗口来访. */
  sourceName: string;
  refNo: string | null;
  matter: string;
  windowNo: number | null;
  /** Full for the staff member who calls; null once purged. */
  phone: string | null;
  result: string | null;
  resultName: string | null;
  opinion: string | null;
  calledBy: string | null;
  /** 不满意 / 非常不满意: a follow-up (整改) is needed. */
  unsatisfied: boolean;
  followUp: string | null;
  followUpBy: string | null;
}
