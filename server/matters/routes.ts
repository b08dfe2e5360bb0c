// The matter catalogue (办事指南) over HTTP, and printing of the one-time notice slip (一次性告知单).
import { DomainError, notFound } from '../common/errors.ts';
import { obj, optional, str } from '../contract/schema.ts';
import type { NoticeStore } from '../notices/store.ts';
import { intakeOpen, MATTER_TYPES, type Matter, type MatterSummary, type MatterType } from '../contract/matters.ts';
import { noticeSlip } from '../printing/index.ts';
import { placeText } from './printing/notice-slip.ts';
import { localTime } from '../common/clock.ts';
import type { AppContext } from '../app-context.ts';
import type { DeviceHub } from '../devices/device-hub.ts';
import { readBody, sendJson, type Router } from '../http/kit.ts';
import { catalogueToCsv } from './catalogue-csv.ts';

/** What the routes need of the catalogue (server/matters implements it). */
export interface CatalogueView {
  get(id: string): Matter | null;
  search(query: string, filter: { department?: string; type?: MatterType }): MatterSummary[];
  departments(): string[];
  /** The catalogue rows (without guides) for export. */
  rows(): { id: string; name: string; type: string; body: string; department: string; categoryId: string | null }[];
}

/** Where a resident goes for a matter: the windows that serve its category. */
export function windowsText(ctx: AppContext, matter: Matter): string | null {
  if (!matter.categoryId) return null;
  const windows = ctx.config.windows.filter((w) => w.categoryIds.includes(matter.categoryId!));
  return windows.length ? windows.map((w) => `${w.no}号窗口（${w.name}）`).join('、') : null;
}

/** Where to ask about a matter without a guide: its category's windows, else the consultation windows. */
export function consultWindowsText(ctx: AppContext, matter: Matter): string | null {
  const own = windowsText(ctx, matter);
  if (own) return own;
  const consult = ctx.config.windows.filter((w) => w.categoryIds.includes('consult'));
  return consult.length ? consult.map((w) => `${w.no}号窗口（${w.name}）`).join('、') : null;
}

/** Where a resident asks about something the catalogue does not have: the consultation windows, by config. */
export function askText(ctx: AppContext): string {
  const consult = ctx.config.windows.filter((w) => w.categoryIds.includes('consult'));
  const where = consult.length ? consult.map((w) => `${w.no}号窗口（${w.name}）`).join('或') : '大厅工作人员';
  return `本中心事项中没有找到。请到${where}咨询，工作人员将告知在哪里办理。`;
}

/** 工作日 09:30-13:30、16:00-19:30, from config/center.json hours. */
export function hoursText(ctx: AppContext): string | null {
  const sessions = ctx.config.hours.sessions.map((s) => `${s.from}-${s.to}`).join('、');
  if (!sessions) return null;
  return `${ctx.config.hours.workingDaysOnly ? '工作日（法定节假日除外）' : '每天'} ${sessions}`;
}

/** The print of a notice: for a ticket holder served at the window, the ticket links the 告知 to the resident. */
const NoticeBody = obj({ ticketId: optional(str({ min: 1, max: 80 })) });

export function matterRoutes(catalogue: CatalogueView, devices: DeviceHub, notices?: NoticeStore) {
  return (router: Router, ctx: AppContext): void => {
    router.add('GET', '/api/matters', (req, res) => {
      const q = (req.query.get('q') ?? '').slice(0, 60);
      const type = req.query.get('type') ?? undefined;
      if (type && !MATTER_TYPES.includes(type as MatterType))
        throw new DomainError('invalid-query', `事项类型应为：${MATTER_TYPES.join('、')}`);
      const department = req.query.get('department') ?? undefined;
      const matters = catalogue.search(q, { department, type: type as MatterType | undefined });
      sendJson(res, 200, {
        matters,
        // Nothing found: where to ask instead of nothing (首问首办责任制度 第九条) — only windows the config names.
        ask: q.trim() && matters.length === 0 ? askText(ctx) : null,
        departments: catalogue.departments(),
      });
    });

    /** 事项清单 as CSV for Excel (UTF-8 with BOM). Staff and admin. */
    router.add('GET', '/api/matters/export.csv', (req, res) => {
      ctx.access.requireAnyStaff(req);
      const csv = catalogueToCsv(catalogue.rows());
      res.writeHead(200, {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent('事项清单.csv')}`,
      });
      res.end(csv);
    });

    router.add('GET', '/api/matters/:id', (req, res) => {
      const matter = catalogue.get(req.params.id!);
      if (!matter) throw notFound('该事项');
      const windows = windowsText(ctx, matter);
      // The same 办理地点 the 一次性告知单 prints (issue 22): the kiosk shows this, never its own guess.
      const place = matter.guide ? placeText(matter.guide.place, windows, ctx.config.center.address) : null;
      // announce: 须公示 (seed 004 业务流程 and 办结公告制度), always a boolean on the wire.
      const intake = matter.guide?.intake
        ? {
            text: matter.guide.intake.text,
            open: intakeOpen(matter.guide.intake, localTime(ctx.clock(), ctx.config.center.timezone).date),
          }
        : null;
      sendJson(res, 200, { matter, windows, place, announce: matter.announce === true, intake });
    });

    router.add('POST', '/api/matters/:id/notice', async (req, res) => {
      // A signed-in console prints as its window (the 留底 copy names it), even from a kiosk address.
      const session = ctx.access.session(req) || !ctx.access.isKiosk(req) ? ctx.access.requireAnyStaff(req) : null;
      const kiosk = session === null;
      const body = await readBody(req, NoticeBody);
      const matter = catalogue.get(req.params.id!);
      if (!matter) throw notFound('该事项');
      // Without a published guide the slip is a 咨询指引 (where to ask), never a 一次性告知单.
      const kind = matter.guide ? 'notice' : 'consult';
      const job = noticeSlip({
        matter,
        center: ctx.config.center,
        columns: devices.set.printer.columns,
        printedAt: ctx.clock(),
        windowText: matter.guide ? windowsText(ctx, matter) : consultWindowsText(ctx, matter),
        hours: hoursText(ctx),
      });
      const result = await devices.print(job);
      ctx.store.logEvent(
        ctx.access.isKiosk(req) ? 'kiosk' : 'staff',
        result.ok ? 'notice.printed' : 'notice.print-failed',
        { matterId: matter.id, kind },
      );
      if (!result.ok)
        throw new DomainError(
          'print-failed',
          `${kind === 'notice' ? '一次性告知单' : '咨询指引'}未能打印：${result.message}`,
        );
      // 一次性告知制度 第五条 "一份由经办窗口留底备查"、第六条 "作好一次性告知的记录": the slip as printed is kept.
      // The kiosk's slip is anonymous; a window's print for the ticket it serves names the (masked) holder.
      const ticketId = kiosk
        ? null
        : (body.ticketId ?? (session?.windowNo ? ctx.store.window(session.windowNo).currentTicketId : null));
      const holder = ticketId && notices ? notices.holder(ticketId) : null;
      const record = notices?.record({
        matterId: matter.id,
        matterName: matter.name,
        kind,
        channel: kiosk ? 'kiosk' : 'window',
        windowNo: session?.windowNo ?? null,
        staffId: session?.staffId ?? null,
        applicantMasked: holder?.masked ?? null,
        applicantHash: holder?.hash ?? null,
        ticketId: holder ? ticketId : null,
        materials: matter.guide?.materials.map((m) => m.name) ?? [],
        slip: job,
      });
      sendJson(res, 200, { printed: true, kind, noticeId: record?.id ?? null });
    });
  };
}
