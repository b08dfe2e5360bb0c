// Cases (办件) at a window and their public status (the receipt's QR opens /c/:id).
import { array, bool, DATE, int, literal, obj, optional, str } from '../contract/schema.ts';
import { CASE_KINDS, type Matter } from '../contract/matters.ts';
import { OVERDUE_CAUSE_NAMES, OVERDUE_CAUSES, REPORT_OUTCOMES, type PublicCase } from '../contract/cases.ts';
import { DomainError, notFound } from '../common/errors.ts';
import type { AppContext } from '../app-context.ts';
import type { CaseDetail, CaseStore, KindChange, ManualDate } from './store.ts';
import { readBody, sendJson, windowNoParam, type Request, type Router } from '../http/kit.ts';
import { checkGuideMaterials } from './materials.ts';
import { casePage, type CaseDocumentKind } from './page.ts';
import { missingLines } from './printing/missing-lines.ts';
import { intakeWarning, type IntakeFlags } from './intake.ts';
import type { CaseSteps } from './steps.ts';
import { PAST_PUBLICITY, type CasePublicity } from './publicity.ts';
import { localTime } from '../common/clock.ts';
import type { Session } from '../auth/sessions.ts';
import type { NoticeStore } from '../notices/store.ts';
import { ApplicantSchema, resolveApplicant } from './applicant.ts';

const AcceptBody = obj({
  matterId: str({ min: 1, max: 80 }),
  ticketId: optional(str({ min: 1, max: 80 })),
  kind: optional(literal(CASE_KINDS, { immediate: '即办件', promised: '承诺件' })),
  promisedDays: optional(int({ min: 1, max: 365 })),
  missingMaterials: optional(array(str({ min: 1, max: 200 }), { max: 50 })),
  rejectReason: optional(str({ min: 1, max: 500 })),
  intake: optional(bool()),
  manualDate: optional(DATE),
  manualReason: optional(str({ min: 1, max: 300 })),
  kindReason: optional(str({ min: 1, max: 300 })),
  /** Issue 24 ⑦: typed at the window; absent, the ID card read at the kiosk for the ticket names the applicant. */
  applicant: optional(ApplicantSchema),
});
const DecideBody = obj({
  outcome: literal(['accept', 'correction', 'reject'] as const, {
    accept: '受理',
    correction: '一次性告知补正',
    reject: '不予受理',
  }),
  kind: optional(literal(CASE_KINDS, { immediate: '即办件', promised: '承诺件' })),
  promisedDays: optional(int({ min: 1, max: 365 })),
  missingMaterials: optional(array(str({ min: 1, max: 200 }), { max: 50 })),
  rejectReason: optional(str({ min: 1, max: 500 })),
  manualDate: optional(DATE),
  manualReason: optional(str({ min: 1, max: 300 })),
  /** 第六条: a kind other than the guide's — the reason; only a leader's session may send it. */
  kindReason: optional(str({ min: 1, max: 300 })),
});
const MaterialsBody = obj({ manualDate: optional(DATE), manualReason: optional(str({ min: 1, max: 300 })) });
const ReportBody = obj({ authority: str({ min: 1, max: 100 }), date: optional(DATE) });
const ReturnBody = obj({
  outcome: literal(REPORT_OUTCOMES, { approved: '上级办结', returned: '上级退回', 'not-approved': '不予批准' }),
  date: optional(DATE),
  note: optional(str({ max: 500 })),
  manualDate: optional(DATE),
  manualReason: optional(str({ min: 1, max: 300 })),
});
const VerificationBody = obj({
  cause: literal(OVERDUE_CAUSES, OVERDUE_CAUSE_NAMES),
  responsibleStaff: optional(str({ min: 1, max: 40 })),
  measure: str({ min: 1, max: 500 }),
});
const ExtensionBody = obj({ days: int({ min: 1, max: 60 }), reason: str({ min: 1, max: 500 }) });
const ExtensionDecisionBody = obj({ approve: bool(), note: optional(str({ max: 500 })) });
const DelayBody = obj({ days: int({ min: 1, max: 60 }), reason: str({ min: 1, max: 500 }) });
const PrintBody = obj({
  document: optional(literal(['case', 'extension'] as const, { case: '按办件状态', extension: '延期办理告知书' })),
});
const CorrectionBody = obj({ missingMaterials: array(str({ min: 1, max: 200 }), { min: 1, max: 50 }) });
const StateBody = obj({
  to: literal(['reported', 'finished', 'collected', 'rejected', 'not-approved'] as const),
  note: optional(str({ max: 500 })),
});

/** manualDate + manualReason → a hand-confirmed date (both or neither). */
export function manualOf(body: { manualDate?: string; manualReason?: string }): ManualDate | undefined {
  if (body.manualDate === undefined && body.manualReason === undefined) return undefined;
  if (!body.manualDate || !body.manualReason?.trim())
    throw new DomainError('reason-required', '人工确认承诺办结日期须同时填写日期和理由');
  return { date: body.manualDate, reason: body.manualReason };
}

/** 即办件 ⇄ 承诺件 against the guide (第六条): a reason, and only a leader (分管领导) may approve it. */
function kindChangeOf(session: Session, reason: string | undefined): KindChange | undefined {
  if (reason === undefined) return undefined;
  if (session.role !== 'leader')
    throw new DomainError(
      'leader-only',
      '改变办事指南规定的办件类型（即办件/承诺件）须经分管领导批准，请由分管领导登录办理',
    );
  return { reason, approver: { id: session.staffId, name: session.name } };
}

/**
 * Extension decisions: 限时办结制度 第七条 "须经街道相关领导书面批准" — a leader (分管领导) account only; neither the
 * window that asked nor the administrator (who manages accounts, not cases) may approve.
 */
function requireLeader(ctx: AppContext, req: Request): Session {
  const s = ctx.access.session(req);
  if (!s) throw new DomainError('login-required', '请先用分管领导账号登录');
  if (s.role !== 'leader')
    throw new DomainError('leader-only', '延期申请须经街道相关领导书面批准（第七条），请由分管领导账号批准');
  // A leader still on the first-use password decides nothing (issue #23 item 6).
  ctx.access.firstLogin?.enforce(s);
  return s;
}

/** The configured higher authorities (第九条), without the centre itself. */
function higherAuthorities(ctx: AppContext): string[] {
  const self = ctx.config.center.name;
  return ctx.config.center.higherAuthorities.filter((a) => a !== self && !self.includes(a) && !a.includes(self));
}

export interface CaseServices {
  cases: CaseStore;
  /** The case status page for phones (the receipt's QR). */
  statusUrl(caseId: string): string;
  matter(id: string): Matter | null;
  /** 受理时间外受理 notes (issue 22); absent in tests that build the routes without it. */
  intake?: IntakeFlags;
  /** Steps with a deadline in the guide (issue 22); absent in tests that build the routes without it. */
  steps?: CaseSteps;
  /** 公示 stages (issue 22 ⑦): no report/finish before the 公示期 ends; absent in tests that build the routes without it. */
  publicity?: CasePublicity;
  /** Print a case document (receipt / correction / rejection) on the kiosk printer. */
  printCase(
    detail: CaseDetail,
    document: CaseDocumentKind,
  ): Promise<{ ok: boolean; message: string; job?: Uint8Array }>;
  /** 一次性告知记录: a 补正 is linked to the 告知 the same resident was given (server/notices). */
  notices?: NoticeStore;
  /** 联办件 (server/joint/, issue 28 item 3): late steps on supervision; 出件 only once every step is done. */
  joint?: {
    late(today: string): unknown[];
    assertSettled(caseId: string, caseNo: string): void;
  };
  /** The 办件台账's applicant name and phone (registers/store.ts setApplicant); absent in tests without registers. */
  registerApplicant?(caseId: string, name: string | undefined, phone: string | undefined): void;
}

/** What anyone holding the receipt may see: no applicant, no staff, and no staff's internal history notes. */
export function publicCase(c: CaseDetail, matter: Matter | null = null): PublicCase {
  return {
    id: c.id,
    caseNo: c.caseNo,
    matterName: c.matterName,
    kind: c.kind,
    state: c.state,
    acceptedAt: c.acceptedAt,
    promisedDate: c.promisedDate,
    history: c.history.map((h) => ({ ...h, note: null })),
    missingMaterials: c.missingMaterials,
    missingLines: missingLines(c.missingMaterials, matter),
  };
}

/** The centre's day (its own time zone). */
function todayOf(ctx: AppContext): string {
  return localTime(ctx.clock(), ctx.config.center.timezone).date;
}

export function caseRoutes(services: CaseServices) {
  return (router: Router, ctx: AppContext): void => {
    const { cases } = services;
    /** 一次性告知制度 第七条: a 补正 is checked against what this resident was told (the 告知 record). */
    const linkNotice = (detail: CaseDetail, asked: string[] | undefined) => {
      if (!services.notices || detail.state !== 'correction' || !asked?.length) return;
      const holder = detail.ticketId ? services.notices.holder(detail.ticketId) : null;
      services.notices.linkCorrection({
        caseId: detail.id,
        matterId: detail.matterId,
        applicantMasked: detail.applicantMasked,
        applicantHash: holder?.hash ?? null,
        asked: asked.map((m) => m.trim()).filter(Boolean),
      });
    };

    router.add('POST', '/api/windows/:no/cases', async (req, res) => {
      const no = windowNoParam(req.params.no);
      const session = ctx.access.requireStaff(req, no);
      const body = await readBody(req, AcceptBody);
      const matter = services.matter(body.matterId);
      if (!matter) throw new DomainError('unknown-matter', `没有编号为“${body.matterId}”的事项`);
      checkGuideMaterials(matter, body.missingMaterials);
      const ticketId = body.ticketId ?? ctx.store.window(no).currentTicketId;
      const ticket = ticketId ? ctx.store.getTicket(ticketId) : null;
      const applicant = resolveApplicant(body.applicant, ticket);
      const detail = cases.accept({
        matter,
        windowNo: no,
        staffId: session.staffId,
        ticketId: ticket?.id ?? null,
        applicantMasked: applicant.nameMasked,
        applicantIdMasked: applicant.idMasked,
        applicantPhoneMasked: applicant.phoneMasked,
        kind: body.kind,
        promisedDays: body.promisedDays,
        missingMaterials: body.missingMaterials,
        rejectReason: body.rejectReason,
        intake: body.intake,
        manual: manualOf(body),
        kindChange: kindChangeOf(session, body.kindReason),
      });
      if (applicant.register.name || applicant.register.phone)
        services.registerApplicant?.(detail.id, applicant.register.name, applicant.register.phone);
      linkNotice(detail, body.missingMaterials);
      const today = localTime(ctx.clock(), ctx.config.center.timezone).date;
      const warning = detail.state === 'rejected' ? null : intakeWarning(matter, today);
      if (warning) services.intake?.record(detail.id, matter.guide!.intake!.text, today);
      if (detail.state === 'accepted' && matter.guide?.deadlines?.length)
        services.steps?.create(detail.id, matter.guide.deadlines, today);
      sendJson(res, 201, { case: detail, intakeWarning: warning });
    });

    router.add('GET', '/api/cases', (req, res) => {
      ctx.access.requireAnyStaff(req);
      const window = req.query.get('window');
      sendJson(res, 200, {
        cases: cases.list({
          windowNo: window ? windowNoParam(window) : undefined,
          date: req.query.get('date') ?? undefined,
        }),
      });
    });

    router.add('GET', '/api/cases/authorities', (req, res) => {
      ctx.access.requireAnyStaff(req);
      sendJson(res, 200, { authorities: higherAuthorities(ctx) });
    });

    router.add('GET', '/api/cases/supervision', (req, res) => {
      ctx.access.requireAnyStaff(req);
      const today = localTime(ctx.clock(), ctx.config.center.timezone).date;
      sendJson(res, 200, {
        ...cases.supervision(),
        lateSteps: services.steps?.late(today) ?? [],
        lateJointSteps: services.joint?.late(today) ?? [],
      });
    });

    router.add('GET', '/api/cases/:id', (req, res) => {
      const detail = cases.get(req.params.id!);
      if (!detail) throw notFound('该办件');
      // The full case (applicant, staff, notes) for the centre's own people; a 代办员 or a phone sees the public view.
      const privileged = ctx.access.centreSession(req) !== null;
      const matter = services.matter(detail.matterId);
      sendJson(res, 200, {
        case: privileged
          ? {
              ...detail,
              missingLines: missingLines(detail.missingMaterials, matter),
              intakeOutside: services.intake?.note(detail.id) ?? null,
              steps: services.steps?.list(detail.id) ?? [],
              publicity: services.publicity?.stage(detail.id, todayOf(ctx)) ?? null,
            }
          : publicCase(detail, matter),
      });
    });

    /** The case's own window (or a leader/admin) acts on it; another window's staff get 403. */
    const requireCaseWork = (req: Request): { detail: CaseDetail; session: Session } => {
      const detail = cases.get(req.params.id!);
      if (!detail) throw notFound('该办件');
      return { detail, session: ctx.access.requireWindowWork(req, detail.windowNo) };
    };
    /** 公示 (issue 22 ⑦) is a required stage for a 须公示 matter: held and over before 上报, 办结 or 领取. */
    const assertPublicityHeld = (detail: CaseDetail): void =>
      services.publicity?.assertHeld(detail.id, services.matter(detail.matterId)?.announce === true, todayOf(ctx));

    // A tracked step done (issue 22 ⑨): who and on which day, by the window that holds the case.
    router.add('POST', '/api/cases/:id/steps/:stepId/done', async (req, res) => {
      const { detail, session } = requireCaseWork(req);
      await readBody(req, obj({}));
      const stepId = Number(req.params.stepId);
      if (!services.steps || !/^[1-9]\d{0,9}$/.test(req.params.stepId ?? '')) throw notFound('该步骤');
      const today = localTime(ctx.clock(), ctx.config.center.timezone).date;
      sendJson(res, 200, { step: services.steps.done(detail.id, stepId, session.staffId, today) });
    });

    router.add('POST', '/api/cases/:id/materials-received', async (req, res) => {
      const { session } = requireCaseWork(req);
      const body = await readBody(req, MaterialsBody);
      sendJson(res, 200, { case: cases.materialsReceived(req.params.id!, session.staffId, manualOf(body)) });
    });

    router.add('POST', '/api/cases/:id/correction', async (req, res) => {
      const { detail, session } = requireCaseWork(req);
      const body = await readBody(req, CorrectionBody);
      const matter = services.matter(detail.matterId);
      if (!matter) throw new DomainError('unknown-matter', `事项“${detail.matterName}”已不在事项清单中`);
      checkGuideMaterials(matter, body.missingMaterials);
      const asked = cases.requestCorrection(req.params.id!, body.missingMaterials, session.staffId);
      linkNotice(asked, body.missingMaterials);
      sendJson(res, 200, { case: asked });
    });

    router.add('POST', '/api/cases/:id/state', async (req, res) => {
      const { detail, session } = requireCaseWork(req);
      const body = await readBody(req, StateBody);
      if (PAST_PUBLICITY.has(body.to)) assertPublicityHeld(detail);
      // 联办件: 一站式办结 at the lead window, once every participating window's step is done.
      if (body.to === 'finished' || body.to === 'reported') services.joint?.assertSettled(detail.id, detail.caseNo);
      sendJson(res, 200, { case: cases.advance(req.params.id!, body.to, body.note ?? null, session.staffId) });
    });

    /** A4/A5 page for the console's office printer: GET /api/cases/:id/document?size=A5 */
    router.add('GET', '/api/cases/:id/document', (req, res) => {
      const { detail } = requireCaseWork(req);
      const size = req.query.get('size') === 'A5' ? 'A5' : 'A4';
      const kind: CaseDocumentKind = req.query.get('document') === 'extension' ? 'extension' : 'case';
      const html = casePage(
        detail,
        ctx.config,
        size,
        services.statusUrl(detail.id),
        ctx.clock(),
        kind,
        services.matter(detail.matterId),
      );
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
      res.end(html);
    });

    router.add('POST', '/api/cases/:id/print', async (req, res) => {
      const { detail, session } = requireCaseWork(req);
      const body = await readBody(req, PrintBody);
      const result = await services.printCase(detail, body.document ?? 'case');
      if (!result.ok) throw new DomainError('print-failed', result.message);
      // 一次性告知制度 第五条 "一份由经办窗口留底备查": the 补正材料通知书 as printed is kept like the 一次性告知单.
      if (services.notices && detail.state === 'correction' && (body.document ?? 'case') === 'case') {
        const holder = detail.ticketId ? services.notices.holder(detail.ticketId) : null;
        services.notices.record({
          matterId: detail.matterId,
          matterName: detail.matterName,
          kind: 'correction',
          channel: 'window',
          windowNo: session.windowNo ?? detail.windowNo,
          staffId: session.staffId,
          applicantMasked: detail.applicantMasked,
          applicantHash: holder?.hash ?? null,
          ticketId: holder ? detail.ticketId : null,
          materials: detail.missingMaterials,
          slip: result.job ?? null,
        });
      }
      sendJson(res, 200, { printed: true });
    });

    // ---- 限时办结 (issue 15): each action by the window that owns the case, or a leader / the administrator ----

    router.add('POST', '/api/cases/:id/decide', async (req, res) => {
      const { detail, session } = requireCaseWork(req);
      const body = await readBody(req, DecideBody);
      const matter = services.matter(detail.matterId);
      if (!matter) throw new DomainError('unknown-matter', `事项“${detail.matterName}”已不在事项清单中`);
      checkGuideMaterials(matter, body.missingMaterials);
      const decided = cases.decide(
        detail.id,
        {
          outcome: body.outcome,
          kind: body.kind,
          promisedDays: body.promisedDays,
          missingMaterials: body.missingMaterials,
          rejectReason: body.rejectReason,
          manual: manualOf(body),
          kindChange: kindChangeOf(session, body.kindReason),
        },
        matter,
        session.staffId,
      );
      if (body.outcome === 'correction') linkNotice(decided, body.missingMaterials);
      sendJson(res, 200, { case: decided });
    });

    router.add('POST', '/api/cases/:id/report', async (req, res) => {
      const { detail, session } = requireCaseWork(req);
      const body = await readBody(req, ReportBody);
      assertPublicityHeld(detail);
      services.joint?.assertSettled(detail.id, detail.caseNo);
      // 第九条 "上级机关、部门": one of the configured higher authorities, never free text, never the centre itself.
      const authorities = higherAuthorities(ctx);
      if (!authorities.includes(body.authority.trim()))
        throw new DomainError(
          'unknown-authority',
          `“${body.authority.trim()}”不在上级机关、部门名单中，请从名单中选择：${authorities.join('、')}`,
          authorities,
        );
      sendJson(res, 200, { case: cases.report(detail.id, body, session.staffId) });
    });

    router.add('POST', '/api/cases/:id/return', async (req, res) => {
      const { detail, session } = requireCaseWork(req);
      const body = await readBody(req, ReturnBody);
      if (body.outcome === 'approved') assertPublicityHeld(detail);
      if (body.outcome === 'approved') services.joint?.assertSettled(detail.id, detail.caseNo);
      sendJson(res, 200, {
        case: cases.returnFromAuthority(
          detail.id,
          { outcome: body.outcome, date: body.date, note: body.note ?? null, manual: manualOf(body) },
          session.staffId,
        ),
      });
    });

    router.add('POST', '/api/cases/:id/extension', async (req, res) => {
      const { detail, session } = requireCaseWork(req);
      const body = await readBody(req, ExtensionBody);
      sendJson(res, 200, { case: cases.requestExtension(detail.id, body, session.staffId) });
    });

    router.add('POST', '/api/cases/:id/extension/decision', async (req, res) => {
      const session = requireLeader(ctx, req);
      const body = await readBody(req, ExtensionDecisionBody);
      const { detail, refusal } = cases.decideExtension(
        req.params.id!,
        { approve: body.approve, note: body.note ?? null },
        { id: session.staffId, name: session.name },
      );
      if (refusal) throw DomainError.withLegacyStatus(409, 'extension-too-late', refusal, undefined, { case: detail });
      sendJson(res, 200, { case: detail });
    });

    // 超时查实与责任追究 (第十二条、第十四条; seed 001 责任追究制): the leader decides, once per overdue case.
    router.add('POST', '/api/cases/:id/verification', async (req, res) => {
      const session = requireLeader(ctx, req);
      const body = await readBody(req, VerificationBody);
      const responsible = body.responsibleStaff ?? null;
      if (responsible !== null && !ctx.config.staff.some((s) => s.id === responsible))
        throw new DomainError('unknown-staff', `没有工号为“${responsible}”的工作人员`);
      if (!cases.get(req.params.id!)) throw notFound('该办件');
      const verification = cases.verify(
        req.params.id!,
        { cause: body.cause, responsibleStaff: responsible, measure: body.measure },
        { id: session.staffId, name: session.name },
      );
      sendJson(res, 200, { verification });
    });

    router.add('POST', '/api/cases/:id/applicant-delay', async (req, res) => {
      const { detail, session } = requireCaseWork(req);
      const body = await readBody(req, DelayBody);
      sendJson(res, 200, { case: cases.applicantDelay(detail.id, body, session.staffId) });
    });
  };
}
