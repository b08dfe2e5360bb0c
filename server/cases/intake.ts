// 受理时间 (issue 22 ⑧): seed 004 附件2 ㈠ “每月1-10日服务中心受理低保申请业务”, ㈢ “每月1-10日服务中心受理廉租房
// 申请业务”, 劳动保障㈨ “年审对象应在规定时间(每年3-5月)内到社区进行年审”. A window accepting outside the
// window is warned, not blocked (首问首办责任制度 第六条: 能当场办理的即予现场办理), and the case keeps a note that
// it was accepted outside it, in its own table so the case store stays as it is.
import type { Db } from '../store/db.ts';
import { intakeOpen, type Matter } from '../contract/matters.ts';

/** The warning for the window, or null when the matter has no intake window or `date` is inside it. */
export function intakeWarning(matter: Matter, date: string): string | null {
  const w = matter.guide?.intake;
  if (!w || intakeOpen(w, date)) return null;
  return `本事项的受理时间为${w.text}（办事指南），今天（${date}）不在受理时间内；已受理的办件将记录为受理时间外受理`;
}

export class IntakeFlags {
  constructor(private readonly db: Db) {}

  /** Records that `caseId` was accepted on `date`, outside the guide's intake window `text`. */
  record(caseId: string, text: string, date: string): void {
    this.db
      .prepare('INSERT OR IGNORE INTO case_intake_outside (case_id, intake_text, accepted_date) VALUES (?, ?, ?)')
      .run(caseId, text, date);
  }

  /** 受理时间外受理（受理时间：每月1-10日，受理日 2026-11-23）, or null. */
  note(caseId: string): string | null {
    const row = this.db
      .prepare('SELECT intake_text, accepted_date FROM case_intake_outside WHERE case_id = ?')
      .get(caseId) as { intake_text: string; accepted_date: string } | undefined;
    return row ? `受理时间外受理（受理时间：${row.intake_text}，受理日 ${row.accepted_date}）` : null;
  }
}
