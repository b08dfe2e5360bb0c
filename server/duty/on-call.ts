// Who is on duty now (seed 004 运行机制㈤ "除正常上班外,中午、晚上及节假日相应由中心统一安排人员值班"): inside an
// opening session nobody is (the windows are); on a rest day the 节假日 entry of the date; between two
// sessions the 中午 entry; after the last session the 晚上 entry, and before the first one the previous
// evening's. Pure.
import type { DutyPeriod } from './store.ts';

export interface OnCallSlot {
  date: string;
  period: DutyPeriod;
}

/** `time` HH:MM local; `sessions` the day's opening sessions (empty: a rest day). */
export function onCallSlot(
  date: string,
  time: string,
  sessions: readonly { from: string; to: string }[],
): OnCallSlot | null {
  if (sessions.length === 0) return { date, period: 'holiday' };
  if (sessions.some((s) => s.from <= time && time < s.to)) return null;
  const first = sessions[0]!;
  const last = sessions[sessions.length - 1]!;
  if (time >= last.to) return { date, period: 'evening' };
  if (time < first.from) {
    const prev = new Date(Date.parse(`${date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    return { date: prev, period: 'evening' };
  }
  return { date, period: 'noon' };
}
