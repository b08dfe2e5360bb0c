// Residents book for themselves: at the kiosk and on the phone page /book (a QR on the kiosk; the slip's
// phone page links it). 预约服务制度 第一条：“预约服务制是指申请人办理的事项需要与业务窗口工作人员预约办理的
// 制度。” 第二条：“预约服务应体现主动服务、超前服务……”. Public: any phone on the hall's LAN reaches these
// routes, so every field is checked, each address is rate-limited, and only the resident's own booking
// comes back (phone masked).
import { DATE, HHMM, obj, str } from '../contract/schema.ts';
import { DomainError } from '../common/errors.ts';
import { maskPhone } from '../contract/privacy.ts';
import { hourlySlots } from '../contract/queue-rules.ts';
import { localTime } from '../common/clock.ts';
import { CalendarMissingError } from '../calendar/working-days.ts';
import type { AppContext } from '../app-context.ts';
import type { AppointmentStore } from './store.ts';
import type { Appointment, BookingDay, BookingOptions, BookingSlot } from '../contract/appointments.ts';
import { readBody, sendJson, type Router } from '../http/kit.ts';
import { RateLimit } from '../http/rate-limit.ts';

const BookBody = obj({
  matterId: str({ min: 1, max: 80 }),
  date: DATE,
  slotFrom: HHMM,
  slotTo: HHMM,
  phone: str({ pattern: /^1[3-9]\d{9}$/, hint: '11 位手机号码' }),
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
      // Capacity, the day's quota and one live booking per phone per matter are checked in the store's transaction.
      const appointment = appointments.book(
        {
          categoryId: m.categoryId,
          matterId: m.id,
          date: body.date,
          slotFrom: slot.from,
          slotTo: slot.to,
          nameMasked: null,
          idMasked: null,
          idHash: null,
          phoneMasked: maskPhone(body.phone),
          phoneHash: ctx.cards.hashId(`tel:${body.phone}`),
        },
        'resident',
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
  };
}
