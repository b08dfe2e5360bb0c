// Cases (办件): accepted at a window for the current ticket, with a case number, a promised completion
// date in working days (限时办结制), correction (补正) that restarts the clock when the materials arrive,
// rejection (不予受理) with a reason, and a history of every state.
import { randomBytes } from 'node:crypto';
import type { Db } from './db.ts';
import type { Clock } from '../queue/clock.ts';
import { localTime } from '../queue/clock.ts';
import { ApiFailure, notFound } from '../errors.ts';
import { CASE_STATE_NAMES, type CaseKind, type CaseRecord, type CaseState, type CaseSupervision, type Matter } from '../wire.ts';

interface CaseRow {
  id: string;
  case_no: string;
  accepted_date: string;
  matter_id: string;
  matter_name: string;
  kind: CaseKind;
  state: CaseState;
  accepted_at: string;
  promised_days: number | null;
  promised_date: string | null;
  ticket_id: string | null;
  window_no: number;
  staff_id: string;
  applicant_masked: string | null;
  missing_materials: string;
  reason: string | null;
}

/** The full case as staff see it (the shared CaseRecord). */
export type CaseDetail = CaseRecord;

/** Which state may follow which: a case only moves forward, and a finished case is only collected. */
const NEXT: Record<CaseState, CaseState[]> = {
  accepted: ['reported', 'finished', 'correction'],
  correction: ['accepted', 'rejected'],
  reported: ['finished'],
  finished: ['collected'],
  collected: [],
  rejected: [],
};

export interface AcceptInput {
  matter: Matter;
  windowNo: number;
  staffId: string;
  ticketId: string | null;
  applicantMasked: string | null;
  /** Overrides the guide (e.g. the guide gives no time limit). */
  kind?: CaseKind;
  promisedDays?: number;
  /** Materials missing at acceptance: a correction notice instead of a running clock. */
  missingMaterials?: string[];
  /** Refusal: a rejection notice with this reason. */
  rejectReason?: string;
}

export class CaseStore {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly timeZone: string,
    /** N working days after `date` (official holidays and make-up days); throws when the calendar lacks the year. */
    private readonly addWorkingDays: (date: string, days: number) => string,
  ) {}

  today(): string {
    return localTime(this.clock(), this.timeZone).date;
  }

  accept(input: AcceptInput): CaseDetail {
    const guide = input.matter.guide;
    const kind: CaseKind = input.kind ?? guide?.caseKind ?? (guide?.promisedDays ? 'promised' : 'immediate');
    const days = kind === 'promised' ? (input.promisedDays ?? guide?.promisedDays ?? null) : null;
    // A refusal starts no clock, so it needs no time limit.
    if (kind === 'promised' && !days && input.rejectReason === undefined) {
      throw new ApiFailure(400, 'promised-days-required', `“${input.matter.name}”的办事指南未载明承诺时限，请填写承诺办结的工作日数`);
    }
    const missing = input.missingMaterials?.filter((m) => m.trim()) ?? [];
    if (input.rejectReason !== undefined && !input.rejectReason.trim()) throw new ApiFailure(400, 'reason-required', '不予受理必须写明理由');
    return this.#tx(() => {
      const now = this.clock();
      const date = this.today();
      const seq = (this.db.prepare<[string], { s: number | null }>('SELECT MAX(day_seq) AS s FROM cases WHERE accepted_date = ?').get(date)!.s ?? 0) + 1;
      const state: CaseState = input.rejectReason ? 'rejected' : missing.length ? 'correction' : kind === 'immediate' ? 'finished' : 'accepted';
      const promisedDate = state === 'accepted' && days ? this.#promised(date, days) : null;
      const id = randomBytes(9).toString('base64url');
      this.db
        .prepare(
          `INSERT INTO cases (id, case_no, accepted_date, day_seq, matter_id, matter_name, kind, state, accepted_at, promised_days, promised_date,
             ticket_id, window_no, staff_id, applicant_masked, missing_materials, reason)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(id, `${date.replaceAll('-', '')}-${String(seq).padStart(4, '0')}`, date, seq, input.matter.id, input.matter.name, kind, state, now.toISOString(), days,
          promisedDate, input.ticketId, input.windowNo, input.staffId, input.applicantMasked, JSON.stringify(missing), input.rejectReason ?? null);
      if (state === 'rejected') this.#history(id, 'rejected', input.rejectReason!, input.staffId);
      else if (state === 'correction') this.#history(id, 'correction', `需补正：${missing.join('、')}`, input.staffId);
      else {
        this.#history(id, 'accepted', promisedDate ? `承诺 ${days} 个工作日内办结，${promisedDate} 前` : '即办件', input.staffId);
        if (state === 'finished') this.#history(id, 'finished', '即办件，当场办结', input.staffId);
      }
      return this.get(id)!;
    });
  }

  /** Materials arrived: the clock restarts from the day after (seed 004: 补正后重新计算时限). */
  materialsReceived(id: string, staffId: string): CaseDetail {
    return this.#tx(() => {
      const row = this.#row(id);
      if (row.state !== 'correction') throw new ApiFailure(409, 'not-waiting-correction', `办件 ${row.case_no} 不在待补正状态`);
      const date = this.today();
      const promisedDate = row.kind === 'promised' && row.promised_days ? this.#promised(date, row.promised_days) : null;
      const state: CaseState = row.kind === 'immediate' ? 'finished' : 'accepted';
      this.db.prepare("UPDATE cases SET state = ?, promised_date = ?, missing_materials = '[]' WHERE id = ?").run(state, promisedDate, id);
      this.#history(id, 'accepted', promisedDate ? `材料已补齐，重新计算时限：${promisedDate} 前办结` : '材料已补齐', staffId);
      if (state === 'finished') this.#history(id, 'finished', '即办件，当场办结', staffId);
      return this.get(id)!;
    });
  }

  advance(id: string, to: CaseState, note: string | null, staffId: string): CaseDetail {
    return this.#tx(() => {
      const row = this.#row(id);
      if (!NEXT[row.state].includes(to)) {
        throw new ApiFailure(409, 'bad-transition', `办件 ${row.case_no} 当前为“${CASE_STATE_NAMES[row.state]}”，不能改为“${CASE_STATE_NAMES[to]}”`);
      }
      if (to === 'correction' || to === 'accepted') throw new ApiFailure(400, 'use-dedicated-action', '补正和补齐材料请使用专门的操作');
      if (to === 'rejected' && !note?.trim()) throw new ApiFailure(400, 'reason-required', '不予受理必须写明理由');
      this.db.prepare('UPDATE cases SET state = ?, reason = COALESCE(?, reason) WHERE id = ?').run(to, to === 'rejected' ? note : null, id);
      this.#history(id, to, note, staffId);
      return this.get(id)!;
    });
  }

  /** A promised case needs more materials after acceptance: the clock stops until they arrive. */
  requestCorrection(id: string, missing: string[], staffId: string): CaseDetail {
    return this.#tx(() => {
      const row = this.#row(id);
      if (row.state !== 'accepted') throw new ApiFailure(409, 'bad-transition', `办件 ${row.case_no} 当前为“${CASE_STATE_NAMES[row.state]}”，不能要求补正`);
      const list = missing.filter((m) => m.trim());
      if (!list.length) throw new ApiFailure(400, 'missing-required', '请列出需要补正的材料');
      this.db.prepare('UPDATE cases SET state = ?, promised_date = NULL, missing_materials = ? WHERE id = ?').run('correction', JSON.stringify(list), id);
      this.#history(id, 'correction', `需补正：${list.join('、')}`, staffId);
      return this.get(id)!;
    });
  }

  get(id: string): CaseDetail | null {
    const row = this.db.prepare<[string], CaseRow>('SELECT * FROM cases WHERE id = ?').get(id);
    return row ? this.#detail(row) : null;
  }

  /** 限时办结 supervision: open promised cases past or near their date (within `soonDays` calendar days). */
  supervision(soonDays = 2): CaseSupervision {
    const today = this.today();
    const soon = new Date(Date.parse(today + 'T00:00:00Z') + soonDays * 86_400_000).toISOString().slice(0, 10);
    const rows = this.db.prepare<[], CaseRow>("SELECT * FROM cases WHERE state IN ('accepted','reported') AND promised_date IS NOT NULL ORDER BY promised_date").all();
    return {
      overdue: rows.filter((r) => r.promised_date! < today).map((r) => this.#detail(r)),
      dueSoon: rows.filter((r) => r.promised_date! >= today && r.promised_date! <= soon).map((r) => this.#detail(r)),
    };
  }

  list(filter: { windowNo?: number; date?: string }): CaseDetail[] {
    const rows = this.db
      .prepare<[number | null, number | null, string | null, string | null], CaseRow>(
        'SELECT * FROM cases WHERE (? IS NULL OR window_no = ?) AND (? IS NULL OR accepted_date = ?) ORDER BY accepted_at DESC LIMIT 200',
      )
      .all(filter.windowNo ?? null, filter.windowNo ?? null, filter.date ?? null, filter.date ?? null);
    return rows.map((r) => this.#detail(r));
  }

  #promised(date: string, days: number): string {
    try {
      return this.addWorkingDays(date, days);
    } catch (err) {
      throw new ApiFailure(503, 'calendar-missing', (err as Error).message);
    }
  }

  #row(id: string): CaseRow {
    const row = this.db.prepare<[string], CaseRow>('SELECT * FROM cases WHERE id = ?').get(id);
    if (!row) throw notFound('该办件');
    return row;
  }

  #history(caseId: string, state: CaseState, note: string | null, actor: string): void {
    this.db.prepare('INSERT INTO case_history (case_id, at, state, note, actor) VALUES (?, ?, ?, ?, ?)').run(caseId, this.clock().toISOString(), state, note, actor);
    // The event log carries what statistics need (matter, kind, dates), never the applicant.
    this.db
      .prepare(
        `INSERT INTO events (at, actor, type, ticket_id, window_no, category_id, data)
         SELECT ?, ?, ?, ticket_id, window_no, NULL, json_object('caseId', id, 'matterId', matter_id, 'kind', kind, 'promisedDate', promised_date) FROM cases WHERE id = ?`,
      )
      .run(this.clock().toISOString(), actor, `case.${state}`, caseId);
  }

  #detail(row: CaseRow): CaseDetail {
    const history = this.db
      .prepare<[string], { at: string; state: CaseState; note: string | null }>('SELECT at, state, note FROM case_history WHERE case_id = ? ORDER BY id')
      .all(row.id);
    return {
      id: row.id,
      caseNo: row.case_no,
      matterId: row.matter_id,
      matterName: row.matter_name,
      kind: row.kind,
      state: row.state,
      acceptedAt: row.accepted_at,
      promisedDate: row.promised_date,
      promisedDays: row.promised_days,
      ticketId: row.ticket_id,
      windowNo: row.window_no,
      applicantMasked: row.applicant_masked,
      history,
      missingMaterials: JSON.parse(row.missing_materials) as string[],
      reason: row.reason,
    };
  }

  #tx<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate();
  }
}
