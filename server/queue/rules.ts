// Queue rules as plain functions over plain data: numbering, opening hours, quotas and the order in which
// a window calls tickets. No I/O; the store calls these inside its transactions.
import type { PriorityReason } from '../wire.ts';
import type { LocalTime } from './clock.ts';

/** The fields of a waiting ticket that decide its place. */
export interface Queued {
  id: string;
  categoryId: string;
  priority: PriorityReason | null;
  appointmentId: string | null;
  targetWindowNo: number | null;
  /** Original issue time in ms (kept across transfers); re-entry after a skip puts it between two others. */
  orderKey: number;
}

/** A012: the prefix and the day's sequence, at least three digits. */
export function ticketNumber(prefix: string, seq: number): string {
  return `${prefix}${String(seq).padStart(3, '0')}`;
}

export interface HoursRule {
  enforce: boolean;
  workingDaysOnly: boolean;
  sessions: { from: string; to: string }[];
}

/**
 * Why tickets cannot be taken now, or null when they can. `isWorkingDay` answers from the official
 * holiday calendar; it may throw when the calendar has no data for the year (the caller reports that).
 */
export function closedReason(hours: HoursRule, now: LocalTime, isWorkingDay: (date: string) => boolean): string | null {
  if (!hours.enforce) return null;
  if (hours.workingDaysOnly && !isWorkingDay(now.date)) return '今天是休息日，中心不办理取号；急需办理的事项请拨打中心电话预约值班人员';
  const inSession = hours.sessions.some((s) => now.time >= s.from && now.time < s.to);
  if (inSession) return null;
  const next = hours.sessions.find((s) => now.time < s.from);
  const times = hours.sessions.map((s) => `${s.from}–${s.to}`).join('、');
  return next ? `现在不在办理时间，${next.from} 开始取号（办理时间：${times}）` : `今天的办理时间已结束（办理时间：${times}），请下个工作日再来`;
}

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
const hhmmOf = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

/** The appointment slots a centre offers: one hour each inside its opening sessions (the last one shorter). */
export function hourlySlots(sessions: HoursRule['sessions']): { from: string; to: string }[] {
  const out: { from: string; to: string }[] = [];
  for (const s of sessions) {
    for (let m = minutes(s.from); m < minutes(s.to); m += 60) out.push({ from: hhmmOf(m), to: hhmmOf(Math.min(m + 60, minutes(s.to))) });
  }
  return out;
}

/** Why an appointment slot cannot be booked (not inside one opening session), or null. */
export function slotOutsideHoursReason(sessions: HoursRule['sessions'], from: string, to: string): string | null {
  if (from >= to) return '预约时段的开始时间应早于结束时间';
  if (!sessions.length || sessions.some((s) => from >= s.from && to <= s.to)) return null;
  return `预约时段应在办公时间内：${sessions.map((s) => `${s.from}–${s.to}`).join('、')}`;
}

export function quotaReason(issuedToday: number, dailyQuota: number): string | null {
  return issuedToday >= dailyQuota ? `今日号码已发完（每日 ${dailyQuota} 个），请下个工作日再来或预约办理` : null;
}

export interface SlotQuota {
  from: string;
  to: string;
  quota: number;
}

/** The time slot `time` falls in, if the category has slot quotas. */
export function currentSlot(slots: readonly SlotQuota[], time: string): SlotQuota | null {
  return slots.find((s) => time >= s.from && time < s.to) ?? null;
}

/** Refusal when this slot's numbers are gone, saying when the next slot opens. */
export function slotQuotaReason(slots: readonly SlotQuota[], time: string, issuedInSlot: number): string | null {
  const slot = currentSlot(slots, time);
  if (!slot || issuedInSlot < slot.quota) return null;
  const next = slots.filter((s) => s.from >= slot.to).sort((a, b) => a.from.localeCompare(b.from))[0];
  return next
    ? `${slot.from}–${slot.to} 时段的 ${slot.quota} 个号已发完，下一时段 ${next.from} 开始取号`
    : `${slot.from}–${slot.to} 时段的 ${slot.quota} 个号已发完，今天的号已全部发完，请下个工作日再来或预约办理`;
}

/** 0 appointment, 1 green channel, 2 everyone else. */
export function tier(t: Pick<Queued, 'priority' | 'appointmentId'>): 0 | 1 | 2 {
  if (t.appointmentId) return 0;
  return t.priority ? 1 : 2;
}

/** Order within one category: tier, then original issue time. */
export function compareQueued(a: Queued, b: Queued): number {
  return tier(a) - tier(b) || a.orderKey - b.orderKey || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

export interface WindowForPick {
  no: number;
  /** In order of preference. */
  categoryIds: string[];
  /** Normal tickets this window called since its last green-channel ticket. */
  normalSincePriority: number;
}

/**
 * The ticket a window calls next. Appointments first; then green-channel tickets, but at most one for
 * every `normalPerPriority` normal tickets while normal tickets wait (so nobody starves); within a tier
 * the window's preferred category first, then oldest first.
 */
export function pickNext(win: WindowForPick, waiting: readonly Queued[], normalPerPriority: number): Queued | null {
  const mine = waiting.filter((t) => win.categoryIds.includes(t.categoryId) && (t.targetWindowNo === null || t.targetWindowNo === win.no));
  if (!mine.length) return null;
  const best = (tierWanted: number): Queued | null => {
    for (const categoryId of win.categoryIds) {
      const inTier = mine.filter((t) => t.categoryId === categoryId && tier(t) === tierWanted).sort(compareQueued);
      if (inTier[0]) return inTier[0];
    }
    return null;
  };
  const appointment = best(0);
  if (appointment) return appointment;
  const priority = best(1);
  const normal = best(2);
  if (priority && (!normal || win.normalSincePriority >= normalPerPriority)) return priority;
  return normal ?? priority;
}

/** How many waiting tickets of the same category are ahead of `t`. */
export function aheadOf(t: Queued, waiting: readonly Queued[]): number {
  let n = 0;
  for (const o of waiting) if (o.id !== t.id && o.categoryId === t.categoryId && compareQueued(o, t) < 0) n++;
  return n;
}

/**
 * The order key that puts a reactivated (skipped) ticket `places` behind the head of its category's
 * waiting line, as halls do: not at the front (unfair to those waiting) nor at the back (unfair to them).
 */
export function reentryKey(waitingKeys: readonly number[], places: number, fallback: number): number {
  const keys = [...waitingKeys].sort((a, b) => a - b);
  if (keys.length === 0) return fallback;
  if (places <= 0) return keys[0]! - 1;
  if (places >= keys.length) return keys[keys.length - 1]! + 1;
  return (keys[places - 1]! + keys[places]!) / 2;
}

/** 请A012号到3号窗口办理 */
export function announcementText(template: string, number: string, windowNo: number): string {
  return template.replaceAll('{number}', number).replaceAll('{window}', String(windowNo));
}
