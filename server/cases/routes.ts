// Cases (办件) at a window and their public status (the receipt's QR opens /c/:id).
import { array, bool, DATE, int, literal, obj, optional, str } from '../contract/schema.ts';
import { CASE_KINDS, type Matter } from '../contract/matters.ts';
import { REPORT_OUTCOMES, type PublicCase } from '../contract/cases.ts';
import { DomainError, notFound } from '../common/errors.ts';
import type { AppContext } from '../app-context.ts';
import type { CaseDetail, CaseStore, ManualDate } from './store.ts';
import { readBody, sendJson, windowNoParam, type Request, type Router } from '../http/kit.ts';
import { casePage, type CaseDocumentKind } from './page.ts';
import type { Session } from '../auth/sessions.ts';

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
function manualOf(body: { manualDate?: string; manualReason?: string }): ManualDate | undefined {
  if (body.manualDate === undefined && body.manualReason === undefined) return undefined;
  if (!body.manualDate || !body.manualReason?.trim())
    throw new DomainError('reason-required', '人工确认承诺办结日期须同时填写日期和理由');
  return { date: body.manualDate, reason: body.manualReason };
}

/** Extension decisions: a leader (分管领导) or the administrator, never the window that asked (第七条 领导书面批准). */
function requireLeader(ctx: AppContext, req: Request): Session {
  const s = ctx.access.session(req);
  if (!s) throw new DomainError('login-required', '请先用分管领导或管理员账号登录');
  if (s.role !== 'leader' && s.role !== 'admin')
    throw new DomainError('leader-only', '延期申请须由分管领导或管理员批准');
  return s;
}

export interface CaseServices {
  cases: CaseStore;
  /** The case status page for phones (the receipt's QR). */
  statusUrl(caseId: string): string;
  matter(id: string): Matter | null;
  /** Print a case document (receipt / correction / rejection) on the kiosk printer. */
  printCase(detail: CaseDetail, document: CaseDocumentKind): Promise<{ ok: boolean; message: string }>;
}

/** What anyone holding the receipt may see: no applicant, no staff, and no staff's internal history notes. */
export function publicCase(c: CaseDetail): PublicCase {
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
  };
}

export function caseRoutes(services: CaseServices) {
  return (router: Router, ctx: AppContext): void => {
    const { cases } = services;

    router.add('POST', '/api/windows/:no/cases', async (req, res) => {
      const no = windowNoParam(req.params.no);
      const session = ctx.access.requireStaff(req, no);
      const body = await readBody(req, AcceptBody);
      const matter = services.matter(body.matterId);
      if (!matter) throw new DomainError('unknown-matter', `没有编号为“${body.matterId}”的事项`);
      const ticketId = body.ticketId ?? ctx.store.window(no).currentTicketId;
      const ticket = ticketId ? ctx.store.getTicket(ticketId) : null;
      const detail = cases.accept({
        matter,
        windowNo: no,
        staffId: session.staffId,
        ticketId: ticket?.id ?? null,
        applicantMasked: ticket?.nameMasked ?? null,
        kind: body.kind,
        promisedDays: body.promisedDays,
        missingMaterials: body.missingMaterials,
        rejectReason: body.rejectReason,
        intake: body.intake,
        manual: manualOf(body),
      });
      sendJson(res, 201, { case: detail });
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

    router.add('GET', '/api/cases/supervision', (req, res) => {
      ctx.access.requireAnyStaff(req);
      sendJson(res, 200, cases.supervision());
    });

    router.add('GET', '/api/cases/:id', (req, res) => {
      const detail = cases.get(req.params.id!);
      if (!detail) throw notFound('该办件');
      // The full case (applicant, staff, notes) for the centre's own people; a 代办员 or a phone sees the public view.
      const session = ctx.access.session(req);
      const privileged = session !== null && session.role !== 'agent';
      sendJson(res, 200, { case: privileged ? detail : publicCase(detail) });
    });

    /** The case's own window (or a leader/admin) acts on it; another window's staff get 403. */
    const requireCaseWork = (req: Request): { detail: CaseDetail; session: Session } => {
      const detail = cases.get(req.params.id!);
      if (!detail) throw notFound('该办件');
      return { detail, session: ctx.access.requireWindowWork(req, detail.windowNo) };
    };

    router.add('POST', '/api/cases/:id/materials-received', async (req, res) => {
      const { session } = requireCaseWork(req);
      const body = await readBody(req, MaterialsBody);
      sendJson(res, 200, { case: cases.materialsReceived(req.params.id!, session.staffId, manualOf(body)) });
    });

    router.add('POST', '/api/cases/:id/correction', async (req, res) => {
      const { session } = requireCaseWork(req);
      const body = await readBody(req, CorrectionBody);
      sendJson(res, 200, { case: cases.requestCorrection(req.params.id!, body.missingMaterials, session.staffId) });
    });

    router.add('POST', '/api/cases/:id/state', async (req, res) => {
      const { session } = requireCaseWork(req);
      const body = await readBody(req, StateBody);
      sendJson(res, 200, { case: cases.advance(req.params.id!, body.to, body.note ?? null, session.staffId) });
    });

    /** A4/A5 page for the console's office printer: GET /api/cases/:id/document?size=A5 */
    router.add('GET', '/api/cases/:id/document', (req, res) => {
      const { detail } = requireCaseWork(req);
      const size = req.query.get('size') === 'A5' ? 'A5' : 'A4';
      const kind: CaseDocumentKind = req.query.get('document') === 'extension' ? 'extension' : 'case';
      const html = casePage(detail, ctx.config, size, services.statusUrl(detail.id), ctx.clock(), kind);
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
      res.end(html);
    });

    router.add('POST', '/api/cases/:id/print', async (req, res) => {
      const { detail } = requireCaseWork(req);
      const body = await readBody(req, PrintBody);
      const result = await services.printCase(detail, body.document ?? 'case');
      if (!result.ok) throw new DomainError('print-failed', result.message);
      sendJson(res, 200, { printed: true });
    });

    // ---- 限时办结 (issue 15): each action by the window that owns the case, or a leader / the administrator ----

    router.add('POST', '/api/cases/:id/decide', async (req, res) => {
      const { detail, session } = requireCaseWork(req);
      const body = await readBody(req, DecideBody);
      const matter = services.matter(detail.matterId);
      if (!matter) throw new DomainError('unknown-matter', `事项“${detail.matterName}”已不在事项清单中`);
      const decided = cases.decide(
        detail.id,
        {
          outcome: body.outcome,
          kind: body.kind,
          promisedDays: body.promisedDays,
          missingMaterials: body.missingMaterials,
          rejectReason: body.rejectReason,
          manual: manualOf(body),
        },
        matter,
        session.staffId,
      );
      sendJson(res, 200, { case: decided });
    });

    router.add('POST', '/api/cases/:id/report', async (req, res) => {
      const { detail, session } = requireCaseWork(req);
      const body = await readBody(req, ReportBody);
      sendJson(res, 200, { case: cases.report(detail.id, body, session.staffId) });
    });

    router.add('POST', '/api/cases/:id/return', async (req, res) => {
      const { detail, session } = requireCaseWork(req);
      const body = await readBody(req, ReturnBody);
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

    router.add('POST', '/api/cases/:id/applicant-delay', async (req, res) => {
      const { detail, session } = requireCaseWork(req);
      const body = await readBody(req, DelayBody);
      sendJson(res, 200, { case: cases.applicantDelay(detail.id, body, session.staffId) });
    });
  };
}
