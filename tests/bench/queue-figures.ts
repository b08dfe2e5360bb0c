// Issue 26's figures, each beside its floor measured in the same run on the same machine with the same
// client (tests/bench/http-client.ts): ticket issue against a naive durable server, issue and call-next
// with 2,000 waiting against 20 waiting, and a call's fan-out to 200 displays + 500 phone pages against a
// bare `ws` broadcast to the same 700 sockets. `npm run bench` prints them; `npm run bench:queue` alone.
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import WebSocket from 'ws';
import { freePort, loadTestConfigDir, spawnServer } from '../helpers/server-process.ts';
import { agent, CATEGORIES, load, login, pct, post } from './http-client.ts';

const ROOT = resolve(new URL('../..', import.meta.url).pathname);
const ms = (v: number) => `${v.toFixed(2)} ms`;
const ratio = (v: number) => `${v.toFixed(2)}×`;

/** A floor server (tests/bench/floor-*.ts) in its own process, as the project's server runs in its own. */
async function startFloor(file: string, ...args: string[]): Promise<{ url: string; stop: () => Promise<void> }> {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', join(ROOT, file), String(port), ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((res, rej) => {
    child.stdout!.on('data', (d: Buffer) => d.toString().includes('READY') && res());
    child.once('exit', (code) => rej(new Error(`floor ${file} exited ${code}`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () => new Promise<void>((res) => (child.once('exit', () => res()), child.kill('SIGTERM'))),
  };
}

const issueLoad = (url: string, tag: string, total: number) =>
  load(total, 20, async (i) => {
    const r = await post(`${url}/api/tickets`, {
      categoryId: CATEGORIES[i % CATEGORIES.length],
      idempotencyKey: `bench-${tag}-${i}-xxxxxxxx`,
    });
    if (r.status !== 201) throw new Error(`取号失败 ${r.status} ${JSON.stringify(r.json)}`);
  });

/**
 * Durable ticket issue, 20 concurrent clients, against one fsync per ticket. Both servers run side by side
 * and take turns, 500 tickets at a time (floor, project, floor, project …): an fsync on this shared disk
 * costs from 0.5 to 5 ms depending on what else writes, and one after the other the two would not see the
 * same disk.
 */
export async function issueAgainstFloor(configDir: string): Promise<string[]> {
  const floor = await startFloor('tests/bench/floor-durable.ts', mkdtempSync(join(tmpdir(), 'bench-floor-')));
  const server = await spawnServer({
    dataDir: mkdtempSync(join(tmpdir(), 'bench-issue-')),
    env: { KIOSK_CONFIG: configDir },
  });
  await issueLoad(floor.url, 'warm-floor', 200);
  await issueLoad(server.url, 'warm-project', 200);
  const f = { lat: [] as number[], seconds: 0 };
  const p = { lat: [] as number[], seconds: 0 };
  for (let turn = 0; turn < 4; turn++) {
    for (const [url, into, tag] of [
      [floor.url, f, 'floor'],
      [server.url, p, 'project'],
    ] as const) {
      const r = await issueLoad(url, `${tag}-${turn}`, 500);
      into.lat.push(...r.lat);
      into.seconds += r.seconds;
    }
  }
  await floor.stop();
  await server.kill();
  const [fr, pr] = [2000 / f.seconds, 2000 / p.seconds];
  return [
    `ticket issue, durable, 20 clients, 2000 tickets (4 turns of 500, alternating with the floor): ${pr.toFixed(0)}/s, p50 ${ms(pct(p.lat, 50))}, p99 ${ms(pct(p.lat, 99))}` +
      ` | naive durable floor (one fsync per ticket) ${fr.toFixed(0)}/s, p99 ${ms(pct(f.lat, 99))}` +
      ` | throughput ${ratio(pr / fr)} [≥ 1.50×], p99 ${ratio(pct(p.lat, 99) / pct(f.lat, 99))} [≤ 1.00×]`,
  ];
}

/** Issue and call-next, one at a time (issue, call, issue, call …: the line keeps its length), p50. */
async function alternate(url: string, token: string, pairs: number): Promise<{ issue: number[]; call: number[] }> {
  const issue: number[] = [];
  const call: number[] = [];
  for (let i = 0; i < pairs; i++) {
    let s = performance.now();
    const r = await post(`${url}/api/tickets`, { categoryId: 'civil' });
    issue.push(performance.now() - s);
    if (r.status !== 201) throw new Error(`取号失败 ${r.status} ${JSON.stringify(r.json)}`);
    s = performance.now();
    const c = await post(`${url}/api/windows/4/call-next`, {}, token);
    call.push(performance.now() - s);
    if (c.status !== 200) throw new Error(`叫号失败 ${c.status} ${JSON.stringify(c.json)}`);
  }
  return { issue, call };
}

/** The cost of issue and call-next must not grow with the number waiting: 2,000 against 20, same line. */
export async function queueLength(configDir: string): Promise<string[]> {
  const server = await spawnServer({
    dataDir: mkdtempSync(join(tmpdir(), 'bench-len-')),
    env: { KIOSK_CONFIG: configDir },
  });
  const token = await login(server.url, 4);
  const token5 = await login(server.url, 5); // window 5 serves civil too: the line is shared, places interleave
  const fill = (n: number) =>
    load(n, 10, async () => {
      const r = await post(`${server.url}/api/tickets`, { categoryId: 'civil' });
      if (r.status !== 201) throw new Error(`取号失败 ${r.status}`);
    });
  await fill(20);
  await alternate(server.url, token, 300); // warm up: the JIT still optimises during the first hundreds
  const shortBefore = await alternate(server.url, token, 300);
  await fill(1980);
  await alternate(server.url, token, 50);
  const long = await alternate(server.url, token, 300);
  // Back to 20 waiting, measured again: 20 against 2,000 both before and after, so neither side gains from
  // the JIT warming up or the machine getting busier during the run.
  for (let i = 0; i < 1980; i++)
    await post(`${server.url}/api/windows/${4 + (i % 2)}/call-next`, {}, i % 2 ? token5 : token);
  const shortAfter = await alternate(server.url, token, 300);
  await server.kill();
  const short = { issue: [...shortBefore.issue, ...shortAfter.issue], call: [...shortBefore.call, ...shortAfter.call] };
  const line = (what: string, a: number[], b: number[]) =>
    `${what}, one at a time, civil line shared by windows 4 and 5: p50 ${ms(pct(b, 50))} with 2000 waiting | ${ms(pct(a, 50))} with 20 waiting (before and after) | ${ratio(pct(b, 50) / pct(a, 50))} [≤ 1.30×]`;
  return [line('ticket issue', short.issue, long.issue), line('call-next', short.call, long.call)];
}

interface Watcher {
  arrivals: Map<string, number>;
  close(): void;
}

function watch(url: string, onMessage?: (text: string) => void, role = 'display'): Promise<Watcher> {
  return new Promise((res, rej) => {
    const arrivals = new Map<string, number>();
    const ws = new WebSocket(`${url.replace('http', 'ws')}/ws?role=${role}`);
    let ready = false;
    ws.on('message', (data) => {
      const t = performance.now();
      const text = data.toString();
      if (!ready && text.includes('"type":"snapshot"')) {
        ready = true;
        res({ arrivals, close: () => ws.close() });
      }
      if (text.includes('"type":"ticket.called"')) {
        const id = /"ticketId":"([^"]+)"/.exec(text)?.[1];
        if (id) arrivals.set(id, t);
      }
      onMessage?.(text);
    });
    ws.on('error', rej);
  });
}

/**
 * A /t/:id page as kiosk/ticket/TicketPage.tsx behaves: subscribed to its own ticket (role=ticket), which the
 * server pushes; GET /api/tickets/:id once per snapshot (a reconnect), one request at a time.
 */
async function phonePage(url: string, ticketId: string): Promise<Watcher> {
  let inFlight = false;
  let again = false;
  const refresh = (): void => {
    if (inFlight) {
      again = true;
      return;
    }
    inFlight = true;
    http
      .get(`${url}/api/tickets/${ticketId}`, { agent }, (res) => {
        res.resume();
        res.on('end', () => {
          inFlight = false;
          if (again) (again = false), refresh();
        });
      })
      .on('error', () => (inFlight = false));
  };
  return watch(
    url,
    (text) => {
      if (text.includes('"type":"snapshot"')) refresh();
    },
    `ticket&ticket=${ticketId}`,
  );
}

/** Calls made by `call`, one every 150 ms; per call, when the last of `watchers` had it. */
async function calls(watchers: Watcher[], count: number, call: () => Promise<string>): Promise<number[]> {
  const sent: { id: string; at: number }[] = [];
  for (let i = 0; i < count; i++) {
    const at = performance.now();
    sent.push({ id: await call(), at });
    await new Promise((r) => setTimeout(r, 150));
  }
  await new Promise((r) => setTimeout(r, 500));
  return sent.map(({ id, at }) => Math.max(...watchers.map((w) => w.arrivals.get(id) ?? Infinity)) - at);
}

/**
 * Staff click → the call on the last of 200 displays and 500 phone pages, against a bare broadcast to 700.
 * Both servers keep their 700 sockets open the whole time and take turns, 10 calls at a time (floor,
 * project, floor …): the p99 of 50 calls is nearly their slowest, and one after the other the two did not
 * see the same machine (0.89× and 1.26× in two runs).
 */
export async function fanOut(configDir: string): Promise<string[]> {
  const floor = await startFloor('tests/bench/floor-broadcast.ts');
  const server = await spawnServer({
    dataDir: mkdtempSync(join(tmpdir(), 'bench-fan-')),
    env: { KIOSK_CONFIG: configDir },
  });
  const token = await login(server.url, 4);
  const phones: string[] = [];
  await load(500, 10, async (i) => {
    const r = await post(`${server.url}/api/tickets`, { categoryId: CATEGORIES[i % CATEGORIES.length] });
    phones.push((r.json as { ticket: { id: string } }).ticket.id);
  });
  const floorWatchers = await Promise.all(Array.from({ length: 700 }, () => watch(floor.url)));
  const watchers = [
    ...(await Promise.all(Array.from({ length: 200 }, () => watch(server.url)))),
    ...(await Promise.all(phones.map((id) => phonePage(server.url, id)))),
  ];
  await new Promise((r) => setTimeout(r, 1000)); // the phone pages' first GETs
  const f: number[] = [];
  const p: number[] = [];
  for (let turn = 0; turn < 5; turn++) {
    f.push(
      ...(await calls(floorWatchers, 10, async () => {
        const r = await post(`${floor.url}/call`, {});
        return (r.json as { call: { ticketId: string } }).call.ticketId;
      })),
    );
    p.push(
      ...(await calls(watchers, 10, async () => {
        const r = await post(`${server.url}/api/windows/4/call-next`, {}, token);
        if (r.status !== 200) throw new Error(`叫号失败 ${r.status} ${JSON.stringify(r.json)}`);
        return (r.json as { call: { ticketId: string } }).call.ticketId;
      })),
    );
  }
  for (const w of [...floorWatchers, ...watchers]) w.close();
  await floor.stop();
  await server.kill();
  return [
    `a call on 200 displays + 500 phone pages (/t/:id), 50 calls (5 turns of 10, alternating with the floor): last screen p50 ${ms(pct(p, 50))}, p99 ${ms(pct(p, 99))}` +
      ` | bare ws broadcast to 700 sockets p50 ${ms(pct(f, 50))}, p99 ${ms(pct(f, 99))} | p99 ${ratio(pct(p, 99) / pct(f, 99))} [≤ 1.20×]`,
  ];
}

export async function queueFigures(configDir: string): Promise<string[]> {
  return [...(await issueAgainstFloor(configDir)), ...(await queueLength(configDir)), ...(await fanOut(configDir))];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const only = process.argv[2];
  const configDir = loadTestConfigDir();
  const run =
    only === 'issue' ? issueAgainstFloor : only === 'length' ? queueLength : only === 'fanout' ? fanOut : queueFigures;
  run(configDir)
    .then((lines) => {
      for (const l of lines) console.log(l);
    })
    .catch((err) => {
      console.error(err);
      process.exit(1);
    });
}
