// Tickets, categories and window actions over HTTP (contracts in docs/design.md).
import { DomainError, notFound } from '../common/errors.ts';
import { AutoCallBody, CallSpecificBody, PauseBody, TakeTicketBody, TransferBody } from '../contract/queue.ts';
import { obj } from '../contract/schema.ts';
import { publicTicket } from '../ws/hub.ts';
import type { AppContext } from '../app-context.ts';
import { readBody, sendJson, windowNoParam, type Router } from '../http/kit.ts';
import type { Change } from './store.ts';

const Empty = obj({});

export function queueRoutes(router: Router, ctx: AppContext): void {
  const { store, access } = ctx;
  const limit = ctx.ticketLimit;

  router.add('GET', '/api/categories', (_req, res) => sendJson(res, 200, { categories: ctx.categoriesView() }));

  router.add('POST', '/api/tickets', async (req, res) => {
    access.requireKiosk(req);
    const body = await readBody(req, TakeTicketBody);
    // A retried request (same key) is not a new ticket and does not count.
    if (!body.idempotencyKey || !store.hasIdempotencyKey(body.idempotencyKey)) limit.take(req.remoteAddress);
    let holder = null;
    if (body.readToken) {
      holder = ctx.cards.get(body.readToken);
      if (!holder) throw new DomainError('card-expired', '身份证信息已过期，请重新刷卡');
    }
    if (body.matterIds)
      for (const id of body.matterIds)
        if (!ctx.matterExists(id)) throw DomainError.withLegacyStatus(400, 'unknown-matter', `没有编号为“${id}”的事项`);
    const elderly = !!holder && holder.age >= ctx.config.priority.elderlyAge;
    if (body.priority === 'elderly' && holder && !elderly) {
      throw new DomainError('not-elderly', `老年人绿色通道适用于 ${ctx.config.priority.elderlyAge} 周岁以上的居民`);
    }
    const { ticket, created, change } = await ctx.commit.run(() =>
      store.issue(
        {
          categoryId: body.categoryId,
          idempotencyKey: body.idempotencyKey,
          priority: body.priority,
          priorityConfirmed: body.priority === 'elderly' && elderly,
          idHash: holder?.idHash,
          idMasked: holder?.idMasked,
          nameMasked: holder?.nameMasked,
          matterIds: body.matterIds,
        },
        'kiosk',
      ),
    );
    ctx.publishChange(change);
    if (created) void ctx.printTicket(ticket.id, false);
    sendJson(res, created ? 201 : 200, { ticket, created });
  });

  router.add('GET', '/api/tickets/:id', (req, res) => {
    const ticket = store.getTicket(req.params.id!);
    if (!ticket) throw notFound('该号码');
    // Centre-only data (names masked, print state) for the kiosk and the centre's settled sessions: not a
    // 代办员, not a first-use session (issue #23 item 6).
    const privileged = access.isKiosk(req) || access.centreSession(req) !== null;
    sendJson(res, 200, {
      ticket: privileged ? ticket : publicTicket(ticket),
      print: privileged ? store.printState(ticket.id) : undefined,
    });
  });

  /**
   * A ticket belongs to the windows that serve its category, and to the window that called it or it was
   * transferred to; only those (or a leader/admin) reprint, reactivate or confirm it.
   */
  const ticketWork = (req: Parameters<typeof access.session>[0]) => {
    const ticket = store.getTicket(req.params.id!);
    if (!ticket) throw notFound('该号码');
    const owners = [
      ...access.windowsServing(ticket.categoryId),
      ...[ticket.windowNo, ticket.targetWindowNo].filter((n): n is number => n !== null),
    ];
    return { ticket, session: access.requireWindowWork(req, owners) };
  };

  /** 重打小票: from a console or the kiosk; printed marked as a reprint. */
  router.add('POST', '/api/tickets/:id/reprint', async (req, res) => {
    let ticket = store.getTicket(req.params.id!);
    if (!access.isKiosk(req)) ticket = ticketWork(req).ticket;
    await readBody(req, Empty);
    if (!ticket) throw notFound('该号码');
    const result = await ctx.printTicket(ticket.id, true);
    sendJson(
      res,
      result.ok ? 200 : 503,
      result.ok ? { ticket, printed: true } : { error: { code: 'print-failed', message: result.message } },
    );
  });

  router.add('POST', '/api/tickets/:id/reactivate', async (req, res) => {
    const { session } = ticketWork(req);
    await readBody(req, Empty);
    done(res, ctx, store.reactivate(req.params.id!, session.staffId));
  });

  router.add('POST', '/api/tickets/:id/confirm-priority', async (req, res) => {
    const { session } = ticketWork(req);
    await readBody(req, Empty);
    done(res, ctx, store.confirmPriority(req.params.id!, session.windowNo ?? 0, session.staffId));
  });

  router.add('GET', '/api/tickets', (req, res) => {
    access.requireAnyStaff(req);
    const status = req.query.get('status');
    if (status !== 'skipped' && status !== 'open')
      throw new DomainError('invalid-query', '请用 status=open 或 status=skipped 查询');
    sendJson(res, 200, { tickets: status === 'skipped' ? store.skippedTickets() : store.openTickets() });
  });

  router.add('GET', '/api/windows/:no/counts', (req, res) => {
    const no = windowNo(req.params.no!);
    access.requireStaff(req, no);
    sendJson(res, 200, { counts: store.windowCounts(no) });
  });

  router.add('GET', '/api/windows', (_req, res) => sendJson(res, 200, { windows: store.windows() }));
  router.add('GET', '/api/windows/:no', (req, res) =>
    sendJson(res, 200, { window: store.window(windowNo(req.params.no!)) }),
  );

  const action = (
    name: string,
    run: (no: number, staffId: string, body: unknown) => Change,
    schema: Parameters<typeof readBody>[1] = Empty,
  ) =>
    router.add('POST', `/api/windows/:no/${name}`, async (req, res) => {
      const no = windowNo(req.params.no!);
      store.window(no);
      const session = access.requireStaff(req, no);
      const body = await readBody(req, schema);
      done(res, ctx, await ctx.commit.run(() => run(no, session.staffId, body)));
    });

  action('call-next', (no, who) => store.callNext(no, who));
  action('recall', (no, who) => store.recall(no, who));
  action('skip', (no, who) => store.skip(no, who));
  action('finish', (no, who) => ctx.afterFinish(no, store.finish(no, who)));
  action(
    'transfer',
    (no, who, body) => store.transfer(no, body as { categoryId?: string; windowNo?: number; note?: string }, who),
    TransferBody,
  );
  action('pause', (no, who, body) => store.pause(no, (body as { reason?: string }).reason, who), PauseBody);
  action('resume', (no, who) => store.resume(no, who));
  action(
    'call',
    (no, who, body) =>
      store.callSpecific(no, (body as { ticketId: string }).ticketId, (body as { reason: string }).reason, who),
    CallSpecificBody,
  );
  action('auto-call', (no, who, body) => store.setAutoCall(no, (body as { on: boolean }).on, who), AutoCallBody);
}

const windowNo = windowNoParam;

function done(res: Parameters<typeof sendJson>[0], ctx: AppContext, change: Change): void {
  ctx.publishChange(change);
  sendJson(res, 200, { tickets: change.tickets, windows: change.windows, call: change.call ?? null });
}
