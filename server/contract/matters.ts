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
