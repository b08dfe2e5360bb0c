import type { AppContext } from '../app-context.ts';
import { localTime } from '../common/clock.ts';
import { DomainError, notFound } from '../common/errors.ts';
import { array, obj, optional, str } from '../contract/schema.ts';
import type { Matter } from '../contract/matters.ts';
import { maskName } from '../contract/privacy.ts';
import { isDate } from '../contract/periods.ts';
import { readBody, sendDocument, sendJson, type Router } from '../http/kit.ts';
import type { CaseStore } from '../cases/store.ts';
import { docCsv, docHtml, type Cell } from '../registers/format.ts';
import { chargeableBasis, fenToYuan, yuanToFen, type FeeRow, type FeeStore } from './store.ts';
import { personName } from '../registers/people.ts';
import { format } from '../registers/routes.ts';

const FeeBody = obj({
  matterId: str({ min: 1, max: 80 }),
  caseId: optional(str({ min: 1, max: 80 })),
  amountYuan: str({ min: 1, max: 12 }),
  receiptNo: str({ min: 1, max: 40, pattern: /^[0-9A-Za-z-]+$/, hint: '票据号（字母、数字）' }),
  payerName: optional(str({ max: 40 })),
});
const RemitBody = obj({
  ids: array(str({ min: 1, max: 80 }), { min: 1, max: 500 }),
  remitNo: str({ min: 1, max: 40 }),
});

export interface FeeServices {
  fees: FeeStore;
  cases: CaseStore;
  matter(id: string): Matter | null;
}

export interface FeeView {
  id: string;
  receiptNo: string;
  date: string;
  time: string;
  windowNo: number;
  staffName: string;
  caseNo: string | null;
  matter: string;
  amount: string;
  basis: string;
  payer: string | null;
  remitted: boolean;
  remitNo: string | null;
}

export function feeRoutes(services: FeeServices) {
  return (router: Router, ctx: AppContext): void => {
    const { fees, cases } = services;
    const config = ctx.config;
    const tz = config.center.timezone;
    const staffName = (id: string) => personName(config.staff, id);
    const view = (r: FeeRow): FeeView => ({
      id: r.id,
      receiptNo: r.receipt_no,
      date: r.service_date,
      time: localTime(new Date(r.at), tz).time,
      windowNo: r.window_no,
      staffName: staffName(r.staff_id),
      caseNo: r.case_id ? (cases.get(r.case_id)?.caseNo ?? null) : null,
      matter: r.matter_name,
      amount: fenToYuan(r.amount_fen),
      basis: r.basis,
      payer: r.payer_masked,
      remitted: r.remitted_at !== null,
      remitNo: r.remit_no,
    });

    /** What the guide says about fees, for the console before it takes money. */
    router.add('GET', '/api/matters/:id/fee', (req, res) => {
      ctx.access.requireCentreStaff(req);
      const m = services.matter(req.params.id!);
      if (!m) throw notFound('该事项');
      const basis = chargeableBasis(m.guide?.fees);
      sendJson(res, 200, {
        chargeable: basis !== null,
        text: m.guide?.fees ?? null,
        // What a screen or slip says when nothing may be taken.
        says: basis ?? (m.guide?.fees?.trim() ? m.guide.fees : '指南未载明'),
      });
    });

    /** The window records a payment with its fiscal receipt (票据号, 金额, 依据, 缴款人 masked, 经办人). */
    router.add('POST', '/api/windows/:no/fees', async (req, res) => {
      const no = Number(req.params.no);
      const s = ctx.access.requireStaff(req, no);
      const body = await readBody(req, FeeBody);
      const m = services.matter(body.matterId);
      if (!m) throw new DomainError('unknown-matter', `没有编号为“${body.matterId}”的事项`);
      const basis = chargeableBasis(m.guide?.fees);
      if (!basis)
        throw new DomainError(
          'fee-not-stated',
          `“${m.name}”的办事指南${m.guide?.fees?.trim() ? `写明${m.guide.fees}` : '未载明收费标准和依据'}，不能收费（严禁违规收费、搭车收费）`,
        );
      let caseId: string | null = null;
      if (body.caseId) {
        const c = cases.get(body.caseId);
        if (!c) throw notFound('该办件');
        if (c.matterId !== m.id) throw new DomainError('bad-request', '该办件不是这个事项');
        caseId = c.id;
      }
      const row = fees.record({
        receiptNo: body.receiptNo,
        windowNo: no,
        staffId: s.staffId,
        caseId,
        matterId: m.id,
        matterName: m.name,
        amountFen: yuanToFen(body.amountYuan),
        basis,
        payerMasked: body.payerName?.trim() ? maskName(body.payerName.trim()) : null,
      });
      sendJson(res, 201, { fee: view(row) });
    });

    /** 收支两条线: the administrator records that the money was remitted to the fiscal account. */
    router.add('POST', '/api/fees/remit', async (req, res) => {
      const s = ctx.access.requireAdmin(req);
      const body = await readBody(req, RemitBody);
      sendJson(res, 200, { fees: fees.remit(body.ids, body.remitNo, s.staffId).map(view) });
    });

    /** 收费登记: GET /api/fees/register?from&to&format=json|csv|html. */
    router.add('GET', '/api/fees/register', (req, res) => {
      const s = ctx.access.requireCentreStaff(req);
      const today = fees.today();
      const from = req.query.get('from') ?? today;
      const to = req.query.get('to') ?? from;
      if (!isDate(from) || !isDate(to)) throw new DomainError('bad-date', '日期格式不对，应如 2026-12-01');
      if (from > to) throw new DomainError('bad-range', '开始日期不能晚于结束日期');
      const fmt = format(req);
      const rows = fees.list(from, to);
      const items = rows.map(view);
      const total = rows.reduce((a, r) => a + r.amount_fen, 0);
      const remitted = rows.filter((r) => r.remitted_at).reduce((a, r) => a + r.amount_fen, 0);
      const byMatter = new Map<string, { n: number; fen: number; basis: string }>();
      for (const r of rows) {
        const x = byMatter.get(r.matter_name) ?? { n: 0, fen: 0, basis: r.basis };
        x.n++;
        x.fen += r.amount_fen;
        byMatter.set(r.matter_name, x);
      }
      const detail: Cell[][] = items.map((v, i) => [
        i + 1,
        v.receiptNo,
        `${v.date} ${v.time}`,
        `${v.windowNo}号窗口`,
        v.matter,
        v.caseNo ?? '',
        v.amount,
        v.basis,
        v.payer ?? '',
        v.staffName,
        v.remitted ? `已上缴（${v.remitNo}）` : '未上缴',
      ]);
      ctx.db
        .prepare(
          "INSERT INTO events (at, actor, type, data) VALUES (?, ?, 'register.viewed', json_object('register', 'fees', 'format', ?, 'from', ?, 'to', ?, 'rows', ?))",
        )
        .run(ctx.clock().toISOString(), s.staffId, fmt, from, to, rows.length);
      const doc = {
        title: `${config.center.name}收费登记（收支两条线）`,
        meta: `期间：${from} 至 ${to}　收取 ${rows.length} 笔 ${fenToYuan(total)} 元，已上缴 ${fenToYuan(remitted)} 元，未上缴 ${fenToYuan(total - remitted)} 元`,
        tables: [
          {
            heading: '按事项汇总',
            columns: ['事项', '笔数', '金额（元）', '收费标准和依据'],
            rows: [...byMatter].map(([name, x]) => [name, x.n, fenToYuan(x.fen), x.basis] as Cell[]),
          },
          {
            heading: '收费票据明细',
            columns: [
              '序号',
              '票据号',
              '收费时间',
              '窗口',
              '事项',
              '办件编号',
              '金额（元）',
              '收费依据',
              '缴款人',
              '经办人',
              '上缴',
            ],
            rows: detail,
          },
        ],
        notes: [
          '依据：凡办理的事项需收费的，必须明确收费依据并出具相关的收费票据，实行收支两条线（民生服务中心建设方案 三、3 规范收费）。收取的款项全额上缴，不在窗口坐支。',
        ],
      };
      if (fmt === 'json')
        return sendJson(res, 200, {
          from,
          to,
          total: fenToYuan(total),
          remitted: fenToYuan(remitted),
          ...doc,
          items,
        });
      if (fmt === 'csv') return sendDocument(res, 'csv', `收费登记_${from}_${to}`, docCsv(doc));
      sendDocument(res, 'html', doc.title, docHtml(doc));
    });
  };
}
