// Cases (办件): accepted at a window for the current ticket, with a case number, a promised completion
// date in working days (限时办结制), correction (补正), report-up (上报) with the authority's return,
// extensions (延期办理) approved by a leader, applicant-caused delays, rejection (不予受理) and the
// authority's refusal (不予批准), and a history of every step. The clock itself is server/cases/clock.ts.
import { randomBytes } from 'node:crypto';
import type { Db } from '../store/db.ts';
import type { Clock } from '../common/clock.ts';
import { localTime } from '../common/clock.ts';
import { DomainError, notFound } from '../common/errors.ts';
import { CalendarMissingError, isRealDate } from '../calendar/working-days.ts';
import type { RecomputedCase } from '../contract/holidays.ts';
import { isPlausibleWorkingDay, statutoryHoliday } from '../calendar/statutory-holidays.ts';
import { isOtherItem } from './materials.ts';
import { withUrgent } from './urgent.ts';
import { readMark } from '../urgent/store.ts';
import { applicantContact, recordApplicantContact } from './applicant.ts';
import {
  computeClock,
  correctionNoticeDue,
  dueDate,
  extensionRefusal,
  isWeekday,
  timeLimit,
  workingDaysLeft,
  type ClockFacts,
  type WorkingDayTest,
} from './clock.ts';
import {
  CASE_STATE_NAMES,
  LIMIT_SOURCE_NAMES,
  OVERDUE_CAUSE_NAMES,
  REPORT_OUTCOME_NAMES,
  type CaseVerification,
  type OverdueCause,
  type ApplicantDelay,
  type CaseAction,
  type CaseClock,
  type CaseExtension,
  type CasePause,
  type CaseRecord,
  type CaseState,
  type CaseSupervision,
  type ExtensionState,
  type LimitSource,
  type ReportOutcome,
} from '../contract/cases.ts';
import { type CaseKind, type Matter, type MatterType } from '../contract/matters.ts';

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
  matter_type: MatterType | null;
  limit_source: LimitSource | null;
  decided_date: string | null;
  clock_start: string | null;
  correction_since: string | null;
  first_materials_date: string | null;
  manual_date: string | null;
  manual_reason: string | null;
  manual_checked: string | null;
  ended_date: string | null;
}

interface PauseRow {
  authority: string;
  from_date: string;
  to_date: string | null;
  outcome: ReportOutcome | null;
  note: string | null;
}

interface ExtensionRow {
  id: number;
  requested_at: string;
  requested_by: string;
  reason: string;
  days: number;
  old_date: string | null;
  new_date: string | null;
  state: ExtensionState;
  decided_by: string | null;
  decided_at: string | null;
  decision_note: string | null;
}

/** The full case as staff see it (the shared CaseRecord). */
export type CaseDetail = CaseRecord;

/** Which state may follow which through POST /state (the other steps have their own actions). */
const NEXT: Record<CaseState, CaseState[]> = {
  received: ['accepted', 'correction', 'rejected', 'finished'],
  accepted: ['reported', 'finished', 'correction'],
  correction: ['accepted', 'rejected'],
  reported: ['finished', 'not-approved', 'accepted'],
  finished: ['collected'],
  collected: [],
  rejected: [],
  'not-approved': [],
};

/** Open promised cases: the ones supervision looks at. */
const OPEN_STATES: CaseState[] = ['accepted', 'correction', 'reported'];

/** A promised date confirmed by hand (the calendar lacks the year). */
export interface ManualDate {
  date: string;
  reason: string;
}

export interface AcceptInput {
  matter: Matter;
  windowNo: number;
  staffId: string;
  ticketId: string | null;
  applicantMasked: string | null;
  /** Masked ID number and phone given at acceptance (server/cases/applicant.ts). */
  applicantIdMasked?: string | null;
  applicantPhoneMasked?: string | null;
  /** Overrides the guide (e.g. the guide gives no time limit). */
  kind?: CaseKind;
  promisedDays?: number;
  /** Materials missing at acceptance: a correction notice instead of a running clock. */
  missingMaterials?: string[];
  /** Refusal: a rejection notice with this reason. */
  rejectReason?: string;
  /** 收件 only: the decision (accept / 补正 / refuse) comes later (一次性告知制度 第三条). */
  intake?: boolean;
  manual?: ManualDate;
  /** A kind other than the guide's (第六条): the reason and the leader who approved it. */
  kindChange?: KindChange;
}

/** Reclassification 即办件 ⇄ 承诺件 against the guide: a reason, approved by a leader. */
export interface KindChange {
  reason: string;
  approver: Approver;
}

/** 限时办结制度 第六条: the guide's kind; a guide (or matter) that names none is a 承诺件 ("按20个工作日计算"). */
export function guideKind(matter: Matter): CaseKind {
  return matter.guide?.caseKind ?? 'promised';
}

export type DecideInput = Pick<
  AcceptInput,
  'kind' | 'promisedDays' | 'missingMaterials' | 'rejectReason' | 'manual' | 'kindChange'
> & { outcome: 'accept' | 'correction' | 'reject' };

/** Who decides an extension: a leader (分管领导) or the administrator. */
export interface Approver {
  id: string;
  name: string;
}

export class CaseStore {
  /** Official working day (holidays and make-up days); throws CalendarMissingError for a year without data. */
  private readonly isWorkingDay: WorkingDayTest;
  readonly #calendarMemo = new Map<string, boolean>();

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly timeZone: string,
    isWorkingDay: WorkingDayTest,
    /** Display names of staff (the approver on the 延期办理告知书). */
    private readonly staffName: (id: string) => string = (id) => id,
  ) {
    // Each answer remembered (the calendar changes only when a notice is saved on /admin, which clears this
    // through calendarChanged()); a missing year is never cached.
    const known = this.#calendarMemo;
    this.isWorkingDay = (date) => {
      let v = known.get(date);
      if (v === undefined) known.set(date, (v = isWorkingDay(date)));
      return v;
    };
  }

  today(): string {
    return localTime(this.clock(), this.timeZone).date;
  }

  accept(input: AcceptInput): CaseDetail {
    const kind = this.#kindOf(input.matter, input.kind, guideKind(input.matter), input.kindChange);
    const missing = input.missingMaterials?.filter((m) => m.trim()) ?? [];
    if (input.rejectReason !== undefined && !input.rejectReason.trim())
      throw new DomainError('reason-required', '不予受理必须写明理由');
    if (input.intake && (input.rejectReason !== undefined || missing.length || input.manual))
      throw new DomainError('intake-only', '“先收件”时不作受理决定：补正、不予受理请在审查后通过“受理决定”办理');
    // 第六条: the guide's promise, else its legal limit, else 20 working days; a typed number within the legal limit.
    const limit =
      kind === 'promised' && !input.intake && input.rejectReason === undefined
        ? this.#limit(input.matter, input.promisedDays)
        : null;
    return this.#tx(() => {
      const now = this.clock();
      const date = this.today();
      const seq =
        (this.db
          .prepare<[string], { s: number | null }>('SELECT MAX(day_seq) AS s FROM cases WHERE accepted_date = ?')
          .get(date)!.s ?? 0) + 1;
      const id = randomBytes(9).toString('base64url');
      this.db
        .prepare(
          `INSERT INTO cases (id, case_no, accepted_date, day_seq, matter_id, matter_name, kind, state, accepted_at, promised_days, promised_date,
             ticket_id, window_no, staff_id, applicant_masked, missing_materials, reason, matter_type, limit_source)
           VALUES (?, ?, ?, ?, ?, ?, ?, 'received', ?, ?, NULL, ?, ?, ?, ?, '[]', NULL, ?, ?)`,
        )
        .run(
          id,
          `${date.replaceAll('-', '')}-${String(seq).padStart(4, '0')}`,
          date,
          seq,
          input.matter.id,
          input.matter.name,
          kind,
          now.toISOString(),
          limit?.days ?? null,
          input.ticketId,
          input.windowNo,
          input.staffId,
          input.applicantMasked,
          input.matter.type,
          limit?.source ?? null,
        );
      recordApplicantContact(this.db, id, input.applicantIdMasked ?? null, input.applicantPhoneMasked ?? null);
      const fromGuide = guideKind(input.matter);
      if (kind !== fromGuide) this.#kindChanged(id, 'received', fromGuide, kind, input.kindChange!);
      if (input.intake) {
        const due = this.#correctionDue(input.matter.type, date);
        this.#history(
          id,
          'received',
          `已收件，待审查${due ? `（行政许可：应于 ${due} 前一次性告知补正或作出受理决定）` : ''}`,
          input.staffId,
        );
        return this.get(id)!;
      }
      this.#decide(
        this.#row(id),
        {
          kind,
          promisedDays: input.promisedDays,
          missingMaterials: missing,
          rejectReason: input.rejectReason,
          manual: input.manual,
          outcome: input.rejectReason !== undefined ? 'reject' : missing.length ? 'correction' : 'accept',
        },
        input.matter,
        input.staffId,
        limit,
      );
      return this.get(id)!;
    });
  }

  /** A 收件 (received) case gets its decision: accept, 补正, or refuse. */
  decide(id: string, input: DecideInput, matter: Matter, staffId: string): CaseDetail {
    const row0 = this.#row(id);
    if (row0.state !== 'received')
      throw new DomainError(
        'bad-transition',
        `办件 ${row0.case_no} 当前为“${CASE_STATE_NAMES[row0.state]}”，已作出过受理决定`,
      );
    const kind = this.#kindOf(matter, input.kind, row0.kind, input.kindChange);
    if (input.outcome === 'reject' && !input.rejectReason?.trim())
      throw new DomainError('reason-required', '不予受理必须写明理由');
    const limit = kind === 'promised' && input.outcome !== 'reject' ? this.#limit(matter, input.promisedDays) : null;
    return this.#tx(() => {
      const row = this.#row(id);
      if (row.state !== 'received') throw new DomainError('bad-transition', `办件 ${row.case_no} 已作出过受理决定`);
      this.db
        .prepare('UPDATE cases SET kind = ?, promised_days = ?, limit_source = ? WHERE id = ?')
        .run(kind, limit?.days ?? null, limit?.source ?? null, id);
      if (kind !== row.kind) this.#kindChanged(id, 'received', row.kind, kind, input.kindChange!);
      this.#decide({ ...row, kind }, { ...input, kind }, matter, staffId, limit);
      return this.get(id)!;
    });
  }

  /**
   * 限时办结制度 第六条: the guide says 即办件 or 承诺件; a guide that says neither is a 承诺件 of 20 working days.
   * A different kind than `current` (the guide's, or the one already approved) needs a reason and a leader.
   */
  #kindOf(matter: Matter, asked: CaseKind | undefined, current: CaseKind, change: KindChange | undefined): CaseKind {
    const kind = asked ?? current;
    if (kind === current) return kind;
    if (!change?.reason.trim())
      throw new DomainError(
        'kind-from-guide',
        `事项“${matter.name}”按办事指南为${current === 'promised' ? '承诺件' : '即办件'}，不能按${kind === 'promised' ? '承诺件' : '即办件'}办理；确需改变办件类型的，须写明理由并经分管领导批准`,
      );
    return kind;
  }

  #kindChanged(id: string, state: CaseState, from: CaseKind, to: CaseKind, change: KindChange): void {
    const name = (k: CaseKind) => (k === 'promised' ? '承诺件' : '即办件');
    this.#history(
      id,
      state,
      `办件类型由${name(from)}改为${name(to)}（经${change.approver.name}批准）：${change.reason.trim()}`,
      change.approver.id,
      'kind-changed',
    );
  }

  #limit(matter: Matter, typed: number | undefined): { days: number; source: LimitSource } {
    const l = timeLimit(matter.guide, typed);
    if ('error' in l) throw new DomainError('limit-over-legal', l.error);
    return l;
  }

  /** The decision on a case (inside a transaction): refused, 补正, finished on the spot, or accepted with its clock. */
  #decide(
    row: CaseRow,
    input: DecideInput,
    matter: Matter,
    staffId: string,
    limit: { days: number; source: LimitSource } | null,
  ): void {
    const today = this.today();
    const missing = input.missingMaterials?.filter((m) => m.trim()) ?? [];
    if (input.outcome === 'reject') {
      this.db
        .prepare("UPDATE cases SET state = 'rejected', reason = ? WHERE id = ?")
        .run(input.rejectReason!.trim(), row.id);
      this.#history(row.id, 'rejected', input.rejectReason!.trim(), staffId);
      return;
    }
    if (input.outcome === 'correction') {
      if (!missing.length) throw new DomainError('missing-required', '请列出需要补正的材料');
      // 第八条: the time limit runs from the day after the corrected materials arrive; until then it has not started.
      this.db
        .prepare("UPDATE cases SET state = 'correction', missing_materials = ?, correction_since = ? WHERE id = ?")
        .run(JSON.stringify(missing), today, row.id);
      this.#history(row.id, 'correction', `需补正：${missing.join('、')}`, staffId);
      this.#otherMaterials(row.id, missing, staffId);
      return;
    }
    if (row.kind === 'immediate' || (input.kind ?? row.kind) === 'immediate') {
      this.db
        .prepare("UPDATE cases SET state = 'finished', decided_date = ?, ended_date = ? WHERE id = ?")
        .run(today, today, row.id);
      this.#history(row.id, 'accepted', '即办件', staffId);
      this.#history(row.id, 'finished', '即办件，当场办结', staffId);
      return;
    }
    // 第八条 "其办结时限从收到申报材料,作出受理决定的次日起计算".
    this.db
      .prepare("UPDATE cases SET state = 'accepted', decided_date = ?, clock_start = ? WHERE id = ?")
      .run(today, today, row.id);
    const promised = this.#settle(row.id, input.manual, staffId);
    const source = LIMIT_SOURCE_NAMES[limit!.source];
    this.#history(
      row.id,
      'accepted',
      `承诺 ${limit!.days} 个工作日内办结（${source}），${promised.manual ? `${promised.date}（人工确认）` : promised.date} 前`,
      staffId,
    );
  }

  /**
   * After the clock's facts changed: store the promised date. When the count reaches a year the calendar lacks,
   * a date confirmed by hand (Monday–Friday, in that year, with a reason) is needed; otherwise 503.
   */
  #settle(id: string, manual: ManualDate | undefined, staffId: string): { date: string | null; manual: boolean } {
    const row = this.#row(id);
    const facts = this.#facts(row);
    if (facts.startAfter === null || facts.pauses.some((p) => p.to === null)) {
      this.db.prepare('UPDATE cases SET promised_date = NULL WHERE id = ?').run(id);
      return { date: null, manual: false };
    }
    let computed: string | null = null;
    let missingYear: string | null = null;
    try {
      computed = dueDate(
        facts.startAfter,
        facts.limitDays + facts.extensionDays + facts.applicantDays,
        facts.pauses,
        this.isWorkingDay,
      );
    } catch (err) {
      if (!(err instanceof CalendarMissingError)) throw err;
      missingYear = err.year;
    }
    if (computed !== null) {
      if (manual)
        throw new DomainError(
          'manual-date-not-needed',
          `节假日日历已载明所需年份，承诺办结日期按日历计算为 ${computed}，无需人工确认`,
        );
      this.db
        .prepare(
          'UPDATE cases SET promised_date = ?, manual_date = NULL, manual_reason = NULL, manual_checked = NULL WHERE id = ?',
        )
        .run(computed, id);
      return { date: computed, manual: false };
    }
    // The earliest date the promise can honestly be: the known year counted exactly, the new year as weekdays
    // less the statutory holidays of 《全国年节及纪念日放假办法》 (its notice can only add days off).
    const earliest = dueDate(
      facts.startAfter,
      facts.limitDays + facts.extensionDays + facts.applicantDays,
      facts.pauses,
      (d) => this.#plausibleWorkingDay(d),
    );
    if (!manual) {
      throw new DomainError(
        'calendar-missing',
        `节假日日历尚无 ${missingYear} 年的数据（国务院办公厅通常在上一年年底公布放假安排），无法计算承诺办结日期，请由窗口人工确认日期（选择周一至周五中的一天并写明理由），或请管理员在管理后台“节假日安排”录入国务院办公厅该年的放假通知`,
        undefined,
        { year: missingYear, earliest, earliestNote: `${earliest}（待核对）` },
      );
    }
    const reason = manual.reason.trim();
    if (!reason) throw new DomainError('reason-required', '人工确认承诺办结日期必须写明理由');
    if (!isRealDate(manual.date)) throw new DomainError('bad-date', '人工确认的日期格式应为 YYYY-MM-DD');
    if (!isWeekday(manual.date))
      throw new DomainError('manual-date-weekend', `${manual.date} 是周六或周日，请选择周一至周五中的一天`);
    const holiday = statutoryHoliday(manual.date);
    if (holiday)
      throw new DomainError(
        'manual-date-holiday',
        `${manual.date} 是法定节假日（${holiday}，《全国年节及纪念日放假办法》），请选择工作日；最早可确认为 ${earliest}（待核对）`,
        undefined,
        { earliest },
      );
    if (manual.date < earliest)
      throw new DomainError(
        'manual-date-too-early',
        `承诺 ${facts.limitDays + facts.extensionDays + facts.applicantDays} 个工作日，${manual.date} 不足该工作日数（已知年份按官方日历、${missingYear} 年按周一至周五扣除法定节假日计算），最早可确认为 ${earliest}（待核对）`,
        undefined,
        { earliest },
      );
    if (manual.date.slice(0, 4) !== missingYear)
      throw new DomainError(
        'manual-date-year',
        `按日历计算，承诺办结日期落在 ${missingYear} 年（日历尚无该年数据），请选择 ${missingYear} 年的工作日`,
      );
    this.db
      .prepare(
        'UPDATE cases SET promised_date = ?, manual_date = ?, manual_reason = ?, manual_checked = NULL WHERE id = ?',
      )
      .run(manual.date, manual.date, reason, id);
    this.#history(
      id,
      row.state,
      `承诺办结日期人工确认为 ${manual.date}（节假日日历尚无 ${missingYear} 年数据）：${reason}`,
      staffId,
      'manual-date',
    );
    return { date: manual.date, manual: true };
  }

  /** Materials arrived. The first time the clock restarts from the day after (第八条); after an omission it does not. */
  materialsReceived(id: string, staffId: string, manual?: ManualDate): CaseDetail {
    return this.#tx(() => {
      const row = this.#row(id);
      if (row.state !== 'correction')
        throw new DomainError('not-waiting-correction', `办件 ${row.case_no} 不在待补正状态`);
      const date = this.today();
      if (row.kind === 'immediate') {
        this.db
          .prepare(
            "UPDATE cases SET state = 'finished', missing_materials = '[]', decided_date = COALESCE(decided_date, ?), ended_date = ? WHERE id = ?",
          )
          .run(date, date, id);
        this.#history(id, 'accepted', '材料已补齐', staffId);
        this.#history(id, 'finished', '即办件，当场办结', staffId);
        return this.get(id)!;
      }
      // A 补正 after the 受理决定 (the clock already started) never restarts it: 第八条 and 一次性告知制度 第七条.
      const omission = row.clock_start !== null;
      if (omission) {
        // 第八条 "告知申请人补正材料时有遗漏的,其办结时限从收到第一次补正材料的次日起计算": the start stays.
        this.db
          .prepare(
            "UPDATE cases SET state = 'accepted', missing_materials = '[]', correction_since = NULL WHERE id = ?",
          )
          .run(id);
      } else {
        this.db
          .prepare(
            "UPDATE cases SET state = 'accepted', missing_materials = '[]', correction_since = NULL, first_materials_date = ?, clock_start = ?, decided_date = COALESCE(decided_date, ?) WHERE id = ?",
          )
          .run(date, date, date, id);
      }
      const promised = this.#settle(id, manual, staffId);
      const shown = promised.date ? `${promised.date}${promised.manual ? '（人工确认）' : ''} 前办结` : '';
      this.#history(
        id,
        'accepted',
        omission
          ? `补正材料已收到；时限仍自 ${row.clock_start} 的次日起计算，不重新计算${shown ? `，${shown}` : ''}`
          : `材料已补齐，自次日起重新计算时限${shown ? `：${shown}` : ''}`,
        staffId,
      );
      return this.get(id)!;
    });
  }

  advance(id: string, to: CaseState, note: string | null, staffId: string): CaseDetail {
    const row0 = this.#row(id);
    if (row0.state === 'reported') {
      if (to === 'finished') return this.returnFromAuthority(id, { outcome: 'approved', note }, staffId);
      if (to === 'not-approved') return this.returnFromAuthority(id, { outcome: 'not-approved', note }, staffId);
      if (to === 'rejected')
        throw new DomainError(
          'bad-transition',
          `办件 ${row0.case_no} 已受理并上报，不能再“不予受理”；上级不予批准的，请登记上级返回结果“不予批准”并写明理由`,
        );
    }
    return this.#tx(() => {
      const row = this.#row(id);
      if (!NEXT[row.state].includes(to)) {
        throw new DomainError(
          'bad-transition',
          `办件 ${row.case_no} 当前为“${CASE_STATE_NAMES[row.state]}”，不能改为“${CASE_STATE_NAMES[to]}”`,
        );
      }
      if (to === 'correction' || to === 'accepted' || row.state === 'received')
        throw new DomainError('use-dedicated-action', '补正、补齐材料和受理决定请使用专门的操作');
      if (to === 'reported')
        throw new DomainError('use-dedicated-action', '上报请写明接收的上级机关（POST /api/cases/:id/report）');
      if (to === 'rejected' && !note?.trim()) throw new DomainError('reason-required', '不予受理必须写明理由');
      const today = this.today();
      this.db
        .prepare(
          'UPDATE cases SET state = ?, reason = COALESCE(?, reason), ended_date = CASE WHEN ? THEN ? ELSE ended_date END WHERE id = ?',
        )
        .run(to, to === 'rejected' ? note : null, to === 'finished' ? 1 : 0, today, id);
      this.#history(id, to, note, staffId);
      return this.get(id)!;
    });
  }

  /** A promised case needs more materials after acceptance. The first time the clock stops; an omission does not stop it. */
  requestCorrection(id: string, missing: string[], staffId: string): CaseDetail {
    return this.#tx(() => {
      const row = this.#row(id);
      if (row.state !== 'accepted')
        throw new DomainError(
          'bad-transition',
          `办件 ${row.case_no} 当前为“${CASE_STATE_NAMES[row.state]}”，不能要求补正`,
        );
      const list = missing.filter((m) => m.trim());
      if (!list.length) throw new DomainError('missing-required', '请列出需要补正的材料');
      const today = this.today();
      // 一次性告知制度 第七条: an incomplete 告知 is the centre's own fault, not the applicant's delay. After the
      // 受理决定 the clock keeps running whatever is asked (限时办结制度 第八条 starts it once; only the leader's
      // 延期 of 第七条 or a recorded applicant delay of 第十三条 moves the date), so a late 补正 can hide no 超时
      // (第十二条(三)) and give no new term.
      this.db
        .prepare("UPDATE cases SET state = 'correction', missing_materials = ?, correction_since = ? WHERE id = ?")
        .run(JSON.stringify(list), today, id);
      this.#history(id, 'correction', `需补正：${list.join('、')}`, staffId);
      this.#otherMaterials(id, list, staffId);
      this.#history(
        id,
        'correction',
        row.first_materials_date !== null
          ? `告知补正材料时有遗漏（第一次补正材料已于 ${row.first_materials_date} 收到）：办结时限仍自 ${row.first_materials_date} 的次日起计算，等待期间照常计时`
          : `受理后补正：时限照常计算（仍自受理决定 ${row.clock_start ?? row.decided_date} 的次日起计算，等待期间计入本中心时限）`,
        staffId,
        'omission',
      );
      return this.get(id)!;
    });
  }

  /** 一次性告知制度: a 补正 that used the guide's 其它 item (the one free-text exception) is recorded for supervision. */
  #otherMaterials(id: string, list: readonly string[], staffId: string): void {
    const other = list.filter(isOtherItem);
    if (other.length)
      this.#history(id, 'correction', `使用办事指南“其它”项要求补正：${other.join('、')}`, staffId, 'other-material');
  }

  /** 第九条: reported to a higher authority on `date`; the centre's clock pauses from the next day. */
  report(id: string, input: { authority: string; date?: string }, staffId: string): CaseDetail {
    return this.#tx(() => {
      const row = this.#row(id);
      if (row.state !== 'accepted')
        throw new DomainError('bad-transition', `办件 ${row.case_no} 当前为“${CASE_STATE_NAMES[row.state]}”，不能上报`);
      const authority = input.authority.trim();
      if (!authority) throw new DomainError('authority-required', '请写明接收上报的上级机关、部门');
      const date = this.#reportDate(row, input.date);
      this.db
        .prepare('INSERT INTO case_pauses (case_id, authority, from_date, reported_by) VALUES (?, ?, ?, ?)')
        .run(id, authority, date, staffId);
      this.db.prepare("UPDATE cases SET state = 'reported', promised_date = NULL WHERE id = ?").run(id);
      this.#history(id, 'reported', `${date} 上报${authority}；上级办理期间暂停计时（不计入本中心办结时限）`, staffId);
      return this.get(id)!;
    });
  }

  /** The authority answered on `date`: 上级办结 (finished), 上级退回 (back at the centre, clock resumes) or 不予批准. */
  returnFromAuthority(
    id: string,
    input: { outcome: ReportOutcome; date?: string; note?: string | null; manual?: ManualDate },
    staffId: string,
  ): CaseDetail {
    return this.#tx(() => {
      const row = this.#row(id);
      if (row.state !== 'reported')
        throw new DomainError(
          'bad-transition',
          `办件 ${row.case_no} 当前为“${CASE_STATE_NAMES[row.state]}”，不在上报状态`,
        );
      const pause = this.db
        .prepare<[string], PauseRow & { id: number }>(
          'SELECT * FROM case_pauses WHERE case_id = ? AND to_date IS NULL ORDER BY id DESC',
        )
        .get(id)!;
      const date = this.#pastDate(input.date, pause.from_date, '上级返回日期');
      const note = input.note?.trim() || null;
      if (input.outcome === 'not-approved' && !note)
        throw new DomainError('reason-required', '上级不予批准的，必须写明理由（将打印在不予批准告知书上）');
      this.db
        .prepare('UPDATE case_pauses SET to_date = ?, outcome = ?, note = ?, returned_by = ? WHERE id = ?')
        .run(date, input.outcome, note, staffId, pause.id);
      const what = `${date} ${pause.authority}${REPORT_OUTCOME_NAMES[input.outcome]}${note ? `：${note}` : ''}`;
      if (input.outcome === 'returned') {
        this.db.prepare("UPDATE cases SET state = 'accepted' WHERE id = ?").run(id);
        const promised = this.#settle(id, input.manual, staffId);
        this.#history(
          id,
          'accepted',
          `${what}；恢复计时${promised.date ? `，${promised.date}${promised.manual ? '（人工确认）' : ''} 前办结` : ''}`,
          staffId,
          'returned',
        );
      } else {
        const to: CaseState = input.outcome === 'approved' ? 'finished' : 'not-approved';
        this.db
          .prepare(
            'UPDATE cases SET state = ?, ended_date = ?, reason = CASE WHEN ? THEN ? ELSE reason END WHERE id = ?',
          )
          .run(to, date, to === 'not-approved' ? 1 : 0, note, id);
        this.#settleQuietly(id);
        this.#history(id, to, what, staffId);
      }
      return this.get(id)!;
    });
  }

  /** 第七条: the window asks for more time, with a reason, before the promised date; a leader decides. */
  requestExtension(id: string, input: { days: number; reason: string }, staffId: string): CaseDetail {
    return this.#tx(() => {
      const row = this.#row(id);
      const reason = input.reason.trim();
      if (!reason) throw new DomainError('reason-required', '申请延期必须写明理由（将告知申请人）');
      if (row.kind !== 'promised' || row.state !== 'accepted')
        throw new DomainError(
          'not-running',
          `办件 ${row.case_no} 当前为“${CASE_STATE_NAMES[row.state]}”，只有正在计时的承诺件可以申请延期`,
        );
      if (
        this.db
          .prepare<[string], { n: number }>(
            "SELECT COUNT(*) AS n FROM case_extensions WHERE case_id = ? AND state = 'pending'",
          )
          .get(id)!.n
      ) {
        throw new DomainError('extension-pending', `办件 ${row.case_no} 已有待领导批准的延期申请`);
      }
      const refusal = extensionRefusal(this.today(), row.promised_date, this.isWorkingDay);
      if (refusal) throw new DomainError('extension-too-late', refusal);
      this.db
        .prepare(
          "INSERT INTO case_extensions (case_id, requested_at, requested_by, reason, days, old_date, state) VALUES (?, ?, ?, ?, ?, ?, 'pending')",
        )
        .run(id, this.clock().toISOString(), staffId, reason, input.days, row.promised_date);
      this.#history(
        id,
        row.state,
        `申请延期 ${input.days} 个工作日：${reason}（待领导书面批准）`,
        staffId,
        'extension-requested',
      );
      return this.get(id)!;
    });
  }

  /**
   * A leader (or the administrator) decides the pending request in writing: who, when, the new date. An approval
   * later than 3 working days before the old date is recorded as refused with that reason (第七条 提前3日书面告知).
   */
  decideExtension(
    id: string,
    input: { approve: boolean; note?: string | null },
    approver: Approver,
  ): { detail: CaseDetail; refusal: string | null } {
    return this.#tx(() => {
      const row = this.#row(id);
      const ext = this.db
        .prepare<[string], ExtensionRow>(
          "SELECT * FROM case_extensions WHERE case_id = ? AND state = 'pending' ORDER BY id DESC",
        )
        .get(id);
      if (!ext) throw new DomainError('no-pending-extension', `办件 ${row.case_no} 没有待批准的延期申请`);
      const now = this.clock().toISOString();
      const note = input.note?.trim() || null;
      const late = input.approve
        ? row.state === 'accepted'
          ? extensionRefusal(this.today(), row.promised_date, this.isWorkingDay)
          : '办件已不在计时状态，不能延期'
        : null;
      if (!input.approve || late) {
        this.db
          .prepare(
            "UPDATE case_extensions SET state = 'refused', decided_by = ?, decided_at = ?, decision_note = ? WHERE id = ?",
          )
          .run(approver.id, now, late ?? note, ext.id);
        this.#history(
          id,
          row.state,
          `${approver.name}未批准延期：${late ?? note ?? '（未写明理由）'}`,
          approver.id,
          'extension-refused',
        );
        return { detail: this.get(id)!, refusal: late };
      }
      this.db
        .prepare(
          "UPDATE case_extensions SET state = 'approved', decided_by = ?, decided_at = ?, decision_note = ? WHERE id = ?",
        )
        .run(approver.id, now, note, ext.id);
      const promised = this.#settle(id, undefined, approver.id);
      this.db.prepare('UPDATE case_extensions SET new_date = ? WHERE id = ?').run(promised.date, ext.id);
      this.#history(
        id,
        row.state,
        `${approver.name}书面批准延期 ${ext.days} 个工作日：新的办结时限 ${promised.date}（原 ${ext.old_date}）。请打印延期办理告知书交申请人`,
        approver.id,
        'extension-approved',
      );
      return { detail: this.get(id)!, refusal: null };
    });
  }

  /** 第十三条: days the applicant caused; they do not count against the centre. */
  applicantDelay(id: string, input: { days: number; reason: string }, staffId: string): CaseDetail {
    return this.#tx(() => {
      const row = this.#row(id);
      const reason = input.reason.trim();
      if (!reason) throw new DomainError('reason-required', '请写明申请人原因');
      if (row.kind !== 'promised' || !OPEN_STATES.includes(row.state))
        throw new DomainError(
          'not-running',
          `办件 ${row.case_no} 当前为“${CASE_STATE_NAMES[row.state]}”，只有未办结的承诺件可以登记申请人原因的延误`,
        );
      this.db
        .prepare('INSERT INTO case_applicant_delays (case_id, at, days, reason, actor) VALUES (?, ?, ?, ?, ?)')
        .run(id, this.clock().toISOString(), input.days, reason, staffId);
      this.#settleQuietly(id);
      const after = this.#row(id);
      this.#history(
        id,
        row.state,
        `因申请人原因延误 ${input.days} 个工作日（不计入本中心办结时限，视为按时办结）：${reason}${after.promised_date ? `；办结时限顺延至 ${after.promised_date}` : ''}`,
        staffId,
        'applicant-delay',
      );
      return this.get(id)!;
    });
  }

  /** The official calendar where it exists; for a missing year, Monday–Friday less the statutory holidays. */
  #plausibleWorkingDay(date: string): boolean {
    try {
      return this.isWorkingDay(date);
    } catch (err) {
      if (!(err instanceof CalendarMissingError)) throw err;
      return isPlausibleWorkingDay(date);
    }
  }

  /** Store the promised date again when it can be computed; a hand-confirmed one stands (the check flags it). */
  #settleQuietly(id: string): void {
    const row = this.#row(id);
    if (row.manual_date) return;
    const facts = this.#facts(row);
    if (facts.startAfter === null || facts.pauses.some((p) => p.to === null)) return;
    try {
      this.db
        .prepare('UPDATE cases SET promised_date = ? WHERE id = ?')
        .run(
          dueDate(
            facts.startAfter,
            facts.limitDays + facts.extensionDays + facts.applicantDays,
            facts.pauses,
            this.isWorkingDay,
          ),
          id,
        );
    } catch (err) {
      if (!(err instanceof CalendarMissingError)) throw err;
    }
  }

  /**
   * At start-up (after config/holidays.json is read): every hand-confirmed date whose year the calendar now
   * carries is recomputed once; the history says whether it agrees. Returns one line per newly checked case.
   */
  checkManualDates(): string[] {
    const lines: string[] = [];
    this.#tx(() => {
      const rows = this.db
        .prepare<[], CaseRow>('SELECT * FROM cases WHERE manual_date IS NOT NULL AND manual_checked IS NULL')
        .all();
      for (const row of rows) {
        const clock = this.#clock(row);
        const m = clock?.manual;
        if (!m || m.check === 'unchecked' || !m.computedDate) continue;
        this.db.prepare('UPDATE cases SET manual_checked = ? WHERE id = ?').run(m.computedDate, row.id);
        const text =
          m.check === 'agrees'
            ? `节假日日历已载明 ${m.date.slice(0, 4)} 年数据：按日历计算承诺办结日期为 ${m.computedDate}，与人工确认的日期一致`
            : `节假日日历已载明 ${m.date.slice(0, 4)} 年数据：按日历计算承诺办结日期应为 ${m.computedDate}，与人工确认的 ${m.date} 不一致，请核对并告知申请人`;
        this.#history(row.id, row.state, text, 'system', 'manual-date-checked');
        lines.push(`办件 ${row.case_no}：${text}`);
      }
    });
    return lines;
  }

  /**
   * The administrator entered the State Council's notice for `year` on /admin (issue 24 ⑪). 限时办结制度 第八条
   * "限时办结时间以工作日计算": every open promised case whose date was confirmed by hand for that year (待核对)
   * — or was counted through that year on an earlier version of the notice — is counted again on the official
   * calendar; its promised date becomes the calendar's, and its history says from what to what and under which
   * notice. A count that still reaches a year without data is left as it is. Call after the calendar changed.
   */
  recomputeForNotice(year: string, notice: string, staffId: string): RecomputedCase[] {
    this.#calendarMemo.clear();
    const changed: RecomputedCase[] = [];
    this.#tx(() => {
      const rows = this.db
        .prepare<[string, string], CaseRow>(
          `SELECT * FROM cases WHERE kind = 'promised' AND state IN ('accepted','reported','correction')
             AND (manual_date LIKE ? OR promised_date LIKE ?) ORDER BY accepted_at`,
        )
        .all(`${year}-%`, `${year}-%`);
      for (const row of rows) {
        const facts = this.#facts(row);
        if (facts.startAfter === null || facts.pauses.some((p) => p.to === null)) continue;
        let computed: string;
        try {
          computed = dueDate(
            facts.startAfter,
            facts.limitDays + facts.extensionDays + facts.applicantDays,
            facts.pauses,
            this.isWorkingDay,
          );
        } catch (err) {
          if (err instanceof CalendarMissingError) continue;
          throw err;
        }
        const before = row.manual_date ?? row.promised_date;
        const wasManual = row.manual_date !== null;
        if (!wasManual && computed === before) continue;
        this.db
          .prepare(
            'UPDATE cases SET promised_date = ?, manual_date = NULL, manual_reason = NULL, manual_checked = ? WHERE id = ?',
          )
          .run(computed, wasManual ? computed : row.manual_checked, row.id);
        const what = wasManual ? `人工确认的承诺办结日期 ${before}（待核对）` : `承诺办结日期 ${before}`;
        const text =
          computed === before
            ? `已录入${notice}，按官方日历重新计算：${what} 与日历一致，确认为 ${computed}`
            : `已录入${notice}，按官方日历重新计算：${what} 改为 ${computed}，请告知申请人`;
        this.#history(row.id, row.state, text, staffId, 'manual-date-checked');
        changed.push({ caseNo: row.case_no, before: before ?? '', after: computed, wasManual });
      }
    });
    return changed;
  }

  /** Open cases whose promised date still stands as confirmed by hand (待核对). */
  countManualOpen(): number {
    return this.db
      .prepare<[], { n: number }>(
        "SELECT COUNT(*) AS n FROM cases WHERE manual_date IS NOT NULL AND state IN ('accepted','reported','correction')",
      )
      .get()!.n;
  }

  get(id: string): CaseDetail | null {
    const row = this.db.prepare<[string], CaseRow>('SELECT * FROM cases WHERE id = ?').get(id);
    return row ? this.#detail(row) : null;
  }

  /** The clock of a case as of a past or present day (statistics at the end of a range). */
  clockAsOf(id: string, asOf: string): CaseClock | null {
    const row = this.db.prepare<[string], CaseRow>('SELECT * FROM cases WHERE id = ?').get(id);
    return row ? this.#clock(row, asOf) : null;
  }

  /** 限时办结 supervision, on the centre's own working days (第九条, 第十三条), not the bare calendar date. */
  supervision(soonDays = 2): CaseSupervision {
    const today = this.today();
    const soon = new Date(Date.parse(today + 'T00:00:00Z') + soonDays * 86_400_000).toISOString().slice(0, 10);
    const open = this.db
      .prepare<[], CaseRow>(
        "SELECT * FROM cases WHERE kind = 'promised' AND state IN ('accepted','reported','correction') ORDER BY promised_date, accepted_at",
      )
      .all()
      .map((r) => this.#detail(r));
    const running = open.filter((c) => c.clock && c.clock.running !== 'not-started');
    const pendingIds = new Set(
      this.db
        .prepare<[], { case_id: string }>("SELECT DISTINCT case_id FROM case_extensions WHERE state = 'pending'")
        .all()
        .map((r) => r.case_id),
    );
    const manualRows = this.db
      .prepare<[], CaseRow>(
        "SELECT * FROM cases WHERE manual_date IS NOT NULL AND state NOT IN ('collected') ORDER BY manual_date",
      )
      .all()
      .map((r) => this.#detail(r));
    // 急事特办 first (第三条 "随到随办"): the open urgent cases, earliest target first; urgent ones lead each list.
    const urgentFirst = (list: CaseDetail[]) => [...list].sort((a, b) => Number(!a.urgent) - Number(!b.urgent));
    return {
      urgent: open
        .filter((c) => c.urgent)
        .sort(
          (a, b) =>
            a.urgent!.targetDate.localeCompare(b.urgent!.targetDate) || a.acceptedAt.localeCompare(b.acceptedAt),
        ),
      overdue: urgentFirst(running.filter((c) => c.clock!.overdue)),
      dueSoon: running.filter(
        (c) =>
          !c.clock!.overdue &&
          c.clock!.running === 'running' &&
          c.clock!.promisedDate !== null &&
          c.clock!.promisedDate <= soon,
      ),
      pendingExtensions: open.filter((c) => pendingIds.has(c.id)),
      manualDates: manualRows.filter((c) => OPEN_STATES.includes(c.state) || c.clock?.manual?.check === 'disagrees'),
      correctionWatch: this.db
        .prepare<[], CaseRow>("SELECT * FROM cases WHERE state = 'received' ORDER BY accepted_at")
        .all()
        .map((r) => this.#detail(r)),
      reported: open.filter((c) => c.state === 'reported'),
      otherMaterials: open.filter((c) => c.history.some((h) => h.action === 'other-material')),
      verificationsPending: this.verifications({})
        .filter((v) => v.decidedAt === null)
        .map((v) => this.get(v.caseId)!),
    };
  }

  /**
   * 限时办结制度 第十条、第十一条 "纳入…工作人员考核": each case accepted (受理决定) in [from, to], with who accepted
   * it and its clock as of today: the facts the per-staff timeliness table counts.
   */
  timelinessFacts(
    from: string,
    to: string,
  ): {
    staffId: string;
    windowNo: number;
    kind: CaseKind;
    ended: boolean;
    overdue: boolean;
    extensions: number;
    corrections: number;
    urgentLate: boolean;
  }[] {
    // The cases accepted in the range, judged as they stand today (a case accepted in the range and finished
    // after it still counts as finished on time or late).
    const asOf = this.today();
    return this.db
      .prepare<[string, string], CaseRow>(
        "SELECT * FROM cases WHERE decided_date IS NOT NULL AND decided_date BETWEEN ? AND ? AND state != 'rejected' ORDER BY accepted_at",
      )
      .all(from, to)
      .map((row) => {
        const clock = this.#clock(row, asOf);
        const count = (sql: string) => this.db.prepare<[string], { n: number }>(sql).get(row.id)!.n;
        return {
          staffId: row.staff_id,
          windowNo: row.window_no,
          kind: row.kind,
          ended: row.ended_date !== null && row.ended_date <= asOf,
          overdue: clock?.overdue ?? false,
          urgentLate: clock?.urgent?.late ?? false,
          extensions: count("SELECT COUNT(*) AS n FROM case_extensions WHERE case_id = ? AND state = 'approved'"),
          corrections: count("SELECT COUNT(*) AS n FROM case_history WHERE case_id = ? AND action = 'omission'"),
        };
      });
  }

  /**
   * 超时查实 (限时办结制度 第十二条、第十四条; seed 001 责任追究制): a leader records why an overdue case was late
   * (本中心原因 / 申请人原因 / 上级部门原因), who was responsible and the measure taken. Once per case.
   */
  verify(
    id: string,
    input: { cause: OverdueCause; responsibleStaff: string | null; measure: string },
    approver: Approver,
  ): CaseVerification {
    return this.#tx(() => {
      const row = this.#row(id);
      const clock = this.#clock(row);
      if (!clock?.overdue) throw new DomainError('not-overdue', `办件 ${row.case_no} 没有超时，无需超时查实`);
      const measure = input.measure.trim();
      if (!measure) throw new DomainError('reason-required', '请写明处理措施（责任追究或整改）');
      if (input.cause === 'centre' && !input.responsibleStaff)
        throw new DomainError('reason-required', '本中心原因的超时须写明责任人');
      if (this.db.prepare('SELECT 1 FROM case_verifications WHERE case_id = ?').get(id))
        throw new DomainError('already-verified', `办件 ${row.case_no} 已有超时查实记录`);
      this.db
        .prepare(
          'INSERT INTO case_verifications (case_id, cause, responsible_staff, measure, decided_by, decided_at) VALUES (?, ?, ?, ?, ?, ?)',
        )
        .run(id, input.cause, input.responsibleStaff, measure, approver.id, this.clock().toISOString());
      this.#history(
        id,
        row.state,
        `超时查实（${approver.name}）：${OVERDUE_CAUSE_NAMES[input.cause]}${input.responsibleStaff ? `，责任人 ${this.staffName(input.responsibleStaff)}` : ''}；处理措施：${measure}`,
        approver.id,
        'verified',
        { cause: input.cause },
      );
      return this.verifications({ caseId: id })[0]!;
    });
  }

  /** Overdue cases (accepted in [from, to], or one case) with their 查实 record, or null fields while pending. */
  verifications(filter: { from?: string; to?: string; caseId?: string }): CaseVerification[] {
    const rows = this.db
      .prepare<[string | null, string | null, string | null, string | null, string | null, string | null], CaseRow>(
        `SELECT * FROM cases WHERE kind = 'promised' AND state NOT IN ('received', 'rejected')
           AND (? IS NULL OR accepted_date >= ?) AND (? IS NULL OR accepted_date <= ?) AND (? IS NULL OR id = ?)
         ORDER BY accepted_at`,
      )
      .all(
        filter.from ?? null,
        filter.from ?? null,
        filter.to ?? null,
        filter.to ?? null,
        filter.caseId ?? null,
        filter.caseId ?? null,
      );
    const out: CaseVerification[] = [];
    for (const row of rows) {
      const clock = this.#clock(row);
      if (!clock?.overdue) continue;
      const v = this.db
        .prepare<
          [string],
          {
            cause: OverdueCause;
            responsible_staff: string | null;
            measure: string;
            decided_by: string;
            decided_at: string;
          }
        >('SELECT * FROM case_verifications WHERE case_id = ?')
        .get(row.id);
      out.push({
        caseId: row.id,
        caseNo: row.case_no,
        matterName: row.matter_name,
        windowNo: row.window_no,
        staffId: row.staff_id,
        promisedDate: clock.promisedDate,
        overdueDays: this.#overdueDays(row, clock),
        urgentLate: clock.urgent?.late ?? false,
        cause: v?.cause ?? null,
        responsibleStaff: v?.responsible_staff ?? null,
        measure: v?.measure ?? null,
        decidedBy: v?.decided_by ?? null,
        decidedAt: v?.decided_at ?? null,
      });
    }
    return out;
  }

  /**
   * Working days past what was allowed: the promised term (第十二条(三)), or for an urgent case finished after its
   * target (第十二条(四)) the working days after the target, whichever is more.
   */
  #overdueDays(row: CaseRow, clock: CaseClock): number | null {
    const term = clock.usedDays === null ? null : clock.usedDays - clock.allowedDays;
    if (!clock.urgent?.late) return term;
    const until = row.ended_date ?? this.today();
    const late = this.#safeCount(() => -workingDaysLeft(until, clock.urgent!.targetDate, this.isWorkingDay));
    if (late === null) return term;
    return term === null ? late : Math.max(term, late);
  }

  list(filter: { windowNo?: number; date?: string }): CaseDetail[] {
    const rows = this.db
      .prepare<[number | null, number | null, string | null, string | null], CaseRow>(
        'SELECT * FROM cases WHERE (? IS NULL OR window_no = ?) AND (? IS NULL OR accepted_date = ?) ORDER BY accepted_at DESC LIMIT 200',
      )
      .all(filter.windowNo ?? null, filter.windowNo ?? null, filter.date ?? null, filter.date ?? null);
    return rows.map((r) => this.#detail(r));
  }

  /**
   * 第九条 takes the authority's days off the centre's clock, so a backdated report-up would erase days the
   * centre already used. The date may be at most one working day before today and never before the case's
   * last recorded event (its acceptance, materials, return, …).
   */
  /**
   * The start date of a 公示 stage recorded at the window (issue 22 ⑦): today by default, at most the previous working
   * day (a notice posted on the 公示栏 yesterday and recorded this morning), never before the case's 受理决定 — a 公示
   * dated back would let a clerk finish a 须公示 case at once, with no public notice period having run.
   */
  publicityStartDate(caseId: string, date: string | undefined): string {
    const row = this.#row(caseId);
    const picked = this.#pastDate(date, row.decided_date ?? row.accepted_date, '公示开始日期');
    const oneBack = this.#oneWorkingDayBack();
    if (picked < oneBack)
      throw new DomainError(
        'bad-date',
        `公示开始日期 ${picked} 过早：最早只能登记为上一个工作日（${oneBack}），公示期须从实际张贴之日起算`,
      );
    return picked;
  }

  /** The working day before today (on the official calendar; weekdays where the year is not yet published). */
  #oneWorkingDayBack(): string {
    const today = this.today();
    let oneBack = today;
    for (let d = today, i = 0; i < 15; i++) {
      d = new Date(Date.parse(`${d}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
      let working: boolean;
      try {
        working = this.isWorkingDay(d);
      } catch (err) {
        if (!(err instanceof CalendarMissingError)) throw err;
        working = isWeekday(d);
      }
      if (working) {
        oneBack = d;
        break;
      }
    }
    return oneBack;
  }

  /**
   * 第九条 takes the authority's days off the centre's clock, so a backdated report-up would erase days the
   * centre already used. The date may be at most one working day before today and never before the case's
   * last recorded event (its acceptance, materials, return, …).
   */
  #reportDate(row: CaseRow, date: string | undefined): string {
    const lastAt = this.db
      .prepare<[string], { at: string | null }>('SELECT MAX(at) AS at FROM case_history WHERE case_id = ?')
      .get(row.id)!.at;
    const lastEvent = [
      row.clock_start,
      row.decided_date,
      row.first_materials_date,
      lastAt ? localTime(new Date(lastAt), this.timeZone).date : null,
    ]
      .filter((d): d is string => d !== null)
      .reduce((a, b) => (a > b ? a : b), row.accepted_date);
    const picked = this.#pastDate(date, lastEvent, '上报日期');
    const oneBack = this.#oneWorkingDayBack();
    if (picked < oneBack)
      throw new DomainError(
        'bad-date',
        `上报日期 ${picked} 过早：最早只能登记为上一个工作日（${oneBack}），已经用去的办理时间不能通过补登上报日期扣除`,
      );
    return picked;
  }

  /** A date for report/return: YYYY-MM-DD, not in the future, not before `notBefore`; default today. */
  #pastDate(date: string | undefined, notBefore: string, what: string): string {
    const today = this.today();
    if (date === undefined) return today;
    if (!isRealDate(date)) throw new DomainError('bad-date', `${what}格式应为 YYYY-MM-DD`);
    if (date > today) throw new DomainError('bad-date', `${what} ${date} 晚于今天`);
    if (date < notBefore) throw new DomainError('bad-date', `${what} ${date} 早于 ${notBefore}`);
    return date;
  }

  #correctionDue(type: MatterType | null, receivedOn: string): string | null {
    try {
      return correctionNoticeDue(type, receivedOn, this.isWorkingDay);
    } catch (err) {
      if (err instanceof CalendarMissingError) return null;
      throw err;
    }
  }

  #row(id: string): CaseRow {
    const row = this.db.prepare<[string], CaseRow>('SELECT * FROM cases WHERE id = ?').get(id);
    if (!row) throw notFound('该办件');
    return row;
  }

  #pauses(id: string): PauseRow[] {
    return this.db
      .prepare<[string], PauseRow>(
        'SELECT authority, from_date, to_date, outcome, note FROM case_pauses WHERE case_id = ? ORDER BY id',
      )
      .all(id);
  }

  #facts(row: CaseRow): ClockFacts {
    const extensionDays =
      this.db
        .prepare<[string], { d: number | null }>(
          "SELECT SUM(days) AS d FROM case_extensions WHERE case_id = ? AND state = 'approved'",
        )
        .get(row.id)!.d ?? 0;
    const applicantDays =
      this.db
        .prepare<[string], { d: number | null }>('SELECT SUM(days) AS d FROM case_applicant_delays WHERE case_id = ?')
        .get(row.id)!.d ?? 0;
    return {
      limitDays: row.promised_days ?? 0,
      limitSource: row.limit_source ?? 'window',
      acceptedOn: row.decided_date,
      startAfter: row.clock_start,
      waitingCorrectionSince: row.clock_start === null ? row.correction_since : null,
      pauses: this.#pauses(row.id).map((p) => ({ from: p.from_date, to: p.to_date })),
      extensionDays,
      applicantDays,
      endedOn: row.ended_date,
      manual: row.manual_date ? { date: row.manual_date, reason: row.manual_reason ?? '' } : null,
    };
  }

  #clock(row: CaseRow, asOf = this.today()): CaseClock | null {
    if (row.kind !== 'promised' || row.promised_days === null || row.state === 'rejected' || row.state === 'received')
      return null;
    // 急事特办 (第三条、第十二条(四)): an urgent case's own target, applied to the one clock every figure reads.
    return withUrgent(
      computeClock(this.#facts(row), asOf, this.isWorkingDay),
      readMark(this.db, 'case', row.id),
      row.ended_date,
      asOf,
    );
  }

  /** A line in the case history written by another store (急事特办, server/urgent/), in the caller's transaction. */
  note(id: string, note: string, actor: string, action: CaseAction | null = null): void {
    const row = this.#row(id);
    this.#history(id, row.state, note, actor, action);
  }

  #history(
    caseId: string,
    state: CaseState,
    note: string | null,
    actor: string,
    action: CaseAction | null = null,
    /** Facts of the step for the event log (never a name or free text): the 查实 cause. */
    extra: Record<string, string> = {},
  ): void {
    const at = this.clock().toISOString();
    this.db
      .prepare('INSERT INTO case_history (case_id, at, state, note, actor, action) VALUES (?, ?, ?, ?, ?, ?)')
      .run(caseId, at, state, note, actor, action);
    // The event log carries what statistics need (matter, kind, dates, the centre's own timeliness), never the applicant.
    const row = this.#row(caseId);
    const clock = state === 'finished' || state === 'not-approved' ? this.#clock(row) : null;
    const data = {
      caseId,
      matterId: row.matter_id,
      kind: row.kind,
      promisedDate: row.promised_date,
      ...(clock ? { onTime: !clock.overdue, usedDays: clock.usedDays, allowedDays: clock.allowedDays } : {}),
      ...extra,
    };
    this.db
      .prepare(
        'INSERT INTO events (at, actor, type, ticket_id, window_no, category_id, data) VALUES (?, ?, ?, ?, ?, NULL, ?)',
      )
      .run(at, actor, action ? `case.${action}` : `case.${state}`, row.ticket_id, row.window_no, JSON.stringify(data));
  }

  #detail(row: CaseRow): CaseDetail {
    const history = this.db
      .prepare<[string], { at: string; state: CaseState; note: string | null; action: CaseAction | null }>(
        'SELECT at, state, note, action FROM case_history WHERE case_id = ? ORDER BY id',
      )
      .all(row.id);
    const today = this.today();
    const pauses: CasePause[] = this.#pauses(row.id).map((p) => ({
      authority: p.authority,
      from: p.from_date,
      to: p.to_date,
      outcome: p.outcome,
      note: p.note,
      days: this.#safeCount(() => workingDaysLeft(p.from_date, p.to_date ?? today, this.isWorkingDay)),
    }));
    const extensions: CaseExtension[] = this.db
      .prepare<[string], ExtensionRow>('SELECT * FROM case_extensions WHERE case_id = ? ORDER BY id')
      .all(row.id)
      .map((e) => ({
        id: e.id,
        requestedAt: e.requested_at,
        requestedBy: e.requested_by,
        reason: e.reason,
        days: e.days,
        oldDate: e.old_date,
        newDate: e.new_date,
        state: e.state,
        decidedBy: e.decided_by,
        decidedByName: e.decided_by ? this.staffName(e.decided_by) : null,
        decidedAt: e.decided_at,
        decisionNote: e.decision_note,
      }));
    const applicantDelays: ApplicantDelay[] = this.db
      .prepare<[string], ApplicantDelay>(
        'SELECT at, days, reason FROM case_applicant_delays WHERE case_id = ? ORDER BY id',
      )
      .all(row.id);
    const correctionDue = row.state === 'received' ? this.#correctionDue(row.matter_type, row.accepted_date) : null;
    const clock = this.#clock(row);
    return {
      id: row.id,
      caseNo: row.case_no,
      matterId: row.matter_id,
      matterName: row.matter_name,
      kind: row.kind,
      state: row.state,
      acceptedAt: row.accepted_at,
      promisedDate: clock ? clock.promisedDate : row.promised_date,
      promisedDays: row.promised_days,
      ticketId: row.ticket_id,
      windowNo: row.window_no,
      applicantMasked: row.applicant_masked,
      ...(({ idMasked, phoneMasked }) => ({ applicantIdMasked: idMasked, applicantPhoneMasked: phoneMasked }))(
        applicantContact(this.db, row.id),
      ),
      history,
      missingMaterials: JSON.parse(row.missing_materials) as string[],
      reason: row.reason,
      matterType: row.matter_type,
      clock,
      pauses,
      extensions,
      applicantDelays,
      correctionDue,
      correctionDaysLeft: correctionDue
        ? this.#safeCount(() => workingDaysLeft(today, correctionDue, this.isWorkingDay))
        : null,
      urgent: this.#urgentMark(row.id),
    };
  }

  /** 急事特办 mark of a case, with the display names of who marked it and who set its target. */
  #urgentMark(id: string): CaseRecord['urgent'] {
    const mark = readMark(this.db, 'case', id);
    if (!mark) return null;
    return {
      ...mark,
      markedByName: this.staffName(mark.markedBy),
      targetSetByName: mark.targetSetBy ? this.staffName(mark.targetSetBy) : null,
    };
  }

  #safeCount(f: () => number): number | null {
    try {
      return f();
    } catch (err) {
      if (err instanceof CalendarMissingError) return null;
      throw err;
    }
  }

  #tx<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate();
  }
}
