// Appointments (预约服务制): staff book a slot for a matter; at the kiosk the resident checks in by the
// appointment code (QR) or the matching ID card. Inside the slot's window the ticket is an appointment
// ticket (served ahead of walk-ins); early or late arrivals get a normal ticket and a clear message.
import { randomBytes, randomInt } from 'node:crypto';
import type { Db } from '../store/db.ts';
import type { Clock } from '../common/clock.ts';
import { localTime } from '../common/clock.ts';
import { DomainError, notFound } from '../common/errors.ts';
import type { Appointment, AppointmentStatus } from '../contract/appointments.ts';

export type { Appointment, AppointmentStatus };

interface Row {
  id: string;
  code: string;
  matter_id: string | null;
  category_id: string;
  date: string;
  slot_from: string;
  slot_to: string;
  name_masked: string | null;
  id_masked: string | null;
  id_hash: string | null;
  phone_masked: string | null;
  status: AppointmentStatus;
  ticket_id: string | null;
}

/** Letters and digits that cannot be mistaken for each other when read aloud or typed (no 0/O, 1/I). */
const CODE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
/** How far ahead an appointment may be booked (days). */
export const MAX_BOOKING_DAYS_AHEAD = 90;
/** What the appointment QR holds: a prefix the kiosk recognises, then the code. */
export const APPOINTMENT_QR_PREFIX = 'YY:';

export interface CheckInVerdict {
  appointment: Appointment;
  /** true: inside the slot's window, the ticket is an appointment ticket. */
  onTime: boolean;
  /** early: before the check-in window opens — the resident chooses (keep it, or a normal ticket now). */
  timing: 'early' | 'on-time' | 'late';
  /** When an early resident may come back to check in (HH:MM). */
  opensAt: string;
  message: string;
}

/**
 * How many places a category offers (预约服务制): the daily quota is shared by walk-ins and bookings (a
 * booking takes its place when booked), and each appointment slot has its own capacity (null: no limit
 * beyond the daily quota).
 */
export interface BookingLimits {
  dailyQuota(categoryId: string): number;
  slotCapacity(categoryId: string, from: string, to: string): number | null;
}

/** The limits from config/categories.json (dailyQuota, appointmentCapacity, appointmentSlots). */
export function bookingLimits(config: {
  categories: readonly {
    id: string;
    dailyQuota: number;
    appointmentCapacity?: number;
    appointmentSlots: readonly { from: string; to: string; capacity: number }[];
  }[];
}): BookingLimits {
  const category = (id: string) => config.categories.find((c) => c.id === id);
  return {
    dailyQuota: (id) => category(id)?.dailyQuota ?? 0,
    slotCapacity: (id, from, to) => {
      const c = category(id);
      return (
        c?.appointmentSlots.find((s) => s.from === from && s.to === to)?.capacity ?? c?.appointmentCapacity ?? null
      );
    },
  };
}

export interface BookInput {
  categoryId: string;
  matterId: string | null;
  date: string;
  slotFrom: string;
  slotTo: string;
  nameMasked: string | null;
  idMasked: string | null;
  idHash: string | null;
  phoneMasked?: string | null;
  phoneHash?: string | null;
}

export class AppointmentStore {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly timeZone: string,
    private readonly window: { earlyMinutes: number; lateMinutes: number },
    private readonly limits: BookingLimits | null = null,
  ) {}

  /** Places still free in a slot and in the day's quota (null: unlimited by that rule). */
  freePlaces(categoryId: string, date: string, from: string, to: string): { slot: number | null; day: number | null } {
    if (!this.limits) return { slot: null, day: null };
    const inSlot = this.db
      .prepare<[string, string, string, string], { n: number }>(
        "SELECT COUNT(*) AS n FROM appointments WHERE category_id = ? AND date = ? AND slot_from = ? AND slot_to = ? AND status <> 'cancelled'",
      )
      .get(categoryId, date, from, to)!.n;
    const capacity = this.limits.slotCapacity(categoryId, from, to);
    // The day's quota: tickets already issued that day (walk-ins and checked-in bookings) + bookings not yet checked in.
    const used =
      this.db
        .prepare<[string, string], { n: number }>(
          "SELECT COUNT(*) AS n FROM appointments WHERE category_id = ? AND date = ? AND status = 'booked'",
        )
        .get(categoryId, date)!.n +
      this.db
        .prepare<[string, string], { n: number }>(
          'SELECT COUNT(*) AS n FROM tickets WHERE issued_category_id = ? AND service_date = ?',
        )
        .get(categoryId, date)!.n;
    return {
      slot: capacity === null ? null : Math.max(0, capacity - inSlot),
      day: Math.max(0, this.limits.dailyQuota(categoryId) - used),
    };
  }

  book(input: BookInput, actor: string): Appointment {
    if (input.slotFrom >= input.slotTo) throw new DomainError('invalid-slot', '预约时段的开始时间应早于结束时间');
    const today = localTime(this.clock(), this.timeZone).date;
    if (input.date < today) throw new DomainError('past-date', '不能预约已经过去的日期');
    // A bounded date range: the retention purge erases identities by date, so a booking for 2099 would keep one for ever.
    const last = new Date(Date.parse(`${today}T00:00:00Z`) + MAX_BOOKING_DAYS_AHEAD * 86_400_000)
      .toISOString()
      .slice(0, 10);
    if (input.date > last)
      throw new DomainError('too-far-ahead', `最多可预约 ${MAX_BOOKING_DAYS_AHEAD} 天以内（${last} 之前）的日期`);
    const id = randomBytes(9).toString('base64url');
    const code = Array.from({ length: 8 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');
    this.db
      .transaction(() => {
        // Checked inside the transaction, so two residents cannot take the last place at once.
        const free = this.freePlaces(input.categoryId, input.date, input.slotFrom, input.slotTo);
        if (free.slot === 0)
          throw new DomainError(
            'slot-full',
            `${input.date} ${input.slotFrom}–${input.slotTo} 时段的预约名额已满，请选择其他时段`,
          );
        if (free.day === 0) throw new DomainError('day-full', `${input.date} 该业务的号已全部约满，请选择其他日期`);
        // One live booking per person (ID card or phone number) per matter.
        for (const [column, value, who] of [
          ['id_hash', input.idHash, '该身份证'],
          ['phone_hash', input.phoneHash ?? null, '该手机号'],
        ] as const) {
          if (!value) continue;
          const live = this.db
            .prepare<[string, string | null, string, string], Row>(
              `SELECT * FROM appointments WHERE ${column} = ? AND matter_id IS ? AND category_id = ? AND status = 'booked' AND date >= ? LIMIT 1`,
            )
            .get(value, input.matterId, input.categoryId, today);
          if (live)
            throw new DomainError(
              'already-booked',
              `${who}已预约该事项（${live.date} ${live.slot_from}–${live.slot_to}），同一事项只能保留一个预约；如需改期请先取消原预约`,
            );
        }
        this.db
          .prepare(
            `INSERT INTO appointments (id, code, matter_id, category_id, date, slot_from, slot_to, name_masked, id_masked, id_hash, phone_masked, phone_hash, status, created_by, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'booked', ?, ?)`,
          )
          .run(
            id,
            code,
            input.matterId,
            input.categoryId,
            input.date,
            input.slotFrom,
            input.slotTo,
            input.nameMasked,
            input.idMasked,
            input.idHash,
            input.phoneMasked ?? null,
            input.phoneHash ?? null,
            actor,
            this.clock().toISOString(),
          );
        this.db
          .prepare(
            "INSERT INTO events (at, actor, type, category_id, data) VALUES (?, ?, 'appointment.booked', ?, json_object('date', ?, 'slot', ?))",
          )
          .run(this.clock().toISOString(), actor, input.categoryId, input.date, `${input.slotFrom}-${input.slotTo}`);
      })
      .immediate();
    return this.get(id)!;
  }

  /** Several at once (an import): all booked, or none. */
  bookMany(inputs: Parameters<AppointmentStore['book']>[0][], actor: string): Appointment[] {
    return this.db.transaction(() => inputs.map((input) => this.book(input, actor))).immediate();
  }

  get(id: string): Appointment | null {
    const row = this.db.prepare<[string], Row>('SELECT * FROM appointments WHERE id = ?').get(id);
    return row ? toAppointment(row) : null;
  }

  list(date: string): Appointment[] {
    return this.db
      .prepare<[string], Row>('SELECT * FROM appointments WHERE date = ? ORDER BY slot_from')
      .all(date)
      .map(toAppointment);
  }

  cancel(id: string, actor: string): Appointment {
    const a = this.get(id);
    if (!a) throw notFound('该预约');
    if (a.status !== 'booked') throw new DomainError('not-booked', '该预约已签到或已取消');
    this.db.prepare("UPDATE appointments SET status = 'cancelled' WHERE id = ?").run(id);
    this.db
      .prepare(
        "INSERT INTO events (at, actor, type, category_id, data) VALUES (?, ?, 'appointment.cancelled', ?, '{}')",
      )
      .run(this.clock().toISOString(), actor, a.categoryId);
    return this.get(id)!;
  }

  /** A booking by its code, whatever its day and state (the resident's own phone page shows it). */
  byCode(code: string): Appointment | null {
    const row = this.db
      .prepare<[string], Row>('SELECT * FROM appointments WHERE code = ?')
      .get(code.trim().toUpperCase().replace(APPOINTMENT_QR_PREFIX, ''));
    return row ? toAppointment(row) : null;
  }

  /** Find today's booked appointment for a code or an ID-card hash and say whether it is on time. */
  find(by: { code?: string; idHash?: string }): CheckInVerdict {
    const now = localTime(this.clock(), this.timeZone);
    let row: Row | undefined;
    if (by.code) {
      const code = by.code.trim().toUpperCase().replace(APPOINTMENT_QR_PREFIX, '');
      row = this.db.prepare<[string], Row>('SELECT * FROM appointments WHERE code = ?').get(code);
      if (!row) throw new DomainError('appointment-not-found', '没有找到这个预约码，请核对后重试或直接取号');
      if (row.date !== now.date)
        throw new DomainError(
          'appointment-other-day',
          `您预约的是 ${row.date} ${row.slot_from}–${row.slot_to}，不是今天，请按预约日期前来或直接取号`,
        );
    } else if (by.idHash) {
      row = this.db
        .prepare<[string, string], Row>(
          "SELECT * FROM appointments WHERE date = ? AND id_hash = ? AND status = 'booked' ORDER BY slot_from LIMIT 1",
        )
        .get(now.date, by.idHash);
      if (!row) throw new DomainError('appointment-not-found', '没有找到您今天的预约，可以直接选择业务取号');
    }
    if (!row) throw new DomainError('invalid-body', '请扫描预约码或刷身份证');
    if (row.status === 'checked-in')
      throw new DomainError('already-checked-in', '该预约已经签到取号，如小票丢失请补打');
    if (row.status === 'cancelled') throw new DomainError('appointment-cancelled', '该预约已取消，可以直接取号');
    const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
    const t = minutes(now.time);
    const opens = minutes(row.slot_from) - this.window.earlyMinutes;
    const closes = minutes(row.slot_to) + this.window.lateMinutes;
    const slot = `${row.slot_from}–${row.slot_to}`;
    const base = { appointment: toAppointment(row), opensAt: fmt(Math.max(0, opens)) };
    // Early: nothing is decided here; the kiosk asks (keep the appointment and come back, or a normal ticket now).
    if (t < opens)
      return {
        ...base,
        onTime: false,
        timing: 'early',
        message: `您预约的时段是 ${slot}，现在还早：可以保留预约，${fmt(opens)} 后再来签到优先办理；也可以现在取普通号，本次预约即作废`,
      };
    if (t > closes)
      return {
        ...base,
        onTime: false,
        timing: 'late',
        message: `您预约的时段 ${slot} 已过，已为您取普通号，按顺序办理，本次预约已使用`,
      };
    return { ...base, onTime: true, timing: 'on-time', message: `预约签到成功（${slot}），将优先为您办理` };
  }

  markCheckedIn(id: string, ticketId: string, actor: string): void {
    this.db.prepare("UPDATE appointments SET status = 'checked-in', ticket_id = ? WHERE id = ?").run(ticketId, id);
    this.db
      .prepare("INSERT INTO events (at, actor, type, ticket_id, data) VALUES (?, ?, 'appointment.checked-in', ?, '{}')")
      .run(this.clock().toISOString(), actor, ticketId);
  }

  /** For the per-person rules: the hash of the booked resident (never leaves the server). */
  idHashOf(id: string): string | null {
    return (
      this.db.prepare<[string], { id_hash: string | null }>('SELECT id_hash FROM appointments WHERE id = ?').get(id)
        ?.id_hash ?? null
    );
  }
}

function fmt(m: number): string {
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

function toAppointment(r: Row): Appointment {
  return {
    id: r.id,
    code: r.code,
    matterId: r.matter_id,
    categoryId: r.category_id,
    date: r.date,
    slotFrom: r.slot_from,
    slotTo: r.slot_to,
    nameMasked: r.name_masked,
    idMasked: r.id_masked,
    phoneMasked: r.phone_masked ?? null,
    status: r.status,
    ticketId: r.ticket_id,
  };
}
