import type { AppContext } from '../app-context.ts';
import { localTime } from '../common/clock.ts';
import { DomainError, notFound } from '../common/errors.ts';
import { escapeHtml } from '../common/html.ts';
import { int, obj, optional, str } from '../contract/schema.ts';
import { isDate } from '../contract/periods.ts';
import { JIAOBAN_STATE_NAMES, type JiaobanView } from '../contract/jiaoban.ts';
import { readBody, sendDocument, sendJson, type Router } from '../http/kit.ts';
import type { CaseStore } from '../cases/store.ts';
import { docCsv, docHtml, type Cell } from '../registers/format.ts';
import { feedbackLate, type JiaobanRow, type JiaobanStore } from './store.ts';
import { personName } from '../registers/people.ts';
import { format } from '../registers/routes.ts';

const AssignBody = obj({
  windowNo: int({ min: 1, max: 999 }),
  toStaffId: str({ min: 1, max: 40 }),
  matterText: str({ min: 1, max: 200 }),
  firstContactId: optional(str({ min: 1, max: 80 })),
  caseId: optional(str({ min: 1, max: 80 })),
  request: optional(str({ max: 500 })),
});
const TextBody = obj({ text: str({ min: 1, max: 1000 }) });

export interface JiaobanServices {
  jiaoban: JiaobanStore;
  cases: CaseStore;
}

export function jiaobanRoutes(services: JiaobanServices) {
  return (router: Router, ctx: AppContext): void => {
    const { jiaoban, cases } = services;
    const config = ctx.config;
    const tz = config.center.timezone;
    const staffName = (id: string | null) => personName(config.staff, id);
    const hhmm = (iso: string | null) => (iso ? localTime(new Date(iso), tz).time : null);
    const view = (r: JiaobanRow): JiaobanView => ({
      id: r.id,
      no: r.no,
      date: r.service_date,
      time: hhmm(r.at)!,
      windowNo: r.window_no,
      byName: staffName(r.by_staff),
      toStaffId: r.to_staff,
      toName: staffName(r.to_staff),
      matter: r.matter_text,
      caseNo: r.case_id ? (cases.get(r.case_id)?.caseNo ?? null) : null,
      request: r.request,
      feedback: r.feedback,
      feedbackTime: hhmm(r.feedback_at),
      late: feedbackLate(r, jiaoban.today()),
      instruction: r.instruction,
      instructedBy: r.instructed_by ? staffName(r.instructed_by) : null,
      state: r.state,
    });

    /** The centre's staff a window can hand a matter to (承办人). */
    router.add('GET', '/api/jiaoban/staff', (req, res) => {
      ctx.access.requireCentreStaff(req);
      sendJson(res, 200, {
        staff: config.staff
          .filter((s) => s.role !== 'agent')
          .map((s) => ({ id: s.id, name: s.name, windows: s.windows })),
      });
    });

    /** 2、交辦: the window hands a registered matter to a named staff member. */
    router.add('POST', '/api/jiaoban', async (req, res) => {
      ctx.access.requireCentreStaff(req);
      const body = await readBody(req, AssignBody);
      const s = ctx.access.requireStaff(req, body.windowNo);
      const to = config.staff.find((x) => x.id === body.toStaffId && x.role !== 'agent');
      if (!to) throw new DomainError('unknown-staff', `没有工号为“${body.toStaffId}”的中心工作人员`);
      if (body.caseId && !cases.get(body.caseId)) throw notFound('该办件');
      const row = jiaoban.assign({
        windowNo: body.windowNo,
        byStaff: s.staffId,
        toStaff: to.id,
        matterText: body.matterText,
        firstContactId: body.firstContactId,
        caseId: body.caseId,
        request: body.request,
      });
      sendJson(res, 201, { jiaoban: view(row) });
    });

    /** What I was handed and have not reported on (the 承办人's console). */
    router.add('GET', '/api/jiaoban/mine', (req, res) => {
      const s = ctx.access.requireCentreStaff(req);
      sendJson(res, 200, { items: jiaoban.openFor(s.staffId).map(view) });
    });

    /** 5、反饋 "當天給窗口反饋辦理情況". */
    router.add('POST', '/api/jiaoban/:id/feedback', async (req, res) => {
      const s = ctx.access.requireCentreStaff(req);
      const body = await readBody(req, TextBody);
      sendJson(res, 200, { jiaoban: view(jiaoban.feedback(req.params.id!, s.staffId, body.text)) });
    });

    /** 4、批示 by the 带班领导 (role leader; the administrator where the centre has none). */
    router.add('POST', '/api/jiaoban/:id/instruction', async (req, res) => {
      const s = ctx.access.requireCentreStaff(req);
      if (s.role !== 'leader' && s.role !== 'admin')
        throw new DomainError('leader-only', '批示须由带班领导（分管领导账号）或管理员填写');
      const body = await readBody(req, TextBody);
      sendJson(res, 200, { jiaoban: view(jiaoban.instruct(req.params.id!, s.staffId, body.text)) });
    });

    /** The day's items for the 带班领导, and the late feedback for supervision. */
    router.add('GET', '/api/jiaoban/day', (req, res) => {
      ctx.access.requireCentreStaff(req);
      const date = req.query.get('date') ?? jiaoban.today();
      if (!isDate(date)) throw new DomainError('bad-date', '日期格式不对，应如 2026-12-01');
      sendJson(res, 200, { date, items: jiaoban.list(date, date).map(view), late: jiaoban.late().map(view) });
    });

    /** The printed 交办单 (A5-ish HTML). */
    router.add('GET', '/api/jiaoban/:id/slip', (req, res) => {
      ctx.access.requireCentreStaff(req);
      const r = jiaoban.get(req.params.id!);
      if (!r) throw notFound('该交办单');
      const v = view(r);
      const line = (k: string, val: string | null) =>
        `<tr><th>${escapeHtml(k)}</th><td>${escapeHtml(val ?? '')}</td></tr>`;
      sendDocument(
        res,
        'html',
        '交办单',
        `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>交办单 ${escapeHtml(v.no)}</title>
<style>body{font-family:"Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:24px;font-size:14px}h1{text-align:center;font-size:20px}
table{border-collapse:collapse;width:100%}th,td{border:1px solid #444;padding:6px 8px;text-align:left;vertical-align:top}th{width:8em;background:#f2f2f2}
.sign{margin-top:24px;display:flex;justify-content:space-between}@media print{button{display:none}}</style></head><body>
<button onclick="window.print()">打印</button>
<h1>${escapeHtml(config.center.name)}交办单</h1>
<table>${line('编号', v.no)}${line('交办时间', `${v.date} ${v.time}`)}${line('交办窗口', `${v.windowNo}号窗口`)}${line('交办人', v.byName)}${line('承办人', v.toName)}${line('申办事项', v.matter)}${line('办件编号', v.caseNo)}${line('交办要求', v.request)}${line('反馈（当天）', v.feedback ? `${v.feedbackTime} ${v.feedback}` : '')}${line('带班领导批示', v.instruction ? `${v.instructedBy}：${v.instruction}` : '')}</table>
<div class="sign"><span>承办人签字：</span><span>带班领导签字：</span></div>
</body></html>`,
      );
    });

    /** The 交办 register: GET /api/jiaoban/register?from&to&format=json|csv|html. */
    router.add('GET', '/api/jiaoban/register', (req, res) => {
      const s = ctx.access.requireCentreStaff(req);
      const today = jiaoban.today();
      const from = req.query.get('from') ?? today;
      const to = req.query.get('to') ?? from;
      if (!isDate(from) || !isDate(to)) throw new DomainError('bad-date', '日期格式不对，应如 2026-12-01');
      if (from > to) throw new DomainError('bad-range', '开始日期不能晚于结束日期');
      const fmt = format(req);
      const items = jiaoban.list(from, to).map(view);
      const columns = [
        '序号',
        '交办单编号',
        '交办时间',
        '交办窗口',
        '交办人',
        '承办人',
        '申办事项',
        '办件编号',
        '交办要求',
        '反馈时间',
        '反馈情况',
        '当天反馈',
        '带班领导批示',
        '批示人',
        '状态',
      ];
      const rows: Cell[][] = items.map((v, i) => [
        i + 1,
        v.no,
        `${v.date} ${v.time}`,
        `${v.windowNo}号窗口`,
        v.byName,
        v.toName,
        v.matter,
        v.caseNo ?? '',
        v.request ?? '',
        v.feedbackTime ?? '',
        v.feedback ?? '',
        v.late ? '否（逾期）' : v.feedback ? '是' : '待反馈',
        v.instruction ?? '',
        v.instructedBy ?? '',
        JIAOBAN_STATE_NAMES[v.state],
      ]);
      ctx.db
        .prepare(
          "INSERT INTO events (at, actor, type, data) VALUES (?, ?, 'register.viewed', json_object('register', 'jiaoban', 'format', ?, 'from', ?, 'to', ?, 'rows', ?))",
        )
        .run(ctx.clock().toISOString(), s.staffId, fmt, from, to, rows.length);
      const title = `${config.center.name}交办登记（交办—反馈—批示）`;
      const doc = {
        title,
        meta: `登记期间：${from} 至 ${to}　共 ${rows.length} 条`,
        tables: [{ columns, rows }],
        notes: [
          '依据：受理登记、交办、承办、反馈、批示、办结回复、备案（社区便民服务活动方案 四、工作流程）；反馈须当天给窗口反馈办理情况。',
        ],
      };
      if (fmt === 'json') return sendJson(res, 200, { from, to, title, columns, rows, items });
      if (fmt === 'csv') return sendDocument(res, 'csv', `交办登记_${from}_${to}`, docCsv(doc));
      sendDocument(res, 'html', title, docHtml(doc));
    });
  };
}
