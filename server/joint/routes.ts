// 联办件 routes (issue 28 item 3). The lead window (the case's own) sets up the steps; each participating window
// sees its steps in its console inbox and marks them done or returns them with a reason; the resident sees
// the steps on /c/:id; supervision lists late steps. Rules and article quotes: server/joint/store.ts.
import type { AppContext } from '../app-context.ts';
import { DomainError, notFound } from '../common/errors.ts';
import { array, DATE, int, obj, str } from '../contract/schema.ts';
import { JOINT_STEP_PRESETS } from '../contract/joint.ts';
import type { Matter } from '../contract/matters.ts';
import { readBody, sendJson, windowNoParam, type Router } from '../http/kit.ts';
import type { CaseDetail, CaseStore } from '../cases/store.ts';
import { MAX_JOINT_STEPS, type JointCase, type JointStepRow, type JointStore } from './store.ts';
import { publicJoint, stepView, type JointNames } from './view.ts';

const CreateBody = obj({
  steps: array(
    obj({
      windowNo: int({ min: 1, max: 999 }),
      step: str({ min: 1, max: 200 }),
      dueDate: DATE,
    }),
    { min: 1, max: MAX_JOINT_STEPS },
  ),
});
const ReturnBody = obj({ reason: str({ min: 1, max: 300 }) });
const ReopenBody = obj({ dueDate: DATE });

export interface JointServices {
  joint: JointStore;
  cases: CaseStore;
  matter(id: string): Matter | null;
}

/** The steps a window may be given for a matter: the fixed list, then the guide's own steps. */
export function allowedSteps(matter: Matter | null): string[] {
  return [...new Set([...JOINT_STEP_PRESETS, ...(matter?.guide?.steps ?? []).map((s) => s.trim()).filter(Boolean)])];
}

export function jointNames(config: AppContext['config']): JointNames {
  return {
    window: (no) => {
      const w = config.windows.find((x) => x.no === no);
      return w ? `${no}号窗口 ${w.name}` : `${no}号窗口`;
    },
    staff: (id) => config.staff.find((s) => s.id === id)?.name ?? id,
  };
}

const jointCase = (d: CaseDetail): JointCase => ({
  id: d.id,
  caseNo: d.caseNo,
  kind: d.kind,
  state: d.state,
  windowNo: d.windowNo,
  promisedDate: d.promisedDate,
});

const stepId = (raw: string | undefined): number => {
  if (!/^[1-9]\d{0,9}$/.test(raw ?? '')) throw notFound('该联办步骤');
  return Number(raw);
};

export function jointRoutes(services: JointServices) {
  return (router: Router, ctx: AppContext): void => {
    const { joint, cases } = services;
    const names = jointNames(ctx.config);
    const views = (rows: JointStepRow[]) => {
      const today = joint.today();
      return rows.flatMap((r) => {
        const c = cases.get(r.case_id);
        return c ? [stepView(r, c, names, today)] : [];
      });
    };

    /** The resident's view (the receipt's QR opens /c/:id): windows, steps, dates, states. */
    router.add('GET', '/api/cases/:id/joint', (req, res) => {
      const detail = cases.get(req.params.id!);
      if (!detail) throw notFound('该办件');
      sendJson(res, 200, { joint: publicJoint(joint.forCase(detail.id), names) });
    });

    /** The steps for the centre's staff, and what the lead may choose from. */
    router.add('GET', '/api/cases/:id/joint/steps', (req, res) => {
      ctx.access.requireCentreStaff(req);
      const detail = cases.get(req.params.id!);
      if (!detail) throw notFound('该办件');
      sendJson(res, 200, {
        steps: views(joint.forCase(detail.id)),
        options: {
          steps: allowedSteps(services.matter(detail.matterId)),
          windows: ctx.config.windows.filter((w) => w.no !== detail.windowNo).map((w) => ({ no: w.no, name: w.name })),
          promisedDate: detail.promisedDate,
          today: joint.today(),
        },
      });
    });

    /** The lead window (the case's own, 首问首办) sets the case up as a 联办件. */
    router.add('POST', '/api/cases/:id/joint', async (req, res) => {
      const detail = cases.get(req.params.id!);
      if (!detail) throw notFound('该办件');
      const session = ctx.access.requireWindowWork(req, detail.windowNo);
      const body = await readBody(req, CreateBody);
      const rows = joint.create(jointCase(detail), body.steps, {
        staffId: session.staffId,
        allowedSteps: allowedSteps(services.matter(detail.matterId)),
        windows: ctx.config.windows.map((w) => w.no),
      });
      sendJson(res, 201, { steps: views(rows) });
    });

    /** A window's inbox: its own steps to do, steps returned to it as lead, and the 联办件 it leads. */
    router.add('GET', '/api/windows/:no/joint', (req, res) => {
      const no = windowNoParam(req.params.no);
      ctx.access.requireStaff(req, no);
      sendJson(res, 200, {
        mine: views(joint.openFor(no)),
        returned: views(joint.returnedTo(no)),
        leading: views(joint.leading(no)),
      });
    });

    /** The participating window marks its step done. */
    router.add('POST', '/api/joint/steps/:id/done', async (req, res) => {
      const id = stepId(req.params.id);
      const row = joint.get(id);
      if (!row) throw notFound('该联办步骤');
      const session = ctx.access.requireStaff(req, row.window_no);
      await readBody(req, obj({}));
      sendJson(res, 200, { step: views([joint.done(id, row.window_no, session.staffId)])[0] });
    });

    /** The participating window returns its step to the lead with a reason. */
    router.add('POST', '/api/joint/steps/:id/return', async (req, res) => {
      const id = stepId(req.params.id);
      const row = joint.get(id);
      if (!row) throw notFound('该联办步骤');
      const session = ctx.access.requireStaff(req, row.window_no);
      const body = await readBody(req, ReturnBody);
      sendJson(res, 200, {
        step: views([joint.returnToLead(id, row.window_no, session.staffId, body.reason)])[0],
      });
    });

    /** The lead sends a returned step back to its window with a new deadline (inside the promise). */
    router.add('POST', '/api/joint/steps/:id/reopen', async (req, res) => {
      const id = stepId(req.params.id);
      const row = joint.get(id);
      if (!row) throw notFound('该联办步骤');
      const detail = cases.get(row.case_id);
      if (!detail) throw notFound('该办件');
      const session = ctx.access.requireWindowWork(req, detail.windowNo);
      const body = await readBody(req, ReopenBody);
      if (detail.state !== 'accepted')
        throw new DomainError('joint-not-running', `办件 ${detail.caseNo} 已不在办理中，不能重新交办`);
      sendJson(res, 200, { step: views([joint.reopen(id, jointCase(detail), body.dueDate, session.staffId)])[0] });
    });

    /** Supervision: steps past their deadline and not done. */
    router.add('GET', '/api/joint/late', (req, res) => {
      ctx.access.requireAnyStaff(req);
      sendJson(res, 200, { late: views(joint.late()) });
    });
  };
}
