// 个人信息保护法: personal fields are kept only as long as the function needs them. After the retention
// period (center.json security.retentionDays) the masked name, masked ID and phone, the keyed hashes and
// a transfer's note are erased from tickets, appointments and cases, and the registers' free text with them
// (issue #23 item 7); the counts the statistics need stay.
import type { Db } from './db.ts';
import { purgeApplicantContacts } from '../cases/applicant.ts';

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

/**
 * Keys of an event's data that hold words someone typed: a note or reason, a bad rating's follow-up before
 * and after (ratings/store.ts), a complaint's content or answer. Ids, numbers and states stay.
 */
const EVENT_TEXT_KEYS = ['note', 'reason', 'before', 'after', 'content', 'answer', 'text'] as const;

/**
 * The registers' free text (issue #23 item 7): a complaint's content and answer, a 代办's note, return reason
 * and reply note, a home visit's reason, and the materials listed for a 补正 (each replaced, so the notice
 * still shows how many were missing). Names and phones of these rows have their own, longer keeping period
 * (RegisterStore.purge); the words go with the rest of the personal data at the retention date.
 */
function freeTextOfRegisters(db: Db, beforeDate: string): number {
  return (
    db
      .prepare(
        `UPDATE complaints SET content = '${PURGED}', answer = NULL WHERE received_date < ? AND (content <> '${PURGED}' OR answer IS NOT NULL)`,
      )
      .run(beforeDate).changes +
    db
      .prepare(
        `UPDATE daiban SET note = NULL, return_reason = NULL, reply_note = NULL
         WHERE registered_date < ? AND (note IS NOT NULL OR return_reason IS NOT NULL OR reply_note IS NOT NULL)`,
      )
      .run(beforeDate).changes +
    db
      .prepare(`UPDATE home_visits SET reason = '${PURGED}' WHERE booked_date < ? AND reason <> '${PURGED}'`)
      .run(beforeDate).changes +
    db
      .prepare(
        `UPDATE cases SET missing_materials = (SELECT json_group_array('${PURGED}') FROM json_each(cases.missing_materials))
         WHERE accepted_date < ? AND json_valid(missing_materials)
           AND EXISTS (SELECT 1 FROM json_each(cases.missing_materials) WHERE value <> '${PURGED}')`,
      )
      .run(beforeDate).changes
  );
}

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
      // Where residents' own bookings came from (server/appointments/self-booking.ts): an address is
      // personal data too; counted with the appointments.
      const origins = db
        .prepare('DELETE FROM booking_origins WHERE appointment_id IN (SELECT id FROM appointments WHERE date < ?)')
        .run(beforeDate).changes;
      const cases =
        db
          .prepare('UPDATE cases SET applicant_masked = NULL WHERE accepted_date < ? AND applicant_masked IS NOT NULL')
          .run(beforeDate).changes +
        // The masked ID number and phone given at acceptance (issue 24 ⑦).
        purgeApplicantContacts(db, beforeDate);
      // Free text staff typed (a rejection reason, history notes, a transfer note, a call's reason, a bad
      // rating's follow-up) can name a person too: gone with the rest. The counts and states stay.
      const text =
        db.prepare('UPDATE cases SET reason = NULL WHERE accepted_date < ? AND reason IS NOT NULL').run(beforeDate)
          .changes +
        db.prepare('UPDATE case_history SET note = NULL WHERE at < ? AND note IS NOT NULL').run(beforeDate).changes +
        db
          .prepare(
            `UPDATE events SET data = json_remove(data, ${EVENT_TEXT_KEYS.map((k) => `'$.${k}'`).join(', ')})
             WHERE at < ? AND type <> 'privacy.purged' AND json_valid(data) AND (${EVENT_TEXT_KEYS.map((k) => `json_type(data, '$.${k}') IS NOT NULL`).join(' OR ')})`,
          )
          .run(beforeDate).changes +
        freeTextOfRegisters(db, beforeDate) +
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
          .run(beforeDate).changes +
        // 超时查实 (issue 21): the cause and who stay for the figures; the measure's words go.
        db
          .prepare(`UPDATE case_verifications SET measure = '${PURGED}' WHERE measure <> '${PURGED}' AND ${oldCase}`)
          .run(beforeDate).changes +
        // 一次性告知记录 (issue 21): the masked name and keyed hash of whom it was told go; what was told stays.
        db
          .prepare(
            `UPDATE notice_records SET applicant_masked = NULL, applicant_hash = NULL, ticket_id = NULL
             WHERE day < ? AND (applicant_masked IS NOT NULL OR applicant_hash IS NOT NULL OR ticket_id IS NOT NULL)`,
          )
          .run(beforeDate).changes +
        // 急事特办 (issue 21, server/urgent/): who marked a ticket or case 紧急 and when stay; the reason goes.
        db
          .prepare(`UPDATE urgent_marks SET reason = '${PURGED}' WHERE day < ? AND reason <> '${PURGED}'`)
          .run(beforeDate).changes +
        // AB岗 移交 notes and B's 书面记录 (server/duty/) name residents and their matters too.
        db.prepare('UPDATE duty_handovers SET note = NULL WHERE service_date < ? AND note IS NOT NULL').run(beforeDate)
          .changes +
        // 回访评议: the phone called, the resident's 意见 and the follow-up (the 满意度 stays for the counts).
        db
          .prepare(
            `UPDATE pingyi SET phone = NULL, opinion = NULL, follow_up = CASE WHEN follow_up IS NULL THEN NULL ELSE '${PURGED}' END
             WHERE drawn_at < ? AND (phone IS NOT NULL OR opinion IS NOT NULL OR follow_up <> '${PURGED}')`,
          )
          .run(beforeDate).changes +
        // 值班 急需 requests: the resident's phone and words (the dates and states stay).
        db
          .prepare(
            'UPDATE duty_urgent SET phone = NULL, matter_text = NULL WHERE service_date < ? AND (phone IS NOT NULL OR matter_text IS NOT NULL)',
          )
          .run(beforeDate).changes +
        // 交办要求, 反馈 and 批示 (server/jiaoban/): the dates and states stay for the register's counts.
        db
          .prepare(
            `UPDATE jiaoban SET request = NULL, feedback = CASE WHEN feedback IS NULL THEN NULL ELSE '${PURGED}' END,
             instruction = CASE WHEN instruction IS NULL THEN NULL ELSE '${PURGED}' END
             WHERE service_date < ? AND (request IS NOT NULL OR feedback <> '${PURGED}' OR instruction <> '${PURGED}')`,
          )
          .run(beforeDate).changes +
        // 联办件 (server/joint/): a participating window's reason for returning its step may name the resident;
        // the windows, steps, dates and states stay for the counts.
        db
          .prepare(
            `UPDATE joint_steps SET return_reason = '${PURGED}' WHERE return_reason <> '${PURGED}' AND ${oldCase}`,
          )
          .run(beforeDate).changes;
      if (tickets + appointments + origins + cases + text > 0) {
        db.prepare(
          "INSERT INTO events (at, actor, type, data) VALUES (?, 'system', 'privacy.purged', json_object('before', ?, 'tickets', ?, 'appointments', ?, 'cases', ?))",
        ).run(at, beforeDate, tickets, appointments, cases);
      }
      return { tickets, appointments: appointments + origins, cases, text };
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
