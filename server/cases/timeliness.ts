// 限时办结制度 第十条 "…纳入…工作人员考核", 第十一条, 第十四条; seed 001 责任追究制: per staff member and per
// window, for the cases accepted in a range — accepted, finished on time, finished late, still open past
// their time, approved extensions, 补正 asked after acceptance (the centre's own incomplete 告知). Pure
// aggregation of CaseStore.timelinessFacts(); rendered as the registers are (CSV / printable HTML).
import type { PrintDoc } from '../registers/format.ts';
import type { Config } from '../config/load.ts';
import { personName } from '../registers/people.ts';

export interface TimelinessFact {
  staffId: string;
  windowNo: number;
  ended: boolean;
  overdue: boolean;
  extensions: number;
  corrections: number;
  /** 急事特办 finished after its target or open past it (第十二条(四)); also counted in overdue. */
  urgentLate?: boolean;
}

export interface TimelinessRow {
  key: string;
  accepted: number;
  onTime: number;
  late: number;
  openOverdue: number;
  extensions: number;
  corrections: number;
  /** Of the late and open-overdue: urgent cases that missed their 急事特办 target (第十二条(四)). */
  urgentLate: number;
}

export const TIMELINESS_COLUMNS = [
  '序号',
  '工作人员/窗口',
  '受理件数',
  '按时办结',
  '超时办结',
  '未办结已超时',
  '批准延期',
  '受理后补正',
  '其中紧急事项未急事特办',
];

/** One row's cells after 序号, in TIMELINESS_COLUMNS order: the register and the monthly report both use it. */
export function timelinessCells(r: TimelinessRow): (string | number)[] {
  return [r.key, r.accepted, r.onTime, r.late, r.openOverdue, r.extensions, r.corrections, r.urgentLate];
}

function group(facts: readonly TimelinessFact[], keyOf: (f: TimelinessFact) => string): TimelinessRow[] {
  const rows = new Map<string, TimelinessRow>();
  for (const f of facts) {
    const key = keyOf(f);
    let r = rows.get(key);
    if (!r) {
      r = { key, accepted: 0, onTime: 0, late: 0, openOverdue: 0, extensions: 0, corrections: 0, urgentLate: 0 };
      rows.set(key, r);
    }
    r.accepted++;
    if (f.ended && !f.overdue) r.onTime++;
    if (f.ended && f.overdue) r.late++;
    if (!f.ended && f.overdue) r.openOverdue++;
    r.extensions += f.extensions;
    r.corrections += f.corrections;
    if (f.urgentLate) r.urgentLate++;
  }
  return [...rows.values()].sort((a, b) => a.key.localeCompare(b.key, 'zh-CN'));
}

export function timeliness(
  facts: readonly TimelinessFact[],
  names: { staff(id: string): string; window(no: number): string },
): { byStaff: TimelinessRow[]; byWindow: TimelinessRow[] } {
  return {
    byStaff: group(facts, (f) => names.staff(f.staffId)),
    byWindow: group(facts, (f) => names.window(f.windowNo)),
  };
}

/** How the timeliness table names staff and windows: the same for the register and the monthly report. */
export function timelinessNames(config: Pick<Config, 'staff' | 'windows'>): {
  staff(id: string): string;
  window(no: number): string;
} {
  return {
    staff: (id) => personName(config.staff, id),
    window: (no) => {
      const name = config.windows.find((w) => w.no === no)?.name;
      return name ? `${no}号窗口（${name}）` : `${no}号窗口`;
    },
  };
}

/**
 * 限时办结制度 第十条 "…纳入…工作人员考核", 第十一条: the ONE counting rule for the per-staff and per-window
 * timeliness figures. GET /api/registers-timeliness and the admin's monthly/quarterly report both call this.
 */
export function timelinessFor(
  cases: { timelinessFacts(from: string, to: string): TimelinessFact[] },
  config: Pick<Config, 'staff' | 'windows'>,
  from: string,
  to: string,
): { byStaff: TimelinessRow[]; byWindow: TimelinessRow[] } {
  return timeliness(cases.timelinessFacts(from, to), timelinessNames(config));
}

export function timelinessDoc(t: { byStaff: TimelinessRow[]; byWindow: TimelinessRow[] }, meta: string): PrintDoc {
  const rows = (list: TimelinessRow[]) => list.map((r, i) => [i + 1, ...timelinessCells(r)]);
  return {
    title: '限时办结考核统计（按工作人员、窗口）',
    meta,
    tables: [
      { heading: '按工作人员', columns: TIMELINESS_COLUMNS, rows: rows(t.byStaff) },
      { heading: '按窗口', columns: TIMELINESS_COLUMNS, rows: rows(t.byWindow) },
    ],
    notes: [
      '依据：限时办结制度第十条、第十一条（纳入工作人员考核）、第十四条；按本中心工作日计算，上级办理时间（第九条）和申请人原因（第十三条）不计入。',
      '紧急事项（急事特办，第三条）未在当日或领导确定的日期前办结的，按第十二条（四）计为超时，已计入超时办结或未办结已超时。',
    ],
  };
}

/** 超时查实与责任追究登记 (限时办结制度 第十二条、第十四条; seed 001 责任追究制). */
export const OVERDUE_COLUMNS = [
  '序号',
  '办件编号',
  '办理事项',
  '承办窗口',
  '承办人',
  '承诺办结日期',
  '超时工作日',
  '查实原因',
  '责任人',
  '处理措施',
  '决定人',
  '决定日期',
  '超时情形',
];
