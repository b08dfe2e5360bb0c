// 个人信息保护法: personal fields are kept only as long as the function needs them. After the retention
// period (center.json security.retentionDays) the masked name, masked ID and phone, the keyed hashes and
// a transfer's note are erased from tickets, appointments and cases; the counts the statistics need stay.
import type { Db } from './db.ts';

export interface PurgeResult {
  tickets: number;
  appointments: number;
  cases: number;
}

/** Erase personal fields of everything dated before `beforeDate` (YYYY-MM-DD, China time). */
export function purgePersonalData(db: Db, beforeDate: string, at: string): PurgeResult {
  return db.transaction((): PurgeResult => {
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
    const cases = db.prepare('UPDATE cases SET applicant_masked = NULL WHERE accepted_date < ? AND applicant_masked IS NOT NULL').run(beforeDate).changes;
    if (tickets + appointments + cases > 0) {
      db.prepare("INSERT INTO events (at, actor, type, data) VALUES (?, 'system', 'privacy.purged', json_object('before', ?, 'tickets', ?, 'appointments', ?, 'cases', ?))").run(at, beforeDate, tickets, appointments, cases);
    }
    return { tickets, appointments, cases };
  }).immediate();
}

/** The first date whose records are kept: today minus the retention period. */
export function retentionCutoff(today: string, retentionDays: number): string {
  return new Date(Date.parse(`${today}T00:00:00Z`) - retentionDays * 86_400_000).toISOString().slice(0, 10);
}
