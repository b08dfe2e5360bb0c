// A hall's event log as the hall's stores write it (server/store/*.ts), for the district tests: a day of
// tickets, calls, cases and ratings, with the personal data a careless field could carry.
import type { Db } from '../../server/store/db.ts';

export const ID_NUMBER = '110101199003071234';
export const PHONE = '13812345678';
export const FULL_NAME = '张小明';

export function logEvent(
  db: Db,
  at: Date,
  actor: string,
  type: string,
  ticketId: string | null,
  windowNo: number | null,
  categoryId: string | null,
  data: object,
): number {
  return Number(
    db
      .prepare(
        'INSERT INTO events (at, actor, type, ticket_id, window_no, category_id, data) VALUES (?, ?, ?, ?, ?, ?, ?)',
      )
      .run(at.toISOString(), actor, type, ticketId, windowNo, categoryId, JSON.stringify(data)).lastInsertRowid,
  );
}

/** A case row the shipper may look up (number, matter name, masked applicant). */
export function addCase(
  db: Db,
  id: string,
  caseNo: string,
  applicantMasked: string,
  promisedDate: string | null,
  at: Date,
): void {
  db.prepare(
    `INSERT INTO cases (id, case_no, accepted_date, day_seq, matter_id, matter_name, kind, state, accepted_at, promised_date, window_no, staff_id, applicant_masked)
     VALUES (?, ?, ?, ?, 'dibao', '最低生活保障', 'promised', 'accepted', ?, ?, 1, 'zhang', ?)`,
  ).run(
    id,
    caseNo,
    at.toISOString().slice(0, 10),
    Number(caseNo.slice(-4)),
    at.toISOString(),
    promisedDate,
    applicantMasked,
  );
}

/**
 * `tickets` tickets from `start`, one a minute: issued, called at window 1 or 2, finished, rated. Returns the
 * number of events written. Personal data is planted where a careless hall might put it (notes, staff ids).
 */
export function hallDay(db: Db, start: Date, tickets: number, prefix = 't'): number {
  let n = 0;
  const at = (min: number) => new Date(start.getTime() + min * 60_000);
  for (let i = 0; i < tickets; i++) {
    const id = `${prefix}${start.getTime()}-${i}`;
    const win = 1 + (i % 2);
    logEvent(db, at(i), 'kiosk', 'ticket.issued', id, null, 'civil', {
      number: `A${String(i + 1).padStart(3, '0')}`,
      priority: null,
      appointment: false,
    });
    logEvent(db, at(i + 0.2), 'zhang', 'ticket.called', id, win, 'civil', { staffId: 'zhang' });
    logEvent(db, at(i + 0.5), 'zhang', 'ticket.finished', id, win, 'civil', { via: 'finish' });
    logEvent(db, at(i + 0.6), 'system', 'rating.requested', id, win, 'civil', { deadline: at(i + 1.6).toISOString() });
    logEvent(db, at(i + 0.7), 'tablet', 'rating.recorded', id, win, 'civil', {
      ratingId: i + 1,
      value: i % 5 === 0 ? 'dissatisfied' : 'satisfied',
      reasons: i % 5 === 0 ? ['等候时间太长'] : [],
      closeReason: 'answered',
    });
    n += 5;
  }
  return n;
}
