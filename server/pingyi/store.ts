// 回访评议 (seed 002 篇8 "定期從中抽取部分羣眾進行評議"): each month a sample of the month's finished cases and
// counter visits that left a phone is drawn at random; staff call, record the 满意度 and 意见; an unsatisfied
// 评议 needs a follow-up (整改) like a bad rating. Own version track.
import { randomInt } from 'node:crypto';
import type { Db } from '../store/db.ts';
import type { Clock } from '../common/clock.ts';
import { localTime } from '../common/clock.ts';
import { DomainError, notFound } from '../common/errors.ts';

export const PINGYI_MIGRATIONS: string[] = [
  `CREATE TABLE pingyi (
     id TEXT PRIMARY KEY,
     month TEXT NOT NULL,
     drawn_at TEXT NOT NULL,
     drawn_by TEXT NOT NULL,
     -- 'case' (办件台账, the applicant's phone) or 'visit' (首问登记 at the counter, with a ticket)
     source TEXT NOT NULL,
     ref_id TEXT NOT NULL,
     ref_no TEXT,
     matter TEXT NOT NULL,
     window_no INTEGER,
     phone TEXT,
     -- RATING_VALUES or 'unreachable' (未接通)
     result TEXT,
     opinion TEXT,
     called_at TEXT,
     called_by TEXT,
     follow_up TEXT,
     follow_up_at TEXT,
     follow_up_by TEXT,
     UNIQUE (month, source, ref_id)
   );
   CREATE INDEX pingyi_month ON pingyi (month);`,
];

export const PINGYI_RESULTS = [
  'very-satisfied',
  'satisfied',
  'basic',
  'dissatisfied',
  'very-dissatisfied',
  'unreachable',
] as const;
export type PingyiResult = (typeof PINGYI_RESULTS)[number];
export const PINGYI_RESULT_NAMES: Record<PingyiResult, string> = {
  'very-satisfied': '非常满意',
  satisfied: '满意',
  basic: '基本满意',
  dissatisfied: '不满意',
  'very-dissatisfied': '非常不满意',
  unreachable: '未接通',
};
export const UNSATISFIED: readonly PingyiResult[] = ['dissatisfied', 'very-dissatisfied'];

export interface PingyiRow {
  id: string;
  month: string;
  drawn_at: string;
  drawn_by: string;
  source: 'case' | 'visit';
  ref_id: string;
  ref_no: string | null;
  matter: string;
  window_no: number | null;
  phone: string | null;
  result: PingyiResult | null;
  opinion: string | null;
  called_at: string | null;
  called_by: string | null;
  follow_up: string | null;
  follow_up_at: string | null;
  follow_up_by: string | null;
}

interface Candidate {
  source: 'case' | 'visit';
  ref_id: string;
  ref_no: string | null;
  matter: string;
  window_no: number | null;
  phone: string;
}

const FINISHED = "('finished','collected')";

export class PingyiStore {
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

  /** The month's finished cases and counter visits that left a phone (the population of the draw). */
  candidates(month: string): Candidate[] {
    const cases = this.#db
      .prepare(
        `SELECT 'case' AS source, c.id AS ref_id, c.case_no AS ref_no, c.matter_name AS matter, c.window_no, r.applicant_phone AS phone
         FROM cases c JOIN case_register r ON r.case_id = c.id
         WHERE substr(c.accepted_date, 1, 7) = ? AND c.state IN ${FINISHED} AND r.applicant_phone IS NOT NULL AND r.applicant_phone <> ''`,
      )
      .all(month) as Candidate[];
    const visits = this.#db
      .prepare(
        `SELECT 'visit' AS source, f.id AS ref_id, NULL AS ref_no, f.matter_text AS matter, f.window_no, f.phone
         FROM first_contacts f
         WHERE substr(f.service_date, 1, 7) = ? AND f.channel = 'counter' AND f.ticket_id IS NOT NULL
           AND f.phone IS NOT NULL AND f.phone <> '' AND f.case_id IS NULL`,
      )
      .all(month) as Candidate[];
    return [...cases, ...visits];
  }

  /** Draw `size` at random (crypto) among the month's candidates; once per month. */
  draw(month: string, size: number, by: string): PingyiRow[] {
    return this.#db
      .transaction(() => {
        if (this.list(month).length) throw new DomainError('already-registered', `${month} 的评议样本已经抽取`);
        const pool = this.candidates(month);
        if (!pool.length) throw new DomainError('not-found', `${month} 没有留下电话的已办结办件或窗口来访，无法抽取`);
        // Fisher–Yates with crypto.randomInt: nobody can steer who is called.
        for (let i = pool.length - 1; i > 0; i--) {
          const j = randomInt(i + 1);
          [pool[i], pool[j]] = [pool[j]!, pool[i]!];
        }
        const at = this.#clock().toISOString();
        const ins = this.#db.prepare(
          `INSERT INTO pingyi (id, month, drawn_at, drawn_by, source, ref_id, ref_no, matter, window_no, phone)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        );
        pool.slice(0, size).forEach((c, i) => {
          ins.run(
            `py-${month}-${String(i + 1).padStart(3, '0')}`,
            month,
            at,
            by,
            c.source,
            c.ref_id,
            c.ref_no,
            c.matter,
            c.window_no,
            c.phone,
          );
        });
        return this.list(month);
      })
      .immediate();
  }

  get(id: string): PingyiRow | null {
    return (this.#db.prepare('SELECT * FROM pingyi WHERE id = ?').get(id) as PingyiRow | undefined) ?? null;
  }

  list(month: string): PingyiRow[] {
    return this.#db.prepare('SELECT * FROM pingyi WHERE month = ? ORDER BY id').all(month) as PingyiRow[];
  }

  record(id: string, result: PingyiResult, opinion: string | undefined, by: string): PingyiRow {
    const row = this.get(id);
    if (!row) throw notFound('该评议');
    if (row.result && row.result !== 'unreachable') throw new DomainError('already-closed', '该评议已记录结果');
    this.#db
      .prepare('UPDATE pingyi SET result = ?, opinion = ?, called_at = ?, called_by = ? WHERE id = ?')
      .run(result, opinion?.trim() || null, this.#clock().toISOString(), by, id);
    return this.get(id)!;
  }

  /** 整改: an unsatisfied 评议's follow-up, as for a bad rating. */
  followUp(id: string, text: string, by: string): PingyiRow {
    const row = this.get(id);
    if (!row) throw notFound('该评议');
    if (!row.result || !UNSATISFIED.includes(row.result))
      throw new DomainError('bad-request', '只有“不满意”的评议需要整改跟进');
    this.#db
      .prepare('UPDATE pingyi SET follow_up = ?, follow_up_at = ?, follow_up_by = ? WHERE id = ?')
      .run(text.trim(), this.#clock().toISOString(), by, id);
    return this.get(id)!;
  }

  /** Unsatisfied 评议 without a follow-up (any month). */
  openFollowUps(): PingyiRow[] {
    return this.#db
      .prepare(
        "SELECT * FROM pingyi WHERE result IN ('dissatisfied','very-dissatisfied') AND follow_up IS NULL ORDER BY called_at",
      )
      .all() as PingyiRow[];
  }

  /** 好差评 of the same month (ratings answered at the windows), for the report's side-by-side. */
  ratingCounts(month: string): Record<string, number> {
    const rows = this.#db
      .prepare(
        "SELECT COALESCE(value, 'none') AS v, COUNT(*) AS n FROM ratings WHERE substr(service_date, 1, 7) = ? GROUP BY v",
      )
      .all(month) as { v: string; n: number }[];
    return Object.fromEntries(rows.map((r) => [r.v, r.n]));
  }
}
