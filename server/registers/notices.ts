// What the registers publish or print besides the registers themselves: 办结公告 (seed 004 办结公告制度),
// the quarterly results (seed 002 篇7 每季度公開), the 报送联系单 (seed 002 篇1) and the 代办 stage limits
// (seed 004: 包户干部入户核实不超过 1 天，社区业务代办员初审上报不超过 2 天). Pure functions.
import type { Config } from '../config/load.ts';
import type { Matter } from '../contract/matters.ts';
import { maskName } from '../contract/privacy.ts';
import { escapeHtml } from '../common/html.ts';
import { quarterRange, rangeInstants, zoneOffsetMs } from '../contract/periods.ts';
import {
  CASE_TYPES,
  caseTypesOf,
  countCaseTypes,
  statesBefore,
  type CaseKindFacts,
  type CaseType,
} from '../cases/kinds.ts';
import { localTime } from '../common/clock.ts';
import { caseHistory, caseStateName, KIND_NAMES, localStamp, type Names, type PrintDoc } from './format.ts';
import type { CaseRegisterRow, DaibanRow } from './store.ts';

// The seeds' case types and the one rule that counts them live in server/cases/kinds.ts (issue 24 item 10):
// the admin reports (server/stats/) count with the same rule.
export { CASE_TYPES, type CaseType } from '../cases/kinds.ts';

/** The end of a report's period (exclusive instant): states reached after it are not the period's. */
export function periodEnd(to: string, timeZone: string): string {
  return rangeInstants(to, to, zoneOffsetMs(timeZone, new Date(`${to}T12:00:00Z`))).end;
}

/** A register row → what the counting rule needs, as of `endIso`. */
export function kindFacts(row: CaseRegisterRow, endIso: string): CaseKindFacts {
  return {
    kind: row.kind,
    states: statesBefore(caseHistory(row), endIso),
    daiban: row.daiban_id !== null,
    joint: row.joint_at !== null && row.joint_at < endIso,
  };
}

/** A case's types as of `endIso` (server/cases/kinds.ts). */
export function caseTypes(row: CaseRegisterRow, endIso: string): Set<CaseType> {
  return caseTypesOf(kindFacts(row, endIso));
}

export function typeCells(rows: CaseRegisterRow[], endIso: string): number[] {
  const counts = countCaseTypes(rows.map((r) => kindFacts(r, endIso)));
  return CASE_TYPES.map((t) => counts[t]);
}

export function finishedAt(row: CaseRegisterRow): string | null {
  return caseHistory(row).find((h) => h.state === 'finished')?.at ?? null;
}

export interface Announcement {
  caseNo: string;
  matterName: string;
  /** Masked: the notice is public. */
  applicant: string;
  date: string;
  result: string;
}

/** Finished cases of matters marked 须公告, finished within the last `days` days (today included). */
export function announcements(
  rows: CaseRegisterRow[],
  matter: (id: string) => Matter | null,
  today: string,
  days: number,
  timeZone: string,
): Announcement[] {
  const since = new Date(Date.parse(`${today}T00:00:00Z`) - (days - 1) * 86_400_000).toISOString().slice(0, 10);
  const out: Announcement[] = [];
  for (const r of rows) {
    if (!matter(r.matter_id)?.announce) continue;
    const at = finishedAt(r);
    if (!at) continue;
    const date = localTime(new Date(at), timeZone).date;
    if (date < since || date > today) continue;
    out.push({
      caseNo: r.case_no,
      matterName: r.matter_name,
      applicant: r.applicant_name ? maskName(r.applicant_name) : (r.applicant_masked ?? ''),
      date,
      result: '已办结',
    });
  }
  return out.sort((a, b) => (a.date < b.date ? 1 : -1));
}

/** The quarter's results for the 政务公告栏: counts by matter and case type. null for a bad key. */
export function quarterResults(
  key: string,
  centerName: string,
  timeZone: string,
  load: (from: string, to: string) => CaseRegisterRow[],
): (PrintDoc & { from: string; to: string }) | null {
  const r = quarterRange(key);
  if (!r) return null;
  const rows = load(r.from, r.to);
  const end = periodEnd(r.to, timeZone);
  const byMatter = new Map<string, CaseRegisterRow[]>();
  for (const row of rows) byMatter.set(row.matter_name, [...(byMatter.get(row.matter_name) ?? []), row]);
  const finished = (list: CaseRegisterRow[]) => list.filter((x) => finishedAt(x) !== null).length;
  const columns = ['事项', '办件数', ...CASE_TYPES, '已办结'];
  const table = [...byMatter.entries()].map(([name, list]) => [
    name,
    list.length,
    ...typeCells(list, end),
    finished(list),
  ]);
  table.push(['合计', rows.length, ...typeCells(rows, end), finished(rows)]);
  return {
    title: `${centerName}办件结果公开（${key.slice(0, 4)}年第${key.slice(6)}季度）`,
    meta: `统计期间：${r.from} 至 ${r.to}`,
    from: r.from,
    to: r.to,
    tables: [{ columns, rows: table }],
    sign: false,
  };
}

export interface StageOverdue {
  id: string;
  no: string;
  station: string;
  agent: string;
  matterName: string;
  stage: '入户核实' | '初审上报';
  since: string;
  deadline: string;
}

/**
 * 代办 stages past their limit: 入户核实 within 1 working day of registration, 初审上报 within 2 working days
 * of the home check. A stage due today is not yet late.
 */
export function daibanSupervision(
  rows: DaibanRow[],
  today: string,
  timeZone: string,
  addWorkingDays: (date: string, days: number) => string,
  names: Names,
): { overdue: StageOverdue[]; calendarMissing?: string } {
  const overdue: StageOverdue[] = [];
  try {
    for (const r of rows) {
      const base = {
        id: r.id,
        no: r.no,
        station: names.station(r.station_id),
        agent: names.staff(r.agent_id),
        matterName: r.matter_name,
      };
      if (!r.verified_at) {
        const deadline = addWorkingDays(r.registered_date, 1);
        if (today > deadline) overdue.push({ ...base, stage: '入户核实', since: r.registered_date, deadline });
      } else {
        const since = localTime(new Date(r.verified_at), timeZone).date;
        const deadline = addWorkingDays(since, 2);
        if (today > deadline) overdue.push({ ...base, stage: '初审上报', since, deadline });
      }
    }
  } catch (err) {
    return { overdue, calendarMissing: (err as Error).message };
  }
  return { overdue };
}

/** 13812345678 → 138****5678: paper travels; the full number stays in the registers. */
export function maskPhone(phone: string | null): string {
  if (!phone) return '';
  const p = phone.trim();
  return p.length <= 4
    ? '*'.repeat(p.length)
    : `${p.slice(0, 3)}${'*'.repeat(Math.max(0, p.length - 7))}${p.slice(-4)}`;
}

/** 报送联系单: the sheet a station sends with a resident's matter (seed 002 篇1 報送). */
export function daibanSlipHtml(row: DaibanRow, matter: Matter | null, config: Config, names: Names): string {
  const ok = JSON.parse(row.materials_ok) as string[];
  const missing = JSON.parse(row.materials_missing) as string[];
  const t = (iso: string | null) => localStamp(iso, config.center.timezone);
  const line = (k: string, v: string) => `<tr><th>${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`;
  const materials =
    matter?.guide?.materials
      .map(
        (m) =>
          `<li>${ok.includes(m.name) ? '☑' : missing.includes(m.name) ? '☒ 缺' : '☐'} ${escapeHtml(m.name)}${m.required ? '' : `（${escapeHtml(m.condition ?? '非必交')}时提供）`}</li>`,
      )
      .join('') ?? '';
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>报送联系单 ${escapeHtml(row.no)}</title>
<style>
  @page { size: A4 portrait; margin: 18mm; }
  body { font-family: "Noto Sans CJK SC", "Microsoft YaHei", "SimSun", sans-serif; color: #111; margin: 16px; font-size: 14px; }
  h1 { font-size: 22px; text-align: center; margin: 0 0 6px; letter-spacing: 4px; }
  .no { text-align: right; margin-bottom: 8px; }
  table { border-collapse: collapse; width: 100%; }
  th, td { border: 1px solid #333; padding: 8px 10px; text-align: left; vertical-align: top; }
  th { width: 26%; background: #f2f2f2; font-weight: 600; }
  ul { margin: 0; padding-left: 18px; }
  .sign { margin-top: 28px; display: flex; justify-content: space-between; }
  .no-print { margin: 8px 0; text-align: right; }
  @media print { .no-print { display: none; } body { margin: 0; } }
</style></head><body>
<div class="no-print"><button onclick="window.print()">打印</button></div>
<h1>报送联系单</h1>
<div class="no">编号：${escapeHtml(row.no)}</div>
<table>
${line('报送单位', names.station(row.station_id))}
${line('接收单位', config.center.name)}
${line('代办员', names.staff(row.agent_id))}
${line('委托人（当事人）', row.resident_name ? maskName(row.resident_name) : '')}
${line('联系电话', maskPhone(row.resident_phone))}
${line('代办事项', row.matter_name)}
${line('授权委托', row.authorization)}
${line('受理登记时间', t(row.registered_at))}
${line('入户核实时间', t(row.verified_at))}
${line('初审上报时间', t(row.forwarded_at))}
<tr><th>材料初审（对照办事指南）</th><td>${materials ? `<ul>${materials}</ul>` : '该事项的办事指南未列明材料'}</td></tr>
${line('备注', row.note ?? '')}
</table>
<div class="sign"><span>代办员签字：</span><span>当事人签字：</span><span>街道接收人签字：</span></div>
<div class="sign"><span>报送日期：　　年　　月　　日</span><span>接收日期：　　年　　月　　日</span></div>
</body></html>`;
}

export { caseStateName, KIND_NAMES };
