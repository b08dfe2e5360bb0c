// The whole server in the test process on a free port, with simulated devices speaking the real byte
// protocols, a temporary data folder and the built pages from dist/ (npm test builds them first).
import { mkdtempSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import WebSocket from 'ws';
import { bootServer, type BootedServer } from '../../server/boot.ts';
import type { Config } from '../../server/config/load.ts';
import type { Clock } from '../../server/common/clock.ts';
import type { ServerMessage } from '../../server/contract/ws.ts';
import { testConfig } from './config.ts';

export interface TestServer {
  url: string;
  port: number;
  dataDir: string;
  app: BootedServer;
  /** The simulated devices (insert a card, scan, paper out, unplug, printed jobs). */
  sim: NonNullable<BootedServer['devices']['set']['simulation']>;
  logs: string[];
  stop(): Promise<void>;
  /** Stop and start again on the same port and data folder (a server restart). */
  restart(): Promise<void>;
}

export async function startTestServer(
  opts: {
    config?: Config;
    dataDir?: string;
    port?: number;
    clock?: Clock;
    ports?: { printerPort?: string; idReaderPort?: string; scannerPort?: string };
    handwritingModel?: string;
    /** The day roll-over's period (a test that crosses midnight need not wait a minute). */
    housekeepingEveryMs?: number;
  } = {},
): Promise<TestServer> {
  const config = opts.config ?? testConfig();
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'kiosk-test-'));
  const logs: string[] = [];
  const env = {
    dataDir,
    distDir: resolve(new URL('../../dist', import.meta.url).pathname),
    printerPort: undefined,
    idReaderPort: undefined,
    scannerPort: undefined,
    ...opts.ports,
  };
  const boot = (port: number) =>
    bootServer({
      config,
      env,
      port,
      host: '127.0.0.1',
      clock: opts.clock,
      log: (l) => logs.push(l),
      handwritingModel: opts.handwritingModel,
      housekeepingEveryMs: opts.housekeepingEveryMs,
    });
  let app = await boot(opts.port ?? 0);
  const server: TestServer = {
    get url() {
      return app.url;
    },
    get port() {
      return app.port;
    },
    dataDir,
    get app() {
      return app;
    },
    get sim() {
      return app.devices.set.simulation!;
    },
    logs,
    stop: () => app.stop(),
    async restart() {
      const port = app.port;
      await app.stop();
      app = await boot(port);
    },
  };
  return server;
}

export async function postJson<T = unknown>(
  url: string,
  body: unknown,
  token?: string,
): Promise<{ status: number; body: T }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as T };
}

/**
 * JSON over a fresh connection per request (no keep-alive pool): a pooled socket from before a server
 * restart or kill would fail the first request after it ("other side closed"), depending on timing.
 * `from` picks the local address (127.0.0.2 is not a kiosk address: a console PC).
 */
export function requestJson<T = unknown>(
  base: string,
  method: 'GET' | 'POST',
  path: string,
  opts: { body?: unknown; token?: string; from?: string } = {},
): Promise<{ status: number; body: T }> {
  const text = opts.body === undefined ? undefined : JSON.stringify(opts.body);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      `${base}${path}`,
      {
        method,
        agent: false,
        localAddress: opts.from,
        headers: {
          ...(text ? { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) } : {}),
          ...(opts.token ? { Authorization: `Bearer ${opts.token}` } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as T }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(text);
  });
}

export async function getJson<T = unknown>(url: string, token?: string): Promise<{ status: number; body: T }> {
  const res = await fetch(url, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
  return { status: res.status, body: (await res.json()) as T };
}

export async function staffToken(url: string, windowNo: number, post: 'a' | 'b' = 'a'): Promise<string> {
  const r = await postJson<{ token: string }>(`${url}/api/login`, {
    staffId: `w${windowNo}${post}`,
    pin: '246810',
    windowNo,
  });
  if (r.status !== 200) throw new Error(`登录失败：${JSON.stringify(r.body)}`);
  return r.body.token;
}

/** A WebSocket client that records every message, with a helper to wait for one. */
export class WsRecorder {
  readonly messages: ServerMessage[] = [];
  readonly socket: WebSocket;
  readonly opened: Promise<void>;

  constructor(url: string, role: string, headers: Record<string, string> = {}) {
    this.socket = new WebSocket(`${url.replace('http', 'ws')}/ws?role=${role}`, { headers });
    this.socket.on('message', (data) => this.messages.push(JSON.parse(data.toString()) as ServerMessage));
    this.opened = new Promise((res, rej) => {
      this.socket.once('open', () => res());
      this.socket.once('error', rej);
      this.socket.once('unexpected-response', (_req, response) =>
        rej(new Error(`WebSocket 被拒绝：${response.statusCode}`)),
      );
    });
  }

  async waitFor<T extends ServerMessage['type']>(
    type: T,
    predicate: (m: Extract<ServerMessage, { type: T }>) => boolean = () => true,
    timeoutMs = 5000,
  ): Promise<Extract<ServerMessage, { type: T }>> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.messages.find((m) => m.type === type && predicate(m as Extract<ServerMessage, { type: T }>));
      if (found) return found as Extract<ServerMessage, { type: T }>;
      if (Date.now() > deadline)
        throw new Error(`${timeoutMs} ms 内没有收到 ${type}（收到：${this.messages.map((m) => m.type).join(', ')}）`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  close(): void {
    this.socket.close();
  }
}

/** Pairs a rating tablet with a window as staff do (code from the console, typed on the tablet): its device token. */
export async function pairTablet(url: string, windowNo: number, staffToken: string): Promise<string> {
  const code = await postJson<{ code: string }>(`${url}/api/windows/${windowNo}/rating/pairing-code`, {}, staffToken);
  if (code.status !== 200) throw new Error(`配对码获取失败：${JSON.stringify(code.body)}`);
  const started = await postJson<{ nonce: string }>(`${url}/api/windows/${windowNo}/rating/pair`, {
    code: code.body.code,
  });
  if (started.status !== 200) throw new Error(`配对失败：${JSON.stringify(started.body)}`);
  // The tablet's own 确认 (issue #23 item 6).
  const paired = await postJson<{ token: string }>(`${url}/api/windows/${windowNo}/rating/pair/confirm`, {
    nonce: started.body.nonce,
  });
  if (paired.status !== 200) throw new Error(`配对确认失败：${JSON.stringify(paired.body)}`);
  return paired.body.token;
}

/** A rating tablet's verdict (X-Rate-Device carries the device token a paired tablet keeps in its cookie). */
export async function rateAs(
  url: string,
  windowNo: number,
  body: unknown,
  device?: string,
): Promise<{ status: number; body: any }> {
  const res = await fetch(`${url}/api/windows/${windowNo}/rating`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(device ? { 'X-Rate-Device': device } : {}) },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
}

/**
 * A hall at work: every window's A post signed in. Without it the kiosk rightly says 当前无人值守 and asks
 * before issuing a number (issue 24), which tests about other things would have to click through.
 */
export async function staffEveryWindow(server: Pick<TestServer, 'url' | 'app'>): Promise<void> {
  for (const w of server.app.ctx.config.windows) await staffToken(server.url, w.no);
}
