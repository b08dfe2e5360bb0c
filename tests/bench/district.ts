// The district level's figures (issue 25), runnable alone: `npx tsx tests/bench/district.ts`.
// Runs on a throwaway PostgreSQL cluster (tests/district/postgres.ts), or on DISTRICT_DATABASE_URL if set
// (it creates and drops its own tables' rows there: use an empty database). Each figure is printed beside a
// floor measured in the same run on the same PostgreSQL, as a ratio:
//   1. ingestion: 14 halls POSTing 1000-event batches over HTTP (checks, order, ON CONFLICT, rollup trigger)
//      vs. the same JSON rows inserted with one multi-row INSERT … SELECT FROM jsonb_to_recordset per batch
//      into a bare copy of `events` (no keys, no trigger, no HTTP);
//   2. a month report (all halls + district total) over a year of 14 halls' events (≈ 6 million, made with
//      generate_series), p95 over 40 runs, vs. the p95 of a `SELECT 1` round trip; with, for scale, the same
//      month computed straight from the raw events (what the rollup saves);
//   3. catch-up of a hall 7 days offline (its real shipper reading its SQLite, over HTTP) vs. inserting the
//      same number of rows with the floor's multi-row INSERT;
//   4. the same catch-up into the embedded PostgreSQL (PGlite, no DISTRICT_DATABASE_URL) vs. the real one.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import http from 'node:http';
import { openDistrictDb, type DistrictDb } from '../../server/district/database.ts';
import { startDistrictServer } from '../../server/district/http.ts';
import { addHall } from '../../server/district/accounts.ts';
import { report } from '../../server/district/queries.ts';
import { DistrictShipper } from '../../server/district-link/shipper.ts';
import type { DistrictEvent } from '../../server/contract/district.ts';
import { openDb } from '../../server/store/db.ts';
import { startCluster, type TestCluster } from '../district/postgres.ts';
import { hallDay } from '../district/hall-events.ts';

const HALLS = 14;
const say = (s: string) => console.log(s);
const pct = (values: number[], p: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.ceil((p / 100) * values.length) - 1)]!;
const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;

const agent = new http.Agent({ keepAlive: true, maxSockets: 32 });
function post(url: string, body: string, token: string): Promise<number> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: u.hostname,
        port: u.port,
        path: u.pathname,
        method: 'POST',
        agent,
        headers: {
          'Content-Type': 'application/json',
          'Content-Length': Buffer.byteLength(body),
          Authorization: `Bearer ${token}`,
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

function batchEvents(hall: number, from: number, n: number, t0: number): DistrictEvent[] {
  const types = ['ticket.issued', 'ticket.called', 'ticket.finished', 'rating.recorded', 'window.signed-in'] as const;
  return Array.from({ length: n }, (_, i) => {
    const seq = from + i;
    const type = types[seq % 5]!;
    return {
      seq,
      at: new Date(t0 + seq * 1000).toISOString(),
      type,
      windowNo: type === 'ticket.issued' ? null : 1 + (seq % 6),
      categoryId: 'civil',
      ticketKey: `bench-${hall}-${Math.floor(seq / 5)}`.padEnd(12, 'x'),
      caseKey: null,
      matterId: null,
      data: (type === 'rating.recorded'
        ? { ratingId: Math.floor(seq / 5), value: seq % 7 ? 'satisfied' : 'dissatisfied', reasons: [] }
        : type === 'ticket.issued'
          ? { number: 'A001' }
          : {}) as DistrictEvent['data'],
    };
  });
}

async function main(): Promise<void> {
  let cluster: TestCluster | null = null;
  let url = process.env.DISTRICT_DATABASE_URL;
  if (!url) {
    cluster = await startCluster();
    url = await cluster.createDatabase('bench');
  }
  const db: DistrictDb = await openDistrictDb({ url });
  const app = await startDistrictServer({ db, port: 0, host: '127.0.0.1', distDir: tmpdir() });
  try {
    say(
      `区级基准（PostgreSQL ${(await db.query<{ v: string }>("SELECT current_setting('server_version') AS v"))[0]!.v}，${HALLS} 个中心）`,
    );
    const tokens: string[] = [];
    for (let h = 0; h < HALLS; h++) tokens.push(await addHall(db, `bench-${h}`, `基准中心${h}`, '乡镇', null));
    await db.exec('CREATE TABLE events_floor (LIKE events INCLUDING DEFAULTS)');
    const floorInsert = (hall: string, events: DistrictEvent[]) =>
      db.run(
        `INSERT INTO events_floor (hall_id, seq, at, type, window_no, category_id, ticket_key, case_key, matter_id, data)
         SELECT $1, e.seq, e.at, e.type, e."windowNo", e."categoryId", e."ticketKey", e."caseKey", e."matterId", coalesce(e.data, '{}')
           FROM jsonb_to_recordset($2::jsonb) AS e(seq bigint, at timestamptz, type text, "windowNo" integer, "categoryId" text, "ticketKey" text, "caseKey" text, "matterId" text, data jsonb)`,
        [hall, JSON.stringify(events)],
      );

    // 1. Ingestion.
    const perHall = 10;
    const t0 = Date.now() - 2 * 86_400_000;
    const bodies = Array.from({ length: HALLS }, (_, h) =>
      Array.from({ length: perHall }, (_, b) => batchEvents(h, b * 1000 + 1, 1000, t0)),
    );
    const total = HALLS * perHall * 1000;
    let start = performance.now();
    await Promise.all(
      bodies.map(async (batches, h) => {
        for (const [b, events] of batches.entries()) {
          const status = await post(
            `${app.url}/api/district/halls/bench-${h}/events`,
            JSON.stringify({ after: b * 1000, through: (b + 1) * 1000, timezone: 'Asia/Shanghai', events }),
            tokens[h]!,
          );
          if (status !== 200) throw new Error(`ingest HTTP ${status}`);
        }
      }),
    );
    const ingestSec = (performance.now() - start) / 1000;
    start = performance.now();
    await Promise.all(
      bodies.map(async (batches, h) => {
        for (const events of batches) await floorInsert(`bench-${h}`, events);
      }),
    );
    const floorSec = (performance.now() - start) / 1000;
    say(
      `1. 接收：${Math.round(total / ingestSec)} 条/秒（HTTP，14 个中心并发，每批 1000 条）｜底线 多行 INSERT ${Math.round(total / floorSec)} 条/秒｜比值 ${ratio(total / floorSec, total / ingestSec)}（底线快多少倍）`,
    );

    // 2. A year of 14 halls' events with generate_series (≈ 6 million), through the same trigger.
    start = performance.now();
    await db.exec(
      "DELETE FROM events WHERE hall_id LIKE 'bench-%'; TRUNCATE ticket_status, window_status, rating_status, hall_days; UPDATE halls SET last_seq = 0",
    );
    const perMonth = 36_000; // ≈ 1 700 a working day: 340 tickets × 5 events
    for (let h = 0; h < HALLS; h++) {
      for (let m = 0; m < 12; m++) {
        await db.run(
          `INSERT INTO events (hall_id, seq, at, type, window_no, category_id, ticket_key, data)
           SELECT $1, $2::bigint * ${perMonth} + i,
                  make_timestamptz(2025, $2::int + 1, 1, 0, 30, 0, 'UTC') + make_interval(secs => ((i - 1) * 27.0 * 86400 / ${perMonth})::float8),
                  (ARRAY['ticket.issued', 'ticket.called', 'ticket.finished', 'rating.recorded', 'case.accepted'])[1 + i % 5],
                  CASE WHEN i % 5 = 0 THEN NULL ELSE 1 + i % 6 END, 'civil', 'k' || $2 || '-' || (i / 5),
                  CASE i % 5 WHEN 3 THEN jsonb_build_object('ratingId', $2::bigint * ${perMonth} + i, 'value', CASE WHEN i % 35 = 3 THEN 'dissatisfied' ELSE 'satisfied' END)
                             WHEN 4 THEN jsonb_build_object('kind', 'promised') ELSE '{}'::jsonb END
             FROM generate_series(1, ${perMonth}) AS i`,
          [`bench-${h}`, m],
        );
      }
    }
    await db.exec('ANALYZE');
    const [{ n }] = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM events')) as [{ n: number }];
    say(
      `   （生成 ${n.toLocaleString()} 条一年的事件，含汇总触发器：${((performance.now() - start) / 1000).toFixed(1)} 秒）`,
    );
    const runs = 40;
    const reportMs: number[] = [];
    const floorMs: number[] = [];
    for (let i = 0; i < runs; i++) {
      const key = `2025-${String((i % 12) + 1).padStart(2, '0')}`;
      let t = performance.now();
      const r = await report(db, 'month', key);
      reportMs.push(performance.now() - t);
      if (r.rows.length !== HALLS || r.total.tickets <= 0) throw new Error('report empty');
      t = performance.now();
      await db.query('SELECT 1');
      floorMs.push(performance.now() - t);
    }
    const rawMs: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t = performance.now();
      await db.query(
        `SELECT hall_id, count(*) FILTER (WHERE type = 'ticket.issued') AS tickets, count(*) FILTER (WHERE type = 'ticket.finished') AS served,
                count(*) FILTER (WHERE type = 'rating.recorded') AS ratings FROM events
          WHERE at >= '2025-0${(i % 9) + 1}-01T00:00:00+08' AND at < '2025-0${(i % 9) + 2}-01T00:00:00+08' GROUP BY hall_id`,
      );
      rawMs.push(performance.now() - t);
    }
    say(
      `2. 月报（14 个中心 + 全区合计，一年约 ${(n / 1e6).toFixed(1)} 百万条事件）：p95 ${pct(reportMs, 95).toFixed(2)} ms（p50 ${pct(reportMs, 50).toFixed(2)} ms）｜底线 SELECT 1 往返 p95 ${pct(floorMs, 95).toFixed(2)} ms｜比值 ${ratio(pct(reportMs, 95), pct(floorMs, 95))}；不用汇总表、直接扫原始事件的同一月份 p95 ${pct(rawMs, 95).toFixed(0)} ms`,
    );

    // 3. Catch-up: one busy hall, 7 days offline (600 tickets a day), through its real shipper.
    const work = mkdtempSync(join(tmpdir(), 'district-bench-'));
    const hall = openDb(join(work, 'kiosk.sqlite'));
    hall.transaction(() => {
      for (let d = 0; d < 7; d++) hallDay(hall, new Date(Date.UTC(2026, 10, 2 + d, 0, 30)), 600, `d${d}-`);
    })();
    const hallEvents = (hall.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n;
    const catchToken = await addHall(db, 'catch-up', '补传中心', '乡镇', null);
    const shipper = new DistrictShipper({
      db: hall,
      url: app.url,
      hallId: 'catch-up',
      token: catchToken,
      timezone: 'Asia/Shanghai',
    });
    start = performance.now();
    if ((await shipper.runOnce()) !== 'idle') throw new Error(`catch-up failed: ${shipper.state.lastError}`);
    const catchSec = (performance.now() - start) / 1000;
    const [{ shipped }] = (await db.query<{ shipped: number }>(
      "SELECT count(*)::int AS shipped FROM events WHERE hall_id = 'catch-up'",
    )) as [{ shipped: number }];
    const floorEvents = batchEvents(99, 1, shipped, t0);
    start = performance.now();
    for (let i = 0; i < floorEvents.length; i += 1000)
      await floorInsert('floor-catch-up', floorEvents.slice(i, i + 1000));
    const catchFloor = (performance.now() - start) / 1000;
    say(
      `3. 离线 7 天补传（${hallEvents} 条本地事件，上报 ${shipped} 条）：${catchSec.toFixed(2)} 秒｜底线 同样条数的多行 INSERT ${catchFloor.toFixed(2)} 秒｜比值 ${ratio(catchSec, catchFloor)}`,
    );

    // 4. The same week into the embedded PostgreSQL (PGlite), as `npm run district` runs without a server.
    const embedded = await openDistrictDb({ dataDir: join(work, 'pglite') });
    const embeddedApp = await startDistrictServer({ db: embedded, port: 0, host: '127.0.0.1', distDir: tmpdir() });
    try {
      const embeddedToken = await addHall(embedded, 'catch-up', '补传中心', '乡镇', null);
      const embeddedShipper = new DistrictShipper({
        db: hall,
        url: embeddedApp.url,
        hallId: 'catch-up',
        token: embeddedToken,
        timezone: 'Asia/Shanghai',
      });
      start = performance.now();
      if ((await embeddedShipper.runOnce()) !== 'idle')
        throw new Error(`PGlite catch-up failed: ${embeddedShipper.state.lastError}`);
      const embeddedSec = (performance.now() - start) / 1000;
      say(
        `4. 同样补传到内置 PGlite：${embeddedSec.toFixed(2)} 秒（${Math.round(shipped / embeddedSec)} 条/秒）｜对照 PostgreSQL ${catchSec.toFixed(2)} 秒｜比值 ${ratio(embeddedSec, catchSec)}`,
      );
    } finally {
      await embeddedApp.stop();
      await embedded.close();
    }
    hall.close();
    rmSync(work, { recursive: true, force: true });
  } finally {
    await app.stop();
    await db.close();
    cluster?.stop();
    agent.destroy();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
