// Appointments (预约服务制): booked by staff, checked in at the kiosk by code or ID card.
import { DATE, HHMM, literal, obj, optional, str } from '../contract/schema.ts';
import type { ErrorCode } from '../contract/errors.ts';
import { DomainError, notFound } from '../common/errors.ts';
import { maskIdNumber, maskName } from '../contract/privacy.ts';
import type { AppContext } from '../app-context.ts';
import type { AppointmentStore } from './store.ts';
import type { Appointment } from '../contract/appointments.ts';
import type { Matter } from '../contract/matters.ts';
import { hourlySlots, slotOutsideHoursReason } from '../contract/queue-rules.ts';
import { localTime } from '../common/clock.ts';
import { CalendarMissingError } from '../calendar/working-days.ts';
import { appointmentsFromCsv } from './import-csv.ts';
import { CsvError } from '../contract/csv.ts';
import { readBody, sendJson, type Router } from '../http/kit.ts';

const BookBody = obj({
  matterId: optional(str({ min: 1, max: 80 })),
  categoryId: optional(str({ min: 1, max: 40 })),
  date: DATE,
  slotFrom: HHMM,
  slotTo: HHMM,
  name: optional(str({ min: 1, max: 30 })),
  idNumber: optional(str({ pattern: /^\d{17}[\dXx]$/, hint: '18 位身份证号码' })),
});
// The file's bytes (base64), so the server can tell a GBK/GB18030 export from UTF-8; `csv` (text already
// decoded) stays for scripts.
const ImportBody = obj({
  csv: optional(str({ min: 1, max: 60_000 })),
  csvBase64: optional(str({ min: 1, max: 160_000, pattern: /^[A-Za-z0-9+/]+={0,2}$/ })),
});
const CheckInBody = obj({
  code: optional(str({ min: 4, max: 40 })),
  readToken: optional(str({ min: 1, max: 80 })),
  idempotencyKey: optional(str({ min: 8, max: 80 })),
  /** An early resident's choice after being asked: a normal ticket now, and the appointment is used. */
  early: optional(literal(['ticket'] as const)),
});

export interface AppointmentServices {
  appointments: AppointmentStore;
  matter(id: string): Matter | null;
  matterByName(name: string): Matter | null;
  /** The official calendar; throws CalendarMissingError for a year without data. */
  isWorkingDay(date: string): boolean;
  /** Print the 预约凭条 on the hall printer. */
  printSlip(appointment: Appointment): Promise<{ ok: boolean; message: string }>;
}

export function appointmentRoutes(services: AppointmentServices) {
  const { appointments, matter, matterByName, isWorkingDay } = services;
  return (router: Router, ctx: AppContext): void => {
    /**
     * Whether the centre opens on `date` by the official calendar; a year without data is said, not guessed.
     * Like ticket hours, only when config hours.enforce is on (off: the demo books any day and time).
     */
    const opensOn = (date: string): boolean => {
      if (!ctx.config.hours.enforce || !ctx.config.hours.workingDaysOnly) return true;
      try {
        return isWorkingDay(date);
      } catch (err) {
        if (err instanceof CalendarMissingError) {
          throw new DomainError(
            'calendar-missing',
            `节假日日历尚无 ${err.year} 年的数据，无法判断该日是否办公，请预约已公布放假安排的日期或升级日历数据`,
          );
        }
        throw err;
      }
    };

    /** What is stored of a booking: the full ID number is used once for the keyed hash and the masked form, then dropped. */
    const booking = (b: {
      categoryId: string;
      matterId: string | null;
      date: string;
      slotFrom: string;
      slotTo: string;
      name?: string | null;
      idNumber?: string | null;
    }) => ({
      categoryId: b.categoryId,
      matterId: b.matterId,
      date: b.date,
      slotFrom: b.slotFrom,
      slotTo: b.slotTo,
      nameMasked: b.name ? maskName(b.name) : null,
      idMasked: b.idNumber ? maskIdNumber(b.idNumber) : null,
      idHash: b.idNumber ? ctx.cards.hashId(b.idNumber) : null,
    });

    /** Where hours are enforced: a slot of today that has already ended cannot be booked. */
    const endedReason = (date: string, to: string): string | null => {
      if (!ctx.config.hours.enforce) return null;
      const now = localTime(ctx.clock(), ctx.config.center.timezone);
      return date === now.date && to <= now.time ? `今天 ${to} 之前的时段已经过去，请选择之后的时段` : null;
    };

    /** Why a slot cannot be booked, with the code the booking route answers (the import lists the messages). */
    const slotRefusal = (date: string, from: string, to: string): { code: ErrorCode; message: string } | null => {
      const outside = ctx.config.hours.enforce ? slotOutsideHoursReason(ctx.config.hours.sessions, from, to) : null;
      if (outside) return { code: 'outside-hours', message: outside };
      const ended = endedReason(date, to);
      if (ended) return { code: 'slot-ended', message: ended };
      if (!opensOn(date))
        return { code: 'not-working-day', message: `${date} 是休息日或法定节假日，中心不办公，请选择工作日` };
      return null;
    };

    /** The bookable slots of a day with how many are booked in each (staff choose one). */
    router.add('GET', '/api/appointments/slots', (req, res) => {
      ctx.access.requireAnyStaff(req);
      const date = req.query.get('date') ?? ctx.store.today();
      if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new DomainError('invalid-query', '日期格式应为 YYYY-MM-DD');
      const booked = appointments.list(date).filter((a) => a.status !== 'cancelled');
      const open = opensOn(date);
      const slots = open
        ? hourlySlots(ctx.config.hours.sessions).map((s) => ({
            ...s,
            booked: booked.filter((a) => a.slotFrom === s.from && a.slotTo === s.to).length,
            ended: endedReason(date, s.to) !== null,
          }))
        : [];
      sendJson(res, 200, { date, open, slots });
    });

    router.add('POST', '/api/appointments', async (req, res) => {
      const session = ctx.access.requireAnyStaff(req);
      const body = await readBody(req, BookBody);
      const m = body.matterId ? matter(body.matterId) : null;
      if (body.matterId && !m) throw new DomainError('unknown-matter', `没有编号为“${body.matterId}”的事项`);
      const categoryId = body.categoryId ?? m?.categoryId;
      if (!categoryId || !ctx.config.categories.some((c) => c.id === categoryId))
        throw new DomainError('category-required', '请选择预约办理的业务类别（该事项没有对应的窗口类别）');
      const refused = slotRefusal(body.date, body.slotFrom, body.slotTo);
      if (refused) throw new DomainError(refused.code, refused.message);
      const appointment = appointments.book(booking({ ...body, categoryId, matterId: m?.id ?? null }), session.staffId);
      sendJson(res, 201, { appointment, qr: `YY:${appointment.code}` });
    });

    /** 预约导入 from a spreadsheet (CSV text): every row checked first; all booked or none. */
    router.add('POST', '/api/appointments/import', async (req, res) => {
      const session = ctx.access.requireAnyStaff(req);
      const { csv, csvBase64 } = await readBody(req, ImportBody);
      if ((csv === undefined) === (csvBase64 === undefined))
        throw new DomainError('bad-request', '请提供表格文件（csvBase64）或其文本（csv），二者选一');
      const today = ctx.store.today();
      let rows: ReturnType<typeof appointmentsFromCsv>;
      try {
        rows = appointmentsFromCsv(csvBase64 !== undefined ? Buffer.from(csvBase64, 'base64') : (csv as string), {
          categories: ctx.config.categories,
          matter: (idOrName) => {
            const m = matter(idOrName) ?? matterByName(idOrName);
            return m ? { id: m.id, categoryId: m.categoryId } : null;
          },
          slotProblem: (date, from, to) => {
            if (date < today) return '日期已经过去';
            if (from >= to) return '开始时间应早于结束时间';
            try {
              return slotRefusal(date, from, to)?.message ?? null;
            } catch (err) {
              return err instanceof DomainError ? err.message : String(err);
            }
          },
        });
      } catch (err) {
        if (err instanceof CsvError)
          throw new DomainError(
            'invalid-csv',
            `预约表有 ${err.problems.length} 处问题，没有导入任何预约，请改正后重新导入`,
            err.problems,
          );
        throw err;
      }
      const booked = appointments.bookMany(rows.map(booking), session.staffId);
      sendJson(res, 201, { appointments: booked });
    });

    router.add('GET', '/api/appointments', (req, res) => {
      ctx.access.requireAnyStaff(req);
      sendJson(res, 200, { appointments: appointments.list(req.query.get('date') ?? ctx.store.today()) });
    });

    /** 预约凭条 on the hall printer, for a resident who booked in person. */
    /** An appointment belongs to the windows serving its category (or a leader/admin). */
    const appointmentWork = (req: Parameters<typeof ctx.access.session>[0]) => {
      const a = appointments.get(req.params.id!);
      if (!a) throw notFound('该预约');
      return { a, session: ctx.access.requireWindowWork(req, ctx.access.windowsServing(a.categoryId)) };
    };

    router.add('POST', '/api/appointments/:id/print', async (req, res) => {
      const { a } = appointmentWork(req);
      await readBody(req, obj({}));
      if (a.status === 'cancelled') throw new DomainError('cancelled', '该预约已取消，不能打印凭条');
      const result = await services.printSlip(a);
      if (!result.ok) throw new DomainError('print-failed', `预约凭条未能打印：${result.message}`);
      sendJson(res, 200, { printed: true });
    });

    router.add('POST', '/api/appointments/:id/cancel', async (req, res) => {
      const { session } = appointmentWork(req);
      await readBody(req, obj({}));
      sendJson(res, 200, { appointment: appointments.cancel(req.params.id!, session.staffId) });
    });

    /** At the kiosk: on time → an appointment ticket (served ahead of walk-ins); early/late → a normal one. */
    router.add('POST', '/api/appointments/check-in', async (req, res) => {
      ctx.access.requireKiosk(req);
      const body = await readBody(req, CheckInBody);
      // Check-ins print tickets too: the same per-kiosk limit as POST /api/tickets (a retry does not count).
      if (!body.idempotencyKey || !ctx.store.hasIdempotencyKey(body.idempotencyKey))
        ctx.ticketLimit.take(req.remoteAddress);
      let idHash: string | undefined;
      let holder = null;
      if (body.readToken) {
        holder = ctx.cards.get(body.readToken);
        if (!holder) throw new DomainError('card-expired', '身份证信息已过期，请重新刷卡');
        idHash = holder.idHash;
      }
      // Early: ask first (keep the appointment and come back, or a normal ticket now); nothing is issued or used.
      const asked = appointments.find({ code: body.code, idHash });
      if (asked.timing === 'early' && body.early !== 'ticket') {
        throw new DomainError('appointment-early', asked.message, undefined, {
          opensAt: asked.opensAt,
          slotFrom: asked.appointment.slotFrom,
          slotTo: asked.appointment.slotTo,
        });
      }
      // The ticket and the checked-in mark are one transaction (and one group commit): never a ticket for
      // an appointment still shown as booked, nor a checked-in appointment without its ticket.
      const { ticket, created, change, verdict } = await ctx.commit.run(() => {
        const verdict = appointments.find({ code: body.code, idHash });
        const a = verdict.appointment;
        const issued = ctx.store.issue(
          {
            categoryId: a.categoryId,
            idempotencyKey: body.idempotencyKey,
            appointmentId: verdict.onTime ? a.id : undefined,
            idHash: holder?.idHash ?? appointments.idHashOf(a.id) ?? undefined,
            idMasked: holder?.idMasked ?? a.idMasked ?? undefined,
            nameMasked: holder?.nameMasked ?? a.nameMasked ?? undefined,
            matterIds: a.matterId ? [a.matterId] : [],
            // Its place was reserved out of the quota when it was booked: check-in never fails on the quota.
            booked: true,
          },
          'kiosk',
        );
        if (issued.created) appointments.markCheckedIn(a.id, issued.ticket.id, 'kiosk');
        return { ...issued, verdict };
      });
      const message = verdict.timing === 'early' ? '已为您取普通号，按顺序办理；本次预约已使用' : verdict.message;
      if (created) {
        ctx.publishChange(change);
        void ctx.printTicket(ticket.id, false);
      }
      sendJson(res, created ? 201 : 200, { ticket, onTime: verdict.onTime, message });
    });
  };
}
