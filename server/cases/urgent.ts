// 急事特办 on the case clock (issue 21). 限时办结制度 第三条 "紧急事项应急事特办，随到随办"; 第十二条 "以下情形视为超时
// 办理：…㈣紧急事项未急事特办、随到随办的". An urgent case has its own target (the day it was marked, or the date
// a leader set); finished after it — or still open past it — the case is 超时 in every figure that reads the
// clock (supervision, 超时查实, per-staff timeliness, the monthly report), whatever its promised date says.
import type { CaseClock } from '../contract/cases.ts';
import type { UrgentMark } from '../contract/urgent.ts';

/** The clock with the urgent target applied: `urgent` set, and `overdue` also when the target was missed. */
export function withUrgent(clock: CaseClock, mark: UrgentMark | null, endedOn: string | null, asOf: string): CaseClock {
  if (!mark) return clock;
  // As of a past day, a case finished later was still open then.
  const until = endedOn !== null && endedOn <= asOf ? endedOn : asOf;
  const late = until > mark.targetDate;
  return { ...clock, urgent: { targetDate: mark.targetDate, late }, overdue: clock.overdue || late };
}
