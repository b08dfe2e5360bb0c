// 空岗 (AB岗工作制度) from the windows' own sign-in record: who was at which window, minute by minute, during
// opening hours. Pure: sign-in events, the opening sessions and the windows in, gaps and attendance out.
//
// seed 004 AB岗工作制度 一 "上班期间同岗位或兼任人员某一人(A)因事不在岗,另一工作人员(B)应负责处理本岗位或兼任
// 岗位的有关工作"; 四 "不得以任何理由,任何方式空岗、缺位". A window is therefore 空岗 at a minute of opening hours
// when nobody is signed in at it AND at least one of its categories is served by no staffed window (a 兼任岗位
// — another window serving the same categories — covers it). A sign-in counts only on its own day: a window
// left signed in overnight is not staffed the next morning (seed 002 篇8 "上午、下午兩次簽到").

export interface SignEvent {
  /** ISO instant. */
  at: string;
  windowNo: number;
  staffId: string;
  type: 'in' | 'out';
}

export interface DutyWindow {
  no: number;
  name: string;
  categoryIds: readonly string[];
  staff: { A?: string; B?: string };
}

export interface Gap {
  windowNo: number;
  /** ISO instants; `to` is the end of the last empty minute (or now, for a gap still open). */
  from: string;
  to: string;
  minutes: number;
  /** The window's categories no staffed window served during the gap. */
  unserved: string[];
  /** Still open at `now`. */
  open: boolean;
}

/** Who is signed in at each window at instant `t`, from the day's events (sorted by time) up to `t`. */
export function staffedAt(events: readonly SignEvent[], t: number): Map<number, string> {
  const on = new Map<number, string>();
  for (const e of events) {
    if (Date.parse(e.at) > t) break;
    if (e.type === 'in') on.set(e.windowNo, e.staffId);
    else if (on.get(e.windowNo) === e.staffId) on.delete(e.windowNo);
  }
  return on;
}

/**
 * The 空岗 gaps of one day. `sessions`: the day's opening sessions as [start, end) instants (ms); `events`:
 * that day's sign-in events only, sorted; `now`: minutes after it are not judged yet.
 */
export function dayGaps(
  windows: readonly DutyWindow[],
  sessions: readonly { from: number; to: number }[],
  events: readonly SignEvent[],
  now: number,
): Gap[] {
  const gaps: Gap[] = [];
  for (const s of sessions) {
    const end = Math.min(s.to, now);
    const open = new Map<number, { from: number; to: number; unserved: Set<string> }>();
    const close = (no: number, running = false) => {
      const g = open.get(no);
      if (!g) return;
      open.delete(no);
      gaps.push({
        windowNo: no,
        from: new Date(g.from).toISOString(),
        to: new Date(g.to).toISOString(),
        minutes: Math.round((g.to - g.from) / 60_000),
        unserved: [...g.unserved],
        open: running,
      });
    };
    for (let t = s.from; t < end; t += 60_000) {
      const on = staffedAt(events, t);
      const served = new Set(windows.filter((w) => on.has(w.no)).flatMap((w) => w.categoryIds));
      for (const w of windows) {
        const unserved = on.has(w.no) ? [] : w.categoryIds.filter((c) => !served.has(c));
        if (unserved.length === 0) {
          close(w.no);
          continue;
        }
        const g = open.get(w.no) ?? { from: t, to: t, unserved: new Set<string>() };
        g.to = Math.min(t + 60_000, end);
        for (const c of unserved) g.unserved.add(c);
        open.set(w.no, g);
      }
    }
    // Still empty at the end of the judged span: open if that end is now (not the session's end) and
    // nobody has signed in at that very instant.
    const onAtEnd = staffedAt(events, end);
    const servedAtEnd = new Set(windows.filter((w) => onAtEnd.has(w.no)).flatMap((w) => w.categoryIds));
    for (const no of [...open.keys()]) {
      const w = windows.find((x) => x.no === no)!;
      const emptyAtEnd = !onAtEnd.has(no) && w.categoryIds.some((c) => !servedAtEnd.has(c));
      close(no, end === now && emptyAtEnd);
    }
  }
  return gaps.sort((a, b) => a.from.localeCompare(b.from) || a.windowNo - b.windowNo);
}

export interface Attendance {
  staffId: string;
  windowNo: number;
  /** 上午签到 / 下午签到: the first sign-in in the first session (or before it) and in a later session. */
  morning: string | null;
  afternoon: string | null;
  /** The last sign-out of the day, if the day ended signed out. */
  signedOut: string | null;
}

/**
 * seed 002 篇8 "中心工作人員實行上午、下午兩次簽到制度": per staff member and window, the first sign-in before the
 * end of the first session (上午) and the first one after it (下午).
 */
export function dayAttendance(events: readonly SignEvent[], firstSessionEnd: number): Attendance[] {
  const rows = new Map<string, Attendance>();
  for (const e of events) {
    const key = `${e.staffId}|${e.windowNo}`;
    const row = rows.get(key) ?? {
      staffId: e.staffId,
      windowNo: e.windowNo,
      morning: null,
      afternoon: null,
      signedOut: null,
    };
    rows.set(key, row);
    if (e.type === 'in') {
      row.signedOut = null;
      if (Date.parse(e.at) < firstSessionEnd) row.morning ??= e.at;
      else row.afternoon ??= e.at;
    } else row.signedOut = e.at;
  }
  return [...rows.values()];
}
