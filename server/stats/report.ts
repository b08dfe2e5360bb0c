// The monthly 便民服务办理情况统计表 and the quarterly 办件统计 as CSV (UTF-8 with BOM so Excel opens the
// Chinese text; RFC 4180 quoting; CRLF) and as a printable HTML page. Both come from one table model.
import { escapeHtml } from '../common/html.ts';
import { BOM, csvField, csvLine } from '../contract/csv.ts';
import { RATING_NAMES, RATING_VALUES } from '../contract/ratings.ts';
import { NOT_RATED_NAME } from '../contract/rating-reasons.ts';
import type { CaseFigures, Figures, StatsReport, TimeSummary } from './compute.ts';
import { monthRange, quarterRange, type Period } from '../contract/periods.ts';
import { TIMELINESS_COLUMNS, timelinessCells, type TimelinessRow } from '../cases/timeliness.ts';

/** The per-staff and per-window timeliness figures, from timelinessFor() (the register's own rule). */
export interface ReportTimeliness {
  byStaff: TimelinessRow[];
  byWindow: TimelinessRow[];
}

export type ReportKind = 'month' | 'quarter';

export interface ReportSpec {
  kind: ReportKind;
  /** 2026-11 or 2026-Q4 */
  key: string;
  from: string;
  to: string;
  /** The rows per period inside the report: days of a month, months of a quarter. */
  period: Period;
  title: string;
}

/** A month (2026-11) or quarter (2026-Q4) → its range and title; null when the key is not valid. */
export function reportSpec(kind: ReportKind, key: string, centerName: string): ReportSpec | null {
  if (kind === 'month') {
    const r = monthRange(key);
    if (!r) return null;
    return {
      kind,
      key,
      ...r,
      period: 'day',
      title: `${centerName}便民服务办理情况统计表（${key.slice(0, 4)}年${Number(key.slice(5, 7))}月）`,
    };
  }
  const r = quarterRange(key);
  if (!r) return null;
  return {
    kind,
    key,
    ...r,
    period: 'month',
    title: `${centerName}办件统计表（${key.slice(0, 4)}年第${key.slice(6)}季度）`,
  };
}

interface Table {
  heading: string;
  columns: string[];
  rows: (string | number)[][];
}

export const FIGURE_COLUMNS = [
  '取号数',
  '办结数',
  '过号数',
  '转办数',
  '过号未办数',
  '平均等候(分钟)',
  '等候中位数(分钟)',
  '等候90%分位(分钟)',
  '平均办理(分钟)',
  '办理中位数(分钟)',
  '评价数',
  '满意率',
];

const minutes = (m: number | null) => (m === null ? '' : m.toFixed(1));
const percent = (r: number | null) => (r === null ? '' : `${(r * 100).toFixed(1)}%`);

function figureCells(f: Figures): (string | number)[] {
  const t = (s: TimeSummary) => [minutes(s.meanMinutes), minutes(s.medianMinutes), minutes(s.p90Minutes)];
  const [waitMean, waitMedian, waitP90] = t(f.wait);
  return [
    f.issued,
    f.served,
    f.skipped,
    f.transferred,
    f.noShows,
    waitMean!,
    waitMedian!,
    waitP90!,
    minutes(f.service.meanMinutes),
    minutes(f.service.medianMinutes),
    f.ratings.rated,
    percent(f.ratings.satisfactionRate),
  ];
}

/** The case kinds of seed 004 四㈣ (即办件、退回件、承诺件…代理件) by server/cases/kinds.ts, then timeliness by the centre's own days. */
const CASE_COLUMNS = (first: string) => [
  first,
  '收件数',
  '受理数',
  '即办件',
  '承诺件',
  '上报件',
  '补正件',
  '退回件（不予受理）',
  '代办件',
  '联办件',
  '不予批准',
  '即办办结',
  '按时办结',
  '超期办结',
  '超期未办结',
];
const caseCells = (label: string, m: CaseFigures): (string | number)[] => [
  label,
  m.registered,
  m.accepted,
  m.immediate,
  m.promised,
  m.reported,
  m.correction,
  m.rejected,
  m.daiban,
  m.joint,
  m.notApproved,
  m.finishedImmediate,
  m.finishedOnTime,
  m.finishedOverdue,
  m.openOverdue,
];

export function reportTables(report: StatsReport, spec: ReportSpec, timeliness?: ReportTimeliness): Table[] {
  const groupTable = (heading: string, first: string, groups: StatsReport['byCategory']): Table => ({
    heading,
    columns: [first, ...FIGURE_COLUMNS],
    rows: groups.map((g) => [g.label, ...figureCells(g.figures)]),
  });
  const ratingCounts = report.totals.ratings.counts;
  return [
    {
      heading: '一、总体情况',
      columns: ['统计期间', ...FIGURE_COLUMNS],
      rows: [[`${spec.from} 至 ${spec.to}`, ...figureCells(report.totals)]],
    },
    groupTable('二、按业务类别', '业务类别', report.byCategory),
    groupTable('三、按窗口', '窗口', report.byWindow),
    groupTable('四、按工作人员', '工作人员', report.byStaff),
    groupTable(
      spec.period === 'day' ? '五、按日' : '五、按月',
      spec.period === 'day' ? '日期' : '月份',
      report.byPeriod,
    ),
    {
      heading: '六、办件统计（按事项）',
      columns: CASE_COLUMNS('事项'),
      rows: [...report.cases.byMatter.map((m) => caseCells(m.matterName, m)), caseCells('合计', report.cases)],
    },
    {
      heading: spec.period === 'day' ? '六（续）、办件统计（按日）' : '六（续）、办件统计（按月）',
      columns: CASE_COLUMNS(spec.period === 'day' ? '日期' : '月份'),
      rows: report.cases.byPeriod.map((p) => caseCells(p.label, p)),
    },
    {
      heading: '七、好差评',
      columns: [...RATING_VALUES.map((v) => RATING_NAMES[v]), NOT_RATED_NAME, '评价数', '满意率'],
      rows: [
        [
          ...RATING_VALUES.map((v) => ratingCounts[v]),
          ratingCounts['not-rated'],
          report.totals.ratings.rated,
          percent(report.totals.ratings.satisfactionRate),
        ],
      ],
    },
    // 限时办结制度 第十条 "…纳入…工作人员考核", 第十一条: the cases accepted in the period, per staff and window,
    // counted by timelinessFor() — the same rule as GET /api/registers-timeliness.
    ...(timeliness
      ? [
          { heading: '八、限时办结考核（按工作人员）', rows: timeliness.byStaff },
          { heading: '八（续）、限时办结考核（按窗口）', rows: timeliness.byWindow },
        ].map(({ heading, rows }) => ({
          heading,
          columns: TIMELINESS_COLUMNS.slice(1),
          rows: rows.map(timelinessCells),
        }))
      : []),
  ];
}

// ---- CSV --------------------------------------------------------------------------------------------

export { BOM, csvField, csvLine };

export function reportCsv(
  report: StatsReport,
  spec: ReportSpec,
  generatedAt: string,
  timeliness?: ReportTimeliness,
): string {
  const lines = [csvLine([spec.title]), csvLine([`统计期间：${spec.from} 至 ${spec.to}`, `生成时间：${generatedAt}`])];
  for (const t of reportTables(report, spec, timeliness)) {
    lines.push('', csvLine([t.heading]), csvLine(t.columns), ...t.rows.map(csvLine));
  }
  return BOM + lines.join('\r\n') + '\r\n';
}

// ---- printable HTML -----------------------------------------------------------------------------------

export function reportHtml(
  report: StatsReport,
  spec: ReportSpec,
  generatedAt: string,
  timeliness?: ReportTimeliness,
): string {
  const tables = reportTables(report, spec, timeliness)
    .map(
      (t) => `<section><h2>${escapeHtml(t.heading)}</h2>
<table><thead><tr>${t.columns.map((c) => `<th>${escapeHtml(c)}</th>`).join('')}</tr></thead>
<tbody>${t.rows.length ? t.rows.map((r) => `<tr>${r.map((c, i) => `<td${i ? ' class="n"' : ''}>${escapeHtml(c)}</td>`).join('')}</tr>`).join('\n') : `<tr><td colspan="${t.columns.length}" class="empty">本期无数据</td></tr>`}</tbody></table></section>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${escapeHtml(spec.title)}</title>
<style>
  @page { size: A4 landscape; margin: 12mm; }
  body { font-family: "Noto Sans CJK SC", "Microsoft YaHei", "SimSun", sans-serif; color: #111; margin: 16px; font-size: 12px; }
  h1 { font-size: 20px; text-align: center; margin: 0 0 4px; }
  .meta { text-align: center; color: #444; margin-bottom: 12px; }
  h2 { font-size: 14px; margin: 14px 0 4px; }
  table { border-collapse: collapse; width: 100%; page-break-inside: auto; }
  th, td { border: 1px solid #555; padding: 3px 5px; }
  th { background: #eee; font-weight: 600; }
  td.n { text-align: right; font-variant-numeric: tabular-nums; }
  td.empty { text-align: center; color: #666; }
  tr { page-break-inside: avoid; }
  .sign { margin-top: 24px; display: flex; justify-content: space-between; }
  .no-print { margin: 8px 0; text-align: right; }
  @media print { .no-print { display: none; } body { margin: 0; } }
</style></head><body>
<div class="no-print"><button onclick="window.print()">打印</button></div>
<h1>${escapeHtml(spec.title)}</h1>
<div class="meta">统计期间：${escapeHtml(spec.from)} 至 ${escapeHtml(spec.to)}　生成时间：${escapeHtml(generatedAt)}</div>
${tables}
<div class="sign"><span>填表人：</span><span>审核人：</span><span>填报日期：　　年　　月　　日</span></div>
</body></html>`;
}
