// The queue's, cases' and appointments' schema, one entry per version (the `schema_version` track of
// server/store/migrations.ts).

/** Each entry is one schema version; never edit a released one, add the next. */
export const CORE_MIGRATIONS: string[] = [
  // 1: queue, windows, events
  `CREATE TABLE tickets (
     id TEXT PRIMARY KEY,
     service_date TEXT NOT NULL,
     category_id TEXT NOT NULL,
     -- The category that numbered it (A/B/…); category_id changes on transfer, the number does not.
     issued_category_id TEXT NOT NULL,
     seq INTEGER NOT NULL,
     number TEXT NOT NULL,
     status TEXT NOT NULL,
     priority TEXT,
     priority_confirmed INTEGER NOT NULL DEFAULT 0,
     order_key REAL NOT NULL,
     issued_at TEXT NOT NULL,
     called_at TEXT,
     finished_at TEXT,
     window_no INTEGER,
     target_window_no INTEGER,
     recall_count INTEGER NOT NULL DEFAULT 0,
     last_recall_at TEXT,
     appointment_id TEXT,
     name_masked TEXT,
     id_masked TEXT,
     id_hash TEXT,
     matter_ids TEXT NOT NULL DEFAULT '[]',
     idempotency_key TEXT UNIQUE,
     print_state TEXT NOT NULL DEFAULT 'none',
     reprint_count INTEGER NOT NULL DEFAULT 0,
     UNIQUE (service_date, issued_category_id, seq)
   );
   CREATE INDEX tickets_open ON tickets (service_date, status, category_id);
   CREATE INDEX tickets_person ON tickets (service_date, id_hash);
   CREATE TABLE windows (
     no INTEGER PRIMARY KEY,
     paused INTEGER NOT NULL DEFAULT 0,
     pause_reason TEXT,
     staff_id TEXT,
     staff_post TEXT,
     current_ticket_id TEXT,
     auto_call INTEGER NOT NULL DEFAULT 0,
     normal_since_priority INTEGER NOT NULL DEFAULT 1000
   );
   CREATE TABLE events (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     at TEXT NOT NULL,
     actor TEXT NOT NULL,
     type TEXT NOT NULL,
     ticket_id TEXT,
     window_no INTEGER,
     category_id TEXT,
     data TEXT NOT NULL DEFAULT '{}'
   );
   CREATE INDEX events_at ON events (at);
   CREATE TABLE sessions (
     token_hash TEXT PRIMARY KEY,
     staff_id TEXT NOT NULL,
     window_no INTEGER,
     expires_at TEXT NOT NULL
   );
   CREATE TABLE login_failures (
     staff_id TEXT PRIMARY KEY,
     count INTEGER NOT NULL,
     locked_until TEXT
   );`,
  // 2: cases (办件) with history, appointments (预约)
  `CREATE TABLE cases (
     id TEXT PRIMARY KEY,
     case_no TEXT NOT NULL UNIQUE,
     accepted_date TEXT NOT NULL,
     day_seq INTEGER NOT NULL,
     matter_id TEXT NOT NULL,
     matter_name TEXT NOT NULL,
     kind TEXT NOT NULL,
     state TEXT NOT NULL,
     accepted_at TEXT NOT NULL,
     promised_days INTEGER,
     promised_date TEXT,
     ticket_id TEXT,
     window_no INTEGER NOT NULL,
     staff_id TEXT NOT NULL,
     applicant_masked TEXT,
     missing_materials TEXT NOT NULL DEFAULT '[]',
     reason TEXT,
     UNIQUE (accepted_date, day_seq)
   );
   CREATE INDEX cases_state ON cases (state, promised_date);
   CREATE TABLE case_history (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     case_id TEXT NOT NULL REFERENCES cases(id),
     at TEXT NOT NULL,
     state TEXT NOT NULL,
     note TEXT,
     actor TEXT NOT NULL
   );
   CREATE INDEX case_history_case ON case_history (case_id);
   CREATE TABLE appointments (
     id TEXT PRIMARY KEY,
     code TEXT NOT NULL UNIQUE,
     matter_id TEXT,
     category_id TEXT NOT NULL,
     date TEXT NOT NULL,
     slot_from TEXT NOT NULL,
     slot_to TEXT NOT NULL,
     name_masked TEXT,
     id_masked TEXT,
     id_hash TEXT,
     status TEXT NOT NULL,
     ticket_id TEXT,
     created_by TEXT NOT NULL,
     created_at TEXT NOT NULL
   );
   CREATE INDEX appointments_date ON appointments (date, status);
   CREATE INDEX appointments_person ON appointments (date, id_hash);`,
  // 3: the head of each line (category × tier) found by one index seek, for call-next on a busy day
  `CREATE INDEX tickets_line ON tickets (service_date, category_id, status,
     (CASE WHEN appointment_id IS NOT NULL THEN 0 WHEN priority IS NOT NULL THEN 1 ELSE 2 END), order_key, id);`,
  // 4: ratings (好差评): one row per finished ticket. value NULL = pending until `deadline`; then one of
  // RATING_VALUES or 'not-rated' (no answer is never a good rating). Bad ratings carry the follow-up (整改).
  `CREATE TABLE ratings (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     ticket_id TEXT NOT NULL UNIQUE,
     number TEXT NOT NULL,
     service_date TEXT NOT NULL,
     window_no INTEGER NOT NULL,
     staff_id TEXT,
     category_id TEXT NOT NULL,
     value TEXT,
     reasons TEXT NOT NULL DEFAULT '[]',
     requested_at TEXT NOT NULL,
     deadline TEXT NOT NULL,
     closed_at TEXT,
     -- 'answered', 'timeout' (no answer before the deadline) or 'superseded' (the window finished the next ticket first)
     close_reason TEXT,
     follow_up TEXT,
     follow_up_by TEXT,
     follow_up_at TEXT
   );
   CREATE INDEX ratings_pending ON ratings (deadline) WHERE value IS NULL;
   CREATE INDEX ratings_date ON ratings (service_date);`,
  // 5 (issue 15, 限时办结): the case clock's facts. Only new columns and tables, so another migration that
  // adds its own columns to cases stays independent. limit_source: guide | legal | default | window (第六条);
  // decided_date: the 受理决定 day; clock_start: counting runs from the day after it (NULL = waiting for the
  // first 补正); first_materials_date: set once, a later 补正 is the centre's omission (第八条); manual_*: a date
  // confirmed by hand for a year the calendar lacks; ended_date: 办结 / 不予批准 (the clock stops).
  `ALTER TABLE cases ADD COLUMN matter_type TEXT;
   ALTER TABLE cases ADD COLUMN limit_source TEXT;
   ALTER TABLE cases ADD COLUMN decided_date TEXT;
   ALTER TABLE cases ADD COLUMN clock_start TEXT;
   ALTER TABLE cases ADD COLUMN correction_since TEXT;
   ALTER TABLE cases ADD COLUMN first_materials_date TEXT;
   ALTER TABLE cases ADD COLUMN manual_date TEXT;
   ALTER TABLE cases ADD COLUMN manual_reason TEXT;
   ALTER TABLE cases ADD COLUMN manual_checked TEXT;
   ALTER TABLE cases ADD COLUMN ended_date TEXT;
   ALTER TABLE case_history ADD COLUMN action TEXT;
   -- The cases accepted before this version: their clock starts after the acceptance day, as it did.
   UPDATE cases SET decided_date = accepted_date, clock_start = accepted_date, limit_source = 'window'
     WHERE kind = 'promised' AND state IN ('accepted', 'reported', 'finished', 'collected');
   UPDATE cases SET ended_date = (SELECT date(MIN(h.at), '+8 hours') FROM case_history h WHERE h.case_id = cases.id AND h.state = 'finished')
     WHERE kind = 'promised' AND state IN ('finished', 'collected');
   CREATE TABLE case_pauses (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     case_id TEXT NOT NULL REFERENCES cases(id),
     authority TEXT NOT NULL,
     from_date TEXT NOT NULL,
     to_date TEXT,
     outcome TEXT,
     note TEXT,
     reported_by TEXT NOT NULL,
     returned_by TEXT
   );
   CREATE INDEX case_pauses_case ON case_pauses (case_id);
   CREATE TABLE case_extensions (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     case_id TEXT NOT NULL REFERENCES cases(id),
     requested_at TEXT NOT NULL,
     requested_by TEXT NOT NULL,
     reason TEXT NOT NULL,
     days INTEGER NOT NULL,
     old_date TEXT,
     new_date TEXT,
     state TEXT NOT NULL,
     decided_by TEXT,
     decided_at TEXT,
     decision_note TEXT
   );
   CREATE INDEX case_extensions_case ON case_extensions (case_id);
   CREATE INDEX case_extensions_pending ON case_extensions (state) WHERE state = 'pending';
   CREATE TABLE case_applicant_delays (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     case_id TEXT NOT NULL REFERENCES cases(id),
     at TEXT NOT NULL,
     days INTEGER NOT NULL,
     reason TEXT NOT NULL,
     actor TEXT NOT NULL
   );
   CREATE INDEX case_applicant_delays_case ON case_applicant_delays (case_id);`,
  // 6 (issue 17): the line head index follows the tier rule (a self-declared green channel counts once
  // confirmed); a transfer's window, staff, time and note stay on the ticket for the receiving window; each window's
  // recent service times (the waiting estimate) by one index seek; residents' own bookings keep the phone number masked + keyed hash, like ID numbers.
  `DROP INDEX tickets_line;
   CREATE INDEX tickets_line ON tickets (service_date, category_id, status,
     (CASE WHEN appointment_id IS NOT NULL THEN 0 WHEN priority IS NOT NULL AND priority_confirmed = 1 THEN 1 ELSE 2 END), order_key, id);
   ALTER TABLE appointments ADD COLUMN phone_masked TEXT;
   ALTER TABLE appointments ADD COLUMN phone_hash TEXT;
   CREATE INDEX appointments_phone ON appointments (phone_hash, status);
   ALTER TABLE tickets ADD COLUMN transfer_from INTEGER;
   ALTER TABLE tickets ADD COLUMN transfer_by TEXT;
   ALTER TABLE tickets ADD COLUMN transfer_at TEXT;
   ALTER TABLE tickets ADD COLUMN transfer_note TEXT;
   CREATE INDEX tickets_window_finished ON tickets (service_date, window_no, status, finished_at);`,
];
