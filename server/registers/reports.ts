// The reports the seeds ask for, built from the registers (server/stats/ keeps the queue statistics):
// - 《村(社區)便民服務辦理情況統計表》 per station and per 代办员, monthly (seed 002 篇1 每月結報);
// - the mid-month (15th) and month-end reports and the quarterly 办件统计 due by the 10th of the quarter's
//   first month (seed 002 篇8 信息交流制度); the annual report (seed 000 月报、季报、年报).
// Case-type columns are the seeds' own: 即办件、承诺件、上报件、补正件、退回件、代办件、联办件.
import { monthRange, quarterRange } from '../contract/periods.ts';
import { addDays } from '../contract/periods.ts';
import type { CaseRegisterRow, ComplaintRow, DaibanRow, FirstContactRow, HomeVisitRow } from './store.ts';
import { CASE_TYPES, finishedAt, periodEnd, typeCells } from './notices.ts';
import type { PrintDoc } from './format.ts';

export const REPORT_KINDS = ['station-month', 'mid-month', 'month', 'quarter', 'year'] as const;
export type ReportKindId = (typeof REPORT_KINDS)[number];
export const REPORT_NAMES: Record<ReportKindId, string> = {
  'station-month': '村（社区）便民服务办理情况统计表',
  'mid-month': '半月办件和工作情况',
  month: '月底办件和工作情况',
  quarter: '季度办件统计',
  year: '年度办件统计',
};

export interface ReportSources {
  centerName: string;
  /** The centre's time zone: a period ends at its last local midnight. */
  timeZone: string;
  stations: { id: string; name: string }[];
  agents: { id: string; name: string; stationId: string }[];
  cases(from: string, to: string): CaseRegisterRow[];
  daiban(from: string, to: string): (DaibanRow & { case_no: string | null; case_state: string | null })[];
  firstContacts(from: string, to: string): FirstContactRow[];
  homeVisits(from: string, to: string): HomeVisitRow[];
  complaints(from: string, to: string): ComplaintRow[];
  generatedAt: string;
}

/** The period of a report key: 2026-11 (month), 2026-11-H1 (1st–15th), 2026-Q4, 2026. */
export function reportPeriod(kind: ReportKindId, key: string): { from: string; to: string; label: string } | null {
  if (kind === 'station-month' || kind === 'month') {
    const r = monthRange(key);
    return r && { ...r, label: `${key.slice(0, 4)}年${Number(key.slice(5, 7))}月` };
  }
  if (kind === 'mid-month') {
    const m = /^(\d{4}-\d{2})-H1$/.exec(key);
    const r = m ? monthRange(m[1]!) : null;
    return (
      r && { from: r.from, to: addDays(r.from, 14), label: `${key.slice(0, 4)}年${Number(key.slice(5, 7))}月1日至15日` }
    );
  }
  if (kind === 'quarter') {
    const r = quarterRange(key);
    return r && { ...r, label: `${key.slice(0, 4)}年第${key.slice(6)}季度` };
  }
  if (!/^\d{4}$/.test(key)) return null;
  return { from: `${key}-01-01`, to: `${key}-12-31`, label: `${key}年` };
}

const DAIBAN_COLUMNS = ['受理登记', '已报送', '街道受理', '退回', '已办结', '已回复'];

function daibanCells(
  rows: (DaibanRow & { case_state: string | null })[],
  cases: Map<string, CaseRegisterRow>,
  end: string,
): (string | number)[] {
  const accepted = rows.filter((r) => r.case_id);
  const done = (r: DaibanRow & { case_state: string | null }) =>
    r.case_state !== null && ['finished', 'collected'].includes(r.case_state);
  const caseRows = accepted.map((r) => cases.get(r.case_id!)).filter((c): c is CaseRegisterRow => c !== undefined);
  return [
    rows.length,
    rows.filter((r) => r.forwarded_at).length,
    accepted.length,
    rows.filter((r) => r.return_reason).length,
    rows.filter(done).length,
    rows.filter((r) => r.replied_at).length,
    ...typeCells(caseRows, end),
  ];
}

export function reportDoc(
  kind: ReportKindId,
  key: string,
  src: ReportSources,
): (PrintDoc & { kind: ReportKindId; key: string; from: string; to: string }) | null {
  const period = reportPeriod(kind, key);
  if (!period) return null;
  const { from, to } = period;
  // Case kinds as of the period's end (server/cases/kinds.ts): the same rule as the admin reports.
  const end = periodEnd(to, src.timeZone);
  const meta = `统计期间：${from} 至 ${to}　生成日期：${src.generatedAt}`;
  if (kind === 'station-month') {
    // A station's matter is accepted on or after the day it was registered, possibly in a later month.
    const allCases = new Map(src.cases(from, '9999-12-31').map((c) => [c.id, c]));
    const daiban = src.daiban(from, to);
    const columns = [...DAIBAN_COLUMNS, ...CASE_TYPES];
    return {
      kind,
      key,
      from,
      to,
      meta,
      title: `村（社区）便民服务办理情况统计表（${period.label}）`,
      tables: [
        {
          heading: '一、按服务站',
          columns: ['服务站', ...columns],
          rows: [
            ...src.stations.map((s) => [
              s.name,
              ...daibanCells(
                daiban.filter((d) => d.station_id === s.id),
                allCases,
                end,
              ),
            ]),
            ['合计', ...daibanCells(daiban, allCases, end)],
          ],
        },
        {
          heading: '二、按代办员',
          columns: ['服务站', '代办员', ...columns],
          rows: src.agents.map((a) => [
            src.stations.find((s) => s.id === a.stationId)?.name ?? a.stationId,
            a.name,
            ...daibanCells(
              daiban.filter((d) => d.agent_id === a.id),
              allCases,
              end,
            ),
          ]),
        },
      ],
      notes: ['案件类型各栏按已由街道受理的代办件统计。'],
    };
  }

  const cases = src.cases(from, to);
  const byMatter = new Map<string, CaseRegisterRow[]>();
  for (const c of cases) byMatter.set(c.matter_name, [...(byMatter.get(c.matter_name) ?? []), c]);
  const finished = (list: CaseRegisterRow[]) => list.filter((c) => finishedAt(c) !== null).length;
  const fc = src.firstContacts(from, to);
  const visits = src.homeVisits(from, to);
  const complaints = src.complaints(from, to);
  const count = <T>(list: T[], f: (x: T) => boolean) => list.filter(f).length;
  return {
    kind,
    key,
    from,
    to,
    meta,
    title: `${src.centerName}${REPORT_NAMES[kind]}（${period.label}）`,
    tables: [
      {
        heading: '一、办件统计',
        columns: ['事项', '办件数', ...CASE_TYPES, '已办结'],
        rows: [
          ...[...byMatter.entries()].map(([name, list]) => [
            name,
            list.length,
            ...typeCells(list, end),
            finished(list),
          ]),
          ['合计', cases.length, ...typeCells(cases, end), finished(cases)],
        ],
      },
      {
        heading: '二、首问登记',
        columns: ['来访', '来电', '咨询', '受理', '转交', '无法办理'],
        rows: [
          [
            count(fc, (r) => r.channel === 'counter'),
            count(fc, (r) => r.channel === 'phone'),
            count(fc, (r) => r.outcome === 'consult'),
            count(fc, (r) => r.outcome === 'accept'),
            count(fc, (r) => r.outcome === 'transfer'),
            count(fc, (r) => r.outcome === 'unable'),
          ],
        ],
      },
      {
        heading: '三、上门服务和意见投诉',
        columns: ['上门服务登记', '上门服务完成', '意见投诉登记', '已答复', '已办结'],
        rows: [
          [
            visits.length,
            count(visits, (v) => v.state === 'done'),
            complaints.length,
            count(complaints, (c) => c.answered_at !== null),
            count(complaints, (c) => c.state === 'closed'),
          ],
        ],
      },
    ],
  };
}

export interface DueReport {
  kind: ReportKindId;
  key: string;
  title: string;
  /** The day the seed names, or null where the seed names none (the annual report). */
  dueBy: string | null;
  basis: string;
}

/**
 * Reports due soon (shown on /admin): the mid-month report from the 13th to the 15th, the month-end report
 * and the stations' monthly table in the month's last three days, the quarterly 办件统计 from the 1st to
 * the 10th of a quarter's first month, the annual report in January.
 */
export function dueReports(today: string): DueReport[] {
  const out: DueReport[] = [];
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  const ym = today.slice(0, 7);
  const monthEnd = monthRange(ym)!.to;
  if (d >= 13 && d <= 15)
    out.push({
      kind: 'mid-month',
      key: `${ym}-H1`,
      title: `${REPORT_NAMES['mid-month']}（${m}月1日至15日）`,
      dueBy: `${ym}-15`,
      basis: '每月15号前上报办件和工作情况',
    });
  if (today >= addDays(monthEnd, -2)) {
    out.push({
      kind: 'month',
      key: ym,
      title: `${REPORT_NAMES.month}（${m}月）`,
      dueBy: monthEnd,
      basis: '月底前上报办件和工作情况',
    });
    out.push({
      kind: 'station-month',
      key: ym,
      title: `${REPORT_NAMES['station-month']}（${m}月）`,
      dueBy: null,
      basis: '代办员按月填写，上报街道便民服务中心',
    });
  }
  if ([1, 4, 7, 10].includes(m) && d <= 10) {
    const q = m === 1 ? `${y - 1}-Q4` : `${y}-Q${(m - 1) / 3}`;
    out.push({
      kind: 'quarter',
      key: q,
      title: `${REPORT_NAMES.quarter}（${q.slice(0, 4)}年第${q.slice(6)}季度）`,
      dueBy: `${ym}-10`,
      basis: '每季度首月10日前报送办件统计数',
    });
  }
  if (m === 1)
    out.push({
      kind: 'year',
      key: String(y - 1),
      title: `${REPORT_NAMES.year}（${y - 1}年）`,
      dueBy: null,
      basis: '年报按时上报（上报日期以上级通知为准）',
    });
  return out;
}
