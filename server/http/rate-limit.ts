// Ticket abuse: tickets (and appointment check-ins) from one kiosk client are limited per minute and per
// hour (a child tapping every button, a stuck screen, a script with fresh idempotency keys draining a
// category's daily quota). A kiosk serves one resident at a time and a ticket takes 15 s or more at the
// touchscreen, so a real busy hall stays under 4 a minute and ~100 an hour; the defaults (6 a minute, 120
// an hour) leave room for that and stop a drain of a 150-ticket quota in minutes. Per-person limits are the
// queue's own rule (one live ticket per ID card per category).
import type { ErrorCode } from '../contract/errors.ts';
import { DomainError } from '../common/errors.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * One client's requests of the last hour, oldest first. The expired ones are dropped from the front and the
 * last minute starts at `minute`: a request costs the same with 3 or 3,000 taken this hour (it used to
 * filter the hour's whole list twice per request; issue 26).
 */
interface Window {
  times: number[];
  /** First request still inside the hour. */
  hour: number;
  /** First request still inside the minute. */
  minute: number;
}

export class RateLimit {
  readonly #hits = new Map<string, Window>();

  constructor(
    private readonly perMinute: number,
    private readonly now: () => number = Date.now,
    private readonly perHour: number = Number.POSITIVE_INFINITY,
    private readonly message: (waitSeconds: number) => string = (wait) =>
      `取号过于频繁，请 ${wait} 秒后再试；如需帮助请联系工作人员`,
    private readonly code: ErrorCode = 'too-many-tickets',
  ) {}

  /** Count one request from `key`; throws 429 with a Chinese message past either limit. */
  take(key: string): void {
    const t = this.now();
    let w = this.#hits.get(key);
    if (!w) this.#hits.set(key, (w = { times: [], hour: 0, minute: 0 }));
    const { times } = w;
    while (w.hour < times.length && t - times[w.hour]! >= HOUR) w.hour++;
    w.minute = Math.max(w.minute, w.hour);
    while (w.minute < times.length && t - times[w.minute]! >= MINUTE) w.minute++;
    if (times.length - w.minute >= this.perMinute) {
      const wait = Math.ceil((MINUTE - (t - times[w.minute]!)) / 1000);
      throw new DomainError(this.code, this.message(wait));
    }
    if (times.length - w.hour >= this.perHour) {
      const wait = Math.ceil((HOUR - (t - times[w.hour]!)) / MINUTE);
      throw new DomainError(
        'too-many-tickets',
        `本机一小时内取号已达 ${this.perHour} 张，请 ${wait} 分钟后再试，或请工作人员协助取号`,
      );
    }
    times.push(t);
    // Forget what left the hour once it is most of the list (amortised: each entry is copied at most once).
    if (w.hour > 64 && w.hour * 2 > times.length) {
      w.times = times.slice(w.hour);
      w.minute -= w.hour;
      w.hour = 0;
    }
  }
}

/** The one ticket limiter of an app, shared by ticket issue and appointment check-in (both print a ticket); built by app.ts. */
export function createTicketLimit(
  config: { security: { ticketsPerMinute: number; ticketsPerHour: number } },
  clock: () => Date,
): RateLimit {
  return new RateLimit(config.security.ticketsPerMinute, () => clock().getTime(), config.security.ticketsPerHour);
}
