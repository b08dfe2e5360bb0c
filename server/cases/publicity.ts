// 公示 (issue 22 ⑦): a case of a matter marked 须公示 gets a 公示 stage during 审核, as seed 004 附件2 asks —
// ㈠ 低保 and ㈡ 廉租房 “(做好审核阶段的公示、接受社会监督等工作)”, 资助居家托老残疾人申请 “中心和社区进行公示”
// (before 市残联审批); 包户干部工作职责 ⑥ “相关符合政策居民情况在辖区内进行公示,并收集居民投诉”.
// - The 公示期: seed 004 states no length, so it is the centre's setting `center.publicityDays` (default 7),
//   calendar days from the start date, both ends included.
// - The notice (masked applicant, matter, 公示期) is public: /api/announcements and the hall display's band.
// - An objection (异议) is a complaint in the registers' 意见和投诉登记, linked to the case here.
// - The case cannot be reported, finished or collected before the 公示期 ends (`publicity-running`).
// - 公示 is required: without one started, the case is not reported, finished or collected (`publicity-required`).
// - 公示 does not stop the 限时办结 clock: 限时办结制度 only takes out days the applicant caused (第十三条
//   “因申请人原因,导致未在承诺时限內办结的,视为按时办结”) and days a leader approves (第七条 延期); and 总则
//   “社区业务代办员初审上报等工作时间不能超过2天(需公示的按照规定进行公示后上报)” puts 公示 inside the
//   working time, not outside it. So nothing here touches the clock.
import { DomainError, notFound } from '../common/errors.ts';
import type { Db } from '../store/db.ts';
import type { CasePublicityStage, PublicityNotice } from '../contract/cases.ts';
import { maskName } from '../contract/privacy.ts';
import { DATE, obj, optional, str, literal } from '../contract/schema.ts';
import type { Matter } from '../contract/matters.ts';
import type { AppContext } from '../app-context.ts';
import { readBody, sendJson, type Router } from '../http/kit.ts';
import { localTime } from '../common/clock.ts';
import type { CaseStore } from './store.ts';
import type { RegisterStore } from '../registers/store.ts';

function addCalendarDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** States in which 公示 may start: the case is being examined (审核) at the centre. */
const OPEN_STATES = new Set(['accepted']);
/** Moves that go past 公示. */
export const PAST_PUBLICITY = new Set(['reported', 'finished', 'collected']);

export class CasePublicity {
  constructor(private readonly db: Db) {}

  /** Start the 公示 stage on `startDate` for `days` calendar days (start day included). */
  start(caseId: string, startDate: string, days: number, staffId: string, now: Date): void {
    if (this.db.prepare('SELECT 1 FROM case_publicity WHERE case_id = ?').get(caseId))
      throw new DomainError('publicity-started', '该办件已开始公示');
    const endDate = addCalendarDays(startDate, days - 1);
    this.db
      .prepare(
        'INSERT INTO case_publicity (case_id, start_date, end_date, days, started_by, started_at) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run(caseId, startDate, endDate, days, staffId, now.toISOString());
  }

  stage(caseId: string, today: string): CasePublicityStage | null {
    const row = this.db
      .prepare('SELECT start_date, end_date, days, started_by FROM case_publicity WHERE case_id = ?')
      .get(caseId) as { start_date: string; end_date: string; days: number; started_by: string } | undefined;
    if (!row) return null;
    const objections = (
      this.db
        .prepare('SELECT complaint_id FROM case_publicity_objections WHERE case_id = ? ORDER BY rowid')
        .all(caseId) as { complaint_id: string }[]
    ).map((r) => r.complaint_id);
    return {
      startDate: row.start_date,
      endDate: row.end_date,
      days: row.days,
      startedBy: row.started_by,
      objections,
      over: today > row.end_date,
    };
  }

  linkObjection(caseId: string, complaintId: string): void {
    this.db
      .prepare('INSERT INTO case_publicity_objections (complaint_id, case_id) VALUES (?, ?)')
      .run(complaintId, caseId);
  }

  /** Throws `publicity-running` when the case's 公示期 has not ended by `today`. */
  assertOver(caseId: string, today: string): void {
    const s = this.stage(caseId, today);
    if (s && !s.over)
      throw new DomainError(
        'publicity-running',
        `该办件正在公示（公示期 ${s.startDate} 至 ${s.endDate}），公示期满后方可上报或办结`,
        undefined,
        { endDate: s.endDate },
      );
  }

  /**
   * A case of a 须公示 matter goes past 审核 only after its 公示 has been held (issue 22 ⑦): seed 004 附件2 ㈠ 低保
   * “受理审核(做好审核阶段的公示、接受社会监督等工作)” then “上报审批”, and 总则 “需公示的按照规定进行公示后上报”.
   * Throws `publicity-required` when 公示 was never started, `publicity-running` while its 公示期 runs.
   */
  assertHeld(caseId: string, required: boolean, today: string): void {
    if (required && !this.db.prepare('SELECT 1 FROM case_publicity WHERE case_id = ?').get(caseId))
      throw new DomainError('publicity-required', '该事项须公示：请先开始公示，公示期满后方可上报或办结');
    this.assertOver(caseId, today);
  }

  /** Notices in their 公示期 today (started, not ended), for the public: applicant masked. */
  notices(today: string): PublicityNotice[] {
    return (
      this.db
        .prepare(
          `SELECT c.case_no, c.matter_name, c.applicant_masked, r.applicant_name, p.start_date, p.end_date, p.days
             FROM case_publicity p JOIN cases c ON c.id = p.case_id LEFT JOIN case_register r ON r.case_id = c.id
            WHERE p.start_date <= ? AND p.end_date >= ?
              AND c.state NOT IN ('rejected', 'not-approved')
            ORDER BY p.start_date DESC, c.case_no`,
        )
        .all(today, today) as {
        case_no: string;
        matter_name: string;
        applicant_masked: string | null;
        applicant_name: string | null;
        start_date: string;
        end_date: string;
        days: number;
      }[]
    ).map((r) => ({
      caseNo: r.case_no,
      matterName: r.matter_name,
      applicant: r.applicant_name ? maskName(r.applicant_name) : (r.applicant_masked ?? ''),
      startDate: r.start_date,
      endDate: r.end_date,
      days: r.days,
    }));
  }
}

const StartBody = obj({ startDate: optional(DATE) });
const ObjectionBody = obj({
  content: str({ min: 1, max: 1000 }),
  source: optional(
    literal(['counter', 'phone', 'box'] as const, { counter: '窗口登记', phone: '电话', box: '意见箱' }),
  ),
  name: optional(str({ max: 40 })),
  phone: optional(str({ max: 40 })),
});

export interface PublicityServices {
  cases: CaseStore;
  publicity: CasePublicity;
  registers: RegisterStore;
  matter(id: string): Matter | null;
}

export function publicityRoutes(services: PublicityServices) {
  return (router: Router, ctx: AppContext): void => {
    const { cases, publicity, registers } = services;
    const today = () => localTime(ctx.clock(), ctx.config.center.timezone).date;
    const caseOf = (id: string) => {
      const detail = cases.get(id);
      if (!detail) throw notFound('该办件');
      return detail;
    };

    // Staff of the case's window (or a leader/admin) start the 公示 stage.
    router.add('POST', '/api/cases/:id/publicity', async (req, res) => {
      const detail = caseOf(req.params.id!);
      const session = ctx.access.requireWindowWork(req, detail.windowNo);
      const body = await readBody(req, StartBody);
      if (!services.matter(detail.matterId)?.announce)
        throw new DomainError('publicity-not-required', `事项“${detail.matterName}”的办事指南未要求公示`);
      if (!OPEN_STATES.has(detail.state))
        throw new DomainError('publicity-not-required', '只有审核中的办件才能开始公示');
      const start = cases.publicityStartDate(detail.id, body.startDate);
      publicity.start(detail.id, start, ctx.config.center.publicityDays, session.staffId, ctx.clock());
      sendJson(res, 201, { publicity: publicity.stage(detail.id, today()) });
    });

    router.add('GET', '/api/cases/:id/publicity', (req, res) => {
      ctx.access.requireAnyStaff(req);
      const detail = caseOf(req.params.id!);
      sendJson(res, 200, { publicity: publicity.stage(detail.id, today()) });
    });

    // An objection (异议) during 公示: recorded in 意见和投诉登记 and linked to the case.
    router.add('POST', '/api/cases/:id/publicity/objections', async (req, res) => {
      const session = ctx.access.requireCentreStaff(req);
      const detail = caseOf(req.params.id!);
      const body = await readBody(req, ObjectionBody);
      if (!publicity.stage(detail.id, today())) throw new DomainError('publicity-not-required', '该办件尚未公示');
      const complaint = registers.addComplaint({
        source: body.source ?? 'counter',
        enteredBy: session.staffId,
        name: body.name,
        phone: body.phone,
        content: `对办件 ${detail.caseNo}（${detail.matterName}）公示的异议：${body.content.trim()}`,
        windowNo: detail.windowNo,
      });
      publicity.linkObjection(detail.id, complaint.id);
      sendJson(res, 201, {
        complaint: { id: complaint.id, state: complaint.state },
        publicity: publicity.stage(detail.id, today()),
      });
    });
  };
}
