// The district's questions, each one SQL statement over the rollup tables (server/district/schema.ts).
// "Today" is each hall's own day: now() in the hall's time zone.
import type {
  DistrictCase,
  DistrictCaseSupervision,
  DistrictHall,
  DistrictHallDetail,
  DistrictRatings,
  DistrictReport,
  DistrictReportKind,
} from '../contract/district.ts';
import type { Sql } from './database.ts';
import { DistrictFailure } from './failure.ts';

/** A hall that has not reached the district for this long is shown as silent (the shipper says hello every 30 s). */
export const ONLINE_WINDOW_SECONDS = 120;

const iso = (v: unknown): string | null => (v instanceof Date ? v.toISOString() : v == null ? null : String(v));
const day = (v: unknown): string | null =>
  v instanceof Date ? v.toISOString().slice(0, 10) : v == null ? null : String(v).slice(0, 10);

const OPEN_CASE = `c.state IN ('accepted', 'correction', 'received') AND c.promised_date IS NOT NULL`;

const HALLS_SQL = `
WITH h AS (SELECT *, (now() AT TIME ZONE timezone)::date AS today FROM halls)
SELECT h.hall_id, h.name, h.level, h.parent_id, h.last_event_at, h.last_contact_at, h.categories,
       coalesce(h.last_contact_at > now() - make_interval(secs => ${ONLINE_WINDOW_SECONDS}), false) AS online,
       t.tickets_today, t.waiting, t.longest_wait_minutes, t.by_category,
       (SELECT count(*)::int FROM window_status w
         WHERE w.hall_id = h.hall_id AND w.signed_in IS NOT FALSE AND w.paused IS NOT TRUE
           AND (w.last_activity_at AT TIME ZONE h.timezone)::date = h.today) AS windows_open,
       (SELECT count(*)::int FROM case_status c WHERE c.hall_id = h.hall_id AND ${OPEN_CASE} AND c.promised_date < h.today) AS overdue_cases,
       (SELECT count(*)::int FROM case_status c WHERE c.hall_id = h.hall_id AND ${OPEN_CASE} AND c.promised_date BETWEEN h.today AND h.today + 2) AS due_soon_cases,
       (SELECT coalesce(jsonb_agg(jsonb_build_object('kind', d.kind, 'state', d.state, 'since', d.since) ORDER BY d.kind), '[]')
          FROM device_status d WHERE d.hall_id = h.hall_id AND d.state <> 'ready') AS device_faults
  FROM h
  LEFT JOIN LATERAL (
    SELECT count(*)::int AS tickets_today,
           count(*) FILTER (WHERE s.state = 'waiting')::int AS waiting,
           floor(extract(epoch FROM now() - min(s.issued_at) FILTER (WHERE s.state = 'waiting')) / 60)::int AS longest_wait_minutes,
           (SELECT coalesce(jsonb_agg(jsonb_build_object('categoryId', x.category_id, 'waiting', x.n) ORDER BY x.category_id), '[]')
              FROM (SELECT category_id, count(*)::int AS n FROM ticket_status
                     WHERE hall_id = h.hall_id AND service_date = h.today AND state = 'waiting' GROUP BY category_id) x) AS by_category
      FROM ticket_status s WHERE s.hall_id = h.hall_id AND s.service_date = h.today
  ) t ON true
 WHERE $1::text IS NULL OR h.hall_id = $1
 ORDER BY h.hall_id`;

function hallRow(r: Record<string, unknown>): DistrictHall {
  return {
    hallId: r.hall_id as string,
    name: r.name as string,
    level: r.level as DistrictHall['level'],
    parentId: (r.parent_id as string | null) ?? null,
    online: Boolean(r.online),
    lastEventAt: iso(r.last_event_at),
    lastContactAt: iso(r.last_contact_at),
    ticketsToday: Number(r.tickets_today ?? 0),
    waiting: Number(r.waiting ?? 0),
    windowsOpen: Number(r.windows_open ?? 0),
    overdueCases: Number(r.overdue_cases ?? 0),
    dueSoonCases: Number(r.due_soon_cases ?? 0),
    longestWaitMinutes: r.longest_wait_minutes == null ? null : Number(r.longest_wait_minutes),
    waitingByCategory: (r.by_category as DistrictHall['waitingByCategory'] | null) ?? [],
    categories: (r.categories as DistrictHall['categories'] | null) ?? [],
    deviceFaults: ((r.device_faults as { kind: string; state: string; since: string }[] | null) ?? []).map((d) => ({
      ...d,
      since: iso(d.since)!,
    })),
  };
}

export async function listHalls(sql: Sql): Promise<DistrictHall[]> {
  return (await sql.query(HALLS_SQL, [null])).map(hallRow);
}

export async function hallDetail(sql: Sql, hallId: string): Promise<DistrictHallDetail> {
  const [row] = await sql.query(HALLS_SQL, [hallId]);
  if (!row) throw new DistrictFailure(404, 'unknown-hall', `区里没有登记编号为 ${hallId} 的便民服务中心`);
  const today = `(SELECT (now() AT TIME ZONE timezone)::date FROM halls WHERE hall_id = $1)`;
  const tz = `(SELECT timezone FROM halls WHERE hall_id = $1)`;
  const hours = await sql.query<{ hour: number; tickets: number }>(
    `SELECT extract(hour FROM issued_at AT TIME ZONE ${tz})::int AS hour, count(*)::int AS tickets
       FROM ticket_status WHERE hall_id = $1 AND service_date = ${today} GROUP BY 1 ORDER BY 1`,
    [hallId],
  );
  const windows = await sql.query(
    `SELECT w.window_no, w.signed_in IS NOT FALSE AND (w.last_activity_at AT TIME ZONE ${tz})::date = ${today} AS open, w.paused IS TRUE AS paused,
            coalesce(w.since, w.last_activity_at) AS since,
            (SELECT count(*)::int FROM ticket_status t WHERE t.hall_id = $1 AND t.window_no = w.window_no AND t.service_date = ${today} AND t.state = 'finished') AS served
       FROM window_status w WHERE w.hall_id = $1 ORDER BY w.window_no`,
    [hallId],
  );
  const recent = await sql.query(
    'SELECT seq, at, type, window_no, category_id FROM events WHERE hall_id = $1 ORDER BY seq DESC LIMIT 50',
    [hallId],
  );
  return {
    hall: hallRow(row),
    ticketsByHour: hours,
    windows: windows.map((w) => ({
      windowNo: w.window_no as number,
      open: Boolean(w.open),
      paused: Boolean(w.paused),
      since: iso(w.since)!,
      served: w.served as number,
    })),
    recent: recent.map((e) => ({
      seq: e.seq as number,
      at: iso(e.at)!,
      type: e.type as string,
      windowNo: (e.window_no as number | null) ?? null,
      categoryId: (e.category_id as string | null) ?? null,
    })),
  };
}

export async function caseSupervision(sql: Sql, hallId: string | null): Promise<DistrictCaseSupervision> {
  const rows = await sql.query(
    `SELECT c.*, c.promised_date - (now() AT TIME ZONE h.timezone)::date AS days_left
       FROM case_status c JOIN halls h USING (hall_id)
      WHERE ${OPEN_CASE} AND c.promised_date <= (now() AT TIME ZONE h.timezone)::date + 2
        AND ($1::text IS NULL OR c.hall_id = $1)
      ORDER BY c.promised_date, c.hall_id LIMIT 1000`,
    [hallId],
  );
  const toCase = (r: Record<string, unknown>): DistrictCase => ({
    hallId: r.hall_id as string,
    caseKey: r.case_key as string,
    caseNo: (r.case_no as string | null) ?? null,
    matterId: (r.matter_id as string | null) ?? '',
    matterName: (r.matter_name as string | null) ?? null,
    applicantMasked: (r.applicant_masked as string | null) ?? null,
    state: r.state as string,
    promisedDate: day(r.promised_date),
    acceptedAt: iso(r.accepted_at) ?? iso(r.last_at)!,
    extensions: r.extensions as number,
    corrections: r.corrections as number,
    daysLeft: r.days_left == null ? null : Number(r.days_left),
    verifiedCause: (r.verified_cause as DistrictCase['verifiedCause']) ?? null,
  });
  const cases = rows.map(toCase);
  const byHallMatter = await sql.query(
    `SELECT c.hall_id, c.matter_id, max(c.matter_name) AS matter_name,
            count(*) FILTER (WHERE ${OPEN_CASE})::int AS open,
            count(*) FILTER (WHERE ${OPEN_CASE} AND c.promised_date < (now() AT TIME ZONE h.timezone)::date)::int AS overdue,
            count(*) FILTER (WHERE ${OPEN_CASE} AND c.promised_date BETWEEN (now() AT TIME ZONE h.timezone)::date AND (now() AT TIME ZONE h.timezone)::date + 2)::int AS due_soon,
            sum(c.extensions)::int AS extensions, sum(c.corrections)::int AS corrections
       FROM case_status c JOIN halls h USING (hall_id)
      WHERE $1::text IS NULL OR c.hall_id = $1
      GROUP BY c.hall_id, c.matter_id
     HAVING count(*) FILTER (WHERE ${OPEN_CASE}) > 0 OR sum(c.extensions) > 0 OR sum(c.corrections) > 0
      ORDER BY overdue DESC, c.hall_id, c.matter_id`,
    [hallId],
  );
  return {
    overdue: cases.filter((c) => (c.daysLeft ?? 0) < 0),
    dueSoon: cases.filter((c) => (c.daysLeft ?? -1) >= 0),
    byHallMatter: byHallMatter.map((r) => ({
      hallId: r.hall_id as string,
      matterId: (r.matter_id as string | null) ?? '',
      matterName: (r.matter_name as string | null) ?? null,
      open: r.open as number,
      overdue: r.overdue as number,
      dueSoon: r.due_soon as number,
      extensions: r.extensions as number,
      corrections: r.corrections as number,
    })),
  };
}

const SATISFIED = `('very-satisfied', 'satisfied', 'basic')`;
const BAD = `('dissatisfied', 'very-dissatisfied')`;

export async function ratings(sql: Sql, from: string, to: string): Promise<DistrictRatings> {
  const period = `r.at >= $1::date AND r.at < $2::date + 1`;
  const byHall = await sql.query(
    `SELECT r.hall_id, count(*) FILTER (WHERE r.value <> 'not-rated')::int AS total,
            count(*) FILTER (WHERE r.value IN ${SATISFIED})::int AS satisfied, count(*) FILTER (WHERE r.value IN ${BAD})::int AS bad,
            count(*) FILTER (WHERE r.value = 'not-rated')::int AS not_rated
       FROM rating_status r WHERE ${period} GROUP BY r.hall_id ORDER BY r.hall_id`,
    [from, to],
  );
  const byWindow = await sql.query(
    `SELECT r.hall_id, r.window_no, count(*)::int AS total, count(*) FILTER (WHERE r.value IN ${SATISFIED})::int AS satisfied,
            count(*) FILTER (WHERE r.value IN ${BAD})::int AS bad
       FROM rating_status r WHERE ${period} AND r.value <> 'not-rated' AND r.window_no IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2`,
    [from, to],
  );
  const byMatter = await sql.query(
    `SELECT r.hall_id, r.category_id, count(*)::int AS total, count(*) FILTER (WHERE r.value IN ${SATISFIED})::int AS satisfied,
            count(*) FILTER (WHERE r.value IN ${BAD})::int AS bad
       FROM rating_status r WHERE ${period} AND r.value <> 'not-rated' AND r.category_id IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2`,
    [from, to],
  );
  const awaiting = await sql.query(
    `SELECT r.hall_id, r.rating_id, r.window_no, r.value, r.reasons, r.at, floor(extract(epoch FROM now() - r.at) / 3600)::int AS waiting_hours
       FROM rating_status r WHERE r.value IN ${BAD} AND r.followed_up_at IS NULL ORDER BY r.at LIMIT 500`,
  );
  return {
    byHall: byHall.map((r) => ({
      hallId: r.hall_id as string,
      total: r.total as number,
      satisfied: r.satisfied as number,
      bad: r.bad as number,
      notRated: r.not_rated as number,
    })),
    byWindow: byWindow.map((r) => ({
      hallId: r.hall_id as string,
      windowNo: r.window_no as number,
      total: r.total as number,
      satisfied: r.satisfied as number,
      bad: r.bad as number,
    })),
    byMatter: byMatter.map((r) => ({
      hallId: r.hall_id as string,
      categoryId: r.category_id as string,
      total: r.total as number,
      satisfied: r.satisfied as number,
      bad: r.bad as number,
    })),
    awaitingFollowUp: awaiting.map((r) => ({
      hallId: r.hall_id as string,
      ratingId: r.rating_id as number,
      windowNo: (r.window_no as number | null) ?? null,
      value: r.value as string,
      reasons: (r.reasons as string[]) ?? [],
      at: iso(r.at)!,
      waitingHours: r.waiting_hours as number,
    })),
  };
}

/** The period of a report key: 2026-11 (month), 2026-Q4 (quarter), 2026 (year). */
export function reportPeriod(kind: DistrictReportKind, key: string): { from: string; to: string } | null {
  const pad = (n: number) => String(n).padStart(2, '0');
  const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (kind === 'month') {
    const m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(key);
    if (!m) return null;
    const [y, mo] = [Number(m[1]), Number(m[2])];
    return { from: `${key}-01`, to: `${key}-${pad(lastDay(y, mo))}` };
  }
  if (kind === 'quarter') {
    const m = /^(\d{4})-Q([1-4])$/.exec(key);
    if (!m) return null;
    const [y, q] = [Number(m[1]), Number(m[2])];
    return { from: `${y}-${pad(q * 3 - 2)}-01`, to: `${y}-${pad(q * 3)}-${pad(lastDay(y, q * 3))}` };
  }
  if (!/^\d{4}$/.test(key)) return null;
  return { from: `${key}-01-01`, to: `${key}-12-31` };
}

/**
 * The last day a hall may submit (seed 002 篇8, seed 000): the month report by the month's end, the quarter's
 * 办件统计 by the 10th of the next quarter's first month, the annual report (date set by the district's
 * notice) taken as the end of January.
 */
export function dueBy(kind: DistrictReportKind, to: string): string {
  const d = new Date(`${to}T00:00:00Z`);
  if (kind === 'quarter') d.setUTCDate(d.getUTCDate() + 10);
  if (kind === 'year') d.setUTCDate(d.getUTCDate() + 31);
  return d.toISOString().slice(0, 10);
}

const REPORT_SUMS = `sum(k.tickets)::int AS tickets, sum(k.served)::int AS served, sum(k.cases_accepted)::int AS cases_accepted,
  sum(k.cases_finished)::int AS cases_finished, sum(k.finished_on_time)::int AS finished_on_time, sum(k.overdue_finished)::int AS overdue_finished,
  sum(k.extensions)::int AS extensions, sum(k.corrections)::int AS corrections, sum(k.ratings)::int AS ratings,
  sum(k.satisfied)::int AS satisfied, sum(k.bad)::int AS bad`;

/** One report (seed 000 月报、季报、年报) for every hall and the district, and who has not submitted it. */
export async function report(sql: Sql, kind: DistrictReportKind, key: string): Promise<DistrictReport> {
  const period = reportPeriod(kind, key);
  if (!period)
    throw new DistrictFailure(400, 'bad-report-key', '报表期间格式应为 2026-11（月）、2026-Q4（季）或 2026（年）');
  const rows = await sql.query(
    `SELECT h.hall_id, h.name, ${REPORT_SUMS},
            EXISTS (SELECT 1 FROM report_submissions s WHERE s.hall_id = h.hall_id AND s.kind = $1 AND s.period_from = $2::date AND s.period_to = $3::date) AS submitted,
            $4::date < (now() AT TIME ZONE h.timezone)::date AS due
       FROM halls h LEFT JOIN hall_days k ON k.hall_id = h.hall_id AND k.day BETWEEN $2::date AND $3::date
      GROUP BY h.hall_id, h.name ORDER BY h.hall_id`,
    [kind, period.from, period.to, dueBy(kind, period.to)],
  );
  const n = (v: unknown) => Number(v ?? 0);
  const out = rows.map((r) => ({
    hallId: r.hall_id as string,
    name: r.name as string,
    tickets: n(r.tickets),
    served: n(r.served),
    casesAccepted: n(r.cases_accepted),
    casesFinished: n(r.cases_finished),
    finishedOnTime: n(r.finished_on_time),
    overdueFinished: n(r.overdue_finished),
    extensions: n(r.extensions),
    corrections: n(r.corrections),
    ratings: n(r.ratings),
    satisfied: n(r.satisfied),
    bad: n(r.bad),
    submitted: Boolean(r.submitted),
    due: Boolean(r.due),
  }));
  const total = {
    tickets: 0,
    served: 0,
    casesAccepted: 0,
    casesFinished: 0,
    finishedOnTime: 0,
    overdueFinished: 0,
    extensions: 0,
    corrections: 0,
    ratings: 0,
    satisfied: 0,
    bad: 0,
  };
  for (const r of out) for (const k of Object.keys(total) as (keyof typeof total)[]) total[k] += r[k];
  return {
    kind,
    key,
    ...period,
    rows: out.map(({ due: _due, ...r }) => r),
    total,
    missing: out.filter((r) => r.due && !r.submitted).map((r) => r.hallId),
  };
}
