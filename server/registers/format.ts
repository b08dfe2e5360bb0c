// The registers as tables: the seeds' own column names (see docs/registers.md for where each comes from),
// then CSV (guarded against spreadsheet formulas, UTF-8 with BOM, CRLF) or a printable A4 page. Pure: rows
// and names in, text out.
import { CASE_STATE_NAMES } from '../contract/cases.ts';
import { CASE_KINDS } from '../contract/matters.ts';
import { BOM, csvLine } from '../contract/csv.ts';
import { escapeHtml } from '../common/html.ts';
import { localTime } from '../common/clock.ts';
import {
  COMPLAINT_SOURCE_NAMES,
  FIRST_CONTACT_OUTCOME_NAMES,
  REPLY_METHOD_NAMES,
  type AppointmentRegisterRow,
  type CaseRegisterRow,
  type ComplaintRow,
  COMPLAINT_VERDICT_NAMES,
  type DaibanRow,
  type FirstContactRow,
  type HomeVisitRow,
} from './store.ts';

export const REGISTER_KINDS = [
  'first-contact',
  'cases',
  'daiban',
  'collection',
  'appointments',
  'home-visits',
  'complaints',
] as const;
export type RegisterKind = (typeof REGISTER_KINDS)[number];

export const REGISTER_TITLES: Record<RegisterKind, string> = {
  'first-contact': '首问登记（来访咨询登记）',
  cases: '办件管理台账',
  daiban: '代办台账（代办结果登记）',
  collection: '办结签收登记',
  appointments: '预约登记',
  'home-visits': '上门服务登记',
  complaints: '意见和投诉登记',
};

/** The seeds' column names per register (CSV header = the printed header). */
export const REGISTER_COLUMNS: Record<RegisterKind, string[]> = {
  // seed 004 首问首办责任制度 第三条 姓名、单位、时间、咨询或办理事项、办理结果; 第七条 转交材料; 第十条 电话
  'first-contact': [
    '序号',
    '时间',
    '来访方式',
    '姓名',
    '单位',
    '联系电话',
    '咨询或办理事项',
    '办理结果',
    '转交窗口',
    '无法办理原因',
    '转交材料',
    '材料接收人',
    '接收时间',
    '首问责任人',
    '窗口',
  ],
  // seed 002 篇1 管理台帳 and 五有记录 时间、对象、内容、解决途径、办理情况
  cases: [
    '序号',
    '办件编号',
    '时间',
    '对象',
    '联系电话',
    '内容',
    '办件类型',
    '解决途径',
    '承办窗口',
    '承办人',
    '承诺办结日期',
    '办理情况',
    '办结时间',
    '办理结果',
  ],
  // seed 002 篇1 受理、登记、報送聯繫單、回覆(電話或上門); 篇8 代辦結果登記; seed 004 入户核实、初审上报
  daiban: [
    '序号',
    '代办编号',
    '登记时间',
    '服务站',
    '代办员',
    '委托人',
    '联系电话',
    '代办事项',
    '授权委托',
    '材料初审',
    '入户核实时间',
    '初审上报时间',
    '街道受理时间',
    '办件编号',
    '办理结果',
    '回复方式',
    '回复时间',
  ],
  // seed 002 篇8 辦結簽收登記
  collection: ['序号', '办件编号', '办理事项', '申请人', '办结时间', '领取人', '领取人电话', '签收时间', '经办人'],
  // seed 002 篇8 預約電話登記; seed 004 预约服务制度
  appointments: ['序号', '预约号', '预约日期', '预约时段', '预约事项', '预约人', '登记人', '登记时间', '状态'],
  // seed 002 篇8 上門服務登記; seed 004 预约服务制度 第三条
  'home-visits': [
    '序号',
    '登记时间',
    '服务对象',
    '联系电话',
    '地址',
    '上门事由',
    '办理事项',
    '约定上门日期',
    '上门人员',
    '指派时间',
    '完成时间',
    '办理结果',
    '状态',
  ],
  // seed 002 意見簿; seed 001 举报电话; seed 004 投诉
  complaints: [
    '序号',
    '登记时间',
    '来源',
    '反映人',
    '联系电话',
    '意见或投诉内容',
    '涉及窗口',
    '承办人',
    '答复内容',
    '答复时间',
    '办结时间',
    '状态',
    // 一次性告知制度 第七条: the leader's 查实.
    '查实结论',
    '被投诉人',
    '查实情况',
    '查实人',
    '查实时间',
  ],
};

export interface Names {
  timeZone: string;
  staff(id: string | null): string;
  window(no: number | null): string;
  station(id: string): string;
  matter(id: string | null): string;
  category(id: string): string;
}

export const KIND_NAMES: Record<(typeof CASE_KINDS)[number], string> = { immediate: '即办件', promised: '承诺件' };
/** Case states by their string: states another module adds show by their own name until named here. */
export const caseStateName = (s: string): string => (CASE_STATE_NAMES as Record<string, string>)[s] ?? s;

export function localStamp(iso: string | null, timeZone: string): string {
  if (!iso) return '';
  const t = localTime(new Date(iso), timeZone);
  return `${t.date} ${t.time}`;
}

export interface HistoryEntry {
  state: string;
  at: string;
  note: string | null;
}

export function caseHistory(row: CaseRegisterRow): HistoryEntry[] {
  return JSON.parse(row.history) as HistoryEntry[];
}

export type Cell = string | number;

export function registerRows(kind: RegisterKind, rows: unknown[], n: Names): Cell[][] {
  const t = (iso: string | null) => localStamp(iso, n.timeZone);
  switch (kind) {
    case 'first-contact':
      return (rows as FirstContactRow[]).map((r, i) => [
        i + 1,
        t(r.at),
        r.channel === 'phone' ? '来电' : '来访',
        r.name ?? '',
        r.unit ?? '',
        r.phone ?? '',
        r.matter_text,
        FIRST_CONTACT_OUTCOME_NAMES[r.outcome],
        r.to_window_no === null ? '' : n.window(r.to_window_no),
        r.outcome === 'unable' ? (r.reason ?? '') : '',
        r.materials ?? '',
        r.received_by ? n.staff(r.received_by) : '',
        t(r.received_at),
        n.staff(r.staff_id),
        r.window_no === null ? '' : n.window(r.window_no),
      ]);
    case 'cases':
      return (rows as CaseRegisterRow[]).map((r, i) => {
        const h = caseHistory(r);
        const finished = h.find((e) => e.state === 'finished');
        const ways = [r.daiban_id ? '村（社区）代办' : '窗口受理'];
        // 联办件 (issue 28 item 3): the lead window (the case's own) and the participating windows.
        if (r.joint_windows) ways.push(`多窗口联办（${r.window_no}号窗口牵头，${r.joint_windows}号窗口协办）`);
        if (h.some((e) => e.state === 'reported')) ways.push('上报上级审批');
        return [
          i + 1,
          r.case_no,
          t(r.accepted_at),
          r.applicant_name ?? r.applicant_masked ?? '',
          r.applicant_phone ?? '',
          r.matter_name,
          KIND_NAMES[r.kind as keyof typeof KIND_NAMES] ?? r.kind,
          ways.join('、'),
          n.window(r.window_no),
          n.staff(r.staff_id),
          r.promised_date ?? '',
          caseStateName(r.state),
          t(finished?.at ?? null),
          r.reason ?? h[h.length - 1]?.note ?? '',
        ];
      });
    case 'daiban':
      return (rows as DaibanRow[]).map((r, i) => [
        i + 1,
        r.no,
        t(r.registered_at),
        n.station(r.station_id),
        n.staff(r.agent_id),
        r.resident_name ?? '',
        r.resident_phone ?? '',
        r.matter_name,
        r.authorization,
        materialsCell(r),
        t(r.verified_at),
        t(r.forwarded_at),
        t(r.accepted_at),
        (r as DaibanRow & { case_no?: string }).case_no ?? '',
        daibanResult(r as DaibanRow & { case_state?: string | null }),
        r.reply_method ? REPLY_METHOD_NAMES[r.reply_method] : '',
        t(r.replied_at),
      ]);
    case 'collection':
      return (rows as CaseRegisterRow[]).map((r, i) => [
        i + 1,
        r.case_no,
        r.matter_name,
        r.applicant_name ?? r.applicant_masked ?? '',
        t(caseHistory(r).find((e) => e.state === 'finished')?.at ?? null),
        r.collected_by ?? '',
        r.collected_phone ?? '',
        t(r.collected_at),
        n.staff(r.collected_staff),
      ]);
    case 'appointments':
      return (rows as AppointmentRegisterRow[]).map((r, i) => [
        i + 1,
        r.code,
        r.date,
        `${r.slot_from}-${r.slot_to}`,
        r.matter_id ? n.matter(r.matter_id) : n.category(r.category_id),
        r.name_masked ?? '',
        r.created_by === 'import' ? '批量导入' : n.staff(r.created_by),
        t(r.created_at),
        ({ booked: '已预约', 'checked-in': '已到场取号', cancelled: '已取消' } as Record<string, string>)[r.status] ??
          r.status,
      ]);
    case 'home-visits':
      return (rows as HomeVisitRow[]).map((r, i) => [
        i + 1,
        t(r.booked_at),
        r.name ?? '',
        r.phone ?? '',
        r.address ?? '',
        r.reason,
        r.matter_text,
        r.visit_date ?? '',
        r.assigned_to ? n.staff(r.assigned_to) : '',
        t(r.assigned_at),
        t(r.done_at),
        r.result ?? '',
        { booked: '已登记', assigned: '已指派', done: '已完成' }[r.state],
      ]);
    case 'complaints':
      return (rows as ComplaintRow[]).map((r, i) => [
        i + 1,
        t(r.received_at),
        COMPLAINT_SOURCE_NAMES[r.source],
        r.name ?? '',
        r.phone ?? '',
        r.content,
        r.window_no === null ? '' : n.window(r.window_no),
        r.assigned_to ?? '',
        r.answer ?? '',
        t(r.answered_at),
        t(r.closed_at),
        { received: '已登记', assigned: '已指派', answered: '已答复', closed: '已办结' }[r.state],
        r.verdict ? COMPLAINT_VERDICT_NAMES[r.verdict] : '待查实',
        r.verdict_staff ? n.staff(r.verdict_staff) : '',
        r.verdict_note ?? '',
        r.verdict_by ? n.staff(r.verdict_by) : '',
        t(r.verdict_at),
      ]);
  }
}

function materialsCell(r: DaibanRow): string {
  const ok = JSON.parse(r.materials_ok) as string[];
  const missing = JSON.parse(r.materials_missing) as string[];
  if (!ok.length && !missing.length) return '';
  return missing.length ? `齐全 ${ok.length} 项；缺：${missing.join('、')}` : `齐全（${ok.length} 项）`;
}

export function daibanResult(r: DaibanRow & { case_state?: string | null }): string {
  if (r.return_reason) return `退回：${r.return_reason}`;
  if (r.case_state) return caseStateName(r.case_state);
  return {
    registered: '待上报',
    forwarded: '已报送，待街道受理',
    accepted: '街道已受理',
    returned: '退回',
    replied: '已回复',
  }[r.state];
}

// ---- output -----------------------------------------------------------------------------------------

export interface PrintTable {
  heading?: string;
  columns: string[];
  rows: Cell[][];
}

export interface PrintDoc {
  title: string;
  meta: string;
  tables: PrintTable[];
  notes?: string[];
  /** Signature line under the tables (填表人/审核人). */
  sign?: boolean;
  landscape?: boolean;
}

export function docCsv(doc: PrintDoc): string {
  const lines = [csvLine([doc.title]), csvLine([doc.meta])];
  for (const t of doc.tables) {
    lines.push('');
    if (t.heading) lines.push(csvLine([t.heading]));
    lines.push(csvLine(t.columns), ...t.rows.map(csvLine));
  }
  for (const note of doc.notes ?? []) lines.push('', csvLine([note]));
  return BOM + lines.join('\r\n') + '\r\n';
}

/** One CSV table only (header row first): what a register export is, for spreadsheets that sort and filter. */
export function tableCsv(columns: string[], rows: Cell[][]): string {
  return BOM + [csvLine(columns), ...rows.map(csvLine)].join('\r\n') + '\r\n';
}

export function docHtml(doc: PrintDoc): string {
  const tables = doc.tables
    .map(
      (t) => `<section>${t.heading ? `<h2>${escapeHtml(t.heading)}</h2>` : ''}
<table><thead><tr>${t.columns.map((c) => `<th>${escapeHtml(c)}</th>`).join('')}</tr></thead>
<tbody>${t.rows.length ? t.rows.map((r) => `<tr>${r.map((c) => `<td${typeof c === 'number' ? ' class="n"' : ''}>${escapeHtml(c)}</td>`).join('')}</tr>`).join('\n') : `<tr><td colspan="${t.columns.length}" class="empty">本期无记录</td></tr>`}</tbody></table></section>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${escapeHtml(doc.title)}</title>
<style>
  @page { size: A4 ${doc.landscape === false ? 'portrait' : 'landscape'}; margin: 12mm; }
  body { font-family: "Noto Sans CJK SC", "Microsoft YaHei", "SimSun", sans-serif; color: #111; margin: 16px; font-size: 11px; }
  h1 { font-size: 19px; text-align: center; margin: 0 0 4px; }
  .meta { text-align: center; color: #444; margin-bottom: 10px; }
  h2 { font-size: 13px; margin: 12px 0 4px; }
  table { border-collapse: collapse; width: 100%; page-break-inside: auto; }
  th, td { border: 1px solid #555; padding: 3px 4px; vertical-align: top; }
  th { background: #eee; font-weight: 600; white-space: nowrap; }
  td.n { text-align: right; font-variant-numeric: tabular-nums; }
  td.empty { text-align: center; color: #666; }
  tr { page-break-inside: avoid; }
  .notes { margin-top: 8px; color: #333; }
  .sign { margin-top: 22px; display: flex; justify-content: space-between; }
  .no-print { margin: 8px 0; text-align: right; }
  @media print { .no-print { display: none; } body { margin: 0; } }
</style></head><body>
<div class="no-print"><button onclick="window.print()">打印</button></div>
<h1>${escapeHtml(doc.title)}</h1>
<div class="meta">${escapeHtml(doc.meta)}</div>
${tables}
${doc.notes?.length ? `<div class="notes">${doc.notes.map((x) => `<p>${escapeHtml(x)}</p>`).join('')}</div>` : ''}
${doc.sign === false ? '' : '<div class="sign"><span>填表人：</span><span>审核人：</span><span>填报日期：　　年　　月　　日</span></div>'}
</body></html>`;
}
