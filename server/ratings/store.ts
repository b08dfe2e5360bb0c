// 好差评: one rating row per finished ticket. The row is the capability: only a pending row (ticket
// finished at that window, no answer yet, deadline not passed) accepts a verdict, so nobody can rate an
// arbitrary ticket. No answer before the deadline is recorded as 'not-rated' — durably, by a sweep over
// pending rows, so a restart neither loses nor fakes a rating.
import type { Db } from '../store/db.ts';
import type { Clock } from '../common/clock.ts';
import { localTime } from '../common/clock.ts';
import { DomainError, notFound } from '../common/errors.ts';
import { RATING_NAMES, type RatingRequest, type RatingValue } from '../contract/ratings.ts';
import { type Ticket } from '../contract/queue.ts';
import type { CloseReason, Rating, RatingOutcome } from '../contract/ratings.ts';
export type { CloseReason, Rating, RatingOutcome };
import { BAD_RATINGS, RATING_REASONS, isBadRating } from '../contract/rating-reasons.ts';

interface RatingRow {
  id: number;
  ticket_id: string;
  number: string;
  service_date: string;
  window_no: number;
  staff_id: string | null;
  category_id: string;
  value: RatingOutcome | null;
  reasons: string;
  requested_at: string;
  deadline: string;
  closed_at: string | null;
  close_reason: CloseReason | null;
  follow_up: string | null;
  follow_up_by: string | null;
  follow_up_at: string | null;
}

/** A pending rating that just closed (answered, timed out or superseded): published as rating.closed. */
export interface ClosedRating {
  ticketId: string;
  windowNo: number;
  rated: boolean;
}

export class RatingStore {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly timeZone: string,
  ) {}

  /**
   * A ticket was finished at a window: open its rating. A still-pending rating at the same window is
   * closed as not rated first (the next resident is at the counter; the tablet shows one ticket).
   * Returns null when the ticket already has a rating row (the same change published twice).
   */
  open(
    ticket: Ticket,
    windowNo: number,
    staffId: string | null,
    timeoutSeconds: number,
  ): { request: RatingRequest; superseded: ClosedRating[] } | null {
    return this.#tx(() => {
      if (this.db.prepare('SELECT 1 FROM ratings WHERE ticket_id = ?').get(ticket.id)) return null;
      const now = this.clock();
      const superseded = this.db
        .prepare<[number], RatingRow>('SELECT * FROM ratings WHERE window_no = ? AND value IS NULL')
        .all(windowNo)
        .map((row) => this.#close(row, 'not-rated', 'superseded', 'system'));
      const deadline = new Date(now.getTime() + timeoutSeconds * 1000).toISOString();
      this.db
        .prepare(
          `INSERT INTO ratings (ticket_id, number, service_date, window_no, staff_id, category_id, requested_at, deadline)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          ticket.id,
          ticket.number,
          localTime(now, this.timeZone).date,
          windowNo,
          staffId,
          ticket.categoryId,
          now.toISOString(),
          deadline,
        );
      this.#event('system', 'rating.requested', ticket.id, windowNo, ticket.categoryId, { deadline });
      return { request: { ticketId: ticket.id, number: ticket.number, windowNo, deadline }, superseded };
    });
  }

  /** The pending rating at a window (the tablet asks after a reload), or null. */
  pending(windowNo: number): RatingRequest | null {
    const row = this.db
      .prepare<[number, string], RatingRow>(
        'SELECT * FROM ratings WHERE window_no = ? AND value IS NULL AND deadline > ? ORDER BY id DESC LIMIT 1',
      )
      .get(windowNo, this.clock().toISOString());
    return row
      ? { ticketId: row.ticket_id, number: row.number, windowNo: row.window_no, deadline: row.deadline }
      : null;
  }

  /**
   * The resident's verdict, accepted only for the pending rating of this ticket at this window. A verdict
   * after the deadline closes the rating as not rated (committed) and comes back as `expired`.
   */
  answer(
    windowNo: number,
    ticketId: string,
    value: RatingValue,
    reasons: string[],
  ): { ok: true; rating: Rating; closed: ClosedRating } | { ok: false; closed: ClosedRating; failure: DomainError } {
    const cleaned = [...new Set(reasons.map((r) => r.trim()).filter(Boolean))];
    if (cleaned.length && !BAD_RATINGS.includes(value)) {
      throw new DomainError(
        'reasons-not-allowed',
        `只有“不满意”或“非常不满意”可以选择原因，您选择的是“${RATING_NAMES[value]}”`,
      );
    }
    const unknown = cleaned.filter((r) => !(RATING_REASONS as readonly string[]).includes(r));
    if (unknown.length) throw new DomainError('unknown-reason', `不认识的原因：${unknown.join('、')}`);
    return this.#tx(() => {
      const row = this.db
        .prepare<[string, number], RatingRow>('SELECT * FROM ratings WHERE ticket_id = ? AND window_no = ?')
        .get(ticketId, windowNo);
      if (!row)
        throw new DomainError(
          'no-pending-rating',
          `${windowNo} 号窗口没有该号码的待评价记录，请以评价器上显示的号码为准`,
        );
      if (row.value !== null)
        throw new DomainError(
          'already-closed',
          row.value === 'not-rated' ? `${row.number} 号的评价已结束，记为未评价` : `${row.number} 号已经评价过了，谢谢`,
        );
      if (Date.parse(row.deadline) <= this.clock().getTime()) {
        // Past the deadline but not yet swept: close it now as not rated (kept: no throw inside the transaction).
        const closed = this.#close(row, 'not-rated', 'timeout', 'system');
        return {
          ok: false as const,
          closed,
          failure: new DomainError('rating-expired', `${row.number} 号的评价时间已过，本次记为未评价`),
        };
      }
      const closed = this.#close(row, value, 'answered', 'rate', cleaned);
      return { ok: true as const, rating: this.#rating(this.#row(row.id)), closed };
    });
  }

  /** Close every pending rating whose deadline has passed as not rated. */
  sweep(): ClosedRating[] {
    return this.#tx(() =>
      this.db
        .prepare<[string], RatingRow>('SELECT * FROM ratings WHERE value IS NULL AND deadline <= ? ORDER BY id')
        .all(this.clock().toISOString())
        .map((row) => this.#close(row, 'not-rated', 'timeout', 'system')),
    );
  }

  /** The earliest deadline of a pending rating (when the next sweep is due), or null. */
  nextDeadline(): string | null {
    return this.db
      .prepare<[], { d: string | null }>('SELECT MIN(deadline) AS d FROM ratings WHERE value IS NULL')
      .get()!.d;
  }

  /** Bad ratings (不满意 / 非常不满意); `open` only: those still without a follow-up (整改). */
  bad(opts: { open?: boolean; from?: string; to?: string } = {}): Rating[] {
    const rows = this.db
      .prepare<{ open: number; from: string | null; to: string | null }, RatingRow>(
        `SELECT * FROM ratings WHERE value IN ('dissatisfied','very-dissatisfied')
           AND (@open = 0 OR follow_up IS NULL)
           AND (@from IS NULL OR service_date >= @from) AND (@to IS NULL OR service_date <= @to)
         ORDER BY closed_at DESC LIMIT 500`,
      )
      .all({ open: opts.open ? 1 : 0, from: opts.from ?? null, to: opts.to ?? null });
    return rows.map((r) => this.#rating(r));
  }

  /** Record what was done about a bad rating (整改情况). */
  followUp(id: number, text: string, by: string): Rating {
    const note = text.trim();
    if (!note) throw new DomainError('follow-up-required', '请填写整改情况');
    return this.#tx(() => {
      const row = this.db.prepare<[number], RatingRow>('SELECT * FROM ratings WHERE id = ?').get(id);
      if (!row) throw notFound('该评价');
      if (!isBadRating(row.value))
        throw new DomainError('not-bad-rating', '只有“不满意”和“非常不满意”的评价需要登记整改');
      const at = this.clock().toISOString();
      this.db
        .prepare('UPDATE ratings SET follow_up = ?, follow_up_by = ?, follow_up_at = ? WHERE id = ?')
        .run(note, by, at, id);
      this.#event(by, 'rating.follow-up', row.ticket_id, row.window_no, row.category_id, {
        ratingId: id,
        before: row.follow_up,
        after: note,
      });
      return this.#rating(this.#row(id));
    });
  }

  /** Closed ratings of service dates from..to (inclusive, YYYY-MM-DD), for statistics. */
  between(from: string, to: string): Rating[] {
    return this.db
      .prepare<[string, string], RatingRow>(
        'SELECT * FROM ratings WHERE service_date >= ? AND service_date <= ? AND value IS NOT NULL ORDER BY id',
      )
      .all(from, to)
      .map((r) => this.#rating(r));
  }

  get(ticketId: string): Rating | null {
    const row = this.db.prepare<[string], RatingRow>('SELECT * FROM ratings WHERE ticket_id = ?').get(ticketId);
    return row ? this.#rating(row) : null;
  }

  #close(
    row: RatingRow,
    value: RatingOutcome,
    reason: CloseReason,
    actor: string,
    reasons: string[] = [],
  ): ClosedRating {
    const at = this.clock().toISOString();
    this.db
      .prepare(
        'UPDATE ratings SET value = ?, reasons = ?, closed_at = ?, close_reason = ? WHERE id = ? AND value IS NULL',
      )
      .run(value, JSON.stringify(reasons), at, reason, row.id);
    this.#event(
      actor,
      value === 'not-rated' ? 'rating.not-rated' : 'rating.recorded',
      row.ticket_id,
      row.window_no,
      row.category_id,
      {
        ratingId: row.id,
        value,
        reasons,
        closeReason: reason,
      },
    );
    return { ticketId: row.ticket_id, windowNo: row.window_no, rated: value !== 'not-rated' };
  }

  #row(id: number): RatingRow {
    return this.db.prepare<[number], RatingRow>('SELECT * FROM ratings WHERE id = ?').get(id)!;
  }

  #rating(r: RatingRow): Rating {
    return {
      id: r.id,
      ticketId: r.ticket_id,
      number: r.number,
      serviceDate: r.service_date,
      windowNo: r.window_no,
      staffId: r.staff_id,
      categoryId: r.category_id,
      value: r.value,
      reasons: JSON.parse(r.reasons) as string[],
      requestedAt: r.requested_at,
      deadline: r.deadline,
      closedAt: r.closed_at,
      closeReason: r.close_reason,
      followUp: r.follow_up,
      followUpBy: r.follow_up_by,
      followUpAt: r.follow_up_at,
    };
  }

  #event(actor: string, type: string, ticketId: string, windowNo: number, categoryId: string, data: object): void {
    this.db
      .prepare(
        'INSERT INTO events (at, actor, type, ticket_id, window_no, category_id, data) VALUES (?, ?, ?, ?, ?, ?, ?)',
      )
      .run(this.clock().toISOString(), actor, type, ticketId, windowNo, categoryId, JSON.stringify(data));
  }

  #tx<T>(fn: () => T): T {
    try {
      return this.db.transaction(fn).immediate();
    } catch (err) {
      if (err instanceof DomainError) throw err;
      const code = (err as { code?: string }).code ?? '';
      if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'))
        throw new DomainError('database-busy', '数据库正忙，请稍后重试');
      throw err;
    }
  }
}
