import type { AppContext } from '../app-context.ts';
import { localTime } from '../common/clock.ts';
import { DomainError } from '../common/errors.ts';
import { DATE, HHMM, int, literal, obj, optional, str } from '../contract/schema.ts';
import type { DutyNow, HandoverView, OnCall, RosterEntry, UrgentRequest } from '../contract/duty.ts';
import { readBody, sendDocument, sendJson, type Router } from '../http/kit.ts';
import { isDate } from '../contract/periods.ts';
import { docCsv, docHtml } from '../registers/format.ts';
import { dayGaps, staffedAt, type DutyWindow } from './presence.ts';
import { daySessions, dutyDays, dutyRegisterDoc, type DutyCalendar, type DutyNames } from './register.ts';
import {
  DUTY_PERIOD_NAMES,
  DUTY_PERIODS,
  type DutyStore,
  type HandoverRow,
  type RosterRow,
  type UrgentRow,
} from './store.ts';
import { onCallSlot } from './on-call.ts';
import { personName } from '../registers/people.ts';
import { format } from '../registers/routes.ts';

const Empty = obj({});
// AB岗 三 "A岗责任人外出,应提前做好工作的移交": 下班 (day) or 外出 until a stated time (period).
const LeaveBody = obj({
  leave: literal(['day', 'period'] as const, { day: '下班', period: '外出' }),
  until: optional(HHMM),
  note: optional(str({ max: 500 })),
});
// AB岗 三 "对于一时处理不了的事情,应作书面记录向服务对象和A岗责任人说明".
const NoteBody = obj({ note: str({ min: 1, max: 500 }) });
const RosterBody = obj({
  date: DATE,
  period: literal(DUTY_PERIODS, DUTY_PERIOD_NAMES),
  staffId: str({ min: 1, max: 40 }),
  phone: str({ min: 3, max: 20, pattern: /^[0-9-]+$/, hint: '电话号码（数字和 -）' }),
});
const RosterKey = obj({ date: DATE, period: literal(DUTY_PERIODS, DUTY_PERIOD_NAMES) });
// 预约服务制度 第四条: a resident's 急需 request on a rest day, with a phone to be called back on.
const UrgentBody = obj({
  phone: str({ min: 7, max: 20, pattern: /^[0-9-]+$/, hint: '手机号或电话号码' }),
  matterText: str({ min: 1, max: 100 }),
});
const NotifiedBody = obj({ windowNo: int({ min: 1, max: 999 }) });
const LinkBody = obj({ complaintId: str({ min: 1, max: 80 }), windowNo: int({ min: 1, max: 999 }), date: DATE });

export interface DutyServices {
  duty: DutyStore;
  isWorkingDay(date: string): boolean;
}

export function dutyRoutes(services: DutyServices) {
  return (router: Router, ctx: AppContext): void => {
    const { duty } = services;
    const config = ctx.config;
    const tz = config.center.timezone;
    const windows: DutyWindow[] = config.windows.map((w) => ({
      no: w.no,
      name: w.name,
      categoryIds: w.categoryIds,
      staff: { A: w.staff.A, B: w.staff.B },
    }));
    const cal: DutyCalendar = {
      timeZone: tz,
      sessions: config.hours.sessions,
      isOpenDay: (d) => !config.hours.workingDaysOnly || services.isWorkingDay(d),
    };
    const names: DutyNames = {
      staff: (id) => personName(config.staff, id),
      window: (no) => {
        const name = config.windows.find((w) => w.no === no)?.name;
        return name ? `${no}号窗口（${name}）` : `${no}号窗口`;
      },
      category: (id) => config.categories.find((c) => c.id === id)?.name ?? id,
    };
    const windowOf = (no: number) => {
      const w = windows.find((x) => x.no === no);
      if (!w) throw new DomainError('unknown-window', `没有 ${no} 号窗口`);
      return w;
    };
    const view = (h: HandoverRow): HandoverView => ({
      id: h.id,
      at: h.at,
      time: localTime(new Date(h.at), tz).time,
      windowNo: h.window_no,
      kind: h.kind,
      fromName: names.staff(h.from_staff),
      toName: names.staff(h.to_staff),
      leave: h.leave,
      until: h.until,
      note: h.note,
      openCases: JSON.parse(h.open_cases) as string[],
      openTickets: JSON.parse(h.open_tickets) as string[],
      readAt: h.read_at,
      readTime: h.read_at ? localTime(new Date(h.read_at), tz).time : null,
    });

    /** 签到 at the console (the login signs in too): the queue's own AB岗 sign-in. */
    router.add('POST', '/api/windows/:no/sign-in', async (req, res) => {
      const no = Number(req.params.no);
      const s = ctx.access.requireStaff(req, no);
      await readBody(req, Empty);
      windowOf(no);
      ctx.publishChange(ctx.store.signIn(no, s.staffId, s.staffId));
      sendJson(res, 200, { ok: true });
    });

    /** 签退 with the 移交 to the other post (AB岗 三): what is open at the window goes with it. */
    router.add('POST', '/api/windows/:no/leave', async (req, res) => {
      const no = Number(req.params.no);
      const s = ctx.access.requireStaff(req, no);
      const body = await readBody(req, LeaveBody);
      const w = windowOf(no);
      if (body.leave === 'period' && !body.until)
        throw new DomainError('bad-request', '外出请写明预计返回时间（如 15:30）');
      const other =
        w.staff.A === s.staffId ? (w.staff.B ?? null) : w.staff.B === s.staffId ? (w.staff.A ?? null) : null;
      const open = duty.openWork(no, w.categoryIds);
      const row = duty.addHandover({
        windowNo: no,
        kind: 'handover',
        fromStaff: s.staffId,
        toStaff: other,
        leave: body.leave,
        until: body.leave === 'period' ? body.until : undefined,
        note: body.note,
        openCases: open.cases,
        openTickets: open.tickets,
      });
      ctx.publishChange(ctx.store.signOut(no, s.staffId, s.staffId));
      sendJson(res, 201, { handover: view(row) });
    });

    /** B's 书面记录 for A (AB岗 三). */
    router.add('POST', '/api/windows/:no/duty-notes', async (req, res) => {
      const no = Number(req.params.no);
      const s = ctx.access.requireStaff(req, no);
      const body = await readBody(req, NoteBody);
      const w = windowOf(no);
      const other =
        w.staff.B === s.staffId ? (w.staff.A ?? null) : w.staff.A === s.staffId ? (w.staff.B ?? null) : null;
      const row = duty.addHandover({
        windowNo: no,
        kind: 'note',
        fromStaff: s.staffId,
        toStaff: other,
        note: body.note,
      });
      sendJson(res, 201, { handover: view(row) });
    });

    /** Today's 移交 and notes at a window (the console of whoever takes the window over). */
    router.add('GET', '/api/windows/:no/handovers', (req, res) => {
      const no = Number(req.params.no);
      const s = ctx.access.requireCentreStaff(req);
      if (s.role === 'staff' && !s.windows.includes(no))
        throw new DomainError('wrong-window', `您没有 ${no} 号窗口的操作权限`);
      windowOf(no);
      const today = duty.today();
      sendJson(res, 200, { items: duty.handovers(today, today, no).map(view) });
    });

    router.add('POST', '/api/duty/handovers/:id/read', async (req, res) => {
      const s = ctx.access.requireCentreStaff(req);
      await readBody(req, Empty);
      const row = duty.markRead(req.params.id!, s.staffId, s.role === 'staff' ? s.windows : null);
      sendJson(res, 200, { handover: view(row) });
    });

    const rosterView = (r: RosterRow): RosterEntry => ({
      date: r.date,
      period: r.period,
      periodName: DUTY_PERIOD_NAMES[r.period],
      staffId: r.staff_id,
      staffName: names.staff(r.staff_id),
      phone: r.phone,
    });
    const urgentView = (r: UrgentRow): UrgentRequest => ({
      id: r.id,
      at: r.at,
      time: localTime(new Date(r.at), tz).time,
      phone: r.phone,
      matter: r.matter_text,
      state: r.state,
      windowNo: r.window_no,
      notifiedBy: r.notified_by ? names.staff(r.notified_by) : null,
    });
    const onCallNow = (): OnCall => {
      const now = ctx.clock();
      const local = localTime(now, tz);
      const restDay = !cal.isOpenDay(local.date);
      const slot = onCallSlot(local.date, local.time, restDay ? [] : cal.sessions);
      const entry = slot ? duty.rosterEntry(slot.date, slot.period) : null;
      return {
        open: slot === null,
        restDay,
        onCall: entry ? { period: DUTY_PERIOD_NAMES[entry.period], phone: entry.phone } : null,
      };
    };

    /** 值班电话 for the kiosk, /book and the closed-day message (public: it is the centre's duty line). */
    router.add('GET', '/api/duty/on-call', (_req, res) => sendJson(res, 200, onCallNow()));

    router.add('GET', '/api/duty/roster', (req, res) => {
      ctx.access.requireCentreStaff(req);
      const from = req.query.get('from') ?? duty.today();
      const to =
        req.query.get('to') ?? new Date(Date.parse(`${from}T00:00:00Z`) + 30 * 86_400_000).toISOString().slice(0, 10);
      if (!isDate(from) || !isDate(to)) throw new DomainError('bad-date', '日期格式不对，应如 2026-12-01');
      sendJson(res, 200, { from, to, entries: duty.roster(from, to).map(rosterView) });
    });

    /** The administrator sets who is on duty (运行机制㈤ "由中心统一安排人员值班"). */
    router.add('PUT', '/api/duty/roster', async (req, res) => {
      const s = ctx.access.requireAdmin(req);
      const body = await readBody(req, RosterBody);
      const staff = config.staff.find((x) => x.id === body.staffId && x.role !== 'agent');
      if (!staff) throw new DomainError('unknown-staff', `没有工号为“${body.staffId}”的中心工作人员`);
      sendJson(res, 200, {
        entry: rosterView(duty.setRoster(body.date, body.period, staff.id, body.phone, s.staffId)),
      });
    });

    router.add('POST', '/api/duty/roster/remove', async (req, res) => {
      ctx.access.requireAdmin(req);
      const body = await readBody(req, RosterKey);
      duty.removeRoster(body.date, body.period);
      sendJson(res, 200, { ok: true });
    });

    /** 预约服务制度 第四条 "对于节假日急需办理手续的": left at the kiosk or /book on a rest day only. */
    router.add('POST', '/api/duty/urgent', async (req, res) => {
      const body = await readBody(req, UrgentBody);
      const now = onCallNow();
      if (!now.restDay) throw new DomainError('closed', '今天是工作日，请在办公时间到窗口办理，或拨打值班电话');
      const row = duty.addUrgent(body.phone, body.matterText);
      sendJson(res, 201, { received: true, id: row.id, onCall: now.onCall });
    });

    router.add('GET', '/api/duty/urgent', (req, res) => {
      ctx.access.requireCentreStaff(req);
      const today = duty.today();
      const from =
        req.query.get('from') ?? new Date(Date.parse(`${today}T00:00:00Z`) - 7 * 86_400_000).toISOString().slice(0, 10);
      if (!isDate(from)) throw new DomainError('bad-date', '日期格式不对，应如 2026-12-01');
      sendJson(res, 200, { items: duty.urgentList(from, today).map(urgentView) });
    });

    /** 第四条 "值班人员要及时通知相关窗口相关工作人员前来办理". */
    router.add('POST', '/api/duty/urgent/:id/notified', async (req, res) => {
      const s = ctx.access.requireCentreStaff(req);
      const body = await readBody(req, NotifiedBody);
      windowOf(body.windowNo);
      sendJson(res, 200, { item: urgentView(duty.urgentNotified(req.params.id!, body.windowNo, s.staffId)) });
    });

    /** /admin: who is at each window now, and which windows are 空岗 (AB岗 四). */
    router.add('GET', '/api/duty/now', (req, res) => {
      ctx.access.requireCentreStaff(req);
      const now = ctx.clock();
      const today = localTime(now, tz).date;
      const sessions = daySessions(today, cal, now);
      const open = sessions.some((s) => s.from <= now.getTime() && now.getTime() < s.to);
      const dayStart = new Date(now.getTime() - 86_400_000).toISOString();
      const events = duty
        .signEvents(dayStart, new Date(now.getTime() + 1).toISOString())
        .filter((e) => localTime(new Date(e.at), tz).date === today);
      const on = staffedAt(events, now.getTime());
      const gaps = dayGaps(windows, sessions, events, now.getTime()).filter((g) => g.open);
      const answer: DutyNow = {
        date: today,
        open,
        windows: windows.map((w) => {
          const staffId = on.get(w.no) ?? null;
          const gap = open ? gaps.find((g) => g.windowNo === w.no) : undefined;
          return {
            no: w.no,
            name: w.name,
            staffName: staffId ? names.staff(staffId) : null,
            post: staffId && staffId === w.staff.A ? 'A' : staffId && staffId === w.staff.B ? 'B' : null,
            aName: w.staff.A ? names.staff(w.staff.A) : null,
            bName: w.staff.B ? names.staff(w.staff.B) : null,
            empty: !!gap,
            emptySince: gap ? localTime(new Date(gap.from), tz).time : null,
            emptyMinutes: gap?.minutes ?? 0,
            unserved: gap ? gap.unserved.map((c) => names.category(c)) : [],
          };
        }),
      };
      sendJson(res, 200, answer);
    });

    /** AB岗 五: a complaint (意见和投诉登记) that came because nobody was at the window, linked to that 空岗. */
    router.add('POST', '/api/duty/gap-complaints', async (req, res) => {
      const s = ctx.access.requireAdmin(req);
      const body = await readBody(req, LinkBody);
      windowOf(body.windowNo);
      duty.linkComplaint(body.complaintId, body.windowNo, body.date, s.staffId);
      sendJson(res, 201, { ok: true });
    });

    /** The month's AB岗 register: GET /api/duty/register?month=2026-12&format=json|csv|html. */
    router.add('GET', '/api/duty/register', (req, res) => {
      const s = ctx.access.requireCentreStaff(req);
      const month = req.query.get('month') ?? duty.today().slice(0, 7);
      if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) throw new DomainError('bad-date', '月份格式不对，应如 2026-12');
      const fmt = format(req);
      const from = `${month}-01`;
      const [y, m] = month.split('-').map(Number) as [number, number];
      const to = new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
      const now = ctx.clock();
      const doc = dutyRegisterDoc({
        title: `${config.center.name}AB岗在岗登记（${month}）`,
        from,
        to,
        days: dutyDays(duty, windows, cal, from, to, now),
        windows,
        handovers: duty.handovers(from, to),
        complaints: duty.gapComplaints(from, to),
        names,
        timeZone: tz,
      });
      ctx.db
        .prepare(
          "INSERT INTO events (at, actor, type, data) VALUES (?, ?, 'register.viewed', json_object('register', 'ab-duty', 'format', ?, 'from', ?, 'to', ?))",
        )
        .run(now.toISOString(), s.staffId, fmt, from, to);
      if (fmt === 'json') return sendJson(res, 200, { month, from, to, ...doc });
      if (fmt === 'csv') return sendDocument(res, 'csv', `AB岗在岗登记_${month}`, docCsv(doc));
      sendDocument(res, 'html', doc.title, docHtml(doc));
    });
  };
}
