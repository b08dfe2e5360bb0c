// The hall's side of the district link: ships the hall's event log (its outbox: SQLite `events`, ordered by
// id) to the district server, in order, in batches, and retries with back-off when the link is down.
// Nothing in the hall waits for it: it only reads the log, on timers, and every network call is async.
// Where to resume is the district's word (GET …/cursor; every answer carries lastSeq), so a kill -9 on
// either side loses nothing and doubles nothing: the district's key is (hall, seq) and a resend is a no-op.
import type { Db } from '../store/db.ts';
import {
  DISTRICT_LIMITS,
  type DistrictBatch,
  type DistrictBatchAccepted,
  type DistrictErrorBody,
} from '../contract/district.ts';
import { toDistrictEvent, type CaseFacts, type HallEventRow } from './to-district.ts';

export interface DistrictLinkSettings {
  /** http(s) base URL of the district server. */
  url: string;
  hallId: string;
  token: string;
}

export interface ShipperOptions extends DistrictLinkSettings {
  db: Db;
  timezone: string;
  /** The hall's categories (config/categories.json), sent with each batch so the district can name them. */
  categories?: { id: string; name: string }[];
  /** The case clock's promised date (server/store/case-store.ts clockAsOf), so the district's 超期 is the hall's. */
  caseClock?: (caseId: string) => string | null;
  log?: (line: string) => void;
  /** Events read per batch (≤ DISTRICT_LIMITS.batchEvents). */
  batchSize?: number;
  /** How often to look for new events when idle, and to say "still here" when nothing happens. */
  pollMs?: number;
  heartbeatMs?: number;
  /** Back-off bounds after a failure. */
  minBackoffMs?: number;
  maxBackoffMs?: number;
  fetch?: typeof fetch;
}

export interface ShipperState {
  /** The district's last seq for this hall, or null before the first answer. */
  acknowledged: number | null;
  lastError: string | null;
  failures: number;
}

/** The district settings: KIOSK_DISTRICT_* (server/config/env.ts) first, then center.json `district`; null when shipping is off. */
export function districtSettings(
  fromEnv: Partial<DistrictLinkSettings>,
  fromConfig: Partial<DistrictLinkSettings> | undefined,
): DistrictLinkSettings | null {
  const url = fromEnv.url || fromConfig?.url || '';
  const hallId = fromEnv.hallId || fromConfig?.hallId || '';
  const token = fromEnv.token || fromConfig?.token || '';
  if (!url || !hallId || !token) return null;
  if (!/^https?:\/\//.test(url))
    throw new Error(`KIOSK_DISTRICT_URL 应为 http:// 或 https:// 开头的区级服务地址，实际是 "${url}"`);
  return { url: url.replace(/\/+$/, ''), hallId, token };
}

export class DistrictShipper {
  readonly state: ShipperState = { acknowledged: null, lastError: null, failures: 0 };
  #timer: ReturnType<typeof setTimeout> | null = null;
  #stopped = false;
  #running: Promise<void> | null = null;
  #lastSentAt = 0;
  readonly #o: Required<Omit<ShipperOptions, 'log' | 'fetch' | 'categories' | 'caseClock'>> &
    Pick<ShipperOptions, 'log' | 'categories' | 'caseClock'> & { fetch: typeof fetch };
  readonly #caseFacts: (caseId: string) => CaseFacts | null;

  constructor(options: ShipperOptions) {
    this.#o = {
      batchSize: DISTRICT_LIMITS.batchEvents,
      pollMs: 1000,
      heartbeatMs: 30_000,
      minBackoffMs: 1000,
      // At most a minute: a link that comes back is used within a minute (14 halls × 1 try a minute is nothing).
      maxBackoffMs: 60_000,
      fetch: globalThis.fetch,
      ...options,
    };
    this.#o.batchSize = Math.min(this.#o.batchSize, DISTRICT_LIMITS.batchEvents);
    const caseRow = options.db.prepare<
      [string],
      { case_no: string; matter_name: string; applicant_masked: string | null }
    >('SELECT case_no, matter_name, applicant_masked FROM cases WHERE id = ?');
    this.#caseFacts = (id) => {
      const row = caseRow.get(id);
      if (!row) return null;
      let clockDate: string | null = null;
      try {
        clockDate = options.caseClock?.(id) ?? null;
      } catch {
        /* a clock that cannot be computed (calendar lacks the year): the event's own promised date stands */
      }
      return { caseNo: row.case_no, matterName: row.matter_name, applicantMasked: row.applicant_masked, clockDate };
    };
  }

  start(): void {
    this.#stopped = false;
    this.#schedule(0);
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    await this.#running;
  }

  /** One round: ship everything there is (batch after batch), then wait. Exposed for tests. */
  async runOnce(): Promise<'idle' | 'failed'> {
    try {
      if (this.state.acknowledged === null) {
        this.state.acknowledged = await this.#cursor();
        // The district holds more than this hall's log: the database was restored from an older backup (or the
        // hall id belongs to another hall). New events would reuse ids the district has: say so loudly.
        const max = (this.#o.db.prepare('SELECT max(id) AS m FROM events').get() as { m: number | null }).m ?? 0;
        if (this.state.acknowledged > max) {
          this.#o.log?.(
            `区级已收到本中心第 ${this.state.acknowledged} 号事件，本机事件只到第 ${max} 号：数据库可能已从备份恢复，新事件将不会上报，请联系区里重新登记本中心（见 docs/district.md）`,
          );
        }
      }
      for (;;) {
        const after = this.state.acknowledged;
        const rows = this.#o.db
          .prepare<[number, number], HallEventRow>(
            'SELECT id, at, actor, type, ticket_id, window_no, category_id, data FROM events WHERE id > ? ORDER BY id LIMIT ?',
          )
          .all(after, this.#o.batchSize);
        const heartbeatDue = Date.now() - this.#lastSentAt >= this.#o.heartbeatMs;
        if (rows.length === 0 && !heartbeatDue) break;
        const events = rows.map((r) => toDistrictEvent(this.#o.hallId, r, this.#caseFacts)).filter((e) => e !== null);
        const batch: DistrictBatch = {
          after,
          through: rows.length ? rows[rows.length - 1]!.id : after,
          timezone: this.#o.timezone,
          events,
          categories: this.#o.categories,
        };
        const answer = await this.#post(batch);
        this.state.acknowledged = answer.lastSeq;
        this.state.failures = 0;
        this.state.lastError = null;
        if (rows.length < this.#o.batchSize) break;
      }
      return 'idle';
    } catch (err) {
      this.state.failures++;
      const message = (err as Error).message;
      if (message !== this.state.lastError || this.state.failures === 1)
        this.#o.log?.(`区级上报暂不可用（将自动重试）：${message}`);
      this.state.lastError = message;
      return 'failed';
    }
  }

  #schedule(ms: number): void {
    if (this.#stopped) return;
    this.#timer = setTimeout(() => {
      this.#running = this.runOnce().then((outcome) => {
        this.#running = null;
        this.#schedule(outcome === 'idle' ? this.#o.pollMs : this.#backoff());
      });
    }, ms);
    this.#timer.unref?.();
  }

  /** Doubling back-off with jitter, so halls coming back together after an outage do not arrive in step. */
  #backoff(): number {
    const base = Math.min(this.#o.maxBackoffMs, this.#o.minBackoffMs * 2 ** Math.min(this.state.failures - 1, 20));
    return Math.round(base * (0.5 + Math.random() / 2));
  }

  async #cursor(): Promise<number> {
    const res = await this.#request('GET', `/api/district/halls/${encodeURIComponent(this.#o.hallId)}/cursor`);
    return (res as { lastSeq: number }).lastSeq;
  }

  async #post(batch: DistrictBatch): Promise<DistrictBatchAccepted> {
    try {
      return (await this.#request(
        'POST',
        `/api/district/halls/${encodeURIComponent(this.#o.hallId)}/events`,
        batch,
      )) as DistrictBatchAccepted;
    } catch (err) {
      // The district holds a different cursor (a batch it took whose answer we never saw): resume from its word.
      const lastSeq = (err as { lastSeq?: number }).lastSeq;
      if (typeof lastSeq === 'number') this.state.acknowledged = lastSeq;
      throw err;
    }
  }

  async #request(method: string, path: string, body?: unknown): Promise<unknown> {
    const res = await this.#o.fetch(`${this.#o.url}${path}`, {
      method,
      headers: { Authorization: `Bearer ${this.#o.token}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
      signal: AbortSignal.timeout(30_000),
    });
    this.#lastSentAt = Date.now();
    const text = await res.text();
    let json: unknown = null;
    try {
      json = JSON.parse(text);
    } catch {
      /* not JSON: the message below says so */
    }
    if (!res.ok) {
      const e = (json as DistrictErrorBody | null)?.error;
      const failure = new Error(
        e ? `${e.message}（${e.code}，HTTP ${res.status}）` : `区级服务返回 HTTP ${res.status}`,
      ) as Error & { lastSeq?: number };
      if (e?.code === 'out-of-order' && typeof e.lastSeq === 'number') failure.lastSeq = e.lastSeq;
      throw failure;
    }
    return json;
  }
}
