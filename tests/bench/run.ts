// npm run bench: speed and memory figures measured on this machine against the real server process.
// Not a test: it prints figures and the targets beside them, so a person can judge and report them.
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadTestConfigDir, spawnServer, type ServerProcess } from '../helpers/server-process.ts';
import { reliabilitySection } from './reliability.ts';
import { loginFlood } from './login-flood.ts';
import { handwritingSection } from './handwriting.ts';
import { CATEGORIES, load, login, pct, post } from './http-client.ts';
import { queueFigures } from './queue-figures.ts';
import { kioskThrottled } from './kiosk-throttled.ts';

const ROOT = resolve(new URL('../..', import.meta.url).pathname);
const lines: string[] = [];
const say = (s: string) => {
  lines.push(s);
  console.log(s);
};

const ms = (v: number) => `${v.toFixed(2)} ms`;

export async function coldStart(configDir: string): Promise<void> {
  const runs: number[] = [];
  for (let i = 0; i < 3; i++) {
    const server = await spawnServer({
      dataDir: mkdtempSync(join(tmpdir(), 'bench-cold-')),
      env: { KIOSK_CONFIG: configDir },
    });
    runs.push(server.startMs);
    await server.kill();
  }
  say(
    `server cold start to ready (spawn → first healthy /api/health, 3 runs): ${runs.map((r) => ms(r)).join(', ')}  [target ≤ 1000 ms]`,
  );
}

/**
 * Figures without a floor, for the record: one kiosk at a time, and call-next from 20 clients on 6 windows.
 * (Their old absolute targets, p99 ≤ 10 ms, gave way to issue 26's ratios against floors measured in the
 * same run: queue-figures.ts. The 20-client issue and the 200-display call are measured there.)
 */
async function ticketsAndCalls(server: ServerProcess): Promise<void> {
  // What one kiosk sees in a hall: one request at a time.
  const single = await load(300, 1, async (i) => {
    const r = await post(`${server.url}/api/tickets`, {
      categoryId: CATEGORIES[i % CATEGORIES.length],
      idempotencyKey: `bench-single-${i}-xxxxxxxx`,
    });
    if (r.status !== 201) throw new Error(`取号失败 ${r.status} ${JSON.stringify(r.json)}`);
  });
  say(
    `ticket issue over HTTP, durable commit, 1 client (a kiosk), 300 tickets: p50 ${ms(pct(single.lat, 50))}, p99 ${ms(pct(single.lat, 99))}`,
  );

  const tokens = await Promise.all([1, 2, 3, 4, 5, 6].map((no) => login(server.url, no)));
  const call = await load(1800, 20, async (_i, c) => {
    const no = (c % 6) + 1;
    const r = await post(`${server.url}/api/windows/${no}/call-next`, {}, tokens[no - 1]);
    if (r.status !== 200 && r.status !== 409) throw new Error(`叫号失败 ${r.status} ${JSON.stringify(r.json)}`);
  });
  say(
    `call-next over HTTP, 20 clients on 6 windows, 1800 calls: p50 ${ms(pct(call.lat, 50))}, p99 ${ms(pct(call.lat, 99))}, ${(1800 / call.seconds).toFixed(0)} calls/s`,
  );
}

function rssOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024;
}

export async function busyDay(configDir: string): Promise<void> {
  const server = await spawnServer({
    dataDir: mkdtempSync(join(tmpdir(), 'bench-day-')),
    env: { KIOSK_CONFIG: configDir },
  });
  const tokens = await Promise.all([1, 2, 3, 4, 5, 6].map((no) => login(server.url, no)));
  let issued = 0;
  for (let round = 0; round < 50; round++) {
    await load(200, 20, async (i) => {
      await post(`${server.url}/api/tickets`, { categoryId: CATEGORIES[(round * 200 + i) % CATEGORIES.length] });
      issued++;
    });
    await load(200, 6, async (_i, c) => {
      await post(`${server.url}/api/windows/${c + 1}/call-next`, {}, tokens[c]);
    });
  }
  await new Promise((r) => setTimeout(r, 500));
  const printed = async () => {
    const r = await fetch(`${server.url}/api/sim/printer/jobs?limit=1`);
    return ((await r.json()) as { total: number }).total;
  };
  // The day compressed into seconds issues faster than any printer prints: slips are still queued when the
  // last call is made. The day is over when its slips are printed and the minute's housekeeping ran.
  const busy = rssOf(server.child.pid!);
  const queued = issued - (await printed());
  const t0 = performance.now();
  while ((await printed()) < issued && performance.now() - t0 < 300_000) await new Promise((r) => setTimeout(r, 1000));
  const drainSeconds = (performance.now() - t0) / 1000;
  await new Promise((r) => setTimeout(r, 61_000));
  say(
    `server RSS after a simulated ${issued}-ticket day (issued, called, finished; every slip printed to the simulator, then one minute idle): ${rssOf(server.child.pid!).toFixed(1)} MB  [target ≤ 100 MB]` +
      ` (at the last call, ${queued} slips still queued: ${busy.toFixed(1)} MB; the printer finished ${drainSeconds.toFixed(0)} s later)`,
  );
  await server.kill();
}

/** The kiosk's search as residents type (pinyin, initials, Chinese), on the township list (the longest). */
async function matterSearch(): Promise<void> {
  const { openCatalogue } = await import('../../server/matters/open-catalogue.ts');
  const { loadConfig } = await import('../../server/config/load.ts');
  const config = loadConfig(join(ROOT, 'config'));
  const catalogue = openCatalogue(join(ROOT, 'config'), { ...config, center: { ...config.center, level: 'township' } });
  const queries = [
    'dbsq',
    'zuidishenghuobaozhang',
    '残疾人',
    'changshou',
    'jykn',
    'xyzzy',
    'yanglao',
    '养老',
    'z',
    'shebao',
  ];
  for (const q of queries) catalogue.search(q); // warm up
  const runs = 5000;
  const t0 = performance.now();
  for (let i = 0; i < runs; i++) catalogue.search(queries[i % queries.length]!);
  say(
    `matter search (township list, pinyin / initials / Chinese), ${runs} queries: ${ms((performance.now() - t0) / runs)} each  [target: under one frame per keystroke, 16 ms]`,
  );
}

/** 限时办结 supervision (every console asks every 5 minutes): the case clock of every open promised case. */
async function caseSupervision(): Promise<void> {
  const { openDb } = await import('../../server/store/db.ts');
  const { CaseStore } = await import('../../server/cases/store.ts');
  const { isWorkingDay } = await import('../../server/calendar/working-days.ts');
  const db = openDb(':memory:');
  let t = Date.parse('2026-11-02T02:00:00Z');
  const cases = new CaseStore(db, () => new Date(t), 'Asia/Shanghai', isWorkingDay);
  const matter = {
    id: 'street-03',
    name: '最低生活保障',
    type: '行政给付' as const,
    body: '街道',
    levels: ['street' as const],
    department: '民政',
    categoryId: 'civil',
    guide: null,
  };
  const open = 2000;
  for (let i = 0; i < open; i++) {
    const c = cases.accept({
      matter,
      windowNo: 4,
      staffId: 'w4a',
      ticketId: null,
      applicantMasked: null,
      kind: 'promised',
    });
    if (i % 3 === 0) cases.report(c.id, { authority: '市民政局' }, 'w4a');
  }
  t = Date.parse('2026-11-25T02:00:00Z');
  cases.supervision(); // warm up
  const t0 = performance.now();
  cases.supervision();
  say(
    `限时办结 supervision over ${open} open promised cases (a third at the authority): ${ms(performance.now() - t0)}  [a township centre has tens to hundreds open]`,
  );
  db.close();
}

async function kioskPage(): Promise<void> {
  const dist = join(ROOT, 'dist');
  const html = readFileSync(join(dist, 'kiosk.html'), 'utf8');
  const scripts = [...html.matchAll(/(?:src|href)="\/?(assets\/[^"]+\.js)"/g)].map((m) => m[1]!);
  // The entry's static imports are listed as modulepreload links by Vite; count entry + preloads.
  const total = scripts.reduce((sum, f) => sum + gzipSync(readFileSync(join(dist, f))).length, 0);
  const all = readdirSync(join(dist, 'assets')).filter((f) => f.endsWith('.js'));
  say(
    `kiosk page JavaScript loaded at start: ${(total / 1024).toFixed(1)} KB gzipped in ${scripts.length} file(s) (of ${all.length} built chunks)  [target ≤ 60 KB]`,
  );
}

async function firstPaint(server: ServerProcess): Promise<void> {
  const { launchBrowser } = await import('../helpers/browser.ts');
  const browser = await launchBrowser();
  const page = await browser.newPage({ viewport: { width: 1080, height: 1920 } });
  const runs: number[] = [];
  for (let i = 0; i < 3; i++) {
    await page.goto(`${server.url}/kiosk`, { waitUntil: 'load' });
    await page.waitForTimeout(200);
    const fcp = await page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN);
    runs.push(fcp);
  }
  await browser.close();
  say(`kiosk first contentful paint in headless Chromium (3 loads): ${runs.map((r) => ms(r)).join(', ')}`);
}

async function main(): Promise<void> {
  say(
    `# npm run bench — ${new Date().toISOString()} — ${process.version}, ${(await import('node:os')).cpus().length} cores`,
  );
  const configDir = loadTestConfigDir();
  await coldStart(configDir);
  // Issue 26: each figure beside its floor (naive durable server, 20 waiting, bare ws broadcast), same run.
  for (const line of await queueFigures(configDir)) say(line);
  for (const line of await kioskThrottled(configDir)) say(line);
  const server = await spawnServer({
    dataDir: mkdtempSync(join(tmpdir(), 'bench-')),
    env: { KIOSK_CONFIG: configDir },
  });
  try {
    await ticketsAndCalls(server);
    await kioskPage();
    await matterSearch();
    await caseSupervision();
    await firstPaint(server);
    for (const line of await loginFlood(server)) say(line);
    for (const line of await handwritingSection(server.url, post)) say(line);
  } finally {
    await server.kill();
  }
  await busyDay(configDir);
  for (const line of await reliabilitySection(configDir)) say(line);
}

if (import.meta.url === `file://${process.argv[1]}`)
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
