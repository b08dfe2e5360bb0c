// Appointments (预约服务制): staff book a slot for a matter; at the kiosk the resident checks in by the
// appointment code (QR) or the matching ID card. Inside the slot's window the ticket is an appointment
// ticket (served ahead of walk-ins); early or late arrivals get a normal ticket and a clear message.
import { randomBytes, randomInt } from 'node:crypto';
import type { Db } from './db.ts';
import type { Clock } from '../queue/clock.ts';
import { localTime } from '../queue/clock.ts';
import { ApiFailure, notFound } from '../errors.ts';
import type { Appointment, AppointmentStatus } from '../wire.ts';

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
  message: string;
}

export class AppointmentStore {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly timeZone: string,
    private readonly window: { earlyMinutes: number; lateMinutes: number },
  ) {}

  book(input: { categoryId: string; matterId: string | null; date: string; slotFrom: string; slotTo: string; nameMasked: string | null; idMasked: string | null; idHash: string | null }, actor: string): Appointment {
    if (input.slotFrom >= input.slotTo) throw new ApiFailure(400, 'invalid-slot', '预约时段的开始时间应早于结束时间');
    const today = localTime(this.clock(), this.timeZone).date;
    if (input.date < today) throw new ApiFailure(400, 'past-date', '不能预约已经过去的日期');
    // A bounded date range: the retention purge erases identities by date, so a booking for 2099 would keep one for ever.
    const last = new Date(Date.parse(`${today}T00:00:00Z`) + MAX_BOOKING_DAYS_AHEAD * 86_400_000).toISOString().slice(0, 10);
    if (input.date > last) throw new ApiFailure(400, 'too-far-ahead', `最多可预约 ${MAX_BOOKING_DAYS_AHEAD} 天以内（${last} 之前）的日期`);
    const id = randomBytes(9).toString('base64url');
    const code = Array.from({ length: 8 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');
    this.db.transaction(() => {
      this.db
        .prepare(
          `INSERT INTO appointments (id, code, matter_id, category_id, date, slot_from, slot_to, name_masked, id_masked, id_hash, status, created_by, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'booked', ?, ?)`,
        )
        .run(id, code, input.matterId, input.categoryId, input.date, input.slotFrom, input.slotTo, input.nameMasked, input.idMasked, input.idHash, actor, this.clock().toISOString());
      this.db.prepare("INSERT INTO events (at, actor, type, category_id, data) VALUES (?, ?, 'appointment.booked', ?, json_object('date', ?, 'slot', ?))").run(
        this.clock().toISOString(), actor, input.categoryId, input.date, `${input.slotFrom}-${input.slotTo}`,
      );
    }).immediate();
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
    return this.db.prepare<[string], Row>('SELECT * FROM appointments WHERE date = ? ORDER BY slot_from').all(date).map(toAppointment);
  }

  cancel(id: string, actor: string): Appointment {
    const a = this.get(id);
    if (!a) throw notFound('该预约');
    if (a.status !== 'booked') throw new ApiFailure(409, 'not-booked', '该预约已签到或已取消');
    this.db.prepare("UPDATE appointments SET status = 'cancelled' WHERE id = ?").run(id);
    this.db.prepare("INSERT INTO events (at, actor, type, category_id, data) VALUES (?, ?, 'appointment.cancelled', ?, '{}')").run(this.clock().toISOString(), actor, a.categoryId);
    return this.get(id)!;
  }

  /** Find today's booked appointment for a code or an ID-card hash and say whether it is on time. */
  find(by: { code?: string; idHash?: string }): CheckInVerdict {
    const now = localTime(this.clock(), this.timeZone);
    let row: Row | undefined;
    if (by.code) {
      const code = by.code.trim().toUpperCase().replace(APPOINTMENT_QR_PREFIX, '');
      row = this.db.prepare<[string], Row>('SELECT * FROM appointments WHERE code = ?').get(code);
      if (!row) throw new ApiFailure(404, 'appointment-not-found', '没有找到这个预约码，请核对后重试或直接取号');
      if (row.date !== now.date) throw new ApiFailure(409, 'appointment-other-day', `您预约的是 ${row.date} ${row.slot_from}–${row.slot_to}，不是今天，请按预约日期前来或直接取号`);
    } else if (by.idHash) {
      row = this.db.prepare<[string, string], Row>("SELECT * FROM appointments WHERE date = ? AND id_hash = ? AND status = 'booked' ORDER BY slot_from LIMIT 1").get(now.date, by.idHash);
      if (!row) throw new ApiFailure(404, 'appointment-not-found', '没有找到您今天的预约，可以直接选择业务取号');
    }
    if (!row) throw new ApiFailure(400, 'invalid-body', '请扫描预约码或刷身份证');
    if (row.status === 'checked-in') throw new ApiFailure(409, 'already-checked-in', '该预约已经签到取号，如小票丢失请补打');
    if (row.status === 'cancelled') throw new ApiFailure(409, 'appointment-cancelled', '该预约已取消，可以直接取号');
    const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
    const t = minutes(now.time);
    const opens = minutes(row.slot_from) - this.window.earlyMinutes;
    const closes = minutes(row.slot_to) + this.window.lateMinutes;
    const slot = `${row.slot_from}–${row.slot_to}`;
    if (t < opens) return { appointment: toAppointment(row), onTime: false, message: `您预约的时段是 ${slot}，现在还早，已为您取普通号；也可以在 ${fmt(opens)} 后再来签到优先办理` };
    if (t > closes) return { appointment: toAppointment(row), onTime: false, message: `您预约的时段 ${slot} 已过，已为您取普通号，按顺序办理` };
    return { appointment: toAppointment(row), onTime: true, message: `预约签到成功（${slot}），将优先为您办理` };
  }

  markCheckedIn(id: string, ticketId: string, actor: string): void {
    this.db.prepare("UPDATE appointments SET status = 'checked-in', ticket_id = ? WHERE id = ?").run(ticketId, id);
    this.db.prepare("INSERT INTO events (at, actor, type, ticket_id, data) VALUES (?, ?, 'appointment.checked-in', ?, '{}')").run(this.clock().toISOString(), actor, ticketId);
  }

  /** For the per-person rules: the hash of the booked resident (never leaves the server). */
  idHashOf(id: string): string | null {
    return this.db.prepare<[string], { id_hash: string | null }>('SELECT id_hash FROM appointments WHERE id = ?').get(id)?.id_hash ?? null;
  }
}

function fmt(m: number): string {
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

function toAppointment(r: Row): Appointment {
  return { id: r.id, code: r.code, matterId: r.matter_id, categoryId: r.category_id, date: r.date, slotFrom: r.slot_from, slotTo: r.slot_to, nameMasked: r.name_masked, idMasked: r.id_masked, status: r.status, ticketId: r.ticket_id };
}
