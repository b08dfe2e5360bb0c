// Builds the whole server from its parts: config → store → devices → HTTP routes + WebSocket hub.
// `createApp` does nothing until `start()`; `stop()` closes everything it opened.
import { createLogger, toLogger } from './common/log.ts';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Config } from './config/load.ts';
import { returnFreedMemory } from './common/memory.ts';
import type { Db } from './store/db.ts';
import { QueueStore, type Change } from './queue/store.ts';
import { GroupCommit } from './store/group-commit.ts';
import { SessionStore } from './auth/sessions.ts';
import { Access } from './http/access.ts';
import { FirstLogin } from './auth/first-login.ts';
import { FirstUsePasswords } from './auth/first-use-passwords.ts';
import { Hub } from './ws/hub.ts';
import { Router, sendError, sendJson, parseRequest, clientErrorResponse, SECURITY_HEADERS } from './http/kit.ts';
import { serveStatic } from './http/static-files.ts';
import { queueRoutes } from './queue/routes.ts';
import { authRoutes } from './auth/routes.ts';
import { CardRegistry, loadOrCreateKey } from './resident/card-registry.ts';
import { systemClock, type Clock } from './common/clock.ts';
import { DomainError } from './common/errors.ts';
import { purgePersonalData, retentionCutoff } from './store/retention.ts';
import type { AppContext, PrintResult } from './app-context.ts';
import type { CategoryView, QueueSnapshot, Ticket } from './contract/queue.ts';
import type { WsRole } from './contract/ws.ts';
import { TICKET_ID_PATTERN, WS_ROLES } from './contract/ws.ts';
import type { DeviceHub } from './devices/device-hub.ts';
import { RatingPairing } from './ratings/pairing.ts';
import { RatingService } from './ratings/service.ts';
import { createTicketLimit } from './http/rate-limit.ts';
import { StorageHealth } from './store/health.ts';

export interface AppOptions {
  config: Config;
  /** The open database (the caller owns it and closes it after stop()). */
  db: Db;
  dataDir: string;
  distDir: string;
  port: number;
  host?: string;
  clock?: Clock;
  isWorkingDay: (date: string) => boolean;
  devices: DeviceHub;
  log?: (line: string) => void;
  /** Extra routes from other modules (matters, cases, stats), registered after the queue's. */
  extraRoutes?: ((router: Router, ctx: AppContext) => void)[];
  matterExists?: (id: string) => boolean;
  /** How often the day roll-over and the retention purge run (default once a minute; tests shorten it). */
  housekeepingEveryMs?: number;
}

export interface RunningApp {
  port: number;
  url: string;
  ctx: AppContext;
  stop(): Promise<void>;
}

export async function startApp(options: AppOptions): Promise<RunningApp> {
  const { config, devices } = options;
  const clock = options.clock ?? systemClock;
  const log = options.log ? toLogger(options.log) : createLogger({ journal: false });
  const db = options.db;
  // quick_check at start; every storage fault since (issue #23 item 4).
  const storage = new StorageHealth(db, join(options.dataDir, 'kiosk.sqlite'), log);
  const store = new QueueStore(db, config, clock, options.isWorkingDay);
  const commit = new GroupCommit(db, () => store.forgetPlaces());
  const sessions = new SessionStore(db, config, clock);
  // Random first-use passwords for accounts without one (issue #23 item 2), before anyone can log in.
  const firstUsePasswords = new FirstUsePasswords();
  await firstUsePasswords.provision(config, log);
  const firstLogin = new FirstLogin(config, config.security.firstLoginPasswordChange);
  void firstLogin.scan().catch(() => undefined);
  const access = new Access(config, sessions, firstLogin);
  // The hashing key: a bad key file is refused once hashes made with it exist (issue #23 item 5).
  const hashesExist = () =>
    db
      .prepare(
        `SELECT EXISTS (SELECT 1 FROM tickets WHERE id_hash IS NOT NULL)
             OR EXISTS (SELECT 1 FROM appointments WHERE id_hash IS NOT NULL OR phone_hash IS NOT NULL) AS found`,
      )
      .get() as { found: number };
  const cards = new CardRegistry(
    loadOrCreateKey(join(options.dataDir, 'secret.key'), () => hashesExist().found === 1, log.warn),
  );
  const ticketLimit = createTicketLimit(config, clock);
  const pairing = new RatingPairing(db, clock);

  /** A category as config says it, without the live figures (slips, snapshots built before the queue). */
  const staticCategoryView = (c: Config['categories'][number]): CategoryView => ({
    ...c,
    waiting: 0,
    estimatedWaitMinutes: null,
    closedReason: null,
    noServiceReason: null,
    windows: config.windows.filter((w) => w.categoryIds.includes(c.id)).map((w) => w.no),
  });
  /** Categories with live counts; `live = false` skips the counting (a slip needs only names and windows). */
  const categoriesView = (live = true): CategoryView[] => {
    if (!live) return config.categories.map(staticCategoryView);
    const counts = store.waitingCounts();
    return config.categories.map((c) => {
      const serving = config.windows.filter((w) => w.categoryIds.includes(c.id));
      const waiting = counts.get(c.id) ?? 0;
      // From the windows open for it and their recent service times; none open → why (暂停服务（午休）).
      const wait = store.categoryWait(c.id, waiting);
      let closedReason: string | null;
      try {
        closedReason = store.categoryClosedReason(c.id);
      } catch (err) {
        closedReason = (err as Error).message;
      }
      return {
        ...c,
        waiting,
        estimatedWaitMinutes: wait.estimatedWaitMinutes,
        closedReason,
        noServiceReason: wait.noServiceReason,
        windows: serving.map((w) => w.no),
      };
    });
  };

  const ownTicket = (id: string): Ticket[] => {
    const t = store.getTicket(id);
    return t && (t.status === 'waiting' || t.status === 'called' || t.status === 'serving') ? [t] : [];
  };

  /** The hall's state; for a phone page (`ticketId`), its own ticket instead of every open one. */
  const snapshot = (ticketId: string | null = null): QueueSnapshot => ({
    center: {
      name: config.center.name,
      notice: config.center.notice,
      serviceDate: store.today(),
      timezone: config.center.timezone,
      elderlyAge: config.priority.elderlyAge,
      normalPerPriority: config.priority.normalPerPriority,
    },
    categories: categoriesView(),
    windows: store.windows(),
    tickets: ticketId === null ? store.openTickets() : ownTicket(ticketId),
    recentCalls: store.recentCalls(10),
    devices: devices.statuses(),
  });

  const hub = new Hub({
    snapshot: (role, ticketId) => snapshot(role === 'ticket' ? (ticketId ?? '') : null),
    // A read that fails while a screen connects (a damaged page) is a storage fault, never a crash.
    onError: (err) => storage.note(err),
    log: (line) => log.error(line),
    // The same parsing layer as HTTP; anything it throws (DomainError) refuses the handshake with that status.
    authorize: (raw) => {
      const r = parseRequest(raw);
      access.checkHost(r);
      access.checkUpgradeOrigin(r);
      if (r.path !== '/ws') throw new DomainError('not-found', '没有这个连接地址，应为 /ws');
      const requested = r.query.get('role');
      const role = (requested ?? 'display') as WsRole;
      if (!WS_ROLES.includes(role))
        throw new DomainError('bad-role', `不认识的角色“${requested}”，应为 ${WS_ROLES.join('、')}`);
      if (role === 'kiosk' && !access.isKiosk(r))
        throw new DomainError('kiosk-only', '只有大厅自助服务一体机本机可以使用自助机连接');
      if (role === 'console' && !access.session(r)) throw new DomainError('login-required', '窗口连接需要先登录');
      if (role === 'console' && access.session(r)?.role === 'agent')
        throw new DomainError('centre-only', '代办员账号只能使用服务站页面');
      if (role === 'console' && firstLogin.mustChange(access.session(r)!.staffId))
        throw new DomainError('password-change-required', '请先修改初始密码');
      // A rating tablet only once paired with its window (ratings/pairing.ts); it hears that window's ratings only.
      const tabletWindow = role === 'rate' ? pairing.windowOf(raw) : null;
      if (role === 'rate' && tabletWindow === null)
        throw new DomainError('tablet-not-paired', '评价器尚未与窗口配对，请输入窗口电脑上显示的配对码');
      // A phone page (/t/:id) names its ticket: the unguessable id is what lets it see the ticket at all.
      let ticketId: string | null = null;
      if (role === 'ticket') {
        ticketId = r.query.get('ticket') ?? '';
        if (!TICKET_ID_PATTERN.test(ticketId) || !store.getTicket(ticketId))
          throw new DomainError('not-found', '没有这个号码，请核对小票上的二维码');
      }
      return { role, address: r.remoteAddress, limited: !access.isKiosk(r), windowNo: tabletWindow, ticketId };
    },
  });

  const changeListeners = new Set<(change: Change) => void>();
  const publishChange = (change: Change): void => {
    for (const listener of changeListeners) listener(change);
    // The call first: it is what the hall's screens, the voice and the resident's phone wait for; the ticket
    // it finished and the window's state follow (issue 26: a call on 700 screens).
    const called = change.call ? change.tickets.find((t) => t.id === change.call!.ticketId) : undefined;
    if (called && change.call) hub.publish({ type: 'ticket.called', ticket: called, call: change.call });
    for (const t of change.tickets) {
      if (t === called) continue;
      hub.publish({ type: t.id === change.issuedTicketId ? 'ticket.issued' : 'ticket.updated', ticket: t });
    }
    for (const w of change.windows) hub.publish({ type: 'window.updated', window: w });
    if (change.categoriesChanged && !categoriesPending) {
      // Many tickets within 15 ms (a burst, a group commit) make one categories message, not many; and the
      // counts and the phone pages' places go out after the call has reached every screen, not in its way.
      categoriesPending = true;
      setTimeout(() => {
        categoriesPending = false;
        if (stopped) return;
        hub.publish({ type: 'categories.updated', categories: categoriesView() });
        // The answers have gone out: rebuild the places a call dropped before the next ticket needs them,
        // and tell each phone page whose place moved its new one.
        store.preparePlaces();
        hub.refreshTicketPlaces((t) => store.aheadOf(t.id));
      }, 15);
    }
  };
  let categoriesPending = false;
  let stopped = false;

  const printTicket = async (ticketId: string, reprint: boolean): Promise<PrintResult> => {
    try {
      let number = '';
      // Read when the printer is free, not when queued: the slip says where the ticket stands as it prints.
      const result = await devices.printTicket(reprint, () => {
        const ticket = store.getTicket(ticketId);
        const category = ticket && config.categories.find((c) => c.id === ticket.categoryId);
        if (!ticket || !category) return null;
        number = ticket.number;
        // The slip tells the truth when nobody is calling (暂停服务至 16:00 / 当前无人值守), as the kiosk does.
        const wait = store.categoryWait(category.id, 0);
        return { ticket, category: { ...staticCategoryView(category), noServiceReason: wait.noServiceReason } };
      });
      if (stopped) return result;
      await commit.run(() => store.markPrinted(ticketId, result.ok, reprint, reprint ? 'console' : 'kiosk'));
      hub.publish({ type: 'print.result', ticketId, ok: result.ok, message: result.message, reprint });
      if (!result.ok) log(`小票打印失败（${number || ticketId}）：${result.message}`);
      return result;
    } catch (err) {
      // The ticket is valid whatever happens to its slip; say so rather than crash.
      log(`小票打印处理出错（${ticketId}）：${(err as Error).message}`);
      return { ok: false, message: '打印失败，请联系工作人员补打小票' };
    }
  };

  const afterFinish = (windowNo: number, change: Change): Change => {
    if (!store.window(windowNo).autoCall) return change;
    try {
      const next = store.callNext(windowNo, 'auto-call');
      return {
        tickets: [...change.tickets, ...next.tickets],
        windows: next.windows,
        call: next.call,
        categoriesChanged: true,
      };
    } catch (err) {
      if (err instanceof DomainError && err.code === 'queue-empty') return change;
      throw err;
    }
  };

  const ctx: AppContext = {
    config,
    storage,
    clock,
    db,
    store,
    commit,
    sessions,
    access,
    hub,
    cards,
    log,
    ticketLimit,
    pairing,
    firstUsePasswords,
    get ratings() {
      return ratings;
    },
    categoriesView,
    snapshot,
    publishChange,
    printTicket,
    afterFinish,
    matterExists: options.matterExists ?? (() => false),
    onChange(listener) {
      changeListeners.add(listener);
      return () => changeListeners.delete(listener);
    },
  };

  const ratings = new RatingService(ctx);
  ratings.start();

  const router = new Router();
  router.add('GET', '/api/health', (_req, res) => {
    const storageView = storage.view();
    sendJson(res, 200, {
      ok: storageView.ok,
      storage: storageView,
      center: config.center.name,
      serviceDate: store.today(),
      devices: devices.statuses(),
      connections: hub.connections,
    });
  });
  queueRoutes(router, ctx);
  authRoutes(router, ctx);
  devices.routes(router, ctx);
  for (const add of options.extraRoutes ?? []) add(router, ctx);

  const server: Server = createServer(async (raw, res) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
    try {
      // One parsing layer for every request (see parseRequest): a malformed target, escape or Host is a 400/421.
      const req = parseRequest(raw);
      access.checkHost(req);
      if (req.path.startsWith('/api/')) {
        access.checkOrigin(req);
        const { handler, params } = router.match(req.method, req.path);
        req.params = params;
        await handler(req, res);
        return;
      }
      if ((req.method === 'GET' || req.method === 'HEAD') && serveStatic(options.distDir, req.path, res, raw)) return;
      throw new DomainError('not-found', '页面不存在');
    } catch (err) {
      sendError(res, storage.note(err), log);
    }
  });
  // A request line or header node's parser refuses never reaches the handler: answer it in the same shape.
  server.on('clientError', (_err, socket) => {
    if (socket.writable && !(socket as { _httpMessage?: unknown })._httpMessage) socket.end(clientErrorResponse());
    else socket.destroy();
  });
  server.keepAliveTimeout = 30_000;

  // Day roll-over: yesterday's open tickets close; numbers restart per category. Personal fields past
  // the retention period are erased at the same time.
  let serviceDay = store.today();
  const housekeeping = () => {
    try {
      publishChange(store.expireOldTickets());
      // A page left open over midnight gets the new day's snapshot (date, counts), not yesterday's (issue 24).
      if (store.today() !== serviceDay) {
        serviceDay = store.today();
        hub.refreshAll();
      }
      const purged = purgePersonalData(
        db,
        retentionCutoff(store.today(), config.security.retentionDays),
        clock().toISOString(),
      );
      if (purged.tickets + purged.appointments + purged.cases + purged.text)
        log(
          `已按保存期限清除个人信息：号票 ${purged.tickets}、预约 ${purged.appointments}、办件 ${purged.cases}、备注和理由 ${purged.text}`,
        );
    } catch (err) {
      log(`日切处理失败：${(err as Error).message}`);
    }
    returnFreedMemory();
  };
  housekeeping();
  const rollover = setInterval(housekeeping, options.housekeepingEveryMs ?? 60_000);

  devices.on('status', (device) => hub.publish({ type: 'device.status', device }));
  devices.on('card', (card) => hub.publish({ type: 'idcard.read', card: cards.register(card, store.today()) }));
  devices.on('scan', (code) => hub.publish({ type: 'scan', code }));
  await devices.start();

  hub.start(server);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? config.security.bindAddress, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  devices.setPort(port);

  return {
    port,
    url: `http://127.0.0.1:${port}`,
    ctx,
    async stop() {
      stopped = true;
      clearInterval(rollover);
      ratings.stop();
      hub.stop();
      await devices.stop();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
