// The wire protocol (matters): types that cross HTTP or the WebSocket, shared by the server and the pages.
// No Node imports and nothing outside server/contract/ (docs/architecture.md, "the contract rule").

// ---- centre, matters and cases ----------------------------------------------------------------------

export const CENTER_LEVELS = ['township', 'street', 'village'] as const;
export type CenterLevel = (typeof CENTER_LEVELS)[number];
export const CENTER_LEVEL_NAMES: Record<CenterLevel, string> = {
  township: '乡镇',
  street: '街道',
  village: '村（社区）',
};

/** What printed slips and screens say about the centre. */
export interface CenterInfo {
  name: string;
  level: CenterLevel;
  address: string;
  phone: string;
  supervisionPhone: string;
}

export const MATTER_TYPES = ['行政许可', '行政给付', '其他行政权力', '公共服务', '便民服务', '其他'] as const;
export type MatterType = (typeof MATTER_TYPES)[number];

/** One required document (申请材料). Null means the seed document does not say. */
export interface Material {
  name: string;
  /** The guide asks for the original / a copy. Both false: the guide names the item but not its form. */
  original: boolean;
  copy: boolean;
  /** Number of copies/sheets; null when the guide does not say. */
  count: number | null;
  /** false: only under a condition (see `condition`). */
  required: boolean;
  condition: string | null;
  note: string | null;
}

export const CASE_KINDS = ['immediate', 'promised'] as const;
export type CaseKind = (typeof CASE_KINDS)[number];

/** A published guide (办事指南). Every field the seed does not give is null or empty, and the UI says so. */
/**
 * 受理时间: when the centre receives applications, as the guide says (seed 004 附件2: 低保、廉租房
 * “每月1-10日服务中心受理”, 年审 “每年3-5月”). Days of the month or months of the year, both inclusive.
 */
export interface IntakeWindow {
  /** As printed: 每月1-10日, 每年3-5月. */
  text: string;
  monthDays: { from: number; to: number } | null;
  months: { from: number; to: number } | null;
}

/** Whether `date` (YYYY-MM-DD, the centre's local day) falls inside the intake window. */
export function intakeOpen(w: IntakeWindow, date: string): boolean {
  const month = Number(date.slice(5, 7));
  const day = Number(date.slice(8, 10));
  if (w.months && (month < w.months.from || month > w.months.to)) return false;
  if (w.monthDays && (day < w.monthDays.from || day > w.monthDays.to)) return false;
  return true;
}

/** 步骤时限: a step of the guide with its own deadline, counted from the day of acceptance. */
export interface StepDeadline {
  /** The step as the guide words it: 完成联动机制核查和入户核实. */
  step: string;
  days: number;
  /** true: working days by the official calendar (受理2个工作日内); false: calendar days (受理申请后15天内). */
  working: boolean;
}

export interface Guide {
  basis: string[];
  conditions: string[];
  materials: Material[];
  steps: string[];
  /** Promised time limit in working days (承诺时限); null when not given. */
  promisedDays: number | null;
  /** Statutory limit (法定时限) in working days; null when not given. */
  legalDays: number | null;
  /** The time-limit text as the seed states it. */
  timeLimitText: string | null;
  caseKind: CaseKind | null;
  fees: string | null;
  /** Where to apply (办理地点 / 窗口). */
  place: string | null;
  /** 受理时间, where the guide limits it (absent or null: any working day). */
  intake?: IntakeWindow | null;
  /** Steps with a deadline in the guide: tracked on each case (absent: none). */
  deadlines?: StepDeadline[];
  phone: string | null;
  /** Which seed document and section this guide comes from. */
  source: string;
}

export interface Matter {
  id: string;
  name: string;
  type: MatterType;
  /** 实施主体 */
  body: string;
  levels: CenterLevel[];
  /** For browsing: 民政, 社保, 计生, 残联, 农业, 城建, 退役军人, … */
  department: string;
  /** The queue category that handles it; null when the centre does not handle it at a window. */
  categoryId: string | null;
  guide: Guide | null;
  /** 须公告 (seed 004 办结公告制度): finished cases are announced on the hall display and the public page. */
  announce?: boolean;
}

export interface MatterSummary {
  id: string;
  name: string;
  type: MatterType;
  department: string;
  categoryId: string | null;
  hasGuide: boolean;
}
