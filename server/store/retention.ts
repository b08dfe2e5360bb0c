// 个人信息保护法: personal fields are kept only as long as the function needs them. After the retention
// period (center.json security.retentionDays) the masked name, masked ID and phone, the keyed hashes and
// a transfer's note are erased from tickets, appointments and cases; the counts the statistics need stay.
import type { Db } from './db.ts';

export interface PurgeResult {
  tickets: number;
  appointments: number;
  cases: number;
  /** Free-text fields (notes, reasons, follow-ups) erased. */
  text: number;
}

const PURGED = '（已按保存期限清除）';
/** Rows of a case accepted before the cut-off date (the statement's one parameter). */
const oldCase = 'case_id IN (SELECT id FROM cases WHERE accepted_date < ?)';

/** Erase personal fields of everything dated before `beforeDate` (YYYY-MM-DD, China time). */
export function purgePersonalData(db: Db, beforeDate: string, at: string): PurgeResult {
  const result = db
    .transaction((): PurgeResult => {
      const tickets = db
        .prepare(
          `UPDATE tickets SET name_masked = NULL, id_masked = NULL, id_hash = NULL, transfer_note = NULL
         WHERE service_date < ? AND (name_masked IS NOT NULL OR id_masked IS NOT NULL OR id_hash IS NOT NULL OR transfer_note IS NOT NULL)`,
        )
        .run(beforeDate).changes;
      const appointments = db
        .prepare(
          `UPDATE appointments SET name_masked = NULL, id_masked = NULL, id_hash = NULL, phone_masked = NULL, phone_hash = NULL
         WHERE date < ? AND (name_masked IS NOT NULL OR id_masked IS NOT NULL OR id_hash IS NOT NULL OR phone_masked IS NOT NULL OR phone_hash IS NOT NULL)`,
        )
        .run(beforeDate).changes;
      const cases = db
        .prepare('UPDATE cases SET applicant_masked = NULL WHERE accepted_date < ? AND applicant_masked IS NOT NULL')
        .run(beforeDate).changes;
      // Free text staff typed (a rejection reason, history notes, a transfer note, a call's reason, a bad
      // rating's follow-up) can name a person too: gone with the rest. The counts and states stay.
      const text =
        db.prepare('UPDATE cases SET reason = NULL WHERE accepted_date < ? AND reason IS NOT NULL').run(beforeDate)
          .changes +
        db.prepare('UPDATE case_history SET note = NULL WHERE at < ? AND note IS NOT NULL').run(beforeDate).changes +
        db
          .prepare(
            "UPDATE events SET data = json_remove(data, '$.note', '$.reason') WHERE at < ? AND (json_extract(data, '$.note') IS NOT NULL OR json_extract(data, '$.reason') IS NOT NULL)",
          )
          .run(beforeDate).changes +
        db
          .prepare(
            "UPDATE ratings SET follow_up = '（已按保存期限清除）' WHERE service_date < ? AND follow_up IS NOT NULL AND follow_up <> '（已按保存期限清除）'",
          )
          .run(beforeDate).changes +
        // The 限时办结 facts keep their dates and days (the clock and the statistics need them), not the words.
        db
          .prepare('UPDATE cases SET manual_reason = NULL WHERE accepted_date < ? AND manual_reason IS NOT NULL')
          .run(beforeDate).changes +
        db.prepare(`UPDATE case_pauses SET note = NULL WHERE note IS NOT NULL AND ${oldCase}`).run(beforeDate).changes +
        db
          .prepare(
            `UPDATE case_extensions SET reason = '${PURGED}', decision_note = NULL WHERE reason <> '${PURGED}' AND ${oldCase}`,
          )
          .run(beforeDate).changes +
        db
          .prepare(`UPDATE case_applicant_delays SET reason = '${PURGED}' WHERE reason <> '${PURGED}' AND ${oldCase}`)
          .run(beforeDate).changes;
      if (tickets + appointments + cases + text > 0) {
        db.prepare(
          "INSERT INTO events (at, actor, type, data) VALUES (?, 'system', 'privacy.purged', json_object('before', ?, 'tickets', ?, 'appointments', ?, 'cases', ?))",
        ).run(at, beforeDate, tickets, appointments, cases);
      }
      return { tickets, appointments, cases, text };
    })
    .immediate();
  // secure_delete zeroed the old values in the database pages; the WAL still holds the old page images
  // until a checkpoint, so write them back and truncate it.
  if (result.tickets + result.appointments + result.cases + result.text > 0) db.pragma('wal_checkpoint(TRUNCATE)');
  return result;
}

/** The first date whose records are kept: today minus the retention period. */
export function retentionCutoff(today: string, retentionDays: number): string {
  return new Date(Date.parse(`${today}T00:00:00Z`) - retentionDays * 86_400_000).toISOString().slice(0, 10);
}
