// 交办 → 承办 → 反馈 → 批示 (seed 002 篇2/5/6 四、工作流程 "受理登記、交辦、承辦(代辦)、反饋、批示、辦結回覆、備案"):
// a window hands a registered matter to a named staff member with a 交办单 (2、交辦 "窗口根據居民申辦事項內容立即
// 交辦至相關工作人員"); the 承办人 reports back the same day (5、反饋 "當天給窗口反饋辦理情況"); the 带班领导 writes a
// 批示 on the day's items (4、批示 "社區帶班領導對當天申辦事項辦理情況進行批示"). Own version track.
import type { Db } from '../store/db.ts';
import type { Clock } from '../common/clock.ts';
import { localTime } from '../common/clock.ts';
import { DomainError, notFound } from '../common/errors.ts';

export const JIAOBAN_MIGRATIONS: string[] = [
  `CREATE TABLE jiaoban (
     id TEXT PRIMARY KEY,
     -- printed on the 交办单: JB + date + sequence of the day
     no TEXT NOT NULL UNIQUE,
     service_date TEXT NOT NULL,
     at TEXT NOT NULL,
     window_no INTEGER NOT NULL,
     by_staff TEXT NOT NULL,
     to_staff TEXT NOT NULL,
     matter_text TEXT NOT NULL,
     -- the registration it comes from (1、登記): a 首问登记 row or a case
     first_contact_id TEXT,
     case_id TEXT,
     -- 交办要求 (free text, purged with the other notes)
     request TEXT,
     feedback TEXT,
     feedback_at TEXT,
     feedback_date TEXT,
     instruction TEXT,
     instructed_at TEXT,
     instructed_by TEXT,
     -- 'assigned' → 'fed-back' → 'instructed'
     state TEXT NOT NULL
   );
   CREATE INDEX jiaoban_date ON jiaoban (service_date);
   CREATE INDEX jiaoban_to ON jiaoban (to_staff, state);`,
];

export interface JiaobanRow {
  id: string;
  no: string;
  service_date: string;
  at: string;
  window_no: number;
  by_staff: string;
  to_staff: string;
  matter_text: string;
  first_contact_id: string | null;
  case_id: string | null;
  request: string | null;
  feedback: string | null;
  feedback_at: string | null;
  feedback_date: string | null;
  instruction: string | null;
  instructed_at: string | null;
  instructed_by: string | null;
  state: 'assigned' | 'fed-back' | 'instructed';
}

/** 5、反饋 "當天": feedback given on a later day, or none once the day is over, is late. */
export function feedbackLate(r: JiaobanRow, today: string): boolean {
  if (r.feedback_date) return r.feedback_date > r.service_date;
  return today > r.service_date;
}

export class JiaobanStore {
  readonly #db: Db;
  readonly #clock: Clock;
  readonly #tz: string;

  constructor(db: Db, clock: Clock, timeZone: string) {
    this.#db = db;
    this.#clock = clock;
    this.#tz = timeZone;
  }

  today(): string {
    return localTime(this.#clock(), this.#tz).date;
  }

  assign(input: {
    windowNo: number;
    byStaff: string;
    toStaff: string;
    matterText: string;
    firstContactId?: string;
    caseId?: string;
    request?: string;
  }): JiaobanRow {
    const at = this.#clock().toISOString();
    const date = this.today();
    return this.#db.transaction(() => {
      const n = (
        this.#db.prepare('SELECT COUNT(*) AS n FROM jiaoban WHERE service_date = ?').get(date) as { n: number }
      ).n;
      const id = `jb-${date.replaceAll('-', '')}-${String(n + 1).padStart(3, '0')}`;
      const no = `JB${date.replaceAll('-', '')}-${String(n + 1).padStart(3, '0')}`;
      this.#db
        .prepare(
          `INSERT INTO jiaoban (id, no, service_date, at, window_no, by_staff, to_staff, matter_text, first_contact_id, case_id, request, state)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'assigned')`,
        )
        .run(
          id,
          no,
          date,
          at,
          input.windowNo,
          input.byStaff,
          input.toStaff,
          input.matterText,
          input.firstContactId ?? null,
          input.caseId ?? null,
          input.request?.trim() || null,
        );
      return this.get(id)!;
    })();
  }

  get(id: string): JiaobanRow | null {
    return (this.#db.prepare('SELECT * FROM jiaoban WHERE id = ?').get(id) as JiaobanRow | undefined) ?? null;
  }

  /** 5、反饋: only the 承办人 reports back, once. */
  feedback(id: string, staffId: string, text: string): JiaobanRow {
    const row = this.get(id);
    if (!row) throw notFound('该交办单');
    if (row.to_staff !== staffId) throw new DomainError('other-window', '只有承办人本人可以反馈办理情况');
    if (row.state !== 'assigned') throw new DomainError('already-closed', '该交办单已反馈');
    this.#db
      .prepare("UPDATE jiaoban SET feedback = ?, feedback_at = ?, feedback_date = ?, state = 'fed-back' WHERE id = ?")
      .run(text.trim(), this.#clock().toISOString(), this.today(), id);
    return this.get(id)!;
  }

  /** 4、批示: the 带班领导's written instruction on an item (before or after feedback). */
  instruct(id: string, staffId: string, text: string): JiaobanRow {
    const row = this.get(id);
    if (!row) throw notFound('该交办单');
    if (row.state === 'instructed') throw new DomainError('already-closed', '该交办单已批示');
    this.#db
      .prepare(
        "UPDATE jiaoban SET instruction = ?, instructed_at = ?, instructed_by = ?, state = 'instructed' WHERE id = ?",
      )
      .run(text.trim(), this.#clock().toISOString(), staffId, id);
    return this.get(id)!;
  }

  list(from: string, to: string): JiaobanRow[] {
    return this.#db
      .prepare('SELECT * FROM jiaoban WHERE service_date BETWEEN ? AND ? ORDER BY at')
      .all(from, to) as JiaobanRow[];
  }

  /** What a staff member was handed and has not reported on yet (any day). */
  openFor(staffId: string): JiaobanRow[] {
    return this.#db
      .prepare("SELECT * FROM jiaoban WHERE to_staff = ? AND state = 'assigned' ORDER BY at")
      .all(staffId) as JiaobanRow[];
  }

  /** Supervision: items without feedback after their day, or fed back on a later day (last 31 days). */
  late(): JiaobanRow[] {
    const today = this.today();
    const since = new Date(Date.parse(`${today}T00:00:00Z`) - 31 * 86_400_000).toISOString().slice(0, 10);
    return this.list(since, today).filter((r) => feedbackLate(r, today) && r.state !== 'instructed');
  }
}
