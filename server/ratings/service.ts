// Wires the rating store to the running app: a finished ticket opens a rating and the window's tablet
// (WebSocket role 'rate') gets rating.request; a sweep closes unanswered ratings as not rated at their
// deadline and publishes rating.closed. One service per app (ctx.ratings, started and stopped by app.ts), shared by the rating and admin routes.
import type { AppContext } from '../app-context.ts';
import type { Change } from '../queue/store.ts';
import type { WsRole } from '../contract/ws.ts';
import { RatingStore, type ClosedRating } from './store.ts';

/**
 * Who hears about a window's ratings: the tablet paired with that window (pairing.ts) and the window
 * consoles (staff see that a verdict came in; a console cannot cast one).
 */
const ratingAudience = (windowNo: number) => (role: WsRole, client: { windowNo: number | null }) =>
  role === 'console' || (role === 'rate' && client.windowNo === windowNo);
const SWEEP_MS = 1000;
/** queue.ratingTimeoutSeconds when center.json does not set it. */
export const DEFAULT_RATING_TIMEOUT_SECONDS = 60;

export class RatingService {
  readonly store: RatingStore;
  #timer: NodeJS.Timeout | null = null;
  #unsubscribe: (() => void) | null = null;

  constructor(private readonly ctx: AppContext) {
    this.store = new RatingStore(ctx.db, ctx.clock, ctx.config.center.timezone);
  }

  start(): void {
    this.#unsubscribe = this.ctx.onChange((change) => this.onChange(change));
    // Ratings left pending by a stop or a crash close now if their deadline passed while we were down.
    this.sweep();
    // Started and stopped by the composition root (app.ts), before the database closes.
    this.#timer = setInterval(() => this.sweep(), SWEEP_MS);
    this.#timer.unref();
  }

  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
    this.#unsubscribe?.();
    this.#unsubscribe = null;
  }

  /**
   * Tickets that became 'finished' at a window open a rating (a duplicate publish opens nothing). The row
   * goes through the group commit, so it shares the fsync of the turn's other commands instead of paying
   * its own after every call-next.
   */
  onChange(change: Change): void {
    for (const ticket of change.tickets) {
      const windowNo = ticket.windowNo;
      if (ticket.status !== 'finished' || windowNo === null) continue;
      const timeout = this.ctx.config.queue.ratingTimeoutSeconds ?? DEFAULT_RATING_TIMEOUT_SECONDS;
      this.ctx.commit
        .run(() => this.store.open(ticket, windowNo, this.#finishedBy(ticket.id), timeout))
        .then((opened) => {
          if (!opened) return;
          this.#publishClosed(opened.superseded);
          this.ctx.hub.publish({ type: 'rating.request', request: opened.request }, ratingAudience(windowNo));
        })
        // A rating problem must never break the queue's own publishing.
        .catch((err: Error) => this.ctx.log(`好差评记录失败（${ticket.number}）：${err.message}`));
    }
  }

  sweep(): ClosedRating[] {
    try {
      const closed = this.store.sweep();
      this.#publishClosed(closed);
      return closed;
    } catch (err) {
      this.ctx.log(`好差评超时处理失败：${(err as Error).message}`);
      return [];
    }
  }

  publishClosed(closed: ClosedRating): void {
    this.#publishClosed([closed]);
  }

  #publishClosed(list: ClosedRating[]): void {
    for (const c of list)
      this.ctx.hub.publish(
        { type: 'rating.closed', ticketId: c.ticketId, windowNo: c.windowNo, rated: c.rated },
        ratingAudience(c.windowNo),
      );
  }

  /** The staff member who finished the ticket: the actor of its last ticket.finished event. */
  #finishedBy(ticketId: string): string | null {
    const row = this.ctx.db
      .prepare<[string], { actor: string }>(
        "SELECT actor FROM events WHERE ticket_id = ? AND type = 'ticket.finished' ORDER BY id DESC LIMIT 1",
      )
      .get(ticketId);
    return row && this.ctx.config.staff.some((s) => s.id === row.actor) ? row.actor : null;
  }
}
