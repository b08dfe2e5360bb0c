// The matter catalogue (办事指南) over HTTP, and printing of the one-time notice slip (一次性告知单).
import { DomainError, notFound } from '../common/errors.ts';
import { obj } from '../contract/schema.ts';
import { MATTER_TYPES, type Matter, type MatterSummary, type MatterType } from '../contract/matters.ts';
import { noticeSlip } from '../printing/index.ts';
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

/** 工作日 09:30-13:30、16:00-19:30, from config/center.json hours. */
export function hoursText(ctx: AppContext): string | null {
  const sessions = ctx.config.hours.sessions.map((s) => `${s.from}-${s.to}`).join('、');
  if (!sessions) return null;
  return `${ctx.config.hours.workingDaysOnly ? '工作日（法定节假日除外）' : '每天'} ${sessions}`;
}

export function matterRoutes(catalogue: CatalogueView, devices: DeviceHub) {
  return (router: Router, ctx: AppContext): void => {
    router.add('GET', '/api/matters', (req, res) => {
      const q = (req.query.get('q') ?? '').slice(0, 60);
      const type = req.query.get('type') ?? undefined;
      if (type && !MATTER_TYPES.includes(type as MatterType))
        throw new DomainError('invalid-query', `事项类型应为：${MATTER_TYPES.join('、')}`);
      const department = req.query.get('department') ?? undefined;
      sendJson(res, 200, {
        matters: catalogue.search(q, { department, type: type as MatterType | undefined }),
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
      sendJson(res, 200, { matter, windows: windowsText(ctx, matter) });
    });

    router.add('POST', '/api/matters/:id/notice', async (req, res) => {
      if (!ctx.access.isKiosk(req)) ctx.access.requireAnyStaff(req);
      await readBody(req, obj({}));
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
      sendJson(res, 200, { printed: true, kind });
    });
  };
}
