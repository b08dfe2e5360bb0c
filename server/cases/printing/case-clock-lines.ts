// The 限时办结 facts every case document prints the same way: the time limit and where it came from
// (限时办结制度 第六条), the promised date and whether it was confirmed by hand, and the clock's state.
import type { CaseRecord } from '../../contract/cases.ts';
import type { JobBuilder } from '../../../drivers/printer/job-builder.ts';
import { formatDate } from '../../printing/slip-kit.ts';
import { LIMIT_SOURCE_PRINTED, MANUAL_NOTE, promisedText } from '../wording.ts';

export { LIMIT_SOURCE_PRINTED, MANUAL_NOTE, promisedText };

/** Time limit, basis, promised date, and (when the clock is not simply running) why. */
export function clockLines(b: JobBuilder, c: CaseRecord): void {
  const clock = c.clock;
  if (!clock) return;
  // A 收件 case decided later: the clock counts from its 受理决定 day, not the day the materials came in.
  if (clock.acceptedOn && clock.acceptedOn !== c.caseNo.slice(0, 8).replace(/^(\d{4})(\d{2})(\d{2})$/, '$1-$2-$3'))
    b.field('受理决定：', formatDate(clock.acceptedOn));
  b.field(
    '承诺时限：',
    `${clock.limitDays}个工作日${clock.extensionDays ? `（经批准延期${clock.extensionDays}个工作日）` : ''}`,
  );
  b.field('时限依据：', LIMIT_SOURCE_PRINTED[clock.limitSource]);
  b.bold(true).field('承诺办结：', promisedText(c)).bold(false);
  if (clock.usedDays !== null && clock.running !== 'not-started' && clock.usedDays > 0)
    b.field('计时情况：', `已用${clock.usedDays}个工作日，剩余${Math.max(0, clock.leftDays ?? 0)}个工作日`);
  if (clock.pausedReason)
    b.field('暂停计时：', `${clock.pausedReason}${clock.pausedSince ? `，自${formatDate(clock.pausedSince)}起` : ''}`);
  if (clock.manual) b.wrapped(MANUAL_NOTE);
}
