// Residents book for themselves: at the kiosk and on the phone page /book (a QR on the kiosk; the slip's
// phone page links it). 预约服务制度 第一条：“预约服务制是指申请人办理的事项需要与业务窗口工作人员预约办理的
// 制度。” 第二条：“预约服务应体现主动服务、超前服务……”. Public: any phone on the hall's LAN reaches these
// routes, so every field is checked, each address is rate-limited, and only the resident's own booking
// comes back (phone masked).
import { DATE, HHMM, obj, optional, str } from '../contract/schema.ts';
import { DomainError, notFound } from '../common/errors.ts';
import { maskPhone } from '../contract/privacy.ts';
import { hourlySlots } from '../contract/queue-rules.ts';
import { localTime } from '../common/clock.ts';
import { CalendarMissingError } from '../calendar/working-days.ts';
import type { AppContext } from '../app-context.ts';
import type { AppointmentStore } from './store.ts';
import type { Appointment, BookingDay, BookingOptions, BookingSlot } from '../contract/appointments.ts';
import { readBody, sendJson, type Router } from '../http/kit.ts';
import { RateLimit } from '../http/rate-limit.ts';
import { cancelSelfBookings, SELF_ACTOR, selfBookingStep } from './self-booking.ts';

const BookBody = obj({
  matterId: str({ min: 1, max: 80 }),
  date: DATE,
  slotFrom: HHMM,
  slotTo: HHMM,
  phone: optional(str({ pattern: /^1[3-9]\d{9}$/, hint: '11 位手机号码' })),
  /**
   * At the kiosk, the ID card on the reader instead of a phone (issue 24 ①): the token of the read
   * (server/resident/card-registry.ts); the booking keeps the masked name and number and the keyed hash,
   * so the same card checks in on the day. Exactly one of `phone` and `readToken`.
   */
  readToken: optional(str({ min: 1, max: 80 })),
});

const CancelBody = obj({
  phone: optional(str({ pattern: /^1[3-9]\d{9}$/, hint: '11 位手机号码' })),
  address: optional(str({ min: 2, max: 64, pattern: /^[0-9A-Fa-f:.]+$/, hint: 'IP 地址' })),
});

export interface BookingServices {
  appointments: AppointmentStore;
  /** Matters a resident may book: those handled at a window (a queue category). */
  bookableMatters(): { id: string; name: string; categoryId: string }[];
  /** The official calendar; throws CalendarMissingError for a year without data. */
  isWorkingDay(date: string): boolean;
  printSlip(appointment: Appointment): Promise<{ ok: boolean; message: string }>;
  /** http://<hall address>/book, for the QR on the kiosk. */
  phoneUrl(): string;
}

const addDays = (date: string, n: number) =>
  new Date(Date.parse(date + 'T00:00:00Z') + n * 86_400_000).toISOString().slice(0, 10);

export function bookingRoutes(services: BookingServices) {
  const { appointments } = services;
  return (router: Router, ctx: AppContext): void => {
    const { booking } = ctx.config;
    const now = () => ctx.clock().getTime();
    const tooMany = (wait: number) => `操作过于频繁，请 ${wait} 秒后再试`;
    const writes = new RateLimit(
      booking.perAddressPerMinute,
      now,
      Number.POSITIVE_INFINITY,
      tooMany,
      'too-many-requests',
    );
    const reads = new RateLimit(
      booking.perAddressPerMinute * 6,
      now,
      Number.POSITIVE_INFINITY,
      tooMany,
      'too-many-requests',
    );

    // Every address together: a burst of made-up numbers from many phones is slowed as a whole (issue #23).
    const hall = new RateLimit(
      booking.hallPerMinute,
      now,
      Number.POSITIVE_INFINITY,
      (wait) => `现在网上预约的人较多，请 ${wait} 秒后再试，或到大厅现场取号`,
      'too-many-requests',
    );

    /** Whether the centre opens that day by the official calendar (always, for residents' bookings). */
    const dayRefusal = (date: string): string | null => {
      const today = ctx.store.today();
      if (date < today) return '不能预约已经过去的日期';
      if (date > addDays(today, booking.daysAhead)) return `只能预约今天起 ${booking.daysAhead} 天内的日期`;
      try {
        if (!services.isWorkingDay(date)) return `${date} 是休息日或法定节假日，中心不办公，请选择工作日`;
      } catch (err) {
        if (err instanceof CalendarMissingError)
          return `节假日日历尚无 ${err.year} 年的数据，暂不能预约该日，请选择其他日期或致电中心`;
        throw err;
      }
      return null;
    };

    const slotsOf = (categoryId: string, date: string): BookingSlot[] => {
      const local = localTime(ctx.clock(), ctx.config.center.timezone);
      return hourlySlots(ctx.config.hours.sessions).map((s) => {
        const free = appointments.freePlaces(categoryId, date, s.from, s.to);
        const places = Math.min(free.slot ?? Infinity, free.day ?? Infinity);
        const ended = date === local.date && s.to <= local.time;
        return { from: s.from, to: s.to, free: ended ? 0 : places === Infinity ? null : places, ended };
      });
    };

    const matterOf = (id: string) => {
      const m = services.bookableMatters().find((x) => x.id === id);
      if (!m) throw new DomainError('unknown-matter', '没有这个可预约的事项，请重新选择');
      return m;
    };

    router.add('GET', '/api/book/options', (req, res) => {
      reads.take(req.remoteAddress);
      const today = ctx.store.today();
      const days: BookingDay[] = Array.from({ length: booking.daysAhead + 1 }, (_, i) => addDays(today, i)).map(
        (date) => {
          const reason = dayRefusal(date);
          return { date, open: reason === null, reason };
        },
      );
      const body: BookingOptions = {
        centerName: ctx.config.center.name,
        address: ctx.config.center.address,
        daysAhead: booking.daysAhead,
        matters: services.bookableMatters(),
        days,
        phoneUrl: services.phoneUrl(),
      };
      sendJson(res, 200, body);
    });

    router.add('GET', '/api/book/slots', (req, res) => {
      reads.take(req.remoteAddress);
      const date = req.query.get('date') ?? '';
      const matterId = req.query.get('matterId') ?? '';
      if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new DomainError('invalid-query', '日期格式应为 YYYY-MM-DD');
      if (!matterId || matterId.length > 80) throw new DomainError('invalid-query', '请先选择要办理的事项');
      const m = matterOf(matterId);
      const reason = dayRefusal(date);
      sendJson(res, 200, { date, open: reason === null, reason, slots: reason ? [] : slotsOf(m.categoryId, date) });
    });

    router.add('POST', '/api/book', async (req, res) => {
      writes.take(req.remoteAddress);
      const body = await readBody(req, BookBody);
      const m = matterOf(body.matterId);
      const refused = dayRefusal(body.date);
      if (refused) throw new DomainError('day-not-bookable', refused);
      const slot = slotsOf(m.categoryId, body.date).find((s) => s.from === body.slotFrom && s.to === body.slotTo);
      if (!slot) throw new DomainError('unknown-slot', '没有这个预约时段，请重新选择');
      if (slot.ended) throw new DomainError('slot-ended', `今天 ${slot.to} 之前的时段已经过去，请选择之后的时段`);
      if ((body.phone === undefined) === (body.readToken === undefined))
        throw new DomainError('invalid-body', '请填写手机号码，或在自助机上刷身份证（二选一）');
      const holder = body.readToken ? ctx.cards.get(body.readToken) : null;
      if (body.readToken && !holder) throw new DomainError('card-expired', '身份证信息已过期，请重新刷卡');
      hall.take('hall');
      // Capacity, the day's quota, the self-booking share and the per-person limits are checked in the store's
      // transaction. The per-person key: the phone's keyed hash, or one made from the card's keyed hash.
      const phoneHash = holder ? ctx.cards.hashId(`card:${holder.idHash}`) : ctx.cards.hashId(`tel:${body.phone}`);
      const step = selfBookingStep(
        ctx.db,
        ctx.clock,
        {
          selfShare: booking.selfShare,
          perPhonePerWeek: booking.perPhonePerWeek,
          dailyQuota: (id) => ctx.config.categories.find((c) => c.id === id)?.dailyQuota ?? 0,
        },
        {
          categoryId: m.categoryId,
          date: body.date,
          phoneHash,
          address: req.remoteAddress,
          today: ctx.store.today(),
          by: holder ? '身份证' : '手机号',
        },
      );
      const appointment = appointments.book(
        {
          categoryId: m.categoryId,
          matterId: m.id,
          date: body.date,
          slotFrom: slot.from,
          slotTo: slot.to,
          nameMasked: holder?.nameMasked ?? null,
          idMasked: holder?.idMasked ?? null,
          idHash: holder?.idHash ?? null,
          phoneMasked: body.phone ? maskPhone(body.phone) : null,
          phoneHash,
        },
        SELF_ACTOR,
        step,
      );
      // A booking for today takes a place out of today's quota: the kiosk's categories follow.
      if (appointment.date === ctx.store.today())
        ctx.publishChange({ tickets: [], windows: [], categoriesChanged: true });
      // At the kiosk the 预约凭条 is printed; on a phone the page shows the code and its QR.
      let printed: boolean | null = null;
      if (ctx.access.isKiosk(req)) printed = (await services.printSlip(appointment)).ok;
      sendJson(res, 201, {
        appointment: { ...appointment, matterName: m.name },
        qr: `YY:${appointment.code}`,
        printed,
      });
    });

    // Staff stop a flood: every live self-booking of one phone number or one address, in one action, audited.
    router.add('POST', '/api/admin/bookings/cancel', async (req, res) => {
      const session = ctx.access.requireCentreStaff(req);
      const body = await readBody(req, CancelBody);
      if ((body.phone === undefined) === (body.address === undefined))
        throw new DomainError('invalid-body', '请填写手机号或地址其中一项');
      const today = ctx.store.today();
      const result = body.phone
        ? cancelSelfBookings(
            ctx.db,
            ctx.clock,
            { phoneHash: ctx.cards.hashId(`tel:${body.phone}`) },
            today,
            session.staffId,
          )
        : cancelSelfBookings(ctx.db, ctx.clock, { address: body.address! }, today, session.staffId);
      ctx.store.logEvent(session.staffId, 'admin.bookings.cancelled', {
        by: body.phone ? 'phone' : 'address',
        who: body.phone ? maskPhone(body.phone) : body.address,
        cancelled: result.cancelled,
      });
      if (result.days.some((d) => d.date === today))
        ctx.publishChange({ tickets: [], windows: [], categoriesChanged: true });
      sendJson(res, 200, { cancelled: result.cancelled });
    });

    /**
     * 自助取消 (issue 24): the resident who holds the confirmation (its id and its 预约码 together) cancels the
     * booking themselves, so the place goes back to others (《便民服务中心工作制度》预约服务制).
     */
    router.add('POST', '/api/book/:id/cancel', async (req, res) => {
      writes.take(req.remoteAddress);
      const body = await readBody(req, CancelBookingBody);
      const a = appointments.get(req.params.id!);
      if (!a || a.code !== body.code) throw notFound('该预约');
      if (a.date < ctx.store.today()) throw new DomainError('not-booked', '该预约的日期已过，不需要取消');
      const cancelled = appointments.cancel(a.id, 'resident');
      if (a.date === ctx.store.today()) ctx.publishChange({ tickets: [], windows: [], categoriesChanged: true });
      sendJson(res, 200, { appointment: cancelled });
    });
  };
}

const CancelBookingBody = obj({ code: str({ min: 4, max: 16 }) });
