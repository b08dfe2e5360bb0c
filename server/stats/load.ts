// Reads what the statistics need from the database (the event log, the rating rows and the case names
// the log points to) and hands it to the pure computation in compute.ts.
import type { Db } from '../store/db.ts';
import type { Config } from '../config/load.ts';
import { DomainError } from '../common/errors.ts';
import { localTime } from '../common/clock.ts';
import { computeStats, type StatsEvent, type StatsLabels, type StatsRating, type StatsReport } from './compute.ts';
import { daysBetween, isDate, rangeInstants, zoneOffsetMs, PERIODS, type Period } from '../contract/periods.ts';
import { CaseStore } from '../cases/store.ts';
import { isWorkingDay as officialWorkingDay } from '../calendar/working-days.ts';
import type { WorkingDayTest } from '../cases/clock.ts';

/** The longest range one request may ask for (two years of days). */
export const MAX_RANGE_DAYS = 731;

export interface StatsQuery {
  from: string;
  to: string;
  period: Period;
}

/** Check a query from a URL; Chinese messages for the admin page. */
export function parseStatsQuery(q: URLSearchParams, today: string): StatsQuery {
  const from = q.get('from') ?? `${today.slice(0, 7)}-01`;
  const to = q.get('to') ?? today;
  const period = (q.get('period') ?? 'day') as Period;
  if (!isDate(from) || !isDate(to)) throw new DomainError('bad-date', '日期格式应为 YYYY-MM-DD，例如 2026-11-01');
  if (from > to) throw new DomainError('bad-range', `开始日期 ${from} 晚于结束日期 ${to}`);
  if (daysBetween(from, to) >= MAX_RANGE_DAYS)
    throw new DomainError('range-too-long', `一次最多统计 ${MAX_RANGE_DAYS} 天，请缩小日期范围`);
  if (!PERIODS.includes(period))
    throw new DomainError('bad-period', '汇总方式应为 day（日）、week（周）、month（月）或 quarter（季度）');
  return { from, to, period };
}

export function labelsFor(config: Config, caseNames: Map<string, string>): StatsLabels {
  return {
    category: (id) => config.categories.find((c) => c.id === id)?.name ?? `（已删除的类别 ${id}）`,
    window: (no) => {
      const w = config.windows.find((x) => x.no === no);
      return w ? `${no}号窗口 ${w.name}` : `${no}号窗口`;
    },
    staff: (id) => (id === 'auto-call' ? '自动叫号' : (config.staff.find((s) => s.id === id)?.name ?? id)),
    matter: (caseId, matterId) => caseNames.get(caseId) ?? matterId,
  };
}

interface EventRow {
  id: number;
  at: string;
  actor: string;
  type: string;
  ticket_id: string | null;
  window_no: number | null;
  category_id: string | null;
  data: string;
}

export function loadStats(
  db: Db,
  config: Config,
  query: StatsQuery,
  now: Date,
  isWorkingDay: WorkingDayTest = officialWorkingDay,
): StatsReport {
  // Every caller (stats, monthly and quarterly reports) keeps the cap, not only the URL parser.
  if (
    !isDate(query.from) ||
    !isDate(query.to) ||
    query.from > query.to ||
    daysBetween(query.from, query.to) >= MAX_RANGE_DAYS
  ) {
    throw new DomainError('range-too-long', `统计期间应为 ${MAX_RANGE_DAYS} 天以内的有效日期`);
  }
  const tz = config.center.timezone;
  // Open cases are judged by the case clock (the centre's own working days) as of the range's end.
  const caseClock = new CaseStore(db, () => now, tz, isWorkingDay);
  const offsetMs = zoneOffsetMs(tz, now);
  const { start, end } = rangeInstants(query.from, query.to, offsetMs);
  const toEvent = (r: EventRow): StatsEvent => ({
    id: r.id,
    at: r.at,
    actor: r.actor,
    type: r.type,
    ticketId: r.ticket_id,
    windowNo: r.window_no,
    categoryId: r.category_id,
    data: JSON.parse(r.data) as Record<string, unknown>,
  });
  const ticketEvents = db
    .prepare<[string, string], EventRow>(
      "SELECT * FROM events WHERE at >= ? AND at < ? AND type LIKE 'ticket.%' ORDER BY id",
    )
    .all(start, end);
  // Cases accepted before the range may finish (or fall overdue) inside it: their whole history up to the end.
  const caseEvents = db
    .prepare<[string], EventRow>("SELECT * FROM events WHERE at < ? AND type LIKE 'case.%' ORDER BY id")
    .all(end);
  const caseNames = new Map(
    db
      .prepare<[string], { id: string; matter_name: string }>('SELECT id, matter_name FROM cases WHERE accepted_at < ?')
      .all(end)
      .map((r) => [r.id, r.matter_name]),
  );
  // 代办件: the register links a case to the village station's 代办 (server/cases/kinds.ts counts it).
  const daibanCases = new Set(
    db
      .prepare<[], { case_id: string }>('SELECT case_id FROM case_register WHERE daiban_id IS NOT NULL')
      .all()
      .map((r) => r.case_id),
  );
  // 联办件: from when its steps were set up (server/joint/), up to the range's end like every other kind.
  const jointSince = new Map(
    db
      .prepare<[], { case_id: string; at: string }>(
        'SELECT case_id, MIN(created_at) AS at FROM joint_steps GROUP BY case_id',
      )
      .all()
      .map((r) => [r.case_id, r.at]),
  );
  const ratings = db
    .prepare<
      [string, string],
      {
        service_date: string;
        window_no: number;
        staff_id: string | null;
        category_id: string;
        value: StatsRating['value'];
      }
    >(
      'SELECT service_date, window_no, staff_id, category_id, value FROM ratings WHERE service_date >= ? AND service_date <= ? AND value IS NOT NULL',
    )
    .all(query.from, query.to)
    .map((r) => ({
      serviceDate: r.service_date,
      windowNo: r.window_no,
      staffId: r.staff_id,
      categoryId: r.category_id,
      value: r.value,
    }));
  return computeStats({
    ...query,
    offsetMs,
    today: localTime(now, tz).date,
    caseOverdueOn: (caseId, date) => {
      try {
        return caseClock.clockAsOf(caseId, date)?.overdue ?? false;
      } catch {
        return false; // a year without calendar data: not judged here (supervision lists such cases)
      }
    },
    caseFlags: (caseId) => ({
      daiban: daibanCases.has(caseId),
      joint: (jointSince.get(caseId) ?? end) < end,
    }),
    events: [...ticketEvents, ...caseEvents].sort((a, b) => a.id - b.id).map(toEvent),
    ratings,
    labels: labelsFor(config, caseNames),
  });
}
