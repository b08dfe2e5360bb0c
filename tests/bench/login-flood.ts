// A login flood in `npm run bench`: 300 wrong-PIN logins at once from 300 loopback addresses (so neither the
// per-account nor the per-address lock stops them: every one reaches scrypt), while a kiosk keeps loading
// its page. At most 2 scrypt checks run at once (server/auth/password.ts), so the page stays quick.
import http from 'node:http';
import type { ServerProcess } from '../helpers/server-process.ts';

function get(url: string): Promise<number> {
  const t = performance.now();
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent: false }, (res) => {
        res.resume();
        res.on('end', () => resolve(performance.now() - t));
      })
      .on('error', reject);
  });
}

function login(base: string, from: string, i: number): Promise<number> {
  const body = JSON.stringify({ staffId: `w${(i % 6) + 1}a`, pin: String(100000 + i) });
  const u = new URL(`${base}/api/login`);
  return new Promise((resolve) => {
    const req = http.request(
      {
        host: u.hostname,
        port: u.port,
        path: u.pathname,
        method: 'POST',
        agent: false,
        localAddress: from,
        headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', () => resolve(0));
    req.end(body);
  });
}

export async function loginFlood(server: ServerProcess): Promise<string[]> {
  const quiet: number[] = [];
  for (let i = 0; i < 20; i++) quiet.push(await get(`${server.url}/kiosk`));
  let flooding = true;
  const during: number[] = [];
  const t0 = performance.now();
  const slow: string[] = [];
  const pages = (async () => {
    while (flooding) {
      const at = performance.now() - t0;
      const d = await get(`${server.url}/kiosk`);
      during.push(d);
      if (d > 200) slow.push(`${d.toFixed(0)}ms@${at.toFixed(0)}`);
    }
  })();
  const statuses = await Promise.all(
    Array.from({ length: 300 }, (_, i) => login(server.url, `127.0.${1 + Math.floor(i / 250)}.${(i % 250) + 2}`, i)),
  );
  const floodMs = performance.now() - t0;
  flooding = false;
  await pages;
  const pct = (v: number[], p: number) =>
    [...v].sort((a, b) => a - b)[Math.min(v.length - 1, Math.ceil((p / 100) * v.length) - 1)]!;
  const count = (s: number) => statuses.filter((x) => x === s).length;
  return [
    '## login flood',
    `300 parallel wrong-PIN logins from 300 addresses: all answered in ${floodMs.toFixed(0)} ms (401: ${count(401)}, 503 busy: ${count(503)}, other: ${300 - count(401) - count(503)}); GET /kiosk meanwhile: p50 ${pct(during, 50).toFixed(1)} ms, max ${Math.max(...during).toFixed(1)} ms over ${during.length} loads, p99 ${pct(during, 99).toFixed(1)} ms${process.env.FLOOD_DEBUG ? ` slow: ${slow.join(' ')}` : ''} (quiet: p50 ${pct(quiet, 50).toFixed(1)} ms) [was 6 s with 300 unbounded scrypt checks]`,
  ];
}
