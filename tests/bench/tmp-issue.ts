// npm run bench: speed and memory figures measured on this machine against the real server process.
// Not a test: it prints figures and the targets beside them, so a person can judge and report them.
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import WebSocket from 'ws';
import http from 'node:http';
import { loadTestConfigDir, spawnServer, type ServerProcess } from '../helpers/server-process.ts';

const ROOT = resolve(new URL('../..', import.meta.url).pathname);
const lines: string[] = [];
const say = (s: string) => {
  lines.push(s);
  console.log(s);
};

function pct(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? NaN;
}
const ms = (v: number) => `${v.toFixed(2)} ms`;

// node:http with keep-alive: fetch's own overhead on this 2-core machine would be measured otherwise.
const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
function post(url: string, body: unknown, token?: string): Promise<{ status: number; json: unknown }> {
  const data = JSON.stringify(body);
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: u.hostname, port: u.port, path: u.pathname, method: 'POST', agent, headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(data), ...(token ? { Authorization: `Bearer ${token}` } : {}) } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, json: text ? JSON.parse(text) : null }));
      },
    );
    req.on('error', reject);
    req.end(data);
  });
}

async function login(base: string, no: number): Promise<string> {
  const r = await post(`${base}/api/login`, { staffId: `w${no}a`, pin: '246810', windowNo: no });
  return (r.json as { token: string }).token;
}

/** Run `total` requests from `clients` concurrent loops; latency of each. */
async function load(total: number, clients: number, one: (i: number, client: number) => Promise<void>): Promise<{ lat: number[]; seconds: number }> {
  const lat: number[] = [];
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async (_, c) => {
      for (;;) {
        const i = next++;
        if (i >= total) return;
        const s = performance.now();
        await one(i, c);
        lat.push(performance.now() - s);
      }
    }),
  );
  return { lat, seconds: (performance.now() - t0) / 1000 };
}

const CATEGORIES = ['consult', 'civil', 'labor', 'health', 'disabled', 'general'];

async function coldStart(configDir: string): Promise<void> {
  const runs: number[] = [];
  for (let i = 0; i < 3; i++) {
    const server = await spawnServer({ dataDir: mkdtempSync(join(tmpdir(), 'bench-cold-')), env: { KIOSK_CONFIG: configDir } });
    runs.push(server.startMs);
    await server.kill();
  }
  say(`server cold start to ready (spawn → first healthy /api/health, 3 runs): ${runs.map((r) => ms(r)).join(', ')}  [target ≤ 1500 ms]`);
}

async function ticketsAndCalls(server: ServerProcess): Promise<void> {
  const issue = await load(2000, 20, async (i) => {
    const r = await post(`${server.url}/api/tickets`, { categoryId: CATEGORIES[i % CATEGORIES.length], idempotencyKey: `bench-issue-${i}-xxxxxxxx` });
    if (r.status !== 201) throw new Error(`取号失败 ${r.status} ${JSON.stringify(r.json)}`);
  });
  say(`ticket issue over HTTP, durable commit, 20 clients, 2000 tickets: p50 ${ms(pct(issue.lat, 50))}, p99 ${ms(pct(issue.lat, 99))}, ${(2000 / issue.seconds).toFixed(0)} tickets/s  [target p99 ≤ 10 ms, ≥ 1000/s]`);

  // What one kiosk sees in a hall: one request at a time (the 20-client figures above are saturation).
  const single = await load(300, 1, async (i) => {
    const r = await post(`${server.url}/api/tickets`, { categoryId: CATEGORIES[i % CATEGORIES.length], idempotencyKey: `bench-single-${i}-xxxxxxxx` });
    if (r.status !== 201) throw new Error(`取号失败 ${r.status} ${JSON.stringify(r.json)}`);
  });
  say(`ticket issue over HTTP, durable commit, 1 client (a kiosk), 300 tickets: p50 ${ms(pct(single.lat, 50))}, p99 ${ms(pct(single.lat, 99))}`);

  const tokens = await Promise.all([1, 2, 3, 4, 5, 6].map((no) => login(server.url, no)));
  const call = await load(1800, 20, async (_i, c) => {
    const no = (c % 6) + 1;
    const r = await post(`${server.url}/api/windows/${no}/call-next`, {}, tokens[no - 1]);
    if (r.status !== 200 && r.status !== 409) throw new Error(`叫号失败 ${r.status} ${JSON.stringify(r.json)}`);
  });
  say(`call-next over HTTP, 20 clients on 6 windows, 1800 calls: p50 ${ms(pct(call.lat, 50))}, p99 ${ms(pct(call.lat, 99))}, ${(1800 / call.seconds).toFixed(0)} calls/s  [target p99 ≤ 10 ms]`);
}

(async () => {
  const server = await spawnServer({ dataDir: mkdtempSync(join(tmpdir(), 'bench-')), env: { KIOSK_CONFIG: loadTestConfigDir() } });
  try { await ticketsAndCalls(server); } finally { await server.kill(); }
  process.exit(0);
})();
