// 前面等候 N 人 without replaying the queue per request (issue 26).
//
// WaitingLines: today's waiting tickets in memory, one sorted line per (category, tier) plus each category's
// urgent line (急事特办, contract/queue-rules.ts lineKey/urgentFirst), kept up to date by the store's commands
// (add on issue / reactivate / transfer / an urgent mark, remove on call / cancel) — never re-read.
// The order key within a line is (tier, orderKey, id) from contract/queue-rules.ts compareQueued; within the
// urgent line, issue order alone (compareByIssue).
//
// CallOrder: the same run as contract/queue-rules.ts callPlaces (each window in turn calls its pickNext
// from the heads of its lines), kept as a trace of steps. A ticket issued at the end of its line changes
// nothing before the first step at which some window would have picked it, so the run is rewound to that
// step and continued from there: the work is the steps after the new ticket's own place, not the queue.
// Anything else (a call, a transfer, a re-entry, a window opening) marks the run stale; the next read runs it
// again once from the lines in memory, in the arrays of the last run. The property test (tests/queue/place-in-line.test.ts) holds it equal to
// aheadCounts computed from scratch.
import {
  compareByIssue,
  compareQueued,
  lineKey as lineOf,
  pickNext,
  tier,
  type Queued,
  type WindowForPick,
} from '../contract/queue-rules.ts';

export { lineOf };

/** A category's lines, in the order a window reads their heads: 急事特办's urgent line, then the tiers (tier()). */
const LINES = ['u', 0, 1, 2] as const;
const lineKey = (categoryId: string, k: (typeof LINES)[number]): string => `${categoryId}|${k}`;

/**
 * A waiting ticket as the lines keep it: with a small number of its own while it waits (reused after it
 * leaves), so a call order marks what it took in a typed array instead of a map keyed by ticket id.
 */
export interface Waiting extends Queued {
  slot: number;
}

export class WaitingLines {
  readonly lines = new Map<string, Waiting[]>();
  readonly #byId = new Map<string, Waiting>();
  readonly #counts = new Map<string, number>();
  readonly #freeSlots: number[] = [];
  #slots = 0;

  constructor(waiting: Iterable<Queued> = []) {
    for (const t of waiting) this.#insert(t);
  }

  get size(): number {
    return this.#byId.size;
  }

  has(id: string): boolean {
    return this.#byId.has(id);
  }

  get(id: string): Waiting | undefined {
    return this.#byId.get(id);
  }

  /** One more than the highest slot number in use so far. */
  get slotCount(): number {
    return this.#slots;
  }

  /** Waiting tickets per category: a counter, not a count over the table. */
  count(categoryId: string): number {
    return this.#counts.get(categoryId) ?? 0;
  }

  counts(): Map<string, number> {
    return new Map(this.#counts);
  }

  /** Put a waiting ticket in its line; true when it went to the end of it (the usual new ticket). */
  add(t: Queued): boolean {
    this.remove(t.id);
    return this.#insert(t);
  }

  remove(id: string): Queued | undefined {
    const t = this.#byId.get(id);
    if (!t) return undefined;
    const line = this.lines.get(lineOf(t))!;
    line.splice(indexIn(line, t), 1);
    this.#byId.delete(id);
    this.#freeSlots.push(t.slot);
    this.#counts.set(t.categoryId, (this.#counts.get(t.categoryId) ?? 1) - 1);
    return t;
  }

  #insert(queued: Queued): boolean {
    const t = queued as Waiting;
    t.slot = this.#freeSlots.pop() ?? this.#slots++;
    const key = lineOf(t);
    let line = this.lines.get(key);
    if (!line) this.lines.set(key, (line = []));
    const at = insertionPoint(line, t);
    line.splice(at, 0, t);
    this.#byId.set(t.id, t);
    this.#counts.set(t.categoryId, (this.#counts.get(t.categoryId) ?? 0) + 1);
    return at === line.length - 1;
  }
}

/** First index whose ticket sorts after `t` (binary search on compareQueued; issue order in an urgent line). */
function insertionPoint(line: readonly Queued[], t: Queued): number {
  const compare = t.urgent ? compareByIssue : compareQueued;
  let lo = 0;
  let hi = line.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compare(line[mid]!, t) <= 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function indexIn(line: readonly Queued[], t: Queued): number {
  const i = insertionPoint(line, t) - 1;
  return line[i]?.id === t.id ? i : line.findIndex((x) => x.id === t.id);
}

/** One line as the run reads it: its array (WaitingLines keeps the same array for a key) and a cursor. */
interface Slot {
  key: string;
  /** Null while no ticket ever stood in that line today (read again when one joins: appended()). */
  line: Waiting[] | null;
  /** Everything before it is taken. */
  start: number;
}

interface SimWindow {
  no: number;
  categoryIds: string[];
  slots: Slot[];
}

/** A growable Int32Array: a rebuild writes into the same memory as the last one (no garbage per step). */
class Steps {
  data = new Int32Array(64);
  length = 0;
  push(v: number): void {
    if (this.length === this.data.length) {
      const grown = new Int32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = v;
  }
  at(i: number): number {
    return this.data[i]!;
  }
}

/**
 * The order in which `windows` will call the waiting tickets of `lines` (only the lines of their categories
 * are read): contract/queue-rules.ts callPlaces, step by step, resumable.
 *
 * callPlaces goes round by round, each round the windows that found a ticket in the last one, by number. A
 * window that finds nothing never finds anything later (the lines only get shorter), so the same run is a
 * turn going round the windows by number, skipping those that dropped out: the state between two steps is
 * the next window and the set that dropped out, which is what #rewind restores.
 */
export class CallOrder {
  #windows: SimWindow[] = [];
  #lines!: WaitingLines;
  #normalPerPriority = 0;
  #called: number[] = [];
  #nsp: number[] = [];
  #out: boolean[] = [];
  #active = 0;
  /** Index of the window whose turn is next. */
  #turn = 0;
  /** Per category, the windows (indices) that serve it: whose calls count as ahead of its tickets. */
  #serving = new Map<string, number[]>();
  readonly #slots = new Map<string, Slot>();
  /** The step that took each waiting ticket, by its slot (Waiting.slot); -1: not taken (yet). */
  #stepOf = new Int32Array(64).fill(-1);
  // The steps of the run, in flat arrays reused by every rebuild (an object per step, or new arrays per
  // rebuild, made the garbage collector the largest cost at 2,000 waiting). Step i: window #win[i] with
  // interleave counter #nspAt[i] picked #picked[i] (null: found nothing and dropped out), #aheadAt[i] people
  // ahead of it, choosing from #heads[#headsFrom[i] .. #headsFrom[i + 1]) (to tell whether a ticket appended
  // later would be its pick).
  readonly #win = new Steps();
  readonly #nspAt = new Steps();
  readonly #aheadAt = new Steps();
  readonly #headsFrom = new Steps();
  /** Read below #win.length only: entries past it are left for the next run to overwrite. */
  readonly #picked: (Waiting | null)[] = [];
  readonly #heads: Waiting[] = [];
  #headCount = 0;
  /** Scratch for pickNext's candidates. */
  readonly #pick: Queued[] = [];

  constructor(windows: readonly WindowForPick[], lines: WaitingLines, normalPerPriority: number) {
    this.reset(windows, lines, normalPerPriority);
  }

  /** Run again from the start for these windows (a call, a window opening): the arrays are reused. */
  reset(windows: readonly WindowForPick[], lines: WaitingLines, normalPerPriority: number): void {
    const sorted = [...windows].sort((a, b) => a.no - b.no);
    this.#lines = lines;
    this.#slots.clear();
    this.#serving = new Map();
    this.#windows = sorted.map((w, wi) => {
      for (const c of w.categoryIds) (this.#serving.get(c) ?? this.#serving.set(c, []).get(c)!).push(wi);
      return {
        no: w.no,
        categoryIds: w.categoryIds,
        slots: w.categoryIds.flatMap((c) => LINES.map((k) => this.#slot(lineKey(c, k)))),
      };
    });
    this.#normalPerPriority = normalPerPriority;
    this.#called = sorted.map(() => 0);
    this.#nsp = sorted.map((w) => w.normalSincePriority);
    this.#out = sorted.map(() => false);
    this.#active = sorted.length;
    this.#turn = 0;
    if (this.#stepOf.length < lines.slotCount) this.#stepOf = new Int32Array(lines.slotCount * 2);
    this.#stepOf.fill(-1, 0, lines.slotCount);
    this.#win.length = this.#nspAt.length = this.#aheadAt.length = 0;
    this.#headsFrom.length = 0;
    this.#headsFrom.push(0);
    this.#headCount = 0;
    this.#run();
  }

  /** Its place (people ahead in its line), or undefined when none of these windows will call it. */
  place(id: string): number | undefined {
    const t = this.#lines.get(id);
    const step = t ? this.#step(t) : -1;
    return step < 0 ? undefined : this.#aheadAt.at(step);
  }

  #step(t: Waiting): number {
    return t.slot < this.#stepOf.length ? this.#stepOf[t.slot]! : -1;
  }

  #take(t: Waiting, step: number): void {
    if (t.slot >= this.#stepOf.length) {
      const grown = new Int32Array(Math.max(t.slot + 1, this.#stepOf.length * 2)).fill(-1);
      grown.set(this.#stepOf);
      this.#stepOf = grown;
    }
    this.#stepOf[t.slot] = step;
  }

  /**
   * `t` was just put at the end of its line (WaitingLines.add returned true). Returns false when the run
   * cannot be continued exactly (a ticket of the line waits for one window only): drop it and rebuild.
   */
  appended(queued: Queued): boolean {
    const t = queued as Waiting;
    if (t.targetWindowNo !== null) return false;
    const key = lineOf(t);
    const line = this.#lines.lines.get(key)!;
    if (line[line.length - 1] !== t) return false;
    const slot = this.#slots.get(key);
    if (slot) slot.line = line; // the line may be new today
    // The slot number may be one a called ticket left: not taken in this run.
    this.#take(t, -1);
    // Before the step that took the line's previous last ticket, the new one was never a head.
    const before = line.length > 1 ? line[line.length - 2]! : null;
    if (before && before.targetWindowNo !== null) return false;
    let from = 0;
    if (before) {
      const s = this.#step(before);
      if (s < 0) return true; // none of these windows reaches the line: nor the new ticket
      from = s + 1;
    }
    for (let i = from; i < this.#win.length; i++) {
      const w = this.#windows[this.#win.at(i)]!;
      if (!w.categoryIds.includes(t.categoryId)) continue;
      const pick = this.#pick;
      pick.length = 0;
      for (let h = this.#headsFrom.at(i); h < this.#headsFrom.at(i + 1); h++) {
        if (this.#heads[h]!.targetWindowNo !== null) return false;
        pick.push(this.#heads[h]!);
      }
      pick.push(t);
      const chosen = pickNext(
        { no: w.no, categoryIds: w.categoryIds, normalSincePriority: this.#nspAt.at(i) },
        pick,
        this.#normalPerPriority,
      );
      if (chosen === t) {
        this.#rewind(i);
        this.#run();
        return true;
      }
    }
    return true; // no window of these serves its category
  }

  #slot(key: string): Slot {
    let slot = this.#slots.get(key);
    if (!slot) this.#slots.set(key, (slot = { key, line: this.#lines.lines.get(key) ?? null, start: 0 }));
    return slot;
  }

  #head(slot: Slot, windowNo: number): Waiting | null {
    const line = slot.line;
    if (line === null) return null;
    let i = slot.start;
    while (i < line.length && this.#step(line[i]!) >= 0) i++;
    slot.start = i;
    for (; i < line.length; i++) {
      const t = line[i]!;
      if (this.#step(t) < 0 && (t.targetWindowNo === null || t.targetWindowNo === windowNo)) return t;
    }
    return null;
  }

  #run(): void {
    const n = this.#windows.length;
    while (this.#active > 0) {
      const wi = this.#turn;
      this.#turn = wi + 1 === n ? 0 : wi + 1;
      if (this.#out[wi]) continue;
      const w = this.#windows[wi]!;
      const from = this.#headCount;
      for (const slot of w.slots) {
        const h = this.#head(slot, w.no);
        if (h) this.#heads[this.#headCount++] = h;
      }
      const count = this.#headCount - from;
      const nsp = this.#nsp[wi]!;
      let next: Waiting | null = null;
      // One head is always the pick (pickNext's own answer for a single candidate), none is no pick.
      if (count === 1) next = this.#heads[from]!;
      else if (count > 1) {
        const pick = this.#pick;
        pick.length = 0;
        for (let h = from; h < this.#headCount; h++) pick.push(this.#heads[h]!);
        next = pickNext(
          { no: w.no, categoryIds: w.categoryIds, normalSincePriority: nsp },
          pick,
          this.#normalPerPriority,
        ) as Waiting | null;
      }
      const i = this.#win.length;
      this.#win.push(wi);
      this.#nspAt.push(nsp);
      this.#picked[i] = next;
      this.#headsFrom.push(this.#headCount);
      let ahead = 0;
      if (next) {
        // Ahead of it: what the windows serving its category have called so far.
        for (const o of this.#serving.get(next.categoryId)!) ahead += this.#called[o]!;
        this.#take(next, i);
        this.#called[wi]!++;
        const k = tier(next);
        if (k === 2) this.#nsp[wi] = nsp + 1;
        else if (k === 1) this.#nsp[wi] = 0;
      } else {
        this.#out[wi] = true;
        this.#active--;
      }
      this.#aheadAt.push(ahead);
    }
  }

  /** Undo the steps from `to` on, leaving the run exactly as it was just before step `to`. */
  #rewind(to: number): void {
    for (let i = this.#win.length - 1; i >= to; i--) {
      const wi = this.#win.at(i);
      const ticket = this.#picked[i];
      if (!ticket) {
        this.#out[wi] = false;
        this.#active++;
        continue;
      }
      this.#take(ticket, -1);
      this.#called[wi]!--;
      this.#nsp[wi] = this.#nspAt.at(i);
      const key = lineOf(ticket);
      const slot = this.#slot(key);
      slot.start = Math.min(slot.start, indexIn(this.#lines.lines.get(key)!, ticket));
    }
    this.#turn = this.#win.at(to);
    this.#headCount = this.#headsFrom.at(to);
    this.#win.length = this.#nspAt.length = this.#aheadAt.length = to;
    this.#headsFrom.length = to + 1;
  }
}

/**
 * 前面等候 N 人 of one component (categories linked by shared windows): the open windows' call order, and
 * for a ticket no open window will call (its windows paused or signed out), the order as if all were open
 * (contract/queue-rules.ts aheadCounts).
 */
export class ComponentPlaces {
  readonly #open: CallOrder;
  /** Made only when a ticket is asked for that no open window will call; run again on the next such ask. */
  #all: CallOrder | null = null;
  #allCurrent = false;
  /** A command changed what the run was built from (a call, a transfer): run again before the next read. */
  stale = false;

  constructor(
    public fingerprint: string,
    open: readonly WindowForPick[],
    private all: readonly WindowForPick[],
    private lines: WaitingLines,
    private readonly normalPerPriority: number,
  ) {
    this.#open = new CallOrder(open, lines, normalPerPriority);
  }

  /** Run again for the windows as they are now, in the memory of the last run. */
  reset(fingerprint: string, open: readonly WindowForPick[], all: readonly WindowForPick[], lines: WaitingLines): void {
    this.fingerprint = fingerprint;
    this.all = all;
    this.lines = lines;
    this.stale = false;
    this.#allCurrent = false;
    this.#open.reset(open, lines, this.normalPerPriority);
  }

  place(id: string): number {
    const place = this.#open.place(id);
    if (place !== undefined) return place;
    if (!this.#allCurrent) {
      if (this.#all) this.#all.reset(this.all, this.lines, this.normalPerPriority);
      else this.#all = new CallOrder(this.all, this.lines, this.normalPerPriority);
      this.#allCurrent = true;
    }
    return this.#all!.place(id) ?? 0;
  }

  /** False: the run could not be continued, rebuild. */
  appended(t: Queued): boolean {
    return this.#open.appended(t) && (!this.#allCurrent || this.#all!.appended(t));
  }
}
