// Ticket abuse: at most N tickets a minute from one kiosk (a child tapping every button, a stuck
// screen). Per-person limits are the queue's own rule (one live ticket per ID card per category).
import { ApiFailure } from '../errors.ts';

export class RateLimit {
  readonly #hits = new Map<string, number[]>();

  constructor(
    private readonly perMinute: number,
    private readonly now: () => number = Date.now,
    private readonly message: (waitSeconds: number) => string = (wait) => `取号过于频繁，请 ${wait} 秒后再试；如需帮助请联系工作人员`,
    private readonly code = 'too-many-tickets',
  ) {}

  /** Count one request from `key`; throws 429 with a Chinese message past the limit. */
  take(key: string): void {
    const t = this.now();
    const recent = (this.#hits.get(key) ?? []).filter((x) => t - x < 60_000);
    if (recent.length >= this.perMinute) {
      const wait = Math.ceil((60_000 - (t - recent[0]!)) / 1000);
      this.#hits.set(key, recent);
      throw new ApiFailure(429, this.code, this.message(wait));
    }
    recent.push(t);
    this.#hits.set(key, recent);
  }
}
