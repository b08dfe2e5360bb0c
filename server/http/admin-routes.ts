// The administrator's routes (/admin): statistics, the monthly and quarterly reports (CSV and printable
// HTML), the bad-rating follow-up list, and live edits of categories, windows, staff and the notice line.
// Every route needs an admin session: window staff get 403, nobody signed in gets 401.
//
// A config edit is validated as a whole (the same schemas and cross-file checks as start-up, on a copy of
// the folder), written atomically (temp file + fsync + rename), recorded in the event log as admin.* with
// before/after, then applied to the running config and published so screens change without a restart.
import type { ServerResponse } from 'node:http';
import { array, int, literal, obj, optional, str } from '../contract/schema.ts';
import { hashSecret } from '../auth/password.ts';
import { pinRefusal } from '../auth/first-login.ts';
import { DomainError, notFound } from '../common/errors.ts';
import type { AppContext } from '../app-context.ts';
import type { Config } from '../config/load.ts';
import { editConfigFile } from '../config/edit.ts';
import { localTime } from '../common/clock.ts';
import { ratingName } from '../contract/rating-reasons.ts';
import type { Rating } from '../ratings/store.ts';
import { loadStats, parseStatsQuery } from '../stats/load.ts';
import { reportCsv, reportHtml, reportSpec, type ReportKind } from '../stats/report.ts';
import { readBody, sendJson, windowNoParam, type Request, type Router } from './kit.ts';

const CategoryEdit = obj({
  name: optional(str({ min: 1, max: 30 })),
  dailyQuota: optional(int({ min: 1, max: 9999 })),
});
const WindowEdit = obj({ name: str({ min: 1, max: 30 }) });
const NoticeEdit = obj({ notice: str({ max: 500 }) });
/** A published phone number (0909-1234567, 12345, 0909-1234567转8) or empty for none. */
const PHONE = str({
  max: 40,
  pattern: /^$|^[0-9][0-9 -]{1,30}[0-9](转[0-9]{1,6})?$/,
  hint: '电话号码，如 0909-1234567（只含数字、连字符和空格；不公布请留空）',
});
const PhonesEdit = obj({ phone: PHONE, supervisionPhone: PHONE });
const PIN = str({ min: 6, max: 64, hint: '至少 6 位的密码' });
const StaffWindows = array(int({ min: 1, max: 999 }), { max: 50 });
const StaffEdit = obj({
  name: optional(str({ min: 1, max: 30 })),
  windows: optional(StaffWindows),
  pin: optional(PIN),
});
const StaffCreate = obj({
  id: str({ pattern: /^[a-z][a-z0-9_-]{1,31}$/, hint: '工号：小写字母开头，字母、数字、- 或 _，2–32 位' }),
  name: str({ min: 1, max: 30 }),
  role: literal(['staff', 'leader', 'admin'] as const, { staff: '窗口工作人员', leader: '分管领导', admin: '管理员' }),
  windows: StaffWindows,
  pin: PIN,
});
const FollowUpBody = obj({ text: str({ min: 1, max: 1000 }) });

function sendText(
  res: ServerResponse,
  status: number,
  type: string,
  body: string,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, {
    'Content-Type': type,
    'Cache-Control': 'no-store',
    'Content-Length': Buffer.byteLength(body),
    'X-Content-Type-Options': 'nosniff',
    ...headers,
  });
  res.end(body);
}

export function adminRoutes(router: Router, ctx: AppContext): void {
  const ratings = ctx.ratings;
  const admin = (req: Request) => ctx.access.requireAdmin(req);
  const today = () => localTime(ctx.clock(), ctx.config.center.timezone).date;
  const nowText = () => {
    const t = localTime(ctx.clock(), ctx.config.center.timezone);
    return `${t.date} ${t.time}`;
  };

  // ---- statistics and reports ----

  router.add('GET', '/api/admin/stats', (req, res) => {
    admin(req);
    const query = parseStatsQuery(req.query, today());
    sendJson(res, 200, { report: loadStats(ctx.db, ctx.config, query, ctx.clock()) });
  });

  // ?kind=month&key=2026-11 or ?kind=quarter&key=2026-Q4, &format=csv|html
  router.add('GET', '/api/admin/report', (req, res) => {
    admin(req);
    const kind = (req.query.get('kind') ?? 'month') as ReportKind;
    if (kind !== 'month' && kind !== 'quarter')
      throw new DomainError('bad-kind', '报表类型应为 month（月报）或 quarter（季报）');
    const key =
      req.query.get('key') ??
      (kind === 'month'
        ? today().slice(0, 7)
        : `${today().slice(0, 4)}-Q${Math.floor((Number(today().slice(5, 7)) - 1) / 3) + 1}`);
    const spec = reportSpec(kind, key, ctx.config.center.name);
    if (!spec)
      throw new DomainError(
        'bad-key',
        kind === 'month' ? '月份格式应为 YYYY-MM，例如 2026-11' : '季度格式应为 YYYY-Qn，例如 2026-Q4',
      );
    const report = loadStats(ctx.db, ctx.config, { from: spec.from, to: spec.to, period: spec.period }, ctx.clock());
    const format = req.query.get('format') ?? 'csv';
    if (format === 'html') {
      sendText(res, 200, 'text/html; charset=utf-8', reportHtml(report, spec, nowText()));
      return;
    }
    if (format !== 'csv') throw new DomainError('bad-format', '导出格式应为 csv 或 html');
    const name = `${kind === 'month' ? '便民服务办理情况统计表' : '办件统计表'}-${key}.csv`;
    sendText(res, 200, 'text/csv; charset=utf-8', reportCsv(report, spec, nowText()), {
      'Content-Disposition': `attachment; filename="report-${key}.csv"; filename*=UTF-8''${encodeURIComponent(name)}`,
    });
  });

  // ---- 好差评 follow-up (整改) ----

  const ratingView = (r: Rating) => ({
    ...r,
    valueName: ratingName(r.value),
    windowName: ctx.config.windows.find((w) => w.no === r.windowNo)?.name ?? '',
    staffName: r.staffId ? (ctx.config.staff.find((s) => s.id === r.staffId)?.name ?? r.staffId) : null,
    categoryName: ctx.config.categories.find((c) => c.id === r.categoryId)?.name ?? r.categoryId,
  });

  // Bad ratings still waiting for a follow-up; ?all=1 also those already followed up.
  router.add('GET', '/api/admin/ratings/bad', (req, res) => {
    admin(req);
    sendJson(res, 200, { ratings: ratings.store.bad({ open: req.query.get('all') !== '1' }).map(ratingView) });
  });

  router.add('POST', '/api/admin/ratings/:id/follow-up', async (req, res) => {
    const session = admin(req);
    const id = Number(req.params.id);
    if (!Number.isInteger(id) || id < 1) throw notFound('该评价');
    const body = await readBody(req, FollowUpBody);
    sendJson(res, 200, { rating: ratingView(ratings.store.followUp(id, body.text, session.staffId)) });
  });

  // ---- configuration ----

  const configView = () => ({
    notice: ctx.config.center.notice,
    phone: ctx.config.center.phone,
    supervisionPhone: ctx.config.center.supervisionPhone,
    categories: ctx.config.categories.map((c) => ({
      id: c.id,
      name: c.name,
      prefix: c.prefix,
      dailyQuota: c.dailyQuota,
    })),
    windows: ctx.config.windows.map((w) => ({ no: w.no, name: w.name, categoryIds: w.categoryIds })),
    // Never the password hashes.
    staff: ctx.config.staff.map((s) => ({ id: s.id, name: s.name, role: s.role, windows: s.windows })),
  });

  const checkWindows = (windows: number[]) => {
    const unknown = windows.filter((no) => !ctx.config.windows.some((w) => w.no === no));
    if (unknown.length) throw new DomainError('unknown-window', `没有 ${unknown.join('、')} 号窗口`);
  };
  /** Window numbers as stored: each once, in order. */
  const windowList = (windows: number[]) => [...new Set(windows)].sort((a, b) => a - b);
  /** The running config takes the saved staff list (sessions and logins read it from there). */
  const applyStaff = (next: Config) => ctx.config.staff.splice(0, ctx.config.staff.length, ...next.staff);

  router.add('GET', '/api/admin/config', (req, res) => {
    admin(req);
    sendJson(res, 200, configView());
  });

  router.add('PUT', '/api/admin/categories/:id', async (req, res) => {
    const session = admin(req);
    const body = await readBody(req, CategoryEdit);
    const live = ctx.config.categories.find((c) => c.id === req.params.id);
    if (!live) throw new DomainError('unknown-category', `没有编号为“${req.params.id}”的业务类别`);
    if (body.name === undefined && body.dailyQuota === undefined)
      throw new DomainError('nothing-to-change', '请填写要修改的名称或每日号源数');
    const before = { name: live.name, dailyQuota: live.dailyQuota };
    const next = editConfigFile(
      ctx.config.dir,
      'categories.json',
      (raw: { id: string; name: string; dailyQuota: number }[]) => {
        const entry = Array.isArray(raw) ? raw.find((c) => c && c.id === live.id) : undefined;
        if (!entry) throw new DomainError('config-changed', `categories.json 中已没有“${live.id}”，请刷新页面`);
        if (body.name !== undefined) entry.name = body.name.trim();
        if (body.dailyQuota !== undefined) entry.dailyQuota = body.dailyQuota;
      },
    );
    const fresh = next.categories.find((c) => c.id === live.id)!;
    const after = { name: fresh.name, dailyQuota: fresh.dailyQuota };
    ctx.store.logEvent(session.staffId, 'admin.category.updated', { id: live.id, before, after });
    // In place: the queue store and the routes hold this same config object.
    Object.assign(live, after);
    ctx.hub.publish({ type: 'categories.updated', categories: ctx.categoriesView() });
    sendJson(res, 200, configView());
  });

  router.add('PUT', '/api/admin/windows/:no', async (req, res) => {
    const session = admin(req);
    const body = await readBody(req, WindowEdit);
    const live = ctx.config.windows.find((w) => w.no === windowNoParam(req.params.no));
    if (!live) throw notFound(`${req.params.no} 号窗口`);
    const before = { name: live.name };
    const next = editConfigFile(ctx.config.dir, 'windows.json', (raw: { no: number; name: string }[]) => {
      const entry = Array.isArray(raw) ? raw.find((w) => w && w.no === live.no) : undefined;
      if (!entry) throw new DomainError('config-changed', `windows.json 中已没有 ${live.no} 号窗口，请刷新页面`);
      entry.name = body.name.trim();
    });
    const after = { name: next.windows.find((w) => w.no === live.no)!.name };
    ctx.store.logEvent(session.staffId, 'admin.window.updated', { no: live.no, before, after });
    live.name = after.name;
    ctx.hub.publish({ type: 'window.updated', window: ctx.store.window(live.no) });
    sendJson(res, 200, configView());
  });

  router.add('PUT', '/api/admin/notice', async (req, res) => {
    const session = admin(req);
    const body = await readBody(req, NoticeEdit);
    const before = ctx.config.center.notice;
    const next = editConfigFile(ctx.config.dir, 'center.json', (raw: { center?: { notice?: string } }) => {
      if (!raw || typeof raw !== 'object' || !raw.center)
        throw new DomainError('config-unreadable', 'center.json 缺少 center 部分，请检查配置文件');
      raw.center.notice = body.notice.trim();
    });
    ctx.store.logEvent(session.staffId, 'admin.notice.updated', { before, after: next.center.notice });
    ctx.config.center.notice = next.center.notice;
    // The notice lives in the snapshot's centre block: every screen gets a fresh snapshot.
    ctx.hub.publish({ type: 'snapshot', snapshot: ctx.snapshot() });
    sendJson(res, 200, configView());
  });

  /** The centre's consultation and supervision phones: printed on every slip only when set. */
  router.add('PUT', '/api/admin/phones', async (req, res) => {
    const session = admin(req);
    const body = await readBody(req, PhonesEdit);
    const before = { phone: ctx.config.center.phone, supervisionPhone: ctx.config.center.supervisionPhone };
    const next = editConfigFile(
      ctx.config.dir,
      'center.json',
      (raw: { center?: { phone?: string; supervisionPhone?: string } }) => {
        if (!raw || typeof raw !== 'object' || !raw.center)
          throw new DomainError('config-unreadable', 'center.json 缺少 center 部分，请检查配置文件');
        raw.center.phone = body.phone.trim();
        raw.center.supervisionPhone = body.supervisionPhone.trim();
      },
    );
    const after = { phone: next.center.phone, supervisionPhone: next.center.supervisionPhone };
    ctx.store.logEvent(session.staffId, 'admin.phones.updated', { before, after });
    Object.assign(ctx.config.center, after);
    ctx.hub.publish({ type: 'snapshot', snapshot: ctx.snapshot() });
    sendJson(res, 200, configView());
  });

  /** Edit a staff member: name, the windows they may act on, a new password (ends their open sessions). */
  router.add('PUT', '/api/admin/staff/:id', async (req, res) => {
    const session = admin(req);
    const body = await readBody(req, StaffEdit);
    const live = ctx.config.staff.find((s) => s.id === req.params.id);
    if (!live) throw notFound(`工号“${req.params.id}”`);
    if (body.name === undefined && body.windows === undefined && body.pin === undefined)
      throw new DomainError('nothing-to-change', '请填写要修改的姓名、窗口或新密码');
    if (body.windows) checkWindows(body.windows);
    if (body.pin && pinRefusal(body.pin)) throw new DomainError('weak-password', pinRefusal(body.pin)!);
    const pinHash = body.pin ? await hashSecret(body.pin) : null;
    const before = { name: live.name, windows: live.windows };
    const next = editConfigFile(
      ctx.config.dir,
      'staff.json',
      (raw: { id: string; name: string; windows: number[]; pinHash: string }[]) => {
        const entry = Array.isArray(raw) ? raw.find((s) => s && s.id === live.id) : undefined;
        if (!entry) throw new DomainError('config-changed', `staff.json 中已没有“${live.id}”，请刷新页面`);
        if (body.name !== undefined) entry.name = body.name.trim();
        if (body.windows !== undefined) entry.windows = windowList(body.windows);
        if (pinHash) entry.pinHash = pinHash;
      },
    );
    const fresh = next.staff.find((s) => s.id === live.id)!;
    ctx.store.logEvent(session.staffId, 'admin.staff.updated', {
      id: live.id,
      before,
      after: { name: fresh.name, windows: fresh.windows },
      passwordReset: pinHash !== null,
    });
    applyStaff(next);
    if (pinHash) ctx.sessions.revokeStaff(live.id);
    sendJson(res, 200, configView());
  });

  router.add('POST', '/api/admin/staff', async (req, res) => {
    const session = admin(req);
    const body = await readBody(req, StaffCreate);
    if (ctx.config.staff.some((s) => s.id === body.id)) throw new DomainError('staff-exists', `工号“${body.id}”已存在`);
    checkWindows(body.windows);
    if (pinRefusal(body.pin)) throw new DomainError('weak-password', pinRefusal(body.pin)!);
    const pinHash = await hashSecret(body.pin);
    const entry = { id: body.id, name: body.name.trim(), role: body.role, windows: windowList(body.windows), pinHash };
    const next = editConfigFile(ctx.config.dir, 'staff.json', (raw: unknown[]) => {
      if (!Array.isArray(raw)) throw new DomainError('config-unreadable', 'staff.json 不是列表，请检查配置文件');
      raw.push(entry);
    });
    ctx.store.logEvent(session.staffId, 'admin.staff.created', {
      id: entry.id,
      after: { name: entry.name, role: entry.role, windows: entry.windows },
    });
    applyStaff(next);
    sendJson(res, 201, configView());
  });

  // The audit trail of admin edits and follow-ups, newest first.
  router.add('GET', '/api/admin/audit', (req, res) => {
    admin(req);
    const rows = ctx.db
      .prepare<[], { at: string; actor: string; type: string; data: string }>(
        "SELECT at, actor, type, data FROM events WHERE type LIKE 'admin.%' OR type = 'rating.follow-up' ORDER BY id DESC LIMIT 200",
      )
      .all();
    sendJson(res, 200, {
      entries: rows.map((r) => ({ at: r.at, actor: r.actor, type: r.type, data: JSON.parse(r.data) as unknown })),
    });
  });
}
