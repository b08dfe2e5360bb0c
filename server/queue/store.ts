// The durable queue: every command is one SQLite transaction that changes tickets/windows and appends an
// event row (who, what, when). The rules themselves live in ../queue/rules.ts.
import { randomBytes } from 'node:crypto';
import type { Db } from '../store/db.ts';
import type { Statement } from 'better-sqlite3';
import type { Config } from '../config/load.ts';
import { DomainError, notFound } from '../common/errors.ts';
import { type Clock, instantOf, localTime } from '../common/clock.ts';
import {
  announcementText,
  closedReason,
  currentSlot,
  estimateWaitMinutes,
  noServiceReason,
  pickNext,
  quotaReason,
  reentryKey,
  slotQuotaReason,
  ticketNumber,
  tier,
  type Queued,
  type WindowForPick,
} from '../contract/queue-rules.ts';
import type { CallRecord, PriorityReason, Ticket, TicketStatus, WindowState } from '../contract/queue.ts';
import { ComponentPlaces, lineOf, WaitingLines } from './call-order.ts';

interface TicketRow {
  id: string;
  service_date: string;
  category_id: string;
  seq: number;
  number: string;
  status: TicketStatus;
  priority: PriorityReason | null;
  priority_confirmed: number;
  order_key: number;
  issued_at: string;
  called_at: string | null;
  finished_at: string | null;
  window_no: number | null;
  target_window_no: number | null;
  recall_count: number;
  last_recall_at: string | null;
  appointment_id: string | null;
  name_masked: string | null;
  id_masked: string | null;
  id_hash: string | null;
  matter_ids: string;
  idempotency_key: string | null;
  print_state: string;
  reprint_count: number;
  transfer_from: number | null;
  transfer_by: string | null;
  transfer_at: string | null;
  transfer_note: string | null;
  /** 急事特办 (issue 21, column added by server/urgent/store.ts): 1 once staff marked it 紧急. */
  urgent: number;
}

interface WindowRow {
  no: number;
  paused: number;
  pause_reason: string | null;
  staff_id: string | null;
  staff_post: 'A' | 'B' | null;
  current_ticket_id: string | null;
  auto_call: number;
  normal_since_priority: number;
}

export interface IssueInput {
  categoryId: string;
  idempotencyKey?: string;
  priority?: PriorityReason;
  /** Elderly from the ID card's birth date is confirmed; self-declared reasons wait for staff. */
  priorityConfirmed?: boolean;
  idHash?: string;
  idMasked?: string;
  nameMasked?: string;
  matterIds?: string[];
  appointmentId?: string;
  /** A booked appointment checking in: its place was reserved out of the quota when booked. */
  booked?: boolean;
}

/** What a command changed, for the WebSocket hub to publish. */
export interface Change {
  tickets: Ticket[];
  windows: WindowState[];
  call?: CallRecord;
  /** Set by issue(): this ticket is new (published as ticket.issued, the rest as ticket.updated). */
  issuedTicketId?: string;
  categoriesChanged: boolean;
}

export class QueueStore {
  readonly #db: Db;
  readonly #config: Config;
  readonly #clock: Clock;
  readonly #isWorkingDay: (date: string) => boolean;
  readonly #stmt;

  constructor(db: Db, config: Config, clock: Clock, isWorkingDay: (date: string) => boolean) {
    this.#db = db;
    this.#config = config;
    this.#clock = clock;
    this.#isWorkingDay = isWorkingDay;
    const insertWindow = db.prepare('INSERT OR IGNORE INTO windows (no) VALUES (?)');
    for (const w of config.windows) insertWindow.run(w.no);
    this.#stmt = {
      ticket: db.prepare<[string], TicketRow>('SELECT * FROM tickets WHERE id = ?'),
      byKey: db.prepare<[string], TicketRow>('SELECT * FROM tickets WHERE idempotency_key = ?'),
      // Only what decides a place in line (queued()): cheaper than whole rows on a busy day.
      dataVersion: db.prepare<[], { data_version: number }>('PRAGMA data_version'),
      waitingQueued: db.prepare<
        [string],
        Pick<
          TicketRow,
          | 'id'
          | 'category_id'
          | 'priority'
          | 'priority_confirmed'
          | 'appointment_id'
          | 'target_window_no'
          | 'order_key'
          | 'urgent'
        >
      >(
        "SELECT id, category_id, priority, priority_confirmed, appointment_id, target_window_no, order_key, urgent FROM tickets WHERE service_date = ? AND status = 'waiting'",
      ),
      // The first ticket of one line (category and tier) that this window may call; urgent ones have their own line.
      lineHead: db.prepare<{ d: string; c: string; tier: number; w: number }, TicketRow>(
        `SELECT * FROM tickets WHERE service_date = @d AND category_id = @c AND status = 'waiting' AND urgent = 0
           AND (CASE WHEN appointment_id IS NOT NULL THEN 0 WHEN priority IS NOT NULL AND priority_confirmed = 1 THEN 1 ELSE 2 END) = @tier
           AND (target_window_no IS NULL OR target_window_no = @w)
         ORDER BY order_key, id LIMIT 1`,
      ),
      // 急事特办: the earliest urgent ticket of one category this window may call (urgentFirst in queue-rules.ts).
      urgentHead: db.prepare<{ d: string; c: string; w: number }, TicketRow>(
        `SELECT * FROM tickets WHERE service_date = @d AND category_id = @c AND status = 'waiting' AND urgent = 1
           AND (target_window_no IS NULL OR target_window_no = @w)
         ORDER BY order_key, id LIMIT 1`,
      ),
      open: db.prepare<[string], TicketRow>(
        "SELECT * FROM tickets WHERE service_date = ? AND status IN ('waiting','called','serving') ORDER BY order_key",
      ),
      maxSeq: db.prepare<[string, string], { s: number | null }>(
        'SELECT MAX(seq) AS s FROM tickets WHERE service_date = ? AND issued_category_id = ?',
      ),
      reserved: db.prepare<[string, string], { n: number }>(
        "SELECT COUNT(*) AS n FROM appointments WHERE date = ? AND category_id = ? AND status = 'booked'",
      ),
      // A category's numbers run 1, 2, 3 … without gaps each day (issue() takes MAX(seq) + 1, UNIQUE on the
      // three): the highest is the count, one step down the index instead of counting the day (issue 26).
      countIssued: db.prepare<[string, string], { n: number }>(
        'SELECT COALESCE(MAX(seq), 0) AS n FROM tickets WHERE service_date = ? AND issued_category_id = ?',
      ),
      countIssuedBetween: db.prepare<[string, string, string], { n: number }>(
        'SELECT COUNT(*) AS n FROM tickets WHERE issued_category_id = ? AND issued_at >= ? AND issued_at < ?',
      ),
      livePerson: db.prepare<[string, string, string], TicketRow>(
        "SELECT * FROM tickets WHERE service_date = ? AND id_hash = ? AND category_id = ? AND status IN ('waiting','called','serving') LIMIT 1",
      ),
      insertTicket: db.prepare(
        `INSERT INTO tickets (id, service_date, category_id, issued_category_id, seq, number, status, priority, priority_confirmed, order_key, issued_at,
           appointment_id, name_masked, id_masked, id_hash, matter_ids, idempotency_key, print_state)
         VALUES (@id, @service_date, @category_id, @category_id, @seq, @number, 'waiting', @priority, @priority_confirmed, @order_key, @issued_at,
           @appointment_id, @name_masked, @id_masked, @id_hash, @matter_ids, @idempotency_key, 'pending')`,
      ),
      window: db.prepare<[number], WindowRow>('SELECT * FROM windows WHERE no = ?'),
      windows: db.prepare<[], WindowRow>('SELECT * FROM windows ORDER BY no'),
      event: db.prepare(
        'INSERT INTO events (at, actor, type, ticket_id, window_no, category_id, data) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ),
      recentServiceMinutes: db.prepare<[string, string], { m: number }>(
        `SELECT (julianday(finished_at) - julianday(called_at)) * 1440 AS m FROM tickets
         WHERE service_date = ? AND category_id = ? AND status = 'finished' AND called_at IS NOT NULL
         ORDER BY finished_at DESC LIMIT 20`,
      ),
      recentWindowServiceMinutes: db.prepare<[string, number], { m: number }>(
        `SELECT (julianday(finished_at) - julianday(called_at)) * 1440 AS m FROM tickets
         WHERE service_date = ? AND window_no = ? AND status = 'finished' AND called_at IS NOT NULL
         ORDER BY finished_at DESC LIMIT 20`,
      ),
      recentCalls: db.prepare<[string, number], { ticket_id: string; window_no: number; at: string; type: string }>(
        `SELECT ticket_id, window_no, at, type FROM events WHERE type IN ('ticket.called','ticket.recalled') AND at >= ? ORDER BY id DESC LIMIT ?`,
      ),
    };
  }

  // ---- reading ----------------------------------------------------------------------------------------

  hasIdempotencyKey(key: string): boolean {
    return this.#stmt.byKey.get(key) !== undefined;
  }

  today(): string {
    return localTime(this.#clock(), this.#config.center.timezone).date;
  }

  getTicket(id: string): Ticket | null {
    const row = this.#stmt.ticket.get(id);
    return row ? this.#toTicket(row, this.#ahead(row)) : null;
  }

  // ---- place in line (前面等候 N 人), issue 26 ------------------------------------------------------------
  // Today's waiting tickets live in memory (call-order.ts WaitingLines), changed by the commands below as
  // they change the rows; the call order of each component (categories linked by shared windows) is kept
  // and continued when a ticket joins the end of its line, rebuilt from memory after anything else.

  /**
   * PRAGMA data_version (it moves when another connection commits), asked once per synchronous run of the
   * server rather than on every read of the lines and windows: a ticket's issue and slip read them a dozen
   * times in one run, and another process's commit is seen on the next run.
   */
  #dataVersion(): number {
    if (this.#version === null) {
      this.#version = this.#stmt.dataVersion.get()!.data_version;
      queueMicrotask(() => {
        this.#version = null;
      });
    }
    return this.#version;
  }
  #version: number | null = null;

  /** Today's waiting lines; read from the database only at start, on a new day, after a rollback or another writer. */
  #waitingLines(): WaitingLines {
    const date = this.today();
    // data_version moves with every commit by another connection (a tool writing to the file).
    const version = this.#dataVersion();
    if (this.#queue?.date !== date || this.#queue.version !== version) {
      this.#queue = { date, version, lines: new WaitingLines(this.#stmt.waitingQueued.all(date).map(queued)) };
      this.#places.clear();
    }
    return this.#queue.lines;
  }
  #queue: { date: string; version: number; lines: WaitingLines } | null = null;
  readonly #places = new Map<string, ComponentPlaces>();
  readonly #linked = new Map<string, string[]>();

  /**
   * Build the call order of every component a command dropped (a call changes every place in its line), off
   * the request's path: the app runs it after the answer went out, so the next ticket or phone page finds it.
   */
  preparePlaces(): void {
    const lines = this.#waitingLines();
    const done = new Set<string>();
    for (const [categoryId, n] of lines.counts()) {
      const key = this.#linkedCategories(categoryId).join(',');
      if (n === 0 || done.has(key)) continue;
      done.add(key);
      this.#componentPlaces(categoryId);
    }
  }

  /** A waiting ticket's place in line now (from the call order kept in memory); null when it is not waiting. */
  aheadOf(ticketId: string): number | null {
    const t = this.#waitingLines().get(ticketId);
    return t ? this.#componentPlaces(t.categoryId).place(t.id) : null;
  }

  /**
   * 急事特办 (server/urgent/): the ticket was just marked 紧急 (tickets.urgent = 1, same connection): it moves to its
   * category's urgent line, and its component's call order is read again.
   */
  markedUrgent(ticketId: string): void {
    const row = this.#stmt.ticket.get(ticketId);
    if (row?.status !== 'waiting') return;
    // Out of its old line first (that drops the component's call order: not an append), then into the urgent one.
    this.#leaveLine(row.id);
    this.#joinLine(row);
  }

  /** After a rolled-back command (group commit, a failed savepoint): read the lines again on next use. */
  forgetPlaces(): void {
    this.#windowCache = null;
    this.#recent = null;
    this.#queue = null;
    this.#places.clear();
  }

  /** The categories whose tickets can change this category's call order: linked through windows serving both. */
  #linkedCategories(categoryId: string): string[] {
    let found = this.#linked.get(categoryId);
    if (found) return found;
    const set = new Set([categoryId]);
    for (let grew = true; grew; ) {
      grew = false;
      for (const w of this.#config.windows) {
        if (!w.categoryIds.some((c) => set.has(c))) continue;
        for (const c of w.categoryIds) if (!set.has(c)) set.add(c), (grew = true);
      }
    }
    found = [...set].sort();
    this.#linked.set(categoryId, found);
    return found;
  }

  /** The call order of a category's component for the windows as they are now (open, interleave counters). */
  #componentPlaces(categoryId: string): ComponentPlaces {
    const lines = this.#waitingLines();
    const categories = this.#linkedCategories(categoryId);
    const key = categories.join(',');
    const windowRows = this.#windowRows().filter((w) =>
      this.#windowConfig(w.no)?.categoryIds.some((c) => categories.includes(c)),
    );
    const fingerprint = windowRows.map((w) => `${w.no}:${isOpen(w) ? 1 : 0}:${w.normal_since_priority}`).join(',');
    const cached = this.#places.get(key);
    if (cached && !cached.stale && cached.fingerprint === fingerprint) return cached;
    const forPick = (w: WindowRow): WindowForPick => ({
      no: w.no,
      categoryIds: this.#windowConfig(w.no)!.categoryIds,
      normalSincePriority: w.normal_since_priority,
    });
    const open = windowRows.filter(isOpen).map(forPick);
    const all = windowRows.map(forPick);
    // Run again in the memory of the last run (issue 26: a new run's arrays per call were the GC's work).
    if (cached) {
      cached.reset(fingerprint, open, all, lines);
      return cached;
    }
    const places = new ComponentPlaces(fingerprint, open, all, lines, this.#config.priority.normalPerPriority);
    this.#places.set(key, places);
    return places;
  }

  /** A ticket is waiting now (issued, re-entered, transferred, confirmed): into its line. */
  #joinLine(row: Parameters<typeof queued>[0] & Pick<TicketRow, 'service_date'>): void {
    if (this.#queue?.date !== row.service_date) return; // read afresh on next use
    const t = queued(row);
    const atEnd = this.#queue.lines.add(t);
    const key = this.#linkedCategories(t.categoryId).join(',');
    const places = this.#places.get(key);
    if (places && !places.stale && !(atEnd && places.appended(t))) places.stale = true;
  }

  /** A ticket stopped waiting (called): out of its line; its component's order is read again. */
  #leaveLine(id: string): void {
    const t = this.#queue?.lines.remove(id);
    const places = t && this.#places.get(this.#linkedCategories(t.categoryId).join(','));
    if (places) places.stale = true;
  }

  /**
   * What the kiosk says about waiting for a category: minutes from the open windows serving it and their
   * recent service times, or why nobody is being called (暂停服务 / 午休 with the reason staff gave).
   */
  categoryWait(
    categoryId: string,
    waiting: number,
  ): { estimatedWaitMinutes: number | null; noServiceReason: string | null } {
    const rows = this.#windowRows();
    const serving = rows.filter((w) => this.#windowConfig(w.no)?.categoryIds.includes(categoryId));
    const reason = noServiceReason(
      serving.map((w) => ({
        no: w.no,
        paused: w.paused === 1,
        pauseReason: w.pause_reason,
        staffed: w.staff_id !== null,
      })),
      { sessions: this.#config.hours.sessions, time: localTime(this.#clock(), this.#config.center.timezone).time },
    );
    if (reason) return { estimatedWaitMinutes: null, noServiceReason: reason };
    const recent = this.#recentService();
    const means = serving.filter(isOpen).map((w) => mean(recent.byWindow.get(w.no)));
    return {
      estimatedWaitMinutes: estimateWaitMinutes(waiting, means, this.meanServiceMinutes(categoryId)),
      noServiceReason: null,
    };
  }

  /** Today's tickets that are still in the hall: waiting, called or being served. */
  openTickets(): Ticket[] {
    const date = this.today();
    const rows = this.#stmt.open.all(date);
    return rows.map((r) => this.#toTicket(r, this.#ahead(r)));
  }

  windows(): WindowState[] {
    return this.#windowRows().flatMap((w) => (this.#windowConfig(w.no) ? [this.#toWindow(w)] : []));
  }

  window(no: number): WindowState {
    const row = this.#stmt.window.get(no);
    if (!row || !this.#windowConfig(no)) throw notFound(`${no} 号窗口`);
    return this.#toWindow(row);
  }

  /** Waiting tickets per category today. */
  waitingCounts(): Map<string, number> {
    return this.#waitingLines().counts();
  }

  /** Mean service minutes of the last finished tickets in a category today; null without history. */
  meanServiceMinutes(categoryId: string): number | null {
    return mean(this.#recentService().byCategory.get(categoryId));
  }

  /**
   * The last RECENT_SERVICES service times today (minutes, newest first) per category and per window, kept as
   * tickets finish: read from the table once a day or after a rollback, not on every categories message
   * (its ORDER BY finished_at walked the whole day's finished tickets; issue 26).
   */
  #recentService(): { byCategory: Map<string, number[]>; byWindow: Map<number, number[]> } {
    const date = this.today();
    if (this.#recent?.date !== date) {
      this.#recent = {
        date,
        byCategory: new Map(
          this.#config.categories.map((c) => [c.id, this.#stmt.recentServiceMinutes.all(date, c.id).map((r) => r.m)]),
        ),
        byWindow: new Map(
          this.#config.windows.map((w) => [
            w.no,
            this.#stmt.recentWindowServiceMinutes.all(date, w.no).map((r) => r.m),
          ]),
        ),
      };
    }
    return this.#recent;
  }
  #recent: { date: string; byCategory: Map<string, number[]>; byWindow: Map<number, number[]> } | null = null;

  /** A ticket finished: its service time joins the recent ones of its category and window. */
  #noteServiceTime(row: TicketRow, windowNo: number, finishedAt: string): void {
    if (this.#recent?.date !== row.service_date || row.called_at === null) return;
    const minutes = (Date.parse(finishedAt) - Date.parse(row.called_at)) / 60_000;
    for (const list of [this.#recent.byCategory.get(row.category_id), this.#recent.byWindow.get(windowNo)]) {
      if (!list) continue;
      list.unshift(minutes);
      if (list.length > RECENT_SERVICES) list.pop();
    }
  }

  issuedToday(categoryId: string): number {
    return this.#stmt.countIssued.get(this.today(), categoryId)!.n;
  }

  /** Why a category cannot issue now (hours, quota), or null. */
  categoryClosedReason(categoryId: string): string | null {
    const category = this.#category(categoryId);
    const now = localTime(this.#clock(), this.#config.center.timezone);
    const taken = this.issuedToday(categoryId) + this.#stmt.reserved.get(now.date, categoryId)!.n;
    return (
      closedReason(this.#config.hours, now, this.#isWorkingDay) ??
      quotaReason(taken, category.dailyQuota) ??
      this.#slotReason(category, now)
    );
  }

  #slotReason(category: Config['categories'][number], now: ReturnType<typeof localTime>): string | null {
    const slot = currentSlot(category.slotQuotas, now.time);
    if (!slot) return null;
    const tz = this.#config.center.timezone;
    const from = instantOf(now.date, slot.from, tz, this.#clock()).toISOString();
    const to = instantOf(now.date, slot.to, tz, this.#clock()).toISOString();
    return slotQuotaReason(category.slotQuotas, now.time, this.#stmt.countIssuedBetween.get(category.id, from, to)!.n);
  }

  /**
   * Today's calls, newest first, each ticket once (its newest call or recall), at most `limit`: the hall's
   * recent-calls list after a restart is the same as the one built live (kiosk/display/view.ts callHistory).
   */
  recentCalls(limit: number): CallRecord[] {
    const today = this.today();
    const since = new Date(this.#clock().getTime() - 36 * 3600_000).toISOString();
    const seen = new Set<string>();
    return this.#stmt.recentCalls
      .all(since, limit * 8)
      .flatMap((e) => {
        if (seen.has(e.ticket_id)) return [];
        seen.add(e.ticket_id);
        const row = this.#stmt.ticket.get(e.ticket_id);
        return row && row.service_date === today
          ? [this.#callRecord(row, e.window_no, e.at, e.type === 'ticket.recalled')]
          : [];
      })
      .slice(0, limit);
  }

  /** Today's skipped tickets, for staff to reactivate (过号恢复). */
  skippedTickets(): Ticket[] {
    const rows = this.#db
      .prepare<[string], TicketRow>(
        "SELECT * FROM tickets WHERE service_date = ? AND status = 'skipped' ORDER BY finished_at DESC",
      )
      .all(this.today());
    return rows.map((r) => this.#toTicket(r, 0));
  }

  /** A window's own counts today (from the event log). */
  windowCounts(windowNo: number): { called: number; finished: number; skipped: number; transferred: number } {
    const since = new Date(this.#clock().getTime() - 36 * 3600_000).toISOString();
    const rows = this.#db
      .prepare<[number, string, string], { type: string; ticket_id: string }>(
        "SELECT e.type, e.ticket_id FROM events e JOIN tickets t ON t.id = e.ticket_id WHERE e.window_no = ? AND e.at >= ? AND t.service_date = ? AND e.type IN ('ticket.called','ticket.finished','ticket.skipped','ticket.transferred')",
      )
      .all(windowNo, since, this.today());
    const count = (type: string) => rows.filter((r) => r.type === type).length;
    return {
      called: count('ticket.called'),
      finished: count('ticket.finished'),
      skipped: count('ticket.skipped'),
      transferred: count('ticket.transferred'),
    };
  }

  // ---- commands -------------------------------------------------------------------------------------

  issue(input: IssueInput, actor: string): { ticket: Ticket; created: boolean; change: Change } {
    return this.#tx(() => {
      if (input.idempotencyKey) {
        const existing = this.#stmt.byKey.get(input.idempotencyKey);
        if (existing) return { ticket: this.#ticketNow(existing.id), created: false, change: emptyChange() };
      }
      const category = this.#category(input.categoryId);
      const now = this.#clock();
      const local = localTime(now, this.#config.center.timezone);
      let reason: string | null;
      try {
        reason = closedReason(this.#config.hours, local, this.#isWorkingDay);
      } catch (err) {
        throw new DomainError('calendar-missing', (err as Error).message);
      }
      if (reason) throw new DomainError('closed', reason);
      // Walk-ins share the daily quota with bookings: places booked and not yet checked in are taken.
      // A booked resident checking in uses their own reserved place and is never refused on the quota.
      if (!input.booked) {
        const quota = quotaReason(
          this.#stmt.countIssued.get(local.date, category.id)!.n + this.#stmt.reserved.get(local.date, category.id)!.n,
          category.dailyQuota,
        );
        if (quota) throw new DomainError('quota-exhausted', quota);
        const slotFull = this.#slotReason(category, local);
        if (slotFull) throw new DomainError('slot-quota-exhausted', slotFull);
      }
      if (input.idHash) {
        const live = this.#stmt.livePerson.get(local.date, input.idHash, category.id);
        if (live) {
          throw new DomainError(
            'already-has-ticket',
            `您今天已取“${category.name}”的号 ${live.number}，还在排队中，无需重复取号；如小票丢失可补打`,
            undefined,
            {
              ticketId: live.id,
              number: live.number,
            },
          );
        }
      }
      const seq = (this.#stmt.maxSeq.get(local.date, category.id)!.s ?? 0) + 1;
      const row = {
        id: newTicketId(),
        service_date: local.date,
        category_id: category.id,
        seq,
        number: ticketNumber(category.prefix, seq),
        priority: input.priority ?? null,
        priority_confirmed: input.priority && input.priorityConfirmed ? 1 : 0,
        order_key: now.getTime(),
        issued_at: now.toISOString(),
        appointment_id: input.appointmentId ?? null,
        name_masked: input.nameMasked ?? null,
        id_masked: input.idMasked ?? null,
        id_hash: input.idHash ?? null,
        matter_ids: JSON.stringify(input.matterIds ?? []),
        idempotency_key: input.idempotencyKey ?? null,
      };
      this.#stmt.insertTicket.run(row);
      this.#joinLine({ ...row, target_window_no: null, urgent: 0 });
      this.#event(actor, 'ticket.issued', row.id, null, category.id, {
        number: row.number,
        priority: row.priority,
        appointment: !!row.appointment_id,
      });
      const ticket = this.#ticketNow(row.id);
      return {
        ticket,
        created: true,
        change: { tickets: [ticket], windows: [], issuedTicketId: ticket.id, categoriesChanged: true },
      };
    });
  }

  callNext(windowNo: number, actor: string): Change {
    return this.#tx(() => {
      const win = this.#activeWindow(windowNo);
      const change = this.#finishCurrent(win, actor, 'call-next');
      const date = this.today();
      const config = this.#windowConfig(windowNo)!;
      // Only the head of each line can be next, so the rule sees those few rows, not the whole day.
      const waiting = config.categoryIds
        .flatMap((c) => [
          ...this.#stmt.urgentHead.all({ d: date, c, w: windowNo }),
          ...[0, 1, 2].flatMap((t) => this.#stmt.lineHead.all({ d: date, c, tier: t, w: windowNo })),
        ])
        .map(queued);
      const next = pickNext(
        { no: windowNo, categoryIds: config.categoryIds, normalSincePriority: win.normal_since_priority },
        waiting,
        this.#config.priority.normalPerPriority,
      );
      if (!next) {
        if (change.tickets.length) return { ...change, windows: [this.window(windowNo)] };
        throw new DomainError('queue-empty', '当前没有等候的号码');
      }
      return merge(change, this.#call(windowNo, next.id, actor, 'ticket.called', {}));
    });
  }

  /** Call a particular waiting ticket out of order (a resident helped at the desk, an appointment). */
  callSpecific(windowNo: number, ticketId: string, reason: string, actor: string): Change {
    return this.#tx(() => {
      const win = this.#activeWindow(windowNo);
      const row = this.#stmt.ticket.get(ticketId);
      if (!row || row.service_date !== this.today()) throw notFound('该号码');
      if (row.status !== 'waiting') throw new DomainError('not-waiting', `${row.number} 号不在等候中，不能呼叫`);
      if (!this.#windowConfig(windowNo)!.categoryIds.includes(row.category_id)) {
        throw DomainError.withLegacyStatus(409, 'wrong-window', `${row.number} 号不属于本窗口办理的业务，请先转办`);
      }
      const change = this.#finishCurrent(win, actor, 'call-specific');
      return merge(change, this.#call(windowNo, row.id, actor, 'ticket.called', { outOfOrder: true, reason }));
    });
  }

  recall(windowNo: number, actor: string): Change {
    return this.#tx(() => {
      const win = this.#activeWindow(windowNo);
      const row = this.#currentRow(win);
      const { maxRecalls, minRecallIntervalSeconds } = this.#config.queue;
      if (row.recall_count >= maxRecalls) {
        throw new DomainError('recall-limit', `${row.number} 号已重呼 ${row.recall_count} 次，达到上限，可以过号`);
      }
      const last = Date.parse(row.last_recall_at ?? row.called_at ?? row.issued_at);
      const waitMs = minRecallIntervalSeconds * 1000 - (this.#clock().getTime() - last);
      if (waitMs > 0) throw new DomainError('recall-too-soon', `刚刚呼叫过，请 ${Math.ceil(waitMs / 1000)} 秒后再重呼`);
      const at = this.#clock().toISOString();
      this.#db
        .prepare('UPDATE tickets SET recall_count = recall_count + 1, last_recall_at = ? WHERE id = ?')
        .run(at, row.id);
      this.#event(actor, 'ticket.recalled', row.id, windowNo, row.category_id, { recall: row.recall_count + 1 });
      const updated = this.#stmt.ticket.get(row.id)!;
      return {
        tickets: [this.#ticketNow(row.id)],
        windows: [this.window(windowNo)],
        call: this.#callRecord(updated, windowNo, at, true),
        categoriesChanged: false,
      };
    });
  }

  skip(windowNo: number, actor: string): Change {
    return this.#tx(() => {
      const win = this.#activeWindow(windowNo);
      const row = this.#currentRow(win);
      const at = this.#clock().toISOString();
      this.#db.prepare("UPDATE tickets SET status = 'skipped', finished_at = ? WHERE id = ?").run(at, row.id);
      this.#writeWindows('UPDATE windows SET current_ticket_id = NULL WHERE no = ?').run(windowNo);
      this.#event(actor, 'ticket.skipped', row.id, windowNo, row.category_id, {});
      return { tickets: [this.#ticketNow(row.id)], windows: [this.window(windowNo)], categoriesChanged: true };
    });
  }

  /** A skipped resident came back: the ticket re-enters a few places behind the head of its line. */
  reactivate(ticketId: string, actor: string): Change {
    return this.#tx(() => {
      const row = this.#stmt.ticket.get(ticketId);
      if (!row || row.service_date !== this.today()) throw notFound('该号码');
      if (row.status !== 'skipped') throw new DomainError('not-skipped', `${row.number} 号不是过号状态，无需恢复`);
      // Its line (category and tier) in memory: the waiting tickets it re-enters among.
      const sameLine = this.#waitingLines().lines.get(lineOf(queued(row))) ?? [];
      const key = reentryKey(
        sameLine.map((t) => t.orderKey),
        this.#config.queue.skipReentryPlaces,
        this.#clock().getTime(),
      );
      this.#db
        .prepare(
          "UPDATE tickets SET status = 'waiting', order_key = ?, window_no = NULL, finished_at = NULL, recall_count = 0 WHERE id = ?",
        )
        .run(key, row.id);
      this.#joinLine(this.#stmt.ticket.get(row.id)!);
      this.#event(actor, 'ticket.reactivated', row.id, null, row.category_id, {
        places: this.#config.queue.skipReentryPlaces,
      });
      return { tickets: [this.#ticketNow(row.id)], windows: [], categoriesChanged: true };
    });
  }

  /** Send the current ticket on (帮办咨询 → 综合受理 → 出证): same number, place kept by original issue time. */
  transfer(windowNo: number, target: { categoryId?: string; windowNo?: number; note?: string }, actor: string): Change {
    return this.#tx(() => {
      const win = this.#activeWindow(windowNo);
      const row = this.#currentRow(win);
      if (!target.categoryId && target.windowNo === undefined)
        throw new DomainError('invalid-body', '请选择转办到的业务类别或窗口');
      if (target.windowNo === windowNo) throw new DomainError('invalid-body', '不能转办给本窗口');
      let categoryId = target.categoryId ?? row.category_id;
      this.#category(categoryId);
      if (target.windowNo !== undefined) {
        const to = this.#windowConfig(target.windowNo);
        if (!to) throw notFound(`${target.windowNo} 号窗口`);
        if (!target.categoryId && !to.categoryIds.includes(categoryId)) categoryId = to.categoryIds[0]!;
        if (!to.categoryIds.includes(categoryId))
          throw DomainError.withLegacyStatus(409, 'wrong-window', `${to.no} 号窗口不办理该业务`);
      }
      this.#db
        .prepare(
          `UPDATE tickets SET status = 'waiting', category_id = ?, target_window_no = ?, window_no = NULL, called_at = NULL, recall_count = 0,
             transfer_from = ?, transfer_by = ?, transfer_at = ?, transfer_note = ? WHERE id = ?`,
        )
        .run(
          categoryId,
          target.windowNo ?? null,
          windowNo,
          actor,
          this.#clock().toISOString(),
          target.note ?? null,
          row.id,
        );
      this.#joinLine(this.#stmt.ticket.get(row.id)!);
      this.#writeWindows('UPDATE windows SET current_ticket_id = NULL WHERE no = ?').run(windowNo);
      this.#event(actor, 'ticket.transferred', row.id, windowNo, categoryId, {
        from: row.category_id,
        toWindow: target.windowNo ?? null,
        note: target.note ?? null,
      });
      return { tickets: [this.#ticketNow(row.id)], windows: [this.window(windowNo)], categoriesChanged: true };
    });
  }

  finish(windowNo: number, actor: string): Change {
    return this.#tx(() => {
      const win = this.#activeWindow(windowNo);
      this.#currentRow(win);
      const change = this.#finishCurrent(win, actor, 'finish');
      return { ...change, windows: [this.window(windowNo)] };
    });
  }

  pause(windowNo: number, reason: string | undefined, actor: string): Change {
    return this.#tx(() => {
      this.#activeWindow(windowNo, { allowPaused: true });
      this.#writeWindows('UPDATE windows SET paused = 1, pause_reason = ? WHERE no = ?').run(
        reason ?? '暂停服务',
        windowNo,
      );
      this.#event(actor, 'window.paused', null, windowNo, null, { reason: reason ?? null });
      return { tickets: [], windows: [this.window(windowNo)], categoriesChanged: true }; // who calls changes places in line and waiting times
    });
  }

  resume(windowNo: number, actor: string): Change {
    return this.#tx(() => {
      this.#activeWindow(windowNo, { allowPaused: true });
      this.#writeWindows('UPDATE windows SET paused = 0, pause_reason = NULL WHERE no = ?').run(windowNo);
      this.#event(actor, 'window.resumed', null, windowNo, null, {});
      return { tickets: [], windows: [this.window(windowNo)], categoriesChanged: true }; // who calls changes places in line and waiting times
    });
  }

  setAutoCall(windowNo: number, on: boolean, actor: string): Change {
    return this.#tx(() => {
      this.#activeWindow(windowNo, { allowPaused: true });
      this.#writeWindows('UPDATE windows SET auto_call = ? WHERE no = ?').run(on ? 1 : 0, windowNo);
      this.#event(actor, 'window.auto-call', null, windowNo, null, { on });
      return { tickets: [], windows: [this.window(windowNo)], categoriesChanged: false };
    });
  }

  /** AB岗: a staff member takes the window (A or B post); the other one, if any, is replaced. */
  signIn(windowNo: number, staffId: string, actor: string): Change {
    return this.#tx(() => {
      const config = this.#windowConfig(windowNo);
      if (!config) throw notFound(`${windowNo} 号窗口`);
      const post = config.staff.A === staffId ? 'A' : config.staff.B === staffId ? 'B' : null;
      this.#writeWindows('UPDATE windows SET staff_id = ?, staff_post = ? WHERE no = ?').run(staffId, post, windowNo);
      this.#event(actor, 'window.signed-in', null, windowNo, null, { staffId, post });
      return { tickets: [], windows: [this.window(windowNo)], categoriesChanged: true }; // who calls changes places in line and waiting times
    });
  }

  signOut(windowNo: number, staffId: string, actor: string): Change {
    return this.#tx(() => {
      this.#writeWindows('UPDATE windows SET staff_id = NULL, staff_post = NULL WHERE no = ? AND staff_id = ?').run(
        windowNo,
        staffId,
      );
      this.#event(actor, 'window.signed-out', null, windowNo, null, { staffId });
      return { tickets: [], windows: [this.window(windowNo)], categoriesChanged: true }; // who calls changes places in line and waiting times
    });
  }

  confirmPriority(ticketId: string, windowNo: number, actor: string): Change {
    return this.#tx(() => {
      const row = this.#stmt.ticket.get(ticketId);
      if (!row) throw notFound('该号码');
      if (!row.priority) throw new DomainError('no-priority', `${row.number} 号没有申请绿色通道`);
      this.#db.prepare('UPDATE tickets SET priority_confirmed = 1 WHERE id = ?').run(row.id);
      if (row.status === 'waiting') {
        // Confirmed, it moves from the normal line into the green channel's.
        this.#leaveLine(row.id);
        this.#joinLine(this.#stmt.ticket.get(row.id)!);
      }
      this.#event(actor, 'ticket.priority-confirmed', row.id, windowNo, row.category_id, {});
      // Confirmed, it moves into the green channel: places in line change.
      return { tickets: [this.#ticketNow(row.id)], windows: [], categoriesChanged: true };
    });
  }

  /** The slip printed (or failed); a reprint is counted and marked. */
  markPrinted(ticketId: string, ok: boolean, reprint: boolean, actor: string): void {
    this.#tx(() => {
      this.#db
        .prepare(`UPDATE tickets SET print_state = ?, reprint_count = reprint_count + ? WHERE id = ?`)
        .run(ok ? 'printed' : 'failed', reprint ? 1 : 0, ticketId);
      this.#event(
        actor,
        ok ? (reprint ? 'ticket.reprinted' : 'ticket.printed') : 'ticket.print-failed',
        ticketId,
        null,
        null,
        {},
      );
    });
  }

  printState(ticketId: string): { state: string; reprints: number } | null {
    const row = this.#stmt.ticket.get(ticketId);
    return row ? { state: row.print_state, reprints: row.reprint_count } : null;
  }

  /** An event that changes no queue state (a notice slip printed): for statistics and audit. */
  logEvent(actor: string, type: string, data: object): void {
    this.#event(actor, type, null, null, null, data);
  }

  /** Tickets of earlier days still open are closed at day roll-over (numbers restart each day). */
  expireOldTickets(): Change {
    return this.#tx(() => {
      const today = this.today();
      const old = this.#db
        .prepare<[string], TicketRow>(
          "SELECT * FROM tickets WHERE service_date < ? AND status IN ('waiting','called','serving')",
        )
        .all(today);
      for (const row of old) {
        this.#db
          .prepare("UPDATE tickets SET status = 'cancelled', finished_at = ? WHERE id = ?")
          .run(this.#clock().toISOString(), row.id);
        this.#event('system', 'ticket.expired', row.id, row.window_no, row.category_id, {
          serviceDate: row.service_date,
        });
      }
      const stale = this.#db
        .prepare<[], { no: number }>(
          "SELECT w.no FROM windows w LEFT JOIN tickets t ON t.id = w.current_ticket_id WHERE w.current_ticket_id IS NOT NULL AND (t.id IS NULL OR t.status NOT IN ('called','serving'))",
        )
        .all();
      for (const w of stale) this.#writeWindows('UPDATE windows SET current_ticket_id = NULL WHERE no = ?').run(w.no);
      return { tickets: [], windows: stale.map((w) => this.window(w.no)), categoriesChanged: old.length > 0 };
    });
  }

  // ---- internals ------------------------------------------------------------------------------------

  /** One wrapper for every command (better-sqlite3 builds a new one on each db.transaction call). */
  #transaction: ReturnType<Db['transaction']> | null = null;

  #tx<T>(fn: () => T): T {
    try {
      this.#transaction ??= this.#db.transaction((work: () => unknown) => work());
      return this.#transaction.immediate(fn) as T;
    } catch (err) {
      // Rolled back (a refusal too): what the command wrote to the windows table is not there.
      this.#windowCache = null;
      if (err instanceof DomainError) throw err;
      // Rolled back: what the command changed in the waiting lines in memory may not be in the file.
      this.forgetPlaces();
      const code = (err as { code?: string }).code ?? '';
      if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED')
        throw new DomainError('database-busy', '数据库正忙，请稍后重试');
      if (code === 'SQLITE_FULL' || code === 'SQLITE_IOERR_WRITE' || code.startsWith('SQLITE_IOERR')) {
        throw new DomainError('storage-full', '服务器存储空间不足或写入失败，本次操作未生效，请联系管理员');
      }
      throw err;
    }
  }

  #event(
    actor: string,
    type: string,
    ticketId: string | null,
    windowNo: number | null,
    categoryId: string | null,
    data: object,
  ): void {
    this.#stmt.event.run(
      this.#clock().toISOString(),
      actor,
      type,
      ticketId,
      windowNo,
      categoryId,
      JSON.stringify(data),
    );
  }

  #category(id: string) {
    const c = this.#config.categories.find((x) => x.id === id);
    if (!c) throw new DomainError('unknown-category', `没有编号为“${id}”的业务类别`);
    return c;
  }

  #windowConfig(no: number) {
    return this.#config.windows.find((w) => w.no === no);
  }

  /**
   * The windows table as it is now: read once after any change to it (a call, pause, sign-in: every UPDATE
   * of windows goes through #writeWindows), a rollback or another connection's commit. Ticket issue and its
   * slip read it several times (each place in line, the slip's 暂停服务 line); it changes far less often.
   */
  #windowRows(): WindowRow[] {
    const version = this.#dataVersion();
    if (this.#windowCache?.version !== version) this.#windowCache = { version, rows: this.#stmt.windows.all() };
    return this.#windowCache.rows;
  }
  #windowCache: { version: number; rows: WindowRow[] } | null = null;

  /** An UPDATE of the windows table: what #windowRows keeps is read again. */
  #writeWindows(sql: string): Statement<unknown[]> {
    this.#windowCache = null;
    return this.#db.prepare(sql);
  }

  #activeWindow(no: number, opts: { allowPaused?: boolean } = {}): WindowRow {
    const row = this.#stmt.window.get(no);
    if (!row || !this.#windowConfig(no)) throw notFound(`${no} 号窗口`);
    if (row.paused && !opts.allowPaused) throw new DomainError('window-paused', `${no} 号窗口已暂停服务，请先恢复`);
    return row;
  }

  #currentRow(win: WindowRow): TicketRow {
    const row = win.current_ticket_id ? this.#stmt.ticket.get(win.current_ticket_id) : undefined;
    if (!row || !['called', 'serving'].includes(row.status))
      throw new DomainError('no-current-ticket', '本窗口当前没有正在办理的号码');
    return row;
  }

  #finishCurrent(win: WindowRow, actor: string, via: string): Change {
    const row = win.current_ticket_id ? this.#stmt.ticket.get(win.current_ticket_id) : undefined;
    if (!row || !['called', 'serving'].includes(row.status)) return emptyChange();
    const finishedAt = this.#clock().toISOString();
    this.#db.prepare("UPDATE tickets SET status = 'finished', finished_at = ? WHERE id = ?").run(finishedAt, row.id);
    this.#noteServiceTime(row, win.no, finishedAt);
    this.#writeWindows('UPDATE windows SET current_ticket_id = NULL WHERE no = ?').run(win.no);
    this.#event(actor, 'ticket.finished', row.id, win.no, row.category_id, { via });
    return { tickets: [this.#ticketNow(row.id)], windows: [], categoriesChanged: true };
  }

  #call(windowNo: number, ticketId: string, actor: string, type: string, data: object): Change {
    const at = this.#clock().toISOString();
    const row = this.#stmt.ticket.get(ticketId)!;
    this.#db
      .prepare(
        "UPDATE tickets SET status = 'called', called_at = ?, window_no = ?, target_window_no = NULL WHERE id = ?",
      )
      .run(at, windowNo, ticketId);
    this.#leaveLine(ticketId);
    const normalCalls =
      tier(queued(row)) === 2 ? 'normal_since_priority + 1' : tier(queued(row)) === 1 ? '0' : 'normal_since_priority';
    this.#writeWindows(
      `UPDATE windows SET current_ticket_id = ?, normal_since_priority = ${normalCalls} WHERE no = ?`,
    ).run(ticketId, windowNo);
    this.#event(actor, type, ticketId, windowNo, row.category_id, data);
    const updated = this.#stmt.ticket.get(ticketId)!;
    return {
      tickets: [this.#ticketNow(ticketId)],
      windows: [this.window(windowNo)],
      call: this.#callRecord(updated, windowNo, at, false),
      categoriesChanged: true,
    };
  }

  #callRecord(row: TicketRow, windowNo: number, at: string, recall: boolean): CallRecord {
    const w = this.#windowConfig(windowNo);
    return {
      ticketId: row.id,
      number: row.number,
      windowNo,
      windowName: w?.name ?? '',
      at,
      recall,
      announcement: announcementText(this.#config.queue.announcement, row.number, windowNo),
    };
  }

  #ahead(row: TicketRow): number {
    if (row.status !== 'waiting' || row.service_date !== this.today()) return 0;
    return this.#componentPlaces(row.category_id).place(row.id);
  }

  #ticketNow(id: string): Ticket {
    const row = this.#stmt.ticket.get(id)!;
    return this.#toTicket(row, this.#ahead(row));
  }

  #toTicket(row: TicketRow, ahead: number): Ticket {
    return {
      id: row.id,
      number: row.number,
      categoryId: row.category_id,
      serviceDate: row.service_date,
      status: row.status,
      priority: row.priority,
      priorityConfirmed: row.priority_confirmed === 1,
      issuedAt: row.issued_at,
      calledAt: row.called_at,
      finishedAt: row.finished_at,
      windowNo: row.window_no,
      targetWindowNo: row.target_window_no,
      recallCount: row.recall_count,
      appointmentId: row.appointment_id,
      nameMasked: row.name_masked,
      idMasked: row.id_masked,
      matterIds: JSON.parse(row.matter_ids) as string[],
      ahead: row.status === 'waiting' ? ahead : 0,
      orderKey: row.order_key,
      urgent: row.urgent === 1,
      transfer:
        row.transfer_from === null
          ? null
          : {
              fromWindowNo: row.transfer_from,
              byName: this.#config.staff.find((s) => s.id === row.transfer_by)?.name ?? row.transfer_by ?? '',
              at: row.transfer_at ?? '',
              note: row.transfer_note,
            },
    };
  }

  #toWindow(row: WindowRow): WindowState {
    const config = this.#windowConfig(row.no)!;
    const staff = row.staff_id ? this.#config.staff.find((s) => s.id === row.staff_id) : undefined;
    return {
      no: row.no,
      name: config.name,
      categoryIds: config.categoryIds,
      paused: row.paused === 1,
      pauseReason: row.pause_reason,
      staffName: staff?.name ?? null,
      staffRole: row.staff_post,
      staffId: row.staff_id,
      currentTicketId: row.current_ticket_id,
      autoCall: row.auto_call === 1,
      normalSincePriority: row.normal_since_priority,
    };
  }
}

/** How many of the last service times make a mean (the queries below read as many). */
const RECENT_SERVICES = 20;

function mean(values: readonly number[] | undefined): number | null {
  return values?.length ? values.reduce((sum, m) => sum + m, 0) / values.length : null;
}

/** A window that calls: staffed and not paused. */
function isOpen(w: WindowRow): boolean {
  return w.staff_id !== null && w.paused === 0;
}

function queued(
  r: Pick<
    TicketRow,
    | 'id'
    | 'category_id'
    | 'priority'
    | 'priority_confirmed'
    | 'appointment_id'
    | 'target_window_no'
    | 'order_key'
    | 'urgent'
  >,
): Queued {
  return {
    id: r.id,
    categoryId: r.category_id,
    priority: r.priority,
    priorityConfirmed: r.priority_confirmed === 1,
    appointmentId: r.appointment_id,
    targetWindowNo: r.target_window_no,
    orderKey: r.order_key,
    urgent: r.urgent === 1,
  };
}

function emptyChange(): Change {
  return { tickets: [], windows: [], categoriesChanged: false };
}

function merge(a: Change, b: Change): Change {
  const tickets = new Map([...a.tickets, ...b.tickets].map((t) => [t.id, t]));
  const windows = new Map([...a.windows, ...b.windows].map((w) => [w.no, w]));
  return {
    tickets: [...tickets.values()],
    windows: [...windows.values()],
    call: b.call ?? a.call,
    categoriesChanged: a.categoriesChanged || b.categoriesChanged,
  };
}

/** Unguessable, URL-safe, no personal data: the ticket's status page is /t/:id. */
function newTicketId(): string {
  return randomBytes(9).toString('base64url');
}

export type { TicketRow };
