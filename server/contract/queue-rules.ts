// Queue rules as plain functions over plain data: numbering, opening hours, quotas and the order in which
// a window calls tickets. No I/O; the store calls these inside its transactions.
import type { PriorityReason } from './queue.ts';
import type { LocalTime } from './time.ts';

/** The fields of a waiting ticket that decide its place. */
export interface Queued {
  id: string;
  categoryId: string;
  priority: PriorityReason | null;
  /** A self-declared reason counts only once staff (or the ID card's birth date) confirmed it. */
  priorityConfirmed: boolean;
  appointmentId: string | null;
  targetWindowNo: number | null;
  /** Original issue time in ms (kept across transfers); re-entry after a skip puts it between two others. */
  orderKey: number;
  /** 急事特办: staff marked it 紧急 (see urgentFirst). Absent means not urgent. */
  urgent?: boolean;
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
  if (hours.workingDaysOnly && !isWorkingDay(now.date))
    return '今天是休息日，中心不办理取号；急需办理的事项请拨打中心电话预约值班人员';
  const inSession = hours.sessions.some((s) => now.time >= s.from && now.time < s.to);
  if (inSession) return null;
  const next = hours.sessions.find((s) => now.time < s.from);
  const times = hours.sessions.map((s) => `${s.from}–${s.to}`).join('、');
  return next
    ? `现在不在办理时间，${next.from} 开始取号（办理时间：${times}）`
    : `今天的办理时间已结束（办理时间：${times}），请下个工作日再来`;
}

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
const hhmmOf = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

/** The appointment slots a centre offers: one hour each inside its opening sessions (the last one shorter). */
export function hourlySlots(sessions: HoursRule['sessions']): { from: string; to: string }[] {
  const out: { from: string; to: string }[] = [];
  for (const s of sessions) {
    for (let m = minutes(s.from); m < minutes(s.to); m += 60)
      out.push({ from: hhmmOf(m), to: hhmmOf(Math.min(m + 60, minutes(s.to))) });
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

/**
 * 0 appointment, 1 green channel, 2 everyone else. A green-channel reason the resident only declared
 * (孕妇 tapped without an ID card) waits as a normal ticket until staff confirm it.
 */
export function tier(t: Pick<Queued, 'priority' | 'priorityConfirmed' | 'appointmentId'>): 0 | 1 | 2 {
  if (t.appointmentId) return 0;
  return t.priority && t.priorityConfirmed ? 1 : 2;
}

/** Order within one category: tier, then original issue time. */
export function compareQueued(a: Queued, b: Queued): number {
  return tier(a) - tier(b) || a.orderKey - b.orderKey || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * 急事特办 — THE ordering rule for urgent tickets, in one place (issue 21). 限时办结制度 第三条 "紧急事项应急事特办，
 * 随到随办"; 预约服务制度 第五条 "对于一些确需急办的项目，一定要特事特办、急事急办".
 * A window calls the earliest (by orderKey, the original issue order) urgent waiting ticket of the categories
 * it serves before any other ticket — before appointments, the green channel and the window's preferred
 * category. Windows that do not serve the ticket's category are unaffected. Calling an urgent ticket counts
 * for the green-channel interleave as its tier does (tier()), so callNext and callPlaces agree.
 * `candidates` are tickets this window may call (its categories, not targeted elsewhere).
 */
export function urgentFirst(candidates: readonly Queued[]): Queued | null {
  let best: Queued | null = null;
  for (const t of candidates) if (t.urgent && (!best || compareByIssue(t, best) < 0)) best = t;
  return best;
}

/** The order within an urgent line: issue order alone, whatever the tier (urgentFirst). */
export function compareByIssue(a: Queued, b: Queued): number {
  return a.orderKey - b.orderKey || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** The line a waiting ticket stands in: its category and tier, or its category's urgent line (urgentFirst). */
export function lineKey(t: Queued): string {
  return t.urgent ? `${t.categoryId}|u` : `${t.categoryId}|${tier(t)}`;
}

export interface WindowForPick {
  no: number;
  /** In order of preference. */
  categoryIds: string[];
  /** Normal tickets this window called since its last green-channel ticket. */
  normalSincePriority: number;
}

/**
 * The ticket a window calls next. Urgent tickets first (urgentFirst, 急事特办); then appointments; then
 * green-channel tickets, but at most one for every `normalPerPriority` normal tickets while normal tickets
 * wait (so nobody starves); within a tier the window's preferred category first, then oldest first.
 */
export function pickNext(win: WindowForPick, waiting: readonly Queued[], normalPerPriority: number): Queued | null {
  const mine = waiting.filter(
    (t) => win.categoryIds.includes(t.categoryId) && (t.targetWindowNo === null || t.targetWindowNo === win.no),
  );
  if (!mine.length) return null;
  const urgent = urgentFirst(mine);
  if (urgent) return urgent;
  const best = (tierWanted: number): Queued | null => {
    for (const categoryId of win.categoryIds) {
      const inTier = mine
        .filter((t) => !t.urgent && t.categoryId === categoryId && tier(t) === tierWanted)
        .sort(compareQueued);
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

/**
 * The order in which the given windows will call the waiting tickets if nobody else arrives: each window
 * in turn (by number) calls its next ticket by `pickNext`, exactly as F1 does, with its own interleave
 * counter. Returns each reached ticket's place: how many tickets called before it were called by a window
 * that serves its category (the people ahead of it in its line). Tickets no given window can call are absent.
 */
export function callPlaces(
  windows: readonly WindowForPick[],
  waiting: readonly Queued[],
  normalPerPriority: number,
): Map<string, number> {
  // Lines by category and tier, oldest first; only their heads can be next (as callNext reads them).
  const lines = new Map<string, Queued[]>();
  for (const t of waiting) {
    const key = lineKey(t);
    (lines.get(key) ?? lines.set(key, []).get(key)!).push(t);
  }
  for (const [key, line] of lines) line.sort(key.endsWith('|u') ? compareByIssue : compareQueued);
  const start = new Map<string, number>();
  const taken = new Set<string>();
  const head = (key: string, windowNo: number): Queued | null => {
    const line = lines.get(key);
    if (!line) return null;
    let i = start.get(key) ?? 0;
    while (i < line.length && taken.has(line[i]!.id)) i++;
    start.set(key, i);
    for (; i < line.length; i++) {
      const t = line[i]!;
      if (!taken.has(t.id) && (t.targetWindowNo === null || t.targetWindowNo === windowNo)) return t;
    }
    return null;
  };
  const turns = [...windows]
    .sort((a, b) => a.no - b.no)
    .map((w) => ({
      ...w,
      called: 0,
      serves: new Set(w.categoryIds),
      lineKeys: w.categoryIds.flatMap((c) => [`${c}|u`, `${c}|0`, `${c}|1`, `${c}|2`]),
    }));
  const places = new Map<string, number>();
  let active = turns;
  while (active.length) {
    const still: typeof active = [];
    for (const w of active) {
      const heads: Queued[] = [];
      for (const key of w.lineKeys) {
        const h = head(key, w.no);
        if (h) heads.push(h);
      }
      const next = pickNext(w, heads, normalPerPriority);
      if (!next) continue;
      taken.add(next.id);
      // Ahead of it: what the windows serving its category have called so far.
      let ahead = 0;
      for (const o of turns) if (o.serves.has(next.categoryId)) ahead += o.called;
      places.set(next.id, ahead);
      w.called++;
      const k = tier(next);
      if (k === 2) w.normalSincePriority++;
      else if (k === 1) w.normalSincePriority = 0;
      still.push(w);
    }
    active = still;
  }
  return places;
}

/**
 * 前面等候 N 人 for every waiting ticket: its place in the order the open windows will call it. A ticket no
 * open window serves (all paused or signed out) is placed as if every window serving it were open, so the
 * number stays meaningful while the screens say that service is paused.
 */
export function aheadCounts(
  openWindows: readonly WindowForPick[],
  allWindows: readonly WindowForPick[],
  waiting: readonly Queued[],
  normalPerPriority: number,
): Map<string, number> {
  const places = callPlaces(openWindows, waiting, normalPerPriority);
  if (places.size < waiting.length) {
    const fallback = callPlaces(allWindows, waiting, normalPerPriority);
    for (const t of waiting) if (!places.has(t.id)) places.set(t.id, fallback.get(t.id) ?? 0);
  }
  return places;
}

/**
 * Minutes a resident with `ahead` people before them will likely wait: the open windows serving the
 * category each take their recent mean service time per ticket. Null when there is no history to go on.
 */
export function estimateWaitMinutes(
  ahead: number,
  openWindowMeans: readonly (number | null)[],
  categoryMean: number | null,
): number | null {
  if (!openWindowMeans.length) return null;
  let rate = 0; // tickets per minute of all open windows together
  for (const m of openWindowMeans) {
    const mean = m ?? categoryMean;
    if (mean === null) return null;
    rate += 1 / Math.max(mean, 0.5); // a mean under half a minute is a slip, not a rate
  }
  return ahead > 0 ? Math.max(1, Math.round(ahead / rate)) : 0;
}

/**
 * Why nobody is being called for a category (every window serving it paused or unstaffed), or null.
 * With `hours` (the centre's sessions and the local time now) the reason tells the truth about when
 * calling resumes: between two sessions 暂停服务至 16:00（午休）, after the last one 今日办理时间已结束;
 * inside a session with nobody signed in, 当前无人值守 (issue 24: a number for a window nobody serves).
 * 《便民服务中心工作制度》预约服务制 offers the resident a booked time instead; the kiosk shows both.
 */
export function noServiceReason(
  serving: readonly { no: number; paused: boolean; pauseReason: string | null; staffed: boolean }[],
  hours?: { sessions: HoursRule['sessions']; time: string },
): string | null {
  if (!serving.length) return '暂无窗口办理该业务';
  if (serving.some((w) => w.staffed && !w.paused)) return null;
  const reasons = [
    ...new Set(
      serving.filter((w) => w.paused && w.pauseReason && w.pauseReason !== '暂停服务').map((w) => w.pauseReason!),
    ),
  ];
  const why = reasons.length ? `（${reasons.join('、')}）` : '';
  if (hours?.sessions.length) {
    const inSession = hours.sessions.some((s) => hours.time >= s.from && hours.time < s.to);
    if (!inSession) {
      const next = hours.sessions.find((s) => hours.time < s.from);
      return next ? `暂停服务至 ${next.from}${why}` : `今日办理时间已结束${why}`;
    }
  }
  if (reasons.length) return `暂停服务${why}`;
  return serving.some((w) => w.staffed) ? '暂停服务' : '当前无人值守';
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
