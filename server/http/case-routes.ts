// Cases (办件) at a window and their public status (the receipt's QR opens /c/:id).
import { array, int, literal, obj, optional, str } from '../schema.ts';
import { CASE_KINDS, type Matter, type PublicCase } from '../wire.ts';
import { ApiFailure, notFound } from '../errors.ts';
import type { AppContext } from '../app-context.ts';
import type { CaseDetail, CaseStore } from '../store/case-store.ts';
import { readBody, sendJson, windowNoParam, type Router } from './kit.ts';
import { casePage } from '../documents/case-page.ts';

const AcceptBody = obj({
  matterId: str({ min: 1, max: 80 }),
  ticketId: optional(str({ min: 1, max: 80 })),
  kind: optional(literal(CASE_KINDS, { immediate: '即办件', promised: '承诺件' })),
  promisedDays: optional(int({ min: 1, max: 365 })),
  missingMaterials: optional(array(str({ min: 1, max: 200 }), { max: 50 })),
  rejectReason: optional(str({ min: 1, max: 500 })),
});
const CorrectionBody = obj({ missingMaterials: array(str({ min: 1, max: 200 }), { min: 1, max: 50 }) });
const StateBody = obj({ to: literal(['reported', 'finished', 'collected', 'rejected'] as const), note: optional(str({ max: 500 })) });
const Empty = obj({});

export interface CaseServices {
  cases: CaseStore;
  /** The case status page for phones (the receipt's QR). */
  statusUrl(caseId: string): string;
  matter(id: string): Matter | null;
  /** Print a case document (receipt / correction / rejection) on the kiosk printer. */
  printCase(detail: CaseDetail): Promise<{ ok: boolean; message: string }>;
}

/** What anyone holding the receipt may see: no applicant, no staff, and no staff's internal history notes. */
export function publicCase(c: CaseDetail): PublicCase {
  return { id: c.id, caseNo: c.caseNo, matterName: c.matterName, kind: c.kind, state: c.state, acceptedAt: c.acceptedAt, promisedDate: c.promisedDate, history: c.history.map((h) => ({ ...h, note: null })), missingMaterials: c.missingMaterials };
}

export function caseRoutes(services: CaseServices) {
  return (router: Router, ctx: AppContext): void => {
    const { cases } = services;

    router.add('POST', '/api/windows/:no/cases', async (req, res) => {
      const no = windowNoParam(req.params.no);
      const session = ctx.access.requireStaff(req, no);
      const body = await readBody(req, AcceptBody);
      const matter = services.matter(body.matterId);
      if (!matter) throw new ApiFailure(404, 'unknown-matter', `没有编号为“${body.matterId}”的事项`);
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
      });
      sendJson(res, 201, { case: detail });
    });

    router.add('GET', '/api/cases', (req, res) => {
      ctx.access.requireAnyStaff(req);
      const window = req.query.get('window');
      sendJson(res, 200, { cases: cases.list({ windowNo: window ? windowNoParam(window) : undefined, date: req.query.get('date') ?? undefined }) });
    });

    router.add('GET', '/api/cases/supervision', (req, res) => {
      ctx.access.requireAnyStaff(req);
      sendJson(res, 200, cases.supervision());
    });

    router.add('GET', '/api/cases/:id', (req, res) => {
      const detail = cases.get(req.params.id!);
      if (!detail) throw notFound('该办件');
      const privileged = ctx.access.session(req) !== null;
      sendJson(res, 200, { case: privileged ? detail : publicCase(detail) });
    });

    /** The case's own window (or a leader/admin) acts on it; another window's staff get 403. */
    const requireCaseWork = (req: Parameters<typeof ctx.access.session>[0]) => {
      const detail = cases.get(req.params.id!);
      if (!detail) throw notFound('该办件');
      return { detail, session: ctx.access.requireWindowWork(req, detail.windowNo) };
    };

    router.add('POST', '/api/cases/:id/materials-received', async (req, res) => {
      const { session } = requireCaseWork(req);
      await readBody(req, Empty);
      sendJson(res, 200, { case: cases.materialsReceived(req.params.id!, session.staffId) });
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
      const html = casePage(detail, ctx.config, size, services.statusUrl(detail.id), ctx.clock());
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
      res.end(html);
    });

    router.add('POST', '/api/cases/:id/print', async (req, res) => {
      const { detail } = requireCaseWork(req);
      await readBody(req, Empty);
      const result = await services.printCase(detail);
      if (!result.ok) throw new ApiFailure(503, 'print-failed', result.message);
      sendJson(res, 200, { printed: true });
    });
  };
}
