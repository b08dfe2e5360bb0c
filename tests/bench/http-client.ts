// The one HTTP client of the benchmarks: the project and its floors are measured with the same code, the
// same keep-alive agent and the same bodies (issue 26: a fair comparison).
import http from 'node:http';

// node:http with keep-alive: fetch's own overhead on this 2-core machine would be measured otherwise.
export const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

export function post(url: string, body: unknown, token?: string): Promise<{ status: number; json: unknown }> {
  const data = JSON.stringify(body);
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
          'Content-Length': Buffer.byteLength(data),
          ...(token ? { Authorization: `Bearer ${token}` } : {}),
        },
      },
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

export async function login(base: string, no: number): Promise<string> {
  const r = await post(`${base}/api/login`, { staffId: `w${no}a`, pin: '246810', windowNo: no });
  return (r.json as { token: string }).token;
}

/** Run `total` requests from `clients` concurrent loops; latency of each. */
export async function load(
  total: number,
  clients: number,
  one: (i: number, client: number) => Promise<void>,
): Promise<{ lat: number[]; seconds: number }> {
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

export function pct(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? NaN;
}

export const CATEGORIES = ['consult', 'civil', 'labor', 'health', 'disabled', 'general'];
