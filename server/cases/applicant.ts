// The applicant of a case (issue 24 ⑦: receipts said 申请人（未登记） and the 办件台账's name and phone stayed
// empty). Accepting a case names the applicant: from the ID card read at the kiosk (the ticket being served
// keeps it masked) or typed at the console (name, phone; ID number optional).
//
// What is kept, and where (个人信息保护法: only what the function needs):
// - the case: the masked name (cases.applicant_masked), and in case_applicants the masked ID number and phone,
//   for the receipt, the notices and the A4 page — 3201**********1234, 138****1234;
// - the 办件台账 (registers/store.ts case_register): the name and phone the resident gave, as the seed's register
//   asks (seed 002 篇1 管理台帳; seed 004 首问首办责任制度 第三条 "对来访人员的姓名…进行登记"), erased after the year's
//   filing; the full ID number is kept nowhere.
// - never in a log or an event.
// The retention purge (server/store/retention.ts) erases the masked forms with the case's other personal data.
import { obj, optional, str } from '../contract/schema.ts';
import { applicantProblem, normaliseApplicant, type ApplicantFields } from '../contract/applicant.ts';
import { maskIdNumber, maskName, maskPhone } from '../contract/privacy.ts';
import { DomainError } from '../common/errors.ts';
import type { Db } from '../store/db.ts';

/** Its own track in the migration registry (server/store/migrations.ts). */
export const CASE_APPLICANT_MIGRATIONS: string[] = [
  // 1 (issue 24 ⑦): the masked ID number and phone given at acceptance.
  `CREATE TABLE case_applicants (
     case_id TEXT PRIMARY KEY REFERENCES cases(id),
     id_masked TEXT,
     phone_masked TEXT
   );`,
];

/** The body's `applicant` (every byte hostile: bounded lengths here, the shapes in applicantProblem). */
export const ApplicantSchema = obj({
  name: optional(str({ max: 60 })),
  phone: optional(str({ max: 20 })),
  idNumber: optional(str({ max: 24 })),
});

export interface ResolvedApplicant {
  /** For the case row and every paper: 张*三. */
  nameMasked: string | null;
  idMasked: string | null;
  phoneMasked: string | null;
  /** For the 办件台账 only. */
  register: { name?: string; phone?: string };
}

/**
 * The applicant from what was typed, else from the ID card on the ticket being served. A typed field wins
 * over the card's; an ID number typed without a name is refused (whose number?).
 */
export function resolveApplicant(
  typed: ApplicantFields | undefined,
  card: { nameMasked: string | null; idMasked: string | null } | null,
): ResolvedApplicant {
  const a = normaliseApplicant(typed ?? {});
  const problem = applicantProblem(a);
  if (problem) throw new DomainError('invalid-applicant', problem);
  const fromCard = !a.name && card?.nameMasked ? card : null;
  if (a.idNumber && !a.name) throw new DomainError('invalid-applicant', '填写了身份证号码，请同时填写申请人姓名');
  return {
    nameMasked: a.name ? maskName(a.name) : (fromCard?.nameMasked ?? null),
    idMasked: a.idNumber ? maskIdNumber(a.idNumber) : (fromCard?.idMasked ?? null),
    phoneMasked: a.phone ? maskPhone(a.phone) : null,
    register: { ...(a.name ? { name: a.name } : {}), ...(a.phone ? { phone: a.phone } : {}) },
  };
}

export function recordApplicantContact(db: Db, caseId: string, idMasked: string | null, phoneMasked: string | null) {
  if (!idMasked && !phoneMasked) return;
  db.prepare('INSERT INTO case_applicants (case_id, id_masked, phone_masked) VALUES (?, ?, ?)').run(
    caseId,
    idMasked,
    phoneMasked,
  );
}

export function applicantContact(db: Db, caseId: string): { idMasked: string | null; phoneMasked: string | null } {
  const row = db
    .prepare<[string], { id_masked: string | null; phone_masked: string | null }>(
      'SELECT id_masked, phone_masked FROM case_applicants WHERE case_id = ?',
    )
    .get(caseId);
  return { idMasked: row?.id_masked ?? null, phoneMasked: row?.phone_masked ?? null };
}

/** Retention: the masked ID numbers and phones of the cases accepted before `beforeDate`. */
export function purgeApplicantContacts(db: Db, beforeDate: string): number {
  return db
    .prepare('DELETE FROM case_applicants WHERE case_id IN (SELECT id FROM cases WHERE accepted_date < ?)')
    .run(beforeDate).changes;
}
