// The 限时办结 facts every case document prints the same way: the time limit and where it came from
// (限时办结制度 第六条), the promised date and whether it was confirmed by hand, and the clock's state.
import type { CaseClock, CaseRecord, LimitSource } from '../wire.ts';
import type { JobBuilder } from '../../drivers/printer/job-builder.ts';
import { formatDate } from './slip-kit.ts';

/** Where the number came from, in the words a resident reads (the console shows the short names). */
export const LIMIT_SOURCE_PRINTED: Record<LimitSource, string> = {
  guide: '办事指南公布的承诺时限',
  legal: '法定办结时限',
  default: '法律法规和政策未规定时限，按限时办结制度第六条计20个工作日',
  window: '窗口按本件实际情况确定',
};

export const MANUAL_NOTE = '本年度节假日安排尚未公布，办结日期由窗口人工确认，如有变动将另行书面告知。';

/** 2026年10月20日（人工确认）, or the reason there is no date yet. */
export function promisedText(c: Pick<CaseRecord, 'promisedDate' | 'state'> & { clock: CaseClock | null }): string {
  const clock = c.clock;
  if (clock?.running === 'paused') return '上级机关审批期间暂停计时，返回后告知';
  if (clock?.running === 'not-started' || c.state === 'correction') return c.promisedDate ? formatDate(c.promisedDate) : '收到补正材料后重新计算';
  if (!c.promisedDate) return '—';
  return `${formatDate(c.promisedDate)}${clock?.manual ? '（人工确认）' : ''}`;
}

/** Time limit, basis, promised date, and (when the clock is not simply running) why. */
export function clockLines(b: JobBuilder, c: CaseRecord): void {
  const clock = c.clock;
  if (!clock) return;
  b.field('承诺时限：', `${clock.limitDays}个工作日${clock.extensionDays ? `（经批准延期${clock.extensionDays}个工作日）` : ''}`);
  b.field('时限依据：', LIMIT_SOURCE_PRINTED[clock.limitSource]);
  b.bold(true).field('承诺办结：', promisedText(c)).bold(false);
  if (clock.usedDays !== null && clock.running !== 'not-started' && clock.usedDays > 0) b.field('计时情况：', `已用${clock.usedDays}个工作日，剩余${Math.max(0, clock.leftDays ?? 0)}个工作日`);
  if (clock.pausedReason) b.field('暂停计时：', `${clock.pausedReason}${clock.pausedSince ? `，自${formatDate(clock.pausedSince)}起` : ''}`);
  if (clock.manual) b.wrapped(MANUAL_NOTE);
}
