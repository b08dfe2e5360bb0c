// 急事特办 (issue 21). 限时办结制度 第三条 "紧急事项应急事特办，随到随办"; 第十二条 "以下情形视为超时办理：…㈣紧急事项
// 未急事特办、随到随办的"; 预约服务制度 第五条 "对于一些确需急办的项目，一定要特事特办、急事急办".
// Window staff mark a waiting ticket or an open 承诺件 紧急 with a reason. Each mark is kept here (who, when,
// why — the reason is free text: erased by the retention purge, never logged, never shipped to the district).
// A ticket's mark sets tickets.urgent, which the queue's one ordering rule reads (urgentFirst in
// server/contract/queue-rules.ts). A case's mark gives it its own target: the day it was marked, unless a
// leader sets another date (like 延期, 第七条 "须经街道相关领导…批准": leader accounts only); the case clock
// (CaseStore) counts an urgent case finished after its target as 超时 under 第十二条(四).
import type { Db } from '../store/db.ts';
import type { Clock } from '../common/clock.ts';
import { localTime } from '../common/clock.ts';
import { DomainError, notFound } from '../common/errors.ts';
import type { UrgentMark } from '../contract/urgent.ts';

/** Its own migration track (server/store/migrations.ts), applied after the core schema whose tables it extends. */
export const URGENT_MIGRATIONS: readonly string[] = [
  `ALTER TABLE tickets ADD COLUMN urgent INTEGER NOT NULL DEFAULT 0;
   CREATE TABLE urgent_marks (
     subject TEXT NOT NULL CHECK (subject IN ('ticket', 'case')),
     subject_id TEXT NOT NULL,
     day TEXT NOT NULL,
     reason TEXT NOT NULL,
     marked_by TEXT NOT NULL,
     marked_at TEXT NOT NULL,
     window_no INTEGER,
     target_date TEXT,
     target_by TEXT,
     target_at TEXT,
     PRIMARY KEY (subject, subject_id)
   );
   CREATE INDEX urgent_marks_day ON urgent_marks (day);`,
];

interface MarkRow {
  subject: 'ticket' | 'case';
  subject_id: string;
  day: string;
  reason: string;
  marked_by: string;
  marked_at: string;
  window_no: number | null;
  target_date: string | null;
  target_by: string | null;
  target_at: string | null;
}

/** What the reason may be: short free text, one line. */
export function cleanReason(reason: string): string {
  const r = reason.replace(/\s+/g, ' ').trim();
  if (!r) throw new DomainError('reason-required', '标记紧急须写明理由');
  return r;
}

/** The mark of one case (or ticket), read by the case clock and the pages. */
export function readMark(db: Db, subject: 'ticket' | 'case', id: string): UrgentMark | null {
  const r = db
    .prepare<[string, string], MarkRow>('SELECT * FROM urgent_marks WHERE subject = ? AND subject_id = ?')
    .get(subject, id);
  return r ? toMark(r) : null;
}

function toMark(r: MarkRow): UrgentMark {
  return {
    markedOn: r.day,
    reason: r.reason,
    markedBy: r.marked_by,
    markedAt: r.marked_at,
    windowNo: r.window_no,
    // 第三条 "随到随办": the same day, unless a leader set another date.
    targetDate: r.target_date ?? r.day,
    targetSetBy: r.target_by,
    targetSetAt: r.target_at,
  };
}

export class UrgentStore {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly timeZone: string,
  ) {}

  today(): string {
    return localTime(this.clock(), this.timeZone).date;
  }

  /** A waiting ticket of today marked 紧急: it is called first at the windows serving its category. */
  markTicket(ticketId: string, reason: string, staffId: string, windowNo: number | null): UrgentMark {
    const why = cleanReason(reason);
    return this.#tx(() => {
      const t = this.db
        .prepare<[string], { id: string; number: string; status: string; service_date: string; category_id: string }>(
          'SELECT id, number, status, service_date, category_id FROM tickets WHERE id = ?',
        )
        .get(ticketId);
      if (!t) throw notFound('该号码');
      if (t.status !== 'waiting' || t.service_date !== this.today())
        throw new DomainError('not-waiting', `${t.number} 号不在等候中，不能标记紧急`);
      if (readMark(this.db, 'ticket', t.id)) throw new DomainError('already-urgent', `${t.number} 号已标记为紧急`);
      const at = this.clock().toISOString();
      this.#insert('ticket', t.id, why, staffId, at, windowNo);
      this.db.prepare('UPDATE tickets SET urgent = 1 WHERE id = ?').run(t.id);
      // The event log keeps who and when, never the reason (it is free text about a person).
      this.db
        .prepare(
          "INSERT INTO events (at, actor, type, ticket_id, window_no, category_id, data) VALUES (?, ?, 'ticket.urgent', ?, ?, ?, '{}')",
        )
        .run(at, staffId, t.id, windowNo, t.category_id);
      return readMark(this.db, 'ticket', t.id)!;
    });
  }

  /**
   * An open case marked 紧急. `history` writes the case history line (CaseStore owns that table); the case must
   * be a 承诺件 that was accepted and is not finished: a 即办件 is finished on the spot anyway (第五条), and a case
   * not yet accepted has no clock to judge.
   */
  markCase(
    c: { id: string; caseNo: string; kind: string; state: string; windowNo: number },
    reason: string,
    staffId: string,
    history: (note: string) => void,
  ): UrgentMark {
    const why = cleanReason(reason);
    return this.#tx(() => {
      if (c.kind !== 'promised' || !['accepted', 'correction', 'reported'].includes(c.state))
        throw new DomainError(
          'bad-transition',
          `办件 ${c.caseNo} 不是已受理未办结的承诺件，不能标记紧急（即办件当场办结；未受理的请先作受理决定）`,
        );
      if (readMark(this.db, 'case', c.id)) throw new DomainError('already-urgent', `办件 ${c.caseNo} 已标记为紧急`);
      const at = this.clock().toISOString();
      this.#insert('case', c.id, why, staffId, at, c.windowNo);
      history(`急事特办：标记紧急，当日办结（限时办结制度第三条）；理由：${why}`);
      return readMark(this.db, 'case', c.id)!;
    });
  }

  /** A leader sets an urgent case's target date (not before the day it was marked). */
  setCaseTarget(
    c: { id: string; caseNo: string },
    date: string,
    leader: { id: string; name: string },
    history: (note: string) => void,
  ): UrgentMark {
    return this.#tx(() => {
      const mark = readMark(this.db, 'case', c.id);
      if (!mark) throw new DomainError('not-urgent', `办件 ${c.caseNo} 没有标记紧急`);
      if (date < mark.markedOn)
        throw new DomainError('bad-date', `急事特办的办结目标日期不能早于标记紧急的日期 ${mark.markedOn}`);
      this.db
        .prepare(
          "UPDATE urgent_marks SET target_date = ?, target_by = ?, target_at = ? WHERE subject = 'case' AND subject_id = ?",
        )
        .run(date, leader.id, this.clock().toISOString(), c.id);
      history(`急事特办：领导（${leader.name}）确定办结目标日期 ${date}`);
      return readMark(this.db, 'case', c.id)!;
    });
  }

  /** Marks made on days in [from, to] (supervision and the register). */
  list(filter: { subject?: 'ticket' | 'case'; from?: string; to?: string }): (UrgentMark & {
    subject: 'ticket' | 'case';
    subjectId: string;
  })[] {
    return this.db
      .prepare<[string | null, string | null, string | null, string | null, string | null, string | null], MarkRow>(
        `SELECT * FROM urgent_marks WHERE (? IS NULL OR subject = ?) AND (? IS NULL OR day >= ?) AND (? IS NULL OR day <= ?)
         ORDER BY marked_at`,
      )
      .all(
        filter.subject ?? null,
        filter.subject ?? null,
        filter.from ?? null,
        filter.from ?? null,
        filter.to ?? null,
        filter.to ?? null,
      )
      .map((r) => ({ subject: r.subject, subjectId: r.subject_id, ...toMark(r) }));
  }

  #insert(subject: 'ticket' | 'case', id: string, reason: string, by: string, at: string, windowNo: number | null) {
    this.db
      .prepare(
        'INSERT INTO urgent_marks (subject, subject_id, day, reason, marked_by, marked_at, window_no) VALUES (?, ?, ?, ?, ?, ?, ?)',
      )
      .run(subject, id, this.today(), reason, by, at, windowNo);
  }

  #tx<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate();
  }
}
