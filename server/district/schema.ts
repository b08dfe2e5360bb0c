// The district's PostgreSQL schema. `events` holds every hall's events as shipped (key: hall + seq, so a
// resend is a no-op). One statement-level trigger keeps the rollup tables the district's questions read
// (ticket, window, case, rating, device status; per-day counts for the reports). It sees only the rows an
// INSERT really added (ON CONFLICT DO NOTHING leaves resends out of its transition table), so rollups
// count each event once. Statements are separated by a line holding only `;;`.

export const DISTRICT_MIGRATIONS: string[] = [
  `
CREATE TABLE halls (
  hall_id text PRIMARY KEY CHECK (hall_id ~ '^[a-z0-9][a-z0-9-]{0,39}$'),
  name text NOT NULL,
  level text NOT NULL CHECK (level IN ('街道', '乡镇', '村')),
  parent_id text REFERENCES halls(hall_id),
  token_hash text NOT NULL UNIQUE,
  timezone text NOT NULL DEFAULT 'Asia/Shanghai',
  -- The last hall event id taken (the hall resumes after it).
  last_seq bigint NOT NULL DEFAULT 0,
  last_event_at timestamptz,
  last_contact_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
)
;;
CREATE TABLE events (
  hall_id text NOT NULL REFERENCES halls(hall_id),
  seq bigint NOT NULL,
  at timestamptz NOT NULL,
  type text NOT NULL,
  window_no integer,
  category_id text,
  ticket_key text,
  case_key text,
  matter_id text,
  data jsonb NOT NULL DEFAULT '{}',
  received_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (hall_id, seq)
)
;;
CREATE INDEX events_hall_at ON events (hall_id, at)
;;
CREATE TABLE accounts (
  user_name text PRIMARY KEY,
  password_hash text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
)
;;
CREATE TABLE sessions (
  token_hash text PRIMARY KEY,
  user_name text NOT NULL REFERENCES accounts(user_name) ON DELETE CASCADE,
  expires_at timestamptz NOT NULL
)
;;
-- Each ticket's state now (waiting / called / skipped / finished / expired), its category and times.
CREATE TABLE ticket_status (
  hall_id text NOT NULL,
  ticket_key text NOT NULL,
  service_date date,
  category_id text,
  state text,
  issued_at timestamptz,
  called_at timestamptz,
  finished_at timestamptz,
  window_no integer,
  PRIMARY KEY (hall_id, ticket_key)
)
;;
CREATE INDEX ticket_status_day ON ticket_status (hall_id, service_date, state)
;;
CREATE TABLE window_status (
  hall_id text NOT NULL,
  window_no integer NOT NULL,
  -- NULL: no window event seen yet (a call at the window still says it is staffed).
  signed_in boolean,
  paused boolean,
  since timestamptz,
  last_activity_at timestamptz NOT NULL,
  PRIMARY KEY (hall_id, window_no)
)
;;
CREATE TABLE case_status (
  hall_id text NOT NULL,
  case_key text NOT NULL,
  case_no text,
  matter_id text,
  matter_name text,
  applicant_masked text,
  kind text,
  state text,
  promised_date date,
  accepted_at timestamptz,
  last_at timestamptz NOT NULL,
  -- Accepted at some point: a 补正 after that is a post-acceptance correction (第八条), not the intake's.
  accepted boolean NOT NULL DEFAULT false,
  extensions integer NOT NULL DEFAULT 0,
  corrections integer NOT NULL DEFAULT 0,
  on_time boolean,
  -- 超时查实 (第十二条、第十四条): the cause a leader found, once recorded in the hall.
  verified_cause text,
  PRIMARY KEY (hall_id, case_key)
)
;;
CREATE INDEX case_status_open ON case_status (promised_date) WHERE state NOT IN ('finished', 'collected', 'rejected', 'not-approved')
;;
CREATE TABLE rating_status (
  hall_id text NOT NULL,
  rating_id integer NOT NULL,
  window_no integer,
  category_id text,
  value text,
  reasons jsonb NOT NULL DEFAULT '[]',
  at timestamptz,
  followed_up_at timestamptz,
  PRIMARY KEY (hall_id, rating_id)
)
;;
CREATE TABLE device_status (
  hall_id text NOT NULL,
  kind text NOT NULL,
  state text NOT NULL,
  since timestamptz NOT NULL,
  PRIMARY KEY (hall_id, kind)
)
;;
-- Per hall and local day: the counts every report (month, quarter, year) sums.
CREATE TABLE hall_days (
  hall_id text NOT NULL,
  day date NOT NULL,
  tickets integer NOT NULL DEFAULT 0,
  served integer NOT NULL DEFAULT 0,
  cases_accepted integer NOT NULL DEFAULT 0,
  cases_finished integer NOT NULL DEFAULT 0,
  finished_on_time integer NOT NULL DEFAULT 0,
  overdue_finished integer NOT NULL DEFAULT 0,
  extensions integer NOT NULL DEFAULT 0,
  corrections integer NOT NULL DEFAULT 0,
  ratings integer NOT NULL DEFAULT 0,
  satisfied integer NOT NULL DEFAULT 0,
  bad integer NOT NULL DEFAULT 0,
  PRIMARY KEY (hall_id, day)
)
;;
-- The reports a hall generated in its 报表 register (its 上报 of that period).
CREATE TABLE report_submissions (
  hall_id text NOT NULL,
  kind text NOT NULL,
  period_from date NOT NULL,
  period_to date NOT NULL,
  first_at timestamptz NOT NULL,
  PRIMARY KEY (hall_id, kind, period_from, period_to)
)
;;
CREATE FUNCTION rollup_events() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  INSERT INTO ticket_status AS t (hall_id, ticket_key, service_date, category_id, state, issued_at, called_at, finished_at, window_no)
  SELECT e.hall_id, e.ticket_key,
         (min(e.at) FILTER (WHERE e.type = 'ticket.issued') AT TIME ZONE h.timezone)::date,
         (array_agg(e.category_id ORDER BY e.seq DESC) FILTER (WHERE e.category_id IS NOT NULL))[1],
         (array_agg(CASE e.type WHEN 'ticket.issued' THEN 'waiting' WHEN 'ticket.reactivated' THEN 'waiting' WHEN 'ticket.transferred' THEN 'waiting'
                                WHEN 'ticket.called' THEN 'called' WHEN 'ticket.recalled' THEN 'called' WHEN 'ticket.skipped' THEN 'skipped'
                                WHEN 'ticket.finished' THEN 'finished' WHEN 'ticket.expired' THEN 'expired' END ORDER BY e.seq DESC)
            FILTER (WHERE e.type IN ('ticket.issued', 'ticket.reactivated', 'ticket.transferred', 'ticket.called', 'ticket.recalled', 'ticket.skipped', 'ticket.finished', 'ticket.expired')))[1],
         min(e.at) FILTER (WHERE e.type = 'ticket.issued'),
         max(e.at) FILTER (WHERE e.type = 'ticket.called'),
         max(e.at) FILTER (WHERE e.type IN ('ticket.finished', 'ticket.expired')),
         (array_agg(e.window_no ORDER BY e.seq DESC) FILTER (WHERE e.window_no IS NOT NULL))[1]
    FROM new_events e JOIN halls h USING (hall_id)
   WHERE e.ticket_key IS NOT NULL AND e.type LIKE 'ticket.%'
   GROUP BY e.hall_id, e.ticket_key, h.timezone
  ON CONFLICT (hall_id, ticket_key) DO UPDATE SET
    service_date = coalesce(t.service_date, excluded.service_date),
    category_id = coalesce(excluded.category_id, t.category_id),
    state = coalesce(excluded.state, t.state),
    issued_at = coalesce(t.issued_at, excluded.issued_at),
    called_at = coalesce(excluded.called_at, t.called_at),
    finished_at = coalesce(excluded.finished_at, t.finished_at),
    window_no = coalesce(excluded.window_no, t.window_no);

  INSERT INTO window_status AS w (hall_id, window_no, signed_in, paused, since, last_activity_at)
  SELECT e.hall_id, e.window_no,
         (array_agg(e.type ORDER BY e.seq DESC) FILTER (WHERE e.type IN ('window.signed-in', 'window.signed-out')))[1] = 'window.signed-in',
         (array_agg(e.type ORDER BY e.seq DESC) FILTER (WHERE e.type IN ('window.paused', 'window.resumed', 'window.signed-in')))[1] = 'window.paused',
         max(e.at) FILTER (WHERE e.type LIKE 'window.%'),
         max(e.at)
    FROM new_events e
   WHERE e.window_no IS NOT NULL
   GROUP BY e.hall_id, e.window_no
  ON CONFLICT (hall_id, window_no) DO UPDATE SET
    -- Only window events change sign-in and pause (batches arrive in order); a call only says it is active.
    signed_in = coalesce(excluded.signed_in, w.signed_in),
    paused = coalesce(excluded.paused, w.paused),
    since = coalesce(excluded.since, w.since),
    last_activity_at = greatest(w.last_activity_at, excluded.last_activity_at);

  INSERT INTO case_status AS c (hall_id, case_key, case_no, matter_id, matter_name, applicant_masked, kind, state, promised_date, accepted_at, last_at, accepted, extensions, corrections, on_time, verified_cause)
  SELECT e.hall_id, e.case_key,
         (array_agg(e.data->>'caseNo' ORDER BY e.seq DESC) FILTER (WHERE e.data ? 'caseNo'))[1],
         (array_agg(e.matter_id ORDER BY e.seq DESC) FILTER (WHERE e.matter_id IS NOT NULL))[1],
         (array_agg(e.data->>'matterName' ORDER BY e.seq DESC) FILTER (WHERE e.data ? 'matterName'))[1],
         (array_agg(e.data->>'applicantMasked' ORDER BY e.seq DESC) FILTER (WHERE e.data ? 'applicantMasked'))[1],
         (array_agg(e.data->>'kind' ORDER BY e.seq DESC) FILTER (WHERE e.data ? 'kind'))[1],
         (array_agg(substr(e.type, 6) ORDER BY e.seq DESC) FILTER (WHERE e.type IN ('case.accepted', 'case.correction', 'case.reported', 'case.finished', 'case.collected', 'case.rejected', 'case.received', 'case.not-approved')))[1],
         -- The hall's clock's date when it sent one (working days, authority days left out), else the event's.
         ((array_agg(coalesce(e.data->>'clockDate', e.data->>'promisedDate') ORDER BY e.seq DESC) FILTER (WHERE e.data ? 'clockDate' OR e.data ? 'promisedDate'))[1])::date,
         min(e.at) FILTER (WHERE e.type IN ('case.accepted', 'case.received', 'case.correction', 'case.rejected')),
         max(e.at),
         bool_or(e.type = 'case.accepted'),
         count(*) FILTER (WHERE e.type = 'case.extension-approved'),
         -- 补正 after acceptance: accepted earlier in this batch, or already before it (cur).
         count(*) FILTER (WHERE e.type IN ('case.correction', 'case.omission') AND (e.accepted_before OR coalesce(cur.accepted, false))),
         ((array_agg(e.data->>'onTime' ORDER BY e.seq DESC) FILTER (WHERE e.data ? 'onTime'))[1])::boolean,
         (array_agg(e.data->>'cause' ORDER BY e.seq DESC) FILTER (WHERE e.type = 'case.verified'))[1]
    FROM (SELECT n.*, coalesce(bool_or(n.type = 'case.accepted') OVER (PARTITION BY n.hall_id, n.case_key ORDER BY n.seq ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), false) AS accepted_before
            FROM new_events n WHERE n.case_key IS NOT NULL) e
    LEFT JOIN case_status cur ON cur.hall_id = e.hall_id AND cur.case_key = e.case_key
   GROUP BY e.hall_id, e.case_key, cur.accepted
  ON CONFLICT (hall_id, case_key) DO UPDATE SET
    case_no = coalesce(excluded.case_no, c.case_no),
    matter_id = coalesce(excluded.matter_id, c.matter_id),
    matter_name = coalesce(excluded.matter_name, c.matter_name),
    applicant_masked = coalesce(excluded.applicant_masked, c.applicant_masked),
    kind = coalesce(excluded.kind, c.kind),
    state = coalesce(excluded.state, c.state),
    promised_date = CASE WHEN excluded.promised_date IS NOT NULL THEN excluded.promised_date ELSE c.promised_date END,
    accepted_at = coalesce(c.accepted_at, excluded.accepted_at),
    last_at = greatest(c.last_at, excluded.last_at),
    accepted = c.accepted OR excluded.accepted,
    extensions = c.extensions + excluded.extensions,
    corrections = c.corrections + excluded.corrections,
    on_time = coalesce(excluded.on_time, c.on_time),
    verified_cause = coalesce(excluded.verified_cause, c.verified_cause);

  INSERT INTO rating_status AS r (hall_id, rating_id, window_no, category_id, value, reasons, at, followed_up_at)
  SELECT e.hall_id, (e.data->>'ratingId')::integer,
         (array_agg(e.window_no ORDER BY e.seq DESC))[1],
         (array_agg(e.category_id ORDER BY e.seq DESC))[1],
         (array_agg(CASE WHEN e.type = 'rating.not-rated' THEN 'not-rated' ELSE e.data->>'value' END ORDER BY e.seq DESC) FILTER (WHERE e.type IN ('rating.recorded', 'rating.not-rated')))[1],
         coalesce((array_agg(e.data->'reasons' ORDER BY e.seq DESC) FILTER (WHERE e.data ? 'reasons'))[1], '[]'::jsonb),
         min(e.at) FILTER (WHERE e.type IN ('rating.recorded', 'rating.not-rated')),
         min(e.at) FILTER (WHERE e.type = 'rating.follow-up')
    FROM new_events e
   WHERE e.type LIKE 'rating.%' AND e.data ? 'ratingId'
   GROUP BY e.hall_id, (e.data->>'ratingId')::integer
  ON CONFLICT (hall_id, rating_id) DO UPDATE SET
    window_no = coalesce(r.window_no, excluded.window_no),
    category_id = coalesce(r.category_id, excluded.category_id),
    value = coalesce(excluded.value, r.value),
    reasons = CASE WHEN excluded.value IS NOT NULL THEN excluded.reasons ELSE r.reasons END,
    at = coalesce(r.at, excluded.at),
    followed_up_at = coalesce(r.followed_up_at, excluded.followed_up_at);

  INSERT INTO device_status AS d (hall_id, kind, state, since)
  SELECT DISTINCT ON (e.hall_id, e.data->>'kind') e.hall_id, e.data->>'kind', e.data->>'state', e.at
    FROM new_events e
   WHERE e.type = 'device.status' AND e.data ? 'kind' AND e.data ? 'state'
   ORDER BY e.hall_id, e.data->>'kind', e.seq DESC
  ON CONFLICT (hall_id, kind) DO UPDATE SET state = excluded.state, since = excluded.since WHERE excluded.since >= d.since;

  INSERT INTO hall_days AS k (hall_id, day, tickets, served, cases_accepted, cases_finished, finished_on_time, overdue_finished, extensions, corrections, ratings, satisfied, bad)
  SELECT e.hall_id, (e.at AT TIME ZONE h.timezone)::date,
         count(*) FILTER (WHERE e.type = 'ticket.issued'),
         count(*) FILTER (WHERE e.type = 'ticket.finished'),
         count(*) FILTER (WHERE e.type IN ('case.accepted', 'case.received')),
         count(*) FILTER (WHERE e.type IN ('case.finished', 'case.not-approved')),
         count(*) FILTER (WHERE e.type IN ('case.finished', 'case.not-approved') AND e.data->>'onTime' = 'true'),
         count(*) FILTER (WHERE e.type IN ('case.finished', 'case.not-approved') AND e.data->>'onTime' = 'false'),
         count(*) FILTER (WHERE e.type = 'case.extension-approved'),
         count(*) FILTER (WHERE e.type IN ('case.correction', 'case.omission')),
         count(*) FILTER (WHERE e.type = 'rating.recorded'),
         count(*) FILTER (WHERE e.type = 'rating.recorded' AND e.data->>'value' IN ('very-satisfied', 'satisfied', 'basic')),
         count(*) FILTER (WHERE e.type = 'rating.recorded' AND e.data->>'value' IN ('dissatisfied', 'very-dissatisfied'))
    FROM new_events e JOIN halls h USING (hall_id)
   WHERE e.type LIKE 'ticket.%' OR e.type LIKE 'case.%' OR e.type LIKE 'rating.%'
   GROUP BY e.hall_id, (e.at AT TIME ZONE h.timezone)::date
  ON CONFLICT (hall_id, day) DO UPDATE SET
    tickets = k.tickets + excluded.tickets, served = k.served + excluded.served,
    cases_accepted = k.cases_accepted + excluded.cases_accepted, cases_finished = k.cases_finished + excluded.cases_finished,
    finished_on_time = k.finished_on_time + excluded.finished_on_time, overdue_finished = k.overdue_finished + excluded.overdue_finished,
    extensions = k.extensions + excluded.extensions, corrections = k.corrections + excluded.corrections,
    ratings = k.ratings + excluded.ratings, satisfied = k.satisfied + excluded.satisfied, bad = k.bad + excluded.bad;

  INSERT INTO report_submissions (hall_id, kind, period_from, period_to, first_at)
  SELECT e.hall_id, e.data->>'kind', (e.data->>'from')::date, (e.data->>'to')::date, min(e.at)
    FROM new_events e
   WHERE e.type = 'report.generated'
   GROUP BY 1, 2, 3, 4
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END
$fn$
;;
CREATE TRIGGER events_rollup AFTER INSERT ON events REFERENCING NEW TABLE AS new_events FOR EACH STATEMENT EXECUTE FUNCTION rollup_events()
`,
  // 2: the hall's categories (id → name) as its shipper sends them, for the district's screens.
  `ALTER TABLE halls ADD COLUMN categories jsonb NOT NULL DEFAULT '[]'`,
];
