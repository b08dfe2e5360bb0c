// 一次性告知记录 (seed 004 一次性告知制度): every 一次性告知 the centre gives — the kiosk's slip, the window's
// print, a 告知 by phone — is kept: 第五条 "一次性告知单……一份由经办窗口留底备查", 第六条 "工作人员……要作好一次性
// 告知的记录". The materials list is kept as told (its text and a hash), with the printed slip itself so the
// window can reprint the very copy. A later 补正 on the same matter for the same resident links to it, and a
// material asked for that the 告知 did not name is shown as the centre's own fault (第七条 "因一次性告知不到位……
// 视为有效投诉").
import { createHash } from 'node:crypto';
import { localTime, type Clock } from '../common/clock.ts';
import type { Db } from '../store/db.ts';

export const NOTICE_CHANNELS = ['kiosk', 'window', 'phone'] as const;
export type NoticeChannel = (typeof NOTICE_CHANNELS)[number];
export const NOTICE_CHANNEL_NAMES: Record<NoticeChannel, string> = { kiosk: '一体机', window: '窗口', phone: '电话' };
/**
 * notice = 一次性告知单 (a matter with a guide); consult = 咨询指引 (no guide, so nothing could be told complete);
 * correction = 补正材料通知书 (its list is what the resident was told to bring: "此后不再要求补充本告知单以外的材料").
 */
export type NoticeKind = 'notice' | 'consult' | 'correction';
export const NOTICE_KIND_NAMES: Record<NoticeKind, string> = {
  notice: '一次性告知单',
  consult: '咨询指引（无办事指南）',
  correction: '补正材料通知书',
};

export interface NoticeRecord {
  id: number;
  at: string;
  date: string;
  matterId: string;
  matterName: string;
  kind: NoticeKind;
  channel: NoticeChannel;
  windowNo: number | null;
  staffId: string | null;
  applicantMasked: string | null;
  /** The materials as told, one per line. */
  materials: string[];
  /** sha256 of the materials text as told (so a changed guide cannot rewrite what was told). */
  materialsHash: string;
  /** The printed slip is kept for a reprint. */
  reprintable: boolean;
  /** Later 补正 on the same matter for the same resident. */
  corrections: NoticeCorrection[];
}

export interface NoticeCorrection {
  caseId: string;
  caseNo: string;
  at: string;
  asked: string[];
  /** Materials asked for in the 补正 that this 告知 did not name: the centre's fault. */
  notTold: string[];
}

interface Row {
  id: number;
  at: string;
  day: string;
  matter_id: string;
  matter_name: string;
  kind: NoticeKind;
  channel: NoticeChannel;
  window_no: number | null;
  staff_id: string | null;
  applicant_masked: string | null;
  applicant_hash: string | null;
  materials_text: string;
  materials_hash: string;
  has_slip: number;
}

export const materialsHash = (text: string): string => createHash('sha256').update(text).digest('hex');

export class NoticeStore {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly timeZone: string,
  ) {}

  /** The masked name and the keyed ID hash of a ticket's holder, when the ID card was read. */
  holder(ticketId: string): { masked: string | null; hash: string | null } | null {
    const t = this.db
      .prepare<[string], { name_masked: string | null; id_hash: string | null }>(
        'SELECT name_masked, id_hash FROM tickets WHERE id = ?',
      )
      .get(ticketId);
    return t ? { masked: t.name_masked, hash: t.id_hash } : null;
  }

  record(input: {
    matterId: string;
    matterName: string;
    kind: NoticeKind;
    channel: NoticeChannel;
    windowNo: number | null;
    staffId: string | null;
    applicantMasked: string | null;
    applicantHash: string | null;
    ticketId: string | null;
    materials: string[];
    slip: Uint8Array | null;
  }): NoticeRecord {
    const now = this.clock();
    const text = input.materials.join('\n');
    const id = Number(
      this.db
        .prepare(
          `INSERT INTO notice_records (at, day, matter_id, matter_name, kind, channel, window_no, staff_id,
             applicant_masked, applicant_hash, ticket_id, materials_text, materials_hash, slip)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          now.toISOString(),
          localTime(now, this.timeZone).date,
          input.matterId,
          input.matterName,
          input.kind,
          input.channel,
          input.windowNo,
          input.staffId,
          input.applicantMasked,
          input.applicantHash,
          input.ticketId,
          text,
          materialsHash(text),
          input.slip ? Buffer.from(input.slip) : null,
        ).lastInsertRowid,
    );
    return this.get(id)!;
  }

  get(id: number): NoticeRecord | null {
    const row = this.db.prepare<[number], Row>(`${SELECT} WHERE id = ?`).get(id);
    return row ? this.#toRecord(row) : null;
  }

  /** The kept copy, byte for byte as it was printed. */
  slip(id: number): Uint8Array | null {
    const r = this.db
      .prepare<[number], { slip: Buffer | null }>('SELECT slip FROM notice_records WHERE id = ?')
      .get(id);
    return r?.slip ? new Uint8Array(r.slip) : null;
  }

  /**
   * A 补正 on a case: link it to the latest 告知 of the same matter given to the same resident before it — by
   * the keyed ID hash when both sides know it, else by the masked name. A 告知 with no resident known (the
   * kiosk's anonymous slip) links to nothing: nobody can say it was this resident's.
   */
  linkCorrection(input: {
    caseId: string;
    matterId: string;
    applicantMasked: string | null;
    applicantHash: string | null;
    asked: string[];
  }): NoticeCorrection | null {
    let notice: Row | undefined;
    if (input.applicantHash)
      notice = this.db
        .prepare<[string, string], Row>(
          `${SELECT} WHERE matter_id = ? AND applicant_hash = ? AND kind IN ('notice', 'correction') ORDER BY at DESC, id DESC LIMIT 1`,
        )
        .get(input.matterId, input.applicantHash);
    if (!notice && input.applicantMasked)
      notice = this.db
        .prepare<[string, string], Row>(
          `${SELECT} WHERE matter_id = ? AND applicant_masked = ? AND kind IN ('notice', 'correction') ORDER BY at DESC, id DESC LIMIT 1`,
        )
        .get(input.matterId, input.applicantMasked);
    if (!notice) return null;
    const told = new Set(notice.materials_text.split('\n'));
    const notTold = input.asked.filter((m) => !told.has(m));
    const at = this.clock().toISOString();
    this.db
      .prepare('INSERT INTO notice_corrections (notice_id, case_id, at, asked, not_told) VALUES (?, ?, ?, ?, ?)')
      .run(notice.id, input.caseId, at, JSON.stringify(input.asked), JSON.stringify(notTold));
    const caseNo = this.#caseNo(input.caseId);
    return { caseId: input.caseId, caseNo, at, asked: input.asked, notTold };
  }

  /** The register: 告知 given on days from..to (local dates), oldest first. */
  list(from: string, to: string): NoticeRecord[] {
    return this.db
      .prepare<[string, string], Row>(`${SELECT} WHERE day BETWEEN ? AND ? ORDER BY at, id`)
      .all(from, to)
      .map((r) => this.#toRecord(r));
  }

  #caseNo(caseId: string): string {
    return (
      this.db.prepare<[string], { case_no: string }>('SELECT case_no FROM cases WHERE id = ?').get(caseId)?.case_no ??
      caseId
    );
  }

  #toRecord(r: Row): NoticeRecord {
    const corrections = this.db
      .prepare<[number], { case_id: string; case_no: string | null; at: string; asked: string; not_told: string }>(
        `SELECT n.case_id, c.case_no, n.at, n.asked, n.not_told FROM notice_corrections n
           LEFT JOIN cases c ON c.id = n.case_id WHERE n.notice_id = ? ORDER BY n.at, n.id`,
      )
      .all(r.id)
      .map((c) => ({
        caseId: c.case_id,
        caseNo: c.case_no ?? c.case_id,
        at: c.at,
        asked: JSON.parse(c.asked) as string[],
        notTold: JSON.parse(c.not_told) as string[],
      }));
    return {
      id: r.id,
      at: r.at,
      date: r.day,
      matterId: r.matter_id,
      matterName: r.matter_name,
      kind: r.kind,
      channel: r.channel,
      windowNo: r.window_no,
      staffId: r.staff_id,
      applicantMasked: r.applicant_masked,
      materials: r.materials_text ? r.materials_text.split('\n') : [],
      materialsHash: r.materials_hash,
      reprintable: r.has_slip === 1,
      corrections,
    };
  }
}

const SELECT = `SELECT id, at, day, matter_id, matter_name, kind, channel, window_no, staff_id, applicant_masked,
  applicant_hash, materials_text, materials_hash, (slip IS NOT NULL) AS has_slip FROM notice_records`;
