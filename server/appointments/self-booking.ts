// Residents booking for themselves on the hall Wi-Fi (issue #23 item 1). 预约服务制度 第一条：“预约服务制是指
// 申请人办理的事项需要与业务窗口工作人员预约办理的制度。” Booking serves the resident who will come; it must not
// close a category to the people standing in the hall. So:
// - self-bookings have their own share of each category's daily quota (booking.selfShare, default a third);
//   walk-ins and staff bookings keep the rest;
// - one phone number holds one live booking per matter (the store) and booking.perPhonePerWeek bookings in
//   seven days; a booking nobody came for keeps counting against that phone for 30 days;
// - where each came from is kept (the address), so staff can cancel one phone's or one address's bookings
//   in one action (audited as admin.bookings.cancelled).
import type { Db } from '../store/db.ts';
import type { Clock } from '../common/clock.ts';
import { DomainError } from '../common/errors.ts';

export const SELF_ACTOR = 'resident';
const DAY_MS = 86_400_000;
const NO_SHOW_DAYS = 30;

export interface SelfBookingRules {
  selfShare: number;
  perPhonePerWeek: number;
  dailyQuota(categoryId: string): number;
}

const daysBefore = (date: string, n: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) - n * DAY_MS).toISOString().slice(0, 10);

/** The checks and the record for one resident's booking, run inside the store's booking transaction. */
export function selfBookingStep(
  db: Db,
  clock: Clock,
  rules: SelfBookingRules,
  input: {
    categoryId: string;
    date: string;
    phoneHash: string;
    address: string;
    today: string;
    /** How the resident is known, for the messages: 手机号 (default) or 身份证 (a card booking at the kiosk). */
    by?: '手机号' | '身份证';
  },
) {
  return {
    check(): void {
      const share = Math.floor(rules.dailyQuota(input.categoryId) * rules.selfShare);
      const own = db
        .prepare<[string, string, string], { n: number }>(
          "SELECT COUNT(*) AS n FROM appointments WHERE category_id = ? AND date = ? AND created_by = ? AND status <> 'cancelled'",
        )
        .get(input.categoryId, input.date, SELF_ACTOR)!.n;
      if (own >= share)
        throw new DomainError(
          'self-share-full',
          `${input.date} 该业务的网上（自助）预约名额已满；其余名额留给现场取号，请选择其他日期，或当天到大厅现场取号`,
        );
      const weekAgo = new Date(clock().getTime() - 7 * DAY_MS).toISOString();
      const counted = db
        .prepare<[string, string, string, string, string, string], { n: number; noShows: number }>(
          `SELECT COUNT(*) AS n, COALESCE(SUM(status = 'booked' AND date < ?), 0) AS noShows FROM appointments
            WHERE phone_hash = ? AND created_by = ?
              AND ((created_at >= ? AND status <> 'cancelled') OR (status = 'booked' AND date < ? AND date >= ?))`,
        )
        .get(input.today, input.phoneHash, SELF_ACTOR, weekAgo, input.today, daysBefore(input.today, NO_SHOW_DAYS))!;
      if (counted.n >= rules.perPhonePerWeek)
        throw new DomainError(
          'phone-limit',
          counted.noShows > 0
            ? `该${input.by ?? '手机号'}有 ${counted.noShows} 个预约到期未到场办理（未到），${NO_SHOW_DAYS} 天内计入预约次数，暂不能再预约；请到大厅现场取号`
            : `同一${input.by ?? '手机号'} 7 天内最多预约 ${rules.perPhonePerWeek} 次，请到大厅现场取号或稍后再预约`,
        );
    },
    inserted(id: string): void {
      db.prepare('INSERT INTO booking_origins (appointment_id, address, at) VALUES (?, ?, ?)').run(
        id,
        input.address,
        clock().toISOString(),
      );
    },
  };
}

/**
 * Cancel every live self-booking (today or later) of one phone (by its keyed hash) or one address. Returns
 * how many and the categories and days touched (the kiosk's places follow). One transaction.
 */
export function cancelSelfBookings(
  db: Db,
  clock: Clock,
  by: { phoneHash: string } | { address: string },
  today: string,
  actor: string,
): { cancelled: number; days: { categoryId: string; date: string }[] } {
  return db
    .transaction(() => {
      const rows =
        'phoneHash' in by
          ? db
              .prepare<[string, string, string], { id: string; category_id: string; date: string }>(
                "SELECT id, category_id, date FROM appointments WHERE phone_hash = ? AND created_by = ? AND status = 'booked' AND date >= ?",
              )
              .all(by.phoneHash, SELF_ACTOR, today)
          : db
              .prepare<[string, string, string], { id: string; category_id: string; date: string }>(
                `SELECT a.id, a.category_id, a.date FROM appointments a JOIN booking_origins o ON o.appointment_id = a.id
                  WHERE o.address = ? AND a.created_by = ? AND a.status = 'booked' AND a.date >= ?`,
              )
              .all(by.address, SELF_ACTOR, today);
      const at = clock().toISOString();
      for (const r of rows) {
        db.prepare("UPDATE appointments SET status = 'cancelled' WHERE id = ?").run(r.id);
        db.prepare(
          "INSERT INTO events (at, actor, type, category_id, data) VALUES (?, ?, 'appointment.cancelled', ?, '{}')",
        ).run(at, actor, r.category_id);
      }
      return { cancelled: rows.length, days: rows.map((r) => ({ categoryId: r.category_id, date: r.date })) };
    })
    .immediate();
}
