// A hall offline for a week catches up when the link returns: in order, nothing lost, nothing doubled, even
// when the district server and then the hall's shipper are killed with -9 in the middle of the transfer.
// Both run as their own processes (npm run district's entry, tests/district/ship-hall.ts).
import { afterAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openDb } from '../../server/store/db.ts';
import { openDistrictDb, type DistrictDb } from '../../server/district/database.ts';
import { addHall } from '../../server/district/accounts.ts';
import { toDistrictEvent, type HallEventRow } from '../../server/district-link/to-district.ts';
import { BACKENDS, freePort, startCluster, type TestCluster } from './postgres.ts';
import { hallDay } from './hall-events.ts';

const ROOT = resolve(import.meta.dirname, '../..');

const clusters: TestCluster[] = [];
afterAll(() => clusters.forEach((c) => c.stop()));

function startProcess(
  args: string[],
  env: Record<string, string>,
  ready: RegExp | null,
): Promise<{ child: ChildProcess; exited: Promise<number | null>; output: () => string }> {
  // node --import tsx, not the tsx CLI: the CLI runs the script in a child, and -9 must hit the real process.
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  return new Promise((resolve, reject) => {
    const onData = (d: Buffer) => {
      out += d.toString();
      if (ready && ready.test(out)) resolve({ child, exited, output: () => out });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    if (!ready) resolve({ child, exited, output: () => out });
    void exited.then((code) => reject(new Error(`进程提前退出（${code}）：${out}`)));
  });
}

async function until(check: () => Promise<boolean>, what: string, timeoutMs = 120_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`等待超时：${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe.each(BACKENDS)('a week offline, catch-up on %s', (backend) => {
  it('arrives complete and in order although both sides are killed -9 mid-transfer', async () => {
    // The hall: seven days of 300 tickets each, written while the link was down.
    const work = mkdtempSync(join(tmpdir(), 'district-catchup-'));
    const hallFile = join(work, 'kiosk.sqlite');
    const hall = openDb(hallFile);
    const firstDay = Date.UTC(2026, 10, 9, 0, 30);
    hall.transaction(() => {
      for (let d = 0; d < 7; d++) hallDay(hall, new Date(firstDay + d * 86_400_000), 300, `d${d}-`);
    })();
    const rows = hall.prepare('SELECT * FROM events ORDER BY id').all() as HallEventRow[];
    hall.close();
    const expected = rows.map((r) => toDistrictEvent('qiaotou', r)).filter((e) => e !== null);
    const max = rows[rows.length - 1]!.id;

    // The district: a fresh database; the hall registered before the district server starts.
    let url: string | undefined;
    let dataDir: string | undefined;
    if (backend === 'postgres') {
      const cluster = await startCluster();
      clusters.push(cluster);
      url = await cluster.createDatabase('catchup');
    } else dataDir = join(work, 'district');
    let setup = await openDistrictDb({ url, dataDir });
    const token = await addHall(setup, 'qiaotou', '桥头镇便民服务中心', '乡镇', null);
    await setup.close();
    const port = await freePort();
    const districtEnv = {
      DISTRICT_PORT: String(port),
      ...(url ? { DISTRICT_DATABASE_URL: url } : { DISTRICT_DATA: dataDir! }),
    };
    const startDistrict = () => startProcess(['server/district/main.ts'], districtEnv, /已启动/);
    const shipperEnv = {
      DISTRICT_URL: `http://127.0.0.1:${port}`,
      HALL_ID: 'qiaotou',
      HALL_TOKEN: token,
      BATCH: '150',
    };
    const startShipper = () => startProcess(['tests/district/ship-hall.ts', hallFile], shipperEnv, null);
    // Read the district's cursor straight from its database (PGlite: only between district processes).
    const cursor = async (): Promise<number> => {
      const res = await fetch(`http://127.0.0.1:${port}/api/district/halls/qiaotou/cursor`, {
        headers: { Authorization: `Bearer ${token}` },
      }).catch(() => null);
      return res?.ok ? ((await res.json()) as { lastSeq: number }).lastSeq : -1;
    };

    let district = await startDistrict();
    let shipper = await startShipper();
    await until(async () => (await cursor()) >= max * 0.2, '区级收到 20%');
    district.child.kill('SIGKILL');
    await district.exited;
    const atDistrictKill = await (async () => {
      district = await startDistrict();
      return cursor();
    })();
    expect(atDistrictKill).toBeLessThan(max);
    await until(async () => (await cursor()) >= Math.max(atDistrictKill + 1, max * 0.5), '区级收到 50%');
    shipper.child.kill('SIGKILL');
    await shipper.exited;
    const atShipperKill = await cursor();
    expect(atShipperKill).toBeLessThan(max);
    shipper = await startShipper();
    expect(await shipper.exited).toBe(0);
    expect(shipper.output()).toContain('caught-up');
    district.child.kill('SIGTERM');
    await district.exited;

    const db: DistrictDb = await openDistrictDb({ url, dataDir });
    try {
      const got = await db.query<{ seq: number; type: string; ticket_key: string | null }>(
        "SELECT seq, type, ticket_key FROM events WHERE hall_id = 'qiaotou' ORDER BY seq",
      );
      expect(got.length).toBe(expected.length);
      expect(got.map((e) => [e.seq, e.type, e.ticket_key])).toEqual(expected.map((e) => [e.seq, e.type, e.ticketKey]));
      const [hallRow] = await db.query<{ last_seq: number }>("SELECT last_seq FROM halls WHERE hall_id = 'qiaotou'");
      expect(hallRow!.last_seq).toBe(max);
      // The rollups counted each event once: 7 × 300 tickets issued and served, 7 days.
      const [days] = await db.query<{ n: number; tickets: number; served: number; ratings: number }>(
        "SELECT count(*)::int AS n, sum(tickets)::int AS tickets, sum(served)::int AS served, sum(ratings)::int AS ratings FROM hall_days WHERE hall_id = 'qiaotou'",
      );
      expect(days).toEqual({ n: 7, tickets: 2100, served: 2100, ratings: 2100 });
      const [tickets] = await db.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM ticket_status WHERE hall_id = 'qiaotou' AND state = 'finished'",
      );
      expect(tickets!.n).toBe(2100);
    } finally {
      await db.close();
      setup = null as never;
      rmSync(work, { recursive: true, force: true });
    }
  }, 240_000);
});
