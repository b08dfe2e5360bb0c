// 急事特办 routes (issue 21): mark a waiting ticket or an open case 紧急, and the leader's target date for an
// urgent case. 限时办结制度 第三条 "紧急事项应急事特办，随到随办"; 预约服务制度 第五条 "特事特办、急事急办".
import { DATE, obj, str } from '../contract/schema.ts';
import { DomainError, notFound } from '../common/errors.ts';
import { isRealDate } from '../calendar/working-days.ts';
import { readBody, sendJson, type Router } from '../http/kit.ts';
import type { AppContext } from '../app-context.ts';
import type { CaseStore } from '../cases/store.ts';
import type { UrgentStore } from './store.ts';

/** A short reason, one line: who needs it and why is for staff; it is erased at the retention date. */
const MarkBody = obj({ reason: str({ min: 1, max: 100 }) });
const TargetBody = obj({ date: DATE });

export function urgentRoutes(services: { urgent: UrgentStore; cases: CaseStore }) {
  const { urgent, cases } = services;
  return (router: Router, ctx: AppContext): void => {
    // A waiting ticket, by a clerk of a window serving its category (or a leader / the administrator).
    router.add('POST', '/api/tickets/:id/urgent', async (req, res) => {
      const ticket = ctx.store.getTicket(req.params.id!);
      if (!ticket) throw notFound('该号码');
      const owners = [
        ...ctx.access.windowsServing(ticket.categoryId),
        ...(ticket.targetWindowNo !== null ? [ticket.targetWindowNo] : []),
      ];
      const session = ctx.access.requireWindowWork(req, owners);
      const body = await readBody(req, MarkBody);
      const mark = urgent.markTicket(ticket.id, body.reason, session.staffId, session.windowNo);
      ctx.store.markedUrgent(ticket.id); // its place in line, kept in memory (issue 26)
      // Its place and everyone's behind it change: published like any queue change.
      const now = ctx.store.getTicket(ticket.id)!;
      ctx.publishChange({ tickets: [now], windows: [], categoriesChanged: true });
      sendJson(res, 200, { ticket: now, urgent: mark });
    });

    // An open 承诺件, by its own window (or a leader / the administrator).
    router.add('POST', '/api/cases/:id/urgent', async (req, res) => {
      const detail = cases.get(req.params.id!);
      if (!detail) throw notFound('该办件');
      const session = ctx.access.requireWindowWork(req, detail.windowNo);
      const body = await readBody(req, MarkBody);
      urgent.markCase(detail, body.reason, session.staffId, (note) =>
        cases.note(detail.id, note, session.staffId, 'urgent-marked'),
      );
      sendJson(res, 200, { case: cases.get(detail.id) });
    });

    // 第七条 "须经街道相关领导…批准": another date than 当日 is a leader's decision; the administrator may not.
    router.add('POST', '/api/cases/:id/urgent/target', async (req, res) => {
      const s = ctx.access.session(req);
      if (!s) throw new DomainError('login-required', '请先用分管领导账号登录');
      if (s.role !== 'leader')
        throw new DomainError('leader-only', '急事特办的办结目标日期由街道相关领导确定，请由分管领导账号办理');
      ctx.access.firstLogin?.enforce(s);
      const body = await readBody(req, TargetBody);
      if (!isRealDate(body.date)) throw new DomainError('bad-date', `没有 ${body.date} 这一天`);
      const detail = cases.get(req.params.id!);
      if (!detail) throw notFound('该办件');
      urgent.setCaseTarget(detail, body.date, { id: s.staffId, name: s.name }, (note) =>
        cases.note(detail.id, note, s.staffId, 'urgent-target'),
      );
      sendJson(res, 200, { case: cases.get(detail.id) });
    });
  };
}
