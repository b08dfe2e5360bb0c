// HTTP routes of the registers: the console's 首问登记, 办结签收, 上门服务, 意见和投诉; the village station's
// 代办 flow and the centre's 代办件 inbox; the register views and exports; 办结公告 (public); the seeds' reports.
// Registers hold names and phones: only the centre's staff and administrator see them, and every view
// and export is written to the event log.
import { OVERDUE_CAUSE_NAMES } from '../contract/cases.ts';
import { localTime } from '../common/clock.ts';

import { URGENT_LATE_RULE } from '../contract/urgent.ts';
import { OVERDUE_COLUMNS, timelinessDoc, timelinessFor, TIMELINESS_COLUMNS } from '../cases/timeliness.ts';
import { checkGuideMaterials } from '../cases/materials.ts';
import { manualOf } from '../cases/routes.ts';
import { array, int, literal, obj, optional, str, DATE } from '../contract/schema.ts';
import { DomainError, notFound } from '../common/errors.ts';
import type { AppContext } from '../app-context.ts';
import type { Session } from '../auth/sessions.ts';
import type { CaseStore } from '../cases/store.ts';
import { CASE_KINDS, type Matter } from '../contract/matters.ts';
import { type DaibanItem, type HandedMaterial } from '../contract/registers.ts';
import { maskName } from '../contract/privacy.ts';
import { isDate } from '../contract/periods.ts';
import { readBody, sendDocument, sendJson, type Request, type Router } from '../http/kit.ts';
import {
  COMPLAINT_SOURCES,
  COMPLAINT_VERDICT_NAMES,
  COMPLAINT_VERDICTS,
  FIRST_CONTACT_OUTCOMES,
  REPLY_METHODS,
  RegisterStore,
  type DaibanRow,
} from './store.ts';
import {
  docCsv,
  docHtml,
  REGISTER_COLUMNS,
  REGISTER_KINDS,
  REGISTER_TITLES,
  registerRows,
  tableCsv,
  type Names,
  type RegisterKind,
} from './format.ts';
import type { PublicityNotice } from '../contract/cases.ts';
import { announcements, daibanSlipHtml, daibanSupervision, quarterResults } from './notices.ts';
import { dueReports, REPORT_KINDS, reportDoc, type ReportKindId } from './reports.ts';
import { personName } from './people.ts';

const text = (max: number) => optional(str({ max }));
const FirstContactBody = obj({
  windowNo: int({ min: 1, max: 999 }),
  channel: literal(['counter', 'phone'] as const, { counter: '来访', phone: '来电' }),
  ticketId: optional(str({ min: 1, max: 80 })),
  name: text(40),
  unit: text(80),
  phone: text(40),
  matterId: optional(str({ min: 1, max: 80 })),
  matterText: text(200),
  outcome: literal(FIRST_CONTACT_OUTCOMES, { consult: '咨询', accept: '受理', transfer: '转交', unable: '无法办理' }),
  toWindowNo: optional(int({ min: 1, max: 999 })),
  reason: text(500),
  caseId: optional(str({ min: 1, max: 80 })),
  materials: text(500),
});
const VerdictBody = obj({
  verdict: literal(COMPLAINT_VERDICTS, COMPLAINT_VERDICT_NAMES),
  /** The staff member complained about (required for 有效投诉). */
  staffId: optional(str({ min: 1, max: 40 })),
  note: str({ min: 1, max: 500 }),
});
const ApplicantBody = obj({ name: text(40), phone: text(40) });
const CollectBody = obj({ recipient: str({ min: 1, max: 40 }), phone: text(40) });
const DaibanBody = obj({
  residentName: str({ min: 1, max: 40 }),
  residentPhone: text(40),
  matterId: str({ min: 1, max: 80 }),
  authorization: str({ min: 1, max: 200 }),
  materialsOk: array(str({ min: 1, max: 200 }), { max: 50 }),
  materialsMissing: array(str({ min: 1, max: 200 }), { max: 50 }),
  note: text(500),
});
const DaibanAcceptBody = obj({
  kind: optional(literal(CASE_KINDS, { immediate: '即办件', promised: '承诺件' })),
  promisedDays: optional(int({ min: 1, max: 365 })),
  missingMaterials: optional(array(str({ min: 1, max: 200 }), { max: 50 })),
  // A 代办件 accepted in December meets a year the calendar lacks exactly as a counter case does.
  manualDate: optional(DATE),
  manualReason: optional(str({ min: 1, max: 300 })),
});
const ReasonBody = obj({ reason: str({ min: 1, max: 500 }) });
const ReplyBody = obj({
  method: literal(REPLY_METHODS, { phone: '电话', visit: '上门' }),
  at: optional(str({ min: 1, max: 40 })),
  note: text(500),
});
const HomeVisitBody = obj({
  name: str({ min: 1, max: 40 }),
  phone: text(40),
  address: text(200),
  reason: str({ min: 1, max: 200 }),
  matterText: str({ min: 1, max: 200 }),
  visitDate: optional(DATE),
});
const AssignBody = obj({ staffId: str({ min: 1, max: 40 }), visitDate: optional(DATE) });
const ResultBody = obj({ result: str({ min: 1, max: 500 }) });
const ComplaintBody = obj({
  source: literal(COMPLAINT_SOURCES, { counter: '窗口登记', phone: '来电', kiosk: '自助机留言', box: '意见箱' }),
  name: text(40),
  phone: text(40),
  content: str({ min: 1, max: 1000 }),
  windowNo: optional(int({ min: 1, max: 999 })),
});
const KioskComplaintBody = obj({
  name: text(40),
  phone: text(40),
  content: str({ min: 1, max: 500 }),
  windowNo: optional(int({ min: 1, max: 999 })),
});
const StepBody = obj({ text: text(1000) });
const Empty = obj({});

export interface RegisterServices {
  registers: RegisterStore;
  cases: CaseStore;
  matter(id: string): Matter | null;
  /** N working days after a date (the official calendar), for the 代办 stage limits. */
  addWorkingDays(date: string, days: number): string;
  /** 公示 notices in their 公示期 today (issue 22 ⑦, server/cases/publicity.ts); absent: none. */
  publicityNotices?(today: string): PublicityNotice[];
}

export function range(req: Request, today: string): { from: string; to: string } {
  const from = req.query.get('from') ?? today;
  const to = req.query.get('to') ?? from;
  if (!isDate(from) || !isDate(to)) throw new DomainError('bad-date', '日期格式不对，应如 2026-12-01');
  if (from > to) throw new DomainError('bad-range', '开始日期不能晚于结束日期');
  if (Date.parse(to) - Date.parse(from) > 400 * 86_400_000)
    throw new DomainError('range-too-long', '一次最多查询 400 天');
  return { from, to };
}

export function format(req: Request): 'json' | 'csv' | 'html' {
  const f = req.query.get('format') ?? 'json';
  if (f !== 'json' && f !== 'csv' && f !== 'html') throw new DomainError('bad-format', '格式应为 json、csv 或 html');
  return f;
}

export function registerRoutes(services: RegisterServices) {
  return (router: Router, ctx: AppContext): void => {
    const { registers, cases } = services;
    const config = ctx.config;
    const names: Names = {
      timeZone: config.center.timezone,
      staff: (id) => personName(config.staff, id),
      window: (no) => {
        if (no === null) return '';
        const name = config.windows.find((w) => w.no === no)?.name;
        return name ? `${no}号窗口（${name}）` : `${no}号窗口`;
      },
      station: (id) => config.stations.find((s) => s.id === id)?.name ?? '（已删除的服务站）',
      matter: (id) => (id ? (services.matter(id)?.name ?? id) : ''),
      category: (id) => config.categories.find((c) => c.id === id)?.name ?? id,
    };
    const windowOf = (s: Session, no: number) => {
      if (s.role === 'staff' && !s.windows.includes(no))
        throw new DomainError('wrong-window', `您没有 ${no} 号窗口的操作权限`);
    };
    const withCase = (rows: DaibanRow[]) =>
      rows.map((r) => {
        const c = r.case_id ? cases.get(r.case_id) : null;
        return { ...r, case_no: c?.caseNo ?? null, case_state: c?.state ?? null };
      });

    const item = (r: DaibanRow): DaibanItem => {
      const c = r.case_id ? cases.get(r.case_id) : null;
      return {
        id: r.id,
        no: r.no,
        stationId: r.station_id,
        stationName: names.station(r.station_id),
        agentId: r.agent_id,
        agentName: names.staff(r.agent_id),
        registeredAt: r.registered_at,
        residentName: r.resident_name,
        residentPhone: r.resident_phone,
        matterId: r.matter_id,
        matterName: r.matter_name,
        authorization: r.authorization,
        materialsOk: JSON.parse(r.materials_ok) as string[],
        materialsMissing: JSON.parse(r.materials_missing) as string[],
        note: r.note,
        verifiedAt: r.verified_at,
        forwardedAt: r.forwarded_at,
        state: r.state,
        acceptedAt: r.accepted_at,
        caseId: r.case_id,
        caseNo: c?.caseNo ?? null,
        caseState: c?.state ?? null,
        returnReason: r.return_reason,
        replyMethod: r.reply_method,
        repliedAt: r.replied_at,
      };
    };

    const registerData = (kind: RegisterKind, from: string, to: string): unknown[] => {
      switch (kind) {
        case 'first-contact':
          return registers.firstContacts(from, to);
        case 'cases':
          return registers.cases(from, to);
        case 'daiban':
          return withCase(registers.daibanList({ from, to }));
        case 'collection':
          return registers.collections(from, to, config.center.timezone);
        case 'appointments':
          return registers.appointments(from, to);
        case 'home-visits':
          return registers.homeVisits(from, to);
        case 'complaints':
          return registers.complaints(from, to);
      }
    };

    // ---- register views and exports ----------------------------------------------------------------

    router.add('GET', '/api/registers/:kind', (req, res) => {
      const session = ctx.access.requireCentreStaff(req);
      const kind = req.params.kind as RegisterKind;
      if (!REGISTER_KINDS.includes(kind))
        throw new DomainError(
          'unknown-register',
          `没有“${req.params.kind}”这个登记簿，可用：${REGISTER_KINDS.join('、')}`,
        );
      const { from, to } = range(req, registers.today());
      const fmt = format(req);
      const data = registerData(kind, from, to);
      const columns = REGISTER_COLUMNS[kind];
      const rows = registerRows(kind, data, names);
      registers.audit(session.staffId, kind, fmt, from, to, rows.length);
      const title = `${config.center.name}${REGISTER_TITLES[kind]}`;
      if (fmt === 'json') return sendJson(res, 200, { kind, title, from, to, columns, rows, records: data });
      if (fmt === 'csv')
        return sendDocument(res, 'csv', `${REGISTER_TITLES[kind]}_${from}_${to}`, tableCsv(columns, rows));
      sendDocument(
        res,
        'html',
        title,
        docHtml({ title, meta: `登记期间：${from} 至 ${to}　共 ${rows.length} 条`, tables: [{ columns, rows }] }),
      );
    });

    // ---- 限时办结考核 (issue 21): per staff and window; 第十条、第十一条 "纳入…工作人员考核" -----------------

    router.add('GET', '/api/registers-timeliness', (req, res) => {
      const session = ctx.access.requireCentreStaff(req);
      const { from, to } = range(req, registers.today());
      const fmt = format(req);
      const t = timelinessFor(cases, config, from, to);
      registers.audit(session.staffId, 'timeliness', fmt, from, to, t.byStaff.length + t.byWindow.length);
      const doc = timelinessDoc(t, `受理期间：${from} 至 ${to}（${config.center.name}）`);
      if (fmt === 'json') return sendJson(res, 200, { from, to, columns: TIMELINESS_COLUMNS, ...t });
      if (fmt === 'csv') return sendDocument(res, 'csv', `限时办结考核统计_${from}_${to}`, docCsv(doc));
      sendDocument(res, 'html', doc.title, docHtml(doc));
    });

    // ---- 超时查实与责任追究 (issue 21; 第十二条、第十四条; seed 001 责任追究制) ------------------------------

    router.add('GET', '/api/registers-overdue', (req, res) => {
      const session = ctx.access.requireCentreStaff(req);
      const { from, to } = range(req, registers.today());
      const fmt = format(req);
      const list = cases.verifications({ from, to });
      registers.audit(session.staffId, 'overdue-verification', fmt, from, to, list.length);
      const columns = OVERDUE_COLUMNS;
      const rows = list.map((v, i) => [
        i + 1,
        v.caseNo,
        v.matterName,
        names.window(v.windowNo),
        names.staff(v.staffId),
        v.promisedDate ?? '',
        v.overdueDays ?? '',
        v.cause ? OVERDUE_CAUSE_NAMES[v.cause] : '待查实',
        v.responsibleStaff ? names.staff(v.responsibleStaff) : '',
        v.measure ?? '',
        v.decidedBy ? names.staff(v.decidedBy) : '',
        v.decidedAt ? localTime(new Date(v.decidedAt), config.center.timezone).date : '',
        v.urgentLate ? URGENT_LATE_RULE : '第十二条（三）未在承诺时限内办结',
      ]);
      const title = `${config.center.name}超时查实与责任追究登记`;
      if (fmt === 'json') return sendJson(res, 200, { from, to, columns, rows, records: list });
      if (fmt === 'csv')
        return sendDocument(res, 'csv', `超时查实与责任追究登记_${from}_${to}`, tableCsv(columns, rows));
      sendDocument(
        res,
        'html',
        title,
        docHtml({
          title,
          meta: `受理期间：${from} 至 ${to}　共 ${rows.length} 件超时办件`,
          tables: [{ columns, rows }],
          notes: [
            '依据：限时办结制度第十二条、第十四条；民生服务中心责任追究制。超时按本中心工作日计算（第九条、第十三条不计入）。',
          ],
        }),
      );
    });

    // ---- 首问登记 ------------------------------------------------------------------------------------

    router.add('POST', '/api/registers/first-contact', async (req, res) => {
      const session = ctx.access.requireCentreStaff(req);
      const body = await readBody(req, FirstContactBody);
      windowOf(session, body.windowNo);
      let ticket = null;
      if (body.ticketId) {
        ticket = ctx.store.getTicket(body.ticketId);
        if (!ticket) throw notFound('该号码');
        if (ticket.windowNo !== body.windowNo)
          throw new DomainError('wrong-window', `号码 ${ticket.number} 不是在 ${body.windowNo} 号窗口办理的`);
      }
      if (body.toWindowNo !== undefined && !config.windows.some((w) => w.no === body.toWindowNo))
        throw new DomainError('unknown-window', `没有 ${body.toWindowNo} 号窗口`);
      if (body.toWindowNo === body.windowNo) throw new DomainError('same-window', '转交的窗口不能是本窗口');
      const matter = body.matterId ? services.matter(body.matterId) : null;
      if (body.matterId && !matter) throw new DomainError('unknown-matter', `没有编号为“${body.matterId}”的事项`);
      if (body.caseId) {
        const linked = cases.get(body.caseId);
        if (!linked) throw notFound('该办件');
        // Another window's case is not this entry's to link or to rename (issue #23 item 6: its applicant was
        // overwritten): the entry's own window must own it (leaders and the administrator act on every case).
        if (session.role === 'staff' && linked.windowNo !== body.windowNo)
          throw new DomainError(
            'other-window',
            `该办件属于 ${linked.windowNo} 号窗口，不能在 ${body.windowNo} 号窗口登记`,
          );
        ctx.access.requireWindowWork(req, linked.windowNo);
      }
      // The ID card's name when one was read (the ticket holds it masked; the register keeps what staff saw).
      const row = registers.addFirstContact({
        channel: body.channel,
        windowNo: body.windowNo,
        staffId: session.staffId,
        ticketId: ticket?.id ?? null,
        name: body.name ?? ticket?.nameMasked ?? undefined,
        unit: body.unit,
        phone: body.phone,
        matterId: matter?.id ?? null,
        matterText: body.matterText ?? matter?.name ?? '',
        outcome: body.outcome,
        toWindowNo: body.toWindowNo,
        reason: body.reason,
        caseId: body.caseId,
        materials: body.materials,
      });
      if (body.caseId && (body.name || body.phone)) registers.setApplicant(body.caseId, body.name, body.phone);
      sendJson(res, 201, { firstContact: row });
    });

    /** 第七条: materials other windows left for this one, waiting to be signed for. */
    router.add('GET', '/api/windows/:no/handed-materials', (req, res) => {
      const no = Number(req.params.no);
      const session = ctx.access.requireCentreStaff(req);
      windowOf(session, no);
      const items: HandedMaterial[] = registers.materialsFor(no).map((r) => ({
        id: r.id,
        at: r.at,
        fromWindow: names.window(r.window_no),
        by: names.staff(r.staff_id),
        name: r.name,
        matter: r.matter_text,
        materials: r.materials!,
      }));
      sendJson(res, 200, { items });
    });

    router.add('POST', '/api/registers/first-contact/:id/received', async (req, res) => {
      const session = ctx.access.requireCentreStaff(req);
      await readBody(req, Empty);
      const windows = session.role === 'staff' ? session.windows : config.windows.map((w) => w.no);
      sendJson(res, 200, { firstContact: registers.materialsReceived(req.params.id!, windows, session.staffId) });
    });

    // ---- 办件台账 additions and 办结签收 --------------------------------------------------------------------

    router.add('POST', '/api/registers/cases/:id/applicant', async (req, res) => {
      const session = ctx.access.requireCentreStaff(req);
      const body = await readBody(req, ApplicantBody);
      const c = cases.get(req.params.id!);
      if (!c) throw notFound('该办件');
      windowOf(session, c.windowNo);
      registers.setApplicant(c.id, body.name, body.phone);
      sendJson(res, 200, { ok: true });
    });

    /** 办结签收: the result is collected, and by whom (seed 002 篇8 辦結簽收登記). */
    router.add('POST', '/api/registers/cases/:id/collect', async (req, res) => {
      const session = ctx.access.requireCentreStaff(req);
      const body = await readBody(req, CollectBody);
      const c = cases.get(req.params.id!);
      if (!c) throw notFound('该办件');
      windowOf(session, c.windowNo);
      // The case's public history says only that it was collected; the name stays in the register.
      const detail = cases.advance(c.id, 'collected', '已签收领取', session.staffId);
      registers.recordCollection(c.id, body.recipient, body.phone, session.staffId);
      sendJson(res, 200, { case: detail });
    });

    // ---- 上门服务 ------------------------------------------------------------------------------------

    router.add('POST', '/api/registers/home-visits', async (req, res) => {
      const session = ctx.access.requireCentreStaff(req);
      const body = await readBody(req, HomeVisitBody);
      sendJson(res, 201, { homeVisit: registers.bookHomeVisit({ bookedBy: session.staffId, ...body }) });
    });
    router.add('POST', '/api/registers/home-visits/:id/assign', async (req, res) => {
      ctx.access.requireCentreStaff(req);
      const body = await readBody(req, AssignBody);
      if (!config.staff.some((s) => s.id === body.staffId && s.role !== 'agent'))
        throw new DomainError('unknown-staff', `没有工号为“${body.staffId}”的中心工作人员`);
      sendJson(res, 200, { homeVisit: registers.assignHomeVisit(req.params.id!, body.staffId, body.visitDate) });
    });
    router.add('POST', '/api/registers/home-visits/:id/done', async (req, res) => {
      ctx.access.requireCentreStaff(req);
      const body = await readBody(req, ResultBody);
      sendJson(res, 200, { homeVisit: registers.homeVisitDone(req.params.id!, body.result) });
    });

    // ---- 意见和投诉 ----------------------------------------------------------------------------------

    router.add('POST', '/api/registers/complaints', async (req, res) => {
      const session = ctx.access.requireCentreStaff(req);
      const body = await readBody(req, ComplaintBody);
      sendJson(res, 201, { complaint: registers.addComplaint({ ...body, enteredBy: session.staffId }) });
    });
    /** A resident leaves an opinion at the kiosk (意见簿); the answer comes back by phone if one is left. */
    router.add('POST', '/api/kiosk/complaints', async (req, res) => {
      ctx.access.requireKiosk(req);
      const body = await readBody(req, KioskComplaintBody);
      const row = registers.addComplaint({ ...body, source: 'kiosk', enteredBy: null });
      sendJson(res, 201, { received: true, receivedAt: row.received_at });
    });
    for (const step of ['assign', 'answer', 'close'] as const) {
      router.add('POST', `/api/registers/complaints/:id/${step}`, async (req, res) => {
        const session = ctx.access.requireCentreStaff(req);
        const body = await readBody(req, StepBody);
        sendJson(res, 200, { complaint: registers.complaintStep(req.params.id!, step, session.staffId, body.text) });
      });
    }

    /** 一次性告知制度 第七条 "经街道查实后，即被认定为'有效投诉'": a leader's 查实 on a complaint, once. */
    router.add('POST', '/api/registers/complaints/:id/verdict', async (req, res) => {
      const session = ctx.access.session(req);
      if (!session) throw new DomainError('login-required', '请先用分管领导账号登录');
      if (session.role !== 'leader')
        throw new DomainError('leader-only', '投诉须经街道查实（一次性告知制度第七条），请由分管领导账号认定');
      // A leader still on the first-use password decides nothing (issue #23 item 6).
      ctx.access.firstLogin?.enforce(session);
      const body = await readBody(req, VerdictBody);
      if (body.staffId !== undefined && !config.staff.some((s) => s.id === body.staffId && s.role === 'staff'))
        throw new DomainError('unknown-staff', `没有工号为“${body.staffId}”的窗口工作人员`);
      const row = registers.verifyComplaint(
        req.params.id!,
        { verdict: body.verdict, staffId: body.staffId ?? null, note: body.note },
        session.staffId,
      );
      sendJson(res, 200, { complaint: row });
    });

    // ---- 代办: the village station ------------------------------------------------------------------

    router.add('GET', '/api/station', (req, res) => {
      const agent = ctx.access.requireAgent(req);
      const station = config.stations.find((s) => s.id === agent.stationId)!;
      sendJson(res, 200, {
        station,
        agent: { staffId: agent.staffId, name: agent.name },
        center: config.center.name,
        timezone: config.center.timezone,
        items: registers.daibanList({ stationId: agent.stationId }).map(item),
      });
    });
    router.add('POST', '/api/station/daiban', async (req, res) => {
      const agent = ctx.access.requireAgent(req);
      const body = await readBody(req, DaibanBody);
      const matter = services.matter(body.matterId);
      if (!matter) throw new DomainError('unknown-matter', `没有编号为“${body.matterId}”的事项`);
      // The materials are checked against the guide's own list, never a list typed at the station.
      const guideNames = new Set(matter.guide?.materials.map((m) => m.name) ?? []);
      const unknown = [...body.materialsOk, ...body.materialsMissing].filter((m) => !guideNames.has(m));
      if (unknown.length) throw new DomainError('unknown-material', `办事指南中没有这些材料：${unknown.join('、')}`);
      const row = registers.registerDaiban({
        stationId: agent.stationId,
        agentId: agent.staffId,
        ...body,
        matterName: matter.name,
      });
      sendJson(res, 201, { daiban: item(row) });
    });
    router.add('POST', '/api/station/daiban/:id/verified', async (req, res) => {
      const agent = ctx.access.requireAgent(req);
      await readBody(req, Empty);
      sendJson(res, 200, { daiban: item(registers.verified(req.params.id!, agent.stationId)) });
    });
    router.add('POST', '/api/station/daiban/:id/forward', async (req, res) => {
      const agent = ctx.access.requireAgent(req);
      await readBody(req, Empty);
      sendJson(res, 200, { daiban: item(registers.forward(req.params.id!, agent.stationId)) });
    });
    router.add('POST', '/api/station/daiban/:id/reply', async (req, res) => {
      const agent = ctx.access.requireAgent(req);
      const body = await readBody(req, ReplyBody);
      const row = registers.daiban(req.params.id!);
      const caseState = row?.case_id ? (cases.get(row.case_id)?.state ?? null) : null;
      sendJson(res, 200, {
        daiban: item(
          registers.replied(req.params.id!, agent.stationId, body.method, body.at, body.note, agent.staffId, caseState),
        ),
      });
    });
    /** 报送联系单 (seed 002 篇1): the A4 sheet the station prints and sends with the materials. */
    router.add('GET', '/api/station/daiban/:id/slip', (req, res) => {
      const s = ctx.access.session(req);
      const row = registers.daiban(req.params.id!);
      if (!s) throw new DomainError('login-required', '请先登录');
      ctx.access.firstLogin?.enforce(s);
      const own = s.role === 'agent' && config.staff.find((x) => x.id === s.staffId)?.stationId === row?.station_id;
      if (!row || (s.role === 'agent' && !own)) throw notFound('该代办件');
      sendDocument(res, 'html', '报送联系单', daibanSlipHtml(row, services.matter(row.matter_id), config, names));
    });

    // ---- 代办: the street centre's inbox ---------------------------------------------------------------

    router.add('GET', '/api/daiban/inbox', (req, res) => {
      ctx.access.requireCentreStaff(req);
      sendJson(res, 200, { items: registers.daibanList({ state: 'forwarded' }).map(item) });
    });
    router.add('POST', '/api/windows/:no/daiban/:id/accept', async (req, res) => {
      const no = Number(req.params.no);
      const session = ctx.access.requireStaff(req, no);
      const body = await readBody(req, DaibanAcceptBody);
      const row = registers.daiban(req.params.id!);
      if (!row) throw notFound('该代办件');
      if (row.state !== 'forwarded') throw new DomainError('bad-transition', `代办件 ${row.no} 不在待受理状态`);
      const matter = services.matter(row.matter_id);
      if (!matter) throw new DomainError('unknown-matter', `事项“${row.matter_name}”已不在事项清单中`);
      checkGuideMaterials(matter, body.missingMaterials);
      // The case's own rules (time limit, correction) apply exactly as at the counter.
      const detail = cases.accept({
        matter,
        windowNo: no,
        staffId: session.staffId,
        ticketId: null,
        applicantMasked: row.resident_name ? maskName(row.resident_name) : null,
        kind: body.kind,
        promisedDays: body.promisedDays,
        missingMaterials: body.missingMaterials,
        manual: manualOf(body),
      });
      const daiban = item(registers.accepted(row.id, detail.id, session.staffId));
      sendJson(res, 201, { case: detail, daiban });
    });
    router.add('POST', '/api/daiban/:id/return', async (req, res) => {
      const session = ctx.access.requireCentreStaff(req);
      const body = await readBody(req, ReasonBody);
      sendJson(res, 200, { daiban: item(registers.returned(req.params.id!, body.reason, session.staffId)) });
    });
    /** Stage limits (seed 004: 入户核实 ≤ 1 天, 初审上报 ≤ 2 天) for the supervision card. */
    router.add('GET', '/api/daiban/supervision', (req, res) => {
      ctx.access.requireCentreStaff(req);
      sendJson(
        res,
        200,
        daibanSupervision(
          registers.daibanList({ state: 'registered' }),
          registers.today(),
          config.center.timezone,
          services.addWorkingDays,
          names,
        ),
      );
    });

    // ---- 办结公告 (public: the hall display and the 政务公告栏) -----------------------------------------------

    router.add('GET', '/api/announcements', (req, res) => {
      // A case is finished within a year of acceptance (the longest time limit): look no further back.
      const today = registers.today();
      const since = new Date(Date.parse(`${today}T00:00:00Z`) - (366 + config.registers.announceDays) * 86_400_000)
        .toISOString()
        .slice(0, 10);
      const list = announcements(
        registers.cases(since, today),
        services.matter,
        today,
        config.registers.announceDays,
        config.center.timezone,
      );
      const publicity = services.publicityNotices?.(today) ?? [];
      if (req.query.get('format') === 'html') {
        return sendDocument(
          res,
          'html',
          '办结公告',
          docHtml({
            title: `${config.center.name}办结公告`,
            meta: `公告期 ${config.registers.announceDays} 天`,
            tables: [
              {
                columns: ['事项', '申请人', '办结日期', '办理结果'],
                rows: list.map((a) => [a.matterName, a.applicant, a.date, a.result]),
              },
              ...(publicity.length
                ? [
                    {
                      columns: ['公示事项', '申请人', '公示期', '天数'],
                      rows: publicity.map((p) => [p.matterName, p.applicant, `${p.startDate} 至 ${p.endDate}`, p.days]),
                    },
                  ]
                : []),
            ],
            sign: false,
            landscape: false,
          }),
        );
      }
      sendJson(res, 200, { announcements: list, publicity });
    });
    /** 每季度公开 (seed 002 篇7): counts by matter and type for the quarter, printable. */
    router.add('GET', '/api/announcements/quarter', (req, res) => {
      const key = req.query.get('key') ?? '';
      const doc = quarterResults(key, config.center.name, config.center.timezone, (from, to) =>
        registers.cases(from, to),
      );
      if (!doc) throw new DomainError('bad-quarter', '季度应写成 2026-Q4 的形式');
      const fmt = format(req);
      if (fmt === 'json') return sendJson(res, 200, doc);
      sendDocument(res, fmt, doc.title, fmt === 'csv' ? docCsv(doc) : docHtml(doc));
    });

    // ---- the seeds' reports ---------------------------------------------------------------------------

    router.add('GET', '/api/registers/reports/due', (req, res) => {
      ctx.access.requireCentreStaff(req);
      sendJson(res, 200, { due: dueReports(registers.today()) });
    });
    router.add('GET', '/api/registers/reports/:kind', (req, res) => {
      const session = ctx.access.requireCentreStaff(req);
      const kind = req.params.kind as ReportKindId;
      if (!REPORT_KINDS.includes(kind))
        throw new DomainError('unknown-report', `没有“${req.params.kind}”这种报表，可用：${REPORT_KINDS.join('、')}`);
      const fmt = format(req);
      const doc = reportDoc(kind, req.query.get('key') ?? '', {
        centerName: config.center.name,
        timeZone: config.center.timezone,
        stations: config.stations,
        agents: config.staff
          .filter((s) => s.role === 'agent')
          .map((s) => ({ id: s.id, name: s.name, stationId: s.stationId! })),
        cases: (from, to) => registers.cases(from, to),
        daiban: (from, to) => withCase(registers.daibanList({ from, to })),
        firstContacts: (from, to) => registers.firstContacts(from, to),
        homeVisits: (from, to) => registers.homeVisits(from, to),
        complaints: (from, to) => registers.complaints(from, to),
        generatedAt: `${registers.today()}`,
      });
      if (!doc)
        throw new DomainError(
          'bad-key',
          '报表期间不对：月报写 2026-11，半月报写 2026-11-H1，季报写 2026-Q4，年报写 2026',
        );
      registers.audit(session.staffId, `report:${kind}`, fmt, doc.from, doc.to, 0);
      if (fmt === 'json') return sendJson(res, 200, doc);
      sendDocument(res, fmt, doc.title, fmt === 'csv' ? docCsv(doc) : docHtml(doc));
    });
  };
}
