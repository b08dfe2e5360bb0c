// 一次性告知记录 over HTTP (一次性告知制度 第五条、第六条): a 告知 by phone recorded by the staff, the window's
// reprint of the kept copy, and the register (JSON / CSV / printable HTML) like the other registers.
import { DomainError, notFound } from '../common/errors.ts';
import { localTime } from '../common/clock.ts';
import { localStamp, docHtml, tableCsv } from '../registers/format.ts';
import { format, range } from '../registers/routes.ts';
import { int, obj, optional, str } from '../contract/schema.ts';
import { maskName } from '../contract/privacy.ts';
import type { Matter } from '../contract/matters.ts';
import type { AppContext } from '../app-context.ts';
import type { DeviceHub } from '../devices/device-hub.ts';
import { readBody, sendDocument, sendJson, type Router } from '../http/kit.ts';
import { NOTICE_CHANNEL_NAMES, NOTICE_KIND_NAMES, type NoticeStore } from './store.ts';
import { personName } from '../registers/people.ts';

const PhoneBody = obj({
  matterId: str({ min: 1, max: 80 }),
  windowNo: optional(int({ min: 1, max: 999 })),
  /** The caller's name as given: kept masked only (张*三). */
  name: optional(str({ min: 1, max: 40 })),
});

export const NOTICE_COLUMNS = [
  '序号',
  '告知时间',
  '方式',
  '事项',
  '告知单',
  '窗口',
  '工作人员',
  '申请人',
  '告知的材料',
  '材料清单校验码',
  '其后补正',
  '未告知而要求补正的材料（本中心责任）',
];

export function noticeRoutes(notices: NoticeStore, devices: DeviceHub, matter: (id: string) => Matter | null) {
  return (router: Router, ctx: AppContext): void => {
    const config = ctx.config;
    const staffName = (id: string | null) => personName(config.staff, id);
    const windowName = (no: number | null) => {
      if (no === null) return '';
      const name = config.windows.find((w) => w.no === no)?.name;
      return name ? `${no}号窗口（${name}）` : `${no}号窗口`;
    };

    /** 第六条 "通过电话……咨询的……作好一次性告知的记录": a 告知 given by phone, with the guide's materials as told. */
    router.add('POST', '/api/notices/phone', async (req, res) => {
      const session = ctx.access.requireCentreStaff(req);
      const body = await readBody(req, PhoneBody);
      const m = matter(body.matterId);
      if (!m) throw new DomainError('unknown-matter', `没有编号为“${body.matterId}”的事项`);
      const windowNo = body.windowNo ?? session.windowNo;
      if (windowNo !== null && session.role === 'staff' && !session.windows.includes(windowNo))
        throw new DomainError('wrong-window', `您没有 ${windowNo} 号窗口的操作权限`);
      const record = notices.record({
        matterId: m.id,
        matterName: m.name,
        kind: m.guide ? 'notice' : 'consult',
        channel: 'phone',
        windowNo,
        staffId: session.staffId,
        applicantMasked: body.name ? maskName(body.name.trim()) : null,
        applicantHash: null,
        ticketId: null,
        materials: m.guide?.materials.map((x) => x.name) ?? [],
        slip: null,
      });
      ctx.store.logEvent(session.staffId, 'notice.phone', { matterId: m.id, noticeId: record.id });
      sendJson(res, 201, { notice: record });
    });

    /** 第五条 "一份由经办窗口留底备查": the kept copy, printed again byte for byte. */
    router.add('POST', '/api/notices/:id/reprint', async (req, res) => {
      const session = ctx.access.requireCentreStaff(req);
      await readBody(req, obj({}));
      const id = Number(req.params.id);
      const record = Number.isSafeInteger(id) && id > 0 ? notices.get(id) : null;
      if (!record) throw notFound('该告知记录');
      const slip = notices.slip(id);
      if (!slip) throw new DomainError('no-kept-copy', '这次告知是口头（电话）告知，没有留底的告知单可以补打');
      const result = await devices.print(slip);
      ctx.store.logEvent(session.staffId, result.ok ? 'notice.reprinted' : 'notice.print-failed', { noticeId: id });
      if (!result.ok) throw new DomainError('print-failed', `留底告知单未能补打：${result.message}`);
      sendJson(res, 200, { printed: true, notice: record });
    });

    router.add('GET', '/api/registers-notices', (req, res) => {
      const session = ctx.access.requireCentreStaff(req);
      const { from, to } = range(req, localTime(ctx.clock(), config.center.timezone).date);
      const fmt = format(req);
      const list = notices.list(from, to);
      ctx.store.logEvent(session.staffId, 'register.viewed', {
        kind: 'notices',
        format: fmt,
        from,
        to,
        rows: list.length,
      });
      const rows = list.map((n, i) => [
        i + 1,
        localStamp(n.at, config.center.timezone),
        NOTICE_CHANNEL_NAMES[n.channel],
        n.matterName,
        NOTICE_KIND_NAMES[n.kind],
        windowName(n.windowNo),
        staffName(n.staffId),
        n.applicantMasked ?? '',
        n.materials.join('、'),
        n.materialsHash.slice(0, 12),
        n.corrections.map((c) => `${c.caseNo}：${c.asked.join('、')}`).join('；'),
        n.corrections.flatMap((c) => c.notTold).join('、'),
      ]);
      const columns = NOTICE_COLUMNS;
      const title = `${config.center.name}一次性告知记录`;
      if (fmt === 'json') return sendJson(res, 200, { from, to, columns, rows, records: list });
      if (fmt === 'csv') return sendDocument(res, 'csv', `一次性告知记录_${from}_${to}`, tableCsv(columns, rows));
      sendDocument(
        res,
        'html',
        title,
        docHtml({
          title,
          meta: `告知期间：${from} 至 ${to}　共 ${rows.length} 次`,
          tables: [{ columns, rows }],
          notes: [
            '依据：一次性告知制度第五条（一份由经办窗口留底备查）、第六条（作好一次性告知的记录）、第七条（因一次性告知不到位……视为有效投诉）。',
            '一体机打印的告知单不记申请人；其后补正按同一事项、同一申请人（身份证校验值，无则按脱敏姓名）关联。',
          ],
        }),
      );
    });
  };
}
