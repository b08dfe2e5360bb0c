// How the 限时办结 facts read on paper and on the A4/A5 page. No Node imports: the console bundles
// server/cases/page.ts (for caseDocumentTitle), which uses these.
import type { CaseClock, CaseExtension, CaseRecord, LimitSource } from '../contract/cases.ts';

/** Where the number came from, in the words a resident reads (the console shows the short names). */
export const LIMIT_SOURCE_PRINTED: Record<LimitSource, string> = {
  guide: '办事指南公布的承诺时限',
  legal: '法定办结时限',
  default: '法律法规和政策未规定时限，按限时办结制度第六条计20个工作日',
  window: '窗口按本件实际情况确定',
};

export const MANUAL_NOTE = '办结日期所在年度的国家节假日安排尚未公布，该日期由窗口人工确认，如有变动将另行书面告知。';

/** 2026-10-20 → 2026年10月20日 */
export function chineseDate(date: string): string {
  const [y, m, d] = date.split('-');
  return `${y}年${m}月${d}日`;
}

/** 2026年10月20日（人工确认）, or the reason there is no date yet. */
export function promisedText(c: Pick<CaseRecord, 'promisedDate' | 'state'> & { clock: CaseClock | null }): string {
  const clock = c.clock;
  if (clock?.running === 'paused') return '上级机关审批期间暂停计时，返回后告知';
  if (clock?.running === 'not-started' || c.state === 'correction')
    return c.promisedDate ? chineseDate(c.promisedDate) : '收到补正材料后重新计算';
  if (!c.promisedDate) return '—';
  return `${chineseDate(c.promisedDate)}${clock?.manual ? '（人工确认）' : ''}`;
}

/** The approved extension a 延期办理告知书 tells about: the latest one. */
export function approvedExtension(c: Pick<CaseRecord, 'extensions'>): CaseExtension | null {
  return [...c.extensions].reverse().find((e) => e.state === 'approved') ?? null;
}
