// 200 screens lose their WebSocket at once (a switch reboots), the queue moves on while they are away,
// and they all come back: each one's first snapshot must be the server's true state, and the next event
// must reach every one of them with seq counting up by one. Then the screens' own client (kiosk/lib/live.ts)
// is run in Node against a server that drops its socket (a restart) and must reconnect to the truth.
import { rmSync } from 'node:fs';
import WebSocket from 'ws';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { LiveQueue } from '../../kiosk/lib/live.ts';
import type { QueueSnapshot, Ticket, WindowState } from '../../server/contract/queue.ts';
import type { ServerMessage, WsRole } from '../../server/contract/ws.ts';
import { requestJson, staffToken, startTestServer, WsRecorder, type TestServer } from '../helpers/server.ts';

let server: TestServer;
let tokens: Record<1 | 4, string>;

beforeAll(async () => {
  server = await startTestServer();
  tokens = { 1: await staffToken(server.url, 1), 4: await staffToken(server.url, 4) };
});
afterAll(async () => {
  await server?.stop();
  if (server) rmSync(server.dataDir, { recursive: true, force: true });
});
afterEach(() => {
  vi.unstubAllGlobals();
});

const api = <T>(method: 'GET' | 'POST', path: string, body?: unknown, token?: string) =>
  requestJson<T>(server.url, method, path, { body, token });
const getJson = <T>(path: string, token?: string) => api<T>('GET', path, undefined, token);
const postJson = <T>(path: string, body: unknown, token?: string) => api<T>('POST', path, body, token);

async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 8000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${timeoutMs} ms 内未等到：${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

async function issue(categoryId: string): Promise<Ticket> {
  const r = await postJson<{ ticket: Ticket }>('/api/tickets', { categoryId });
  expect(r.status).toBe(201);
  return r.body.ticket;
}

async function callNext(windowNo: 1 | 4): Promise<Ticket> {
  const r = await postJson<{ call: { ticketId: string; number: string } }>(
    `/api/windows/${windowNo}/call-next`,
    {},
    tokens[windowNo],
  );
  expect(r.status).toBe(200);
  return (await getJson<{ ticket: Ticket }>(`/api/tickets/${r.body.call.ticketId}`)).body.ticket;
}

/** The truth from the HTTP API, not from the hub. */
async function truth(): Promise<{ tickets: Ticket[]; windows: WindowState[] }> {
  const tickets = (await getJson<{ tickets: Ticket[] }>('/api/tickets?status=open', tokens[1])).body.tickets;
  const windows = (await getJson<{ windows: WindowState[] }>('/api/windows')).body.windows;
  return { tickets, windows };
}

/** All prints finished: print.result and device messages would otherwise still be on their way. */
async function printsSettled(total: number): Promise<void> {
  await until(`${total} 张小票打印完`, () => server.sim.printedJobs().length === total);
  await new Promise((r) => setTimeout(r, 50));
}

// Hall displays, the kiosk itself and window consoles (logged in), as in a real hall.
const ROLES: WsRole[] = Array.from({ length: 200 }, (_, i) => (i < 150 ? 'display' : i < 190 ? 'kiosk' : 'console'));

function connectAll(): WsRecorder[] {
  return ROLES.map(
    (role) => new WsRecorder(server.url, role, role === 'console' ? { Authorization: `Bearer ${tokens[1]}` } : {}),
  );
}

async function snapshotsArrived(clients: WsRecorder[]): Promise<void> {
  await Promise.all(clients.map((c) => c.opened));
  await until('每个连接都收到快照', () => clients.every((c) => c.messages.length > 0));
}

const firstSnapshot = (c: WsRecorder): QueueSnapshot => {
  const m = c.messages[0]!;
  if (m.type !== 'snapshot') throw new Error(`第一条消息应为 snapshot，实际是 ${m.type}`);
  return m.snapshot;
};

describe('200 WebSocket clients dropped and reconnected at once', () => {
  it('every reconnected client starts from the true state and then gets every event in seq order', async () => {
    let printed = 0;
    for (const c of ['consult', 'consult', 'consult', 'civil', 'civil']) await issue(c);
    printed += 5;
    await callNext(1);

    const before = connectAll();
    await snapshotsArrived(before);
    expect(before.every((c) => firstSnapshot(c).tickets.length === 5)).toBe(true);

    // All gone at once, without a close handshake.
    for (const c of before) c.socket.terminate();
    await until(
      '服务器清掉全部断开的连接',
      async () => (await getJson<{ connections: number }>('/api/health')).body.connections === 0,
    );

    // The queue moves on while nobody watches.
    for (const c of ['consult', 'consult', 'civil', 'civil', 'general']) await issue(c);
    printed += 5;
    const atWindow1 = await callNext(1);
    await callNext(4);
    const atWindow4 = await callNext(4);
    expect(atWindow4.number).toBe('B002');
    await printsSettled(printed);

    const after = connectAll();
    await snapshotsArrived(after);
    const real = await truth();
    // A fresh client of each role is the hub's own view of "now".
    const reference = new Map<WsRole, QueueSnapshot>();
    for (const role of ['display', 'kiosk', 'console'] as const) {
      const fresh = new WsRecorder(
        server.url,
        role,
        role === 'console' ? { Authorization: `Bearer ${tokens[1]}` } : {},
      );
      reference.set(role, (await fresh.waitFor('snapshot')).snapshot);
      fresh.socket.terminate();
    }

    // A001 and B001 were finished by the next call at their window; everything else is still open.
    expect(real.tickets.map((t) => t.number).sort()).toEqual([
      'A002',
      'A003',
      'A004',
      'A005',
      'B002',
      'B003',
      'B004',
      'F001',
    ]);
    expect(real.windows.find((w) => w.no === 1)!.currentTicketId).toBe(atWindow1.id);
    expect(real.windows.find((w) => w.no === 4)!.currentTicketId).toBe(atWindow4.id);

    after.forEach((c, i) => {
      expect(c.messages[0]!.seq, `客户端 ${i}`).toBe(1);
      const snap = firstSnapshot(c);
      expect(snap, `客户端 ${i}（${ROLES[i]}）`).toEqual(reference.get(ROLES[i]!));
      expect(snap.tickets).toEqual(real.tickets);
      expect(snap.windows).toEqual(real.windows);
    });

    // One more call: every client gets it, and seq has no gap and no repeat on any connection.
    const called = await callNext(4);
    expect(called.number).toBe('B003');
    await until('全部 200 个连接收到叫号', () =>
      after.every((c) => c.messages.some((m) => m.type === 'ticket.called' && m.ticket.number === 'B003')),
    );
    await until('叫号后的类别更新送达', () =>
      after.every((c) => c.messages.some((m) => m.type === 'categories.updated')),
    );
    after.forEach((c, i) => {
      expect(
        c.messages.map((m) => m.seq),
        `客户端 ${i}`,
      ).toEqual(c.messages.map((_, k) => k + 1));
      const calls = c.messages.filter(
        (m): m is Extract<ServerMessage, { type: 'ticket.called' }> => m.type === 'ticket.called',
      );
      expect(calls.map((m) => [m.ticket.number, m.call.windowNo])).toEqual([['B003', 4]]);
      const win4 = c.messages.filter(
        (m): m is Extract<ServerMessage, { type: 'window.updated' }> =>
          m.type === 'window.updated' && m.window.no === 4,
      );
      expect(win4.at(-1)!.window.currentTicketId).toBe(called.id);
    });
    for (const c of after) c.socket.terminate();
  }, 20_000);
});

// Node 20 has no global WebSocket; `ws` has the browser's onmessage/onclose API. A browser reports a
// refused connection as an event; `ws` throws an unhandled 'error', so give it a listener.
class BrowserWebSocket extends WebSocket {
  constructor(url: string) {
    super(url);
    this.on('error', () => {});
  }
}

const normalise = (s: Pick<QueueSnapshot, 'tickets' | 'windows'>) => ({
  // Events re-send only the tickets a command touched, so `ahead` of the others is not compared.
  tickets: s.tickets
    .map((t) => ({ id: t.id, number: t.number, status: t.status, windowNo: t.windowNo, categoryId: t.categoryId }))
    .sort((x, y) => x.id.localeCompare(y.id)),
  windows: s.windows.map((w) => ({ no: w.no, currentTicketId: w.currentTicketId, paused: w.paused })),
});

describe('kiosk/lib/live.ts when the server drops its socket', () => {
  it('reconnects after a server restart and ends on the true state, then follows new events', async () => {
    vi.stubGlobal('WebSocket', BrowserWebSocket);
    vi.stubGlobal('location', { protocol: 'http:', host: `127.0.0.1:${server.port}` });
    const live = new LiveQueue('display');
    let closes = 0;
    let snapshots = 0;
    live.subscribe((state, msg) => {
      if (msg === null && !state.connected) closes++;
      if (msg?.type === 'snapshot') snapshots++;
    });
    try {
      live.start();
      await until('LiveQueue 连上并收到快照', () => live.state.connected && live.state.snapshot !== null);
      const t = await issue('labor');
      await until('LiveQueue 收到新号', () => !!live.state.snapshot?.tickets.some((x) => x.id === t.id));

      // The server goes away mid-stream (every socket terminated) and comes back on the same port.
      await server.restart();
      const whileAway = await issue('labor');
      await callNext(1);
      const real = await truth();
      expect(real.tickets.some((x) => x.id === whileAway.id)).toBe(true);
      await until(
        'LiveQueue 重连并与服务器一致',
        async () =>
          live.state.connected &&
          JSON.stringify(normalise(live.state.snapshot!)) === JSON.stringify(normalise(await truth())),
      );
      expect(closes).toBeGreaterThanOrEqual(1);
      expect(snapshots).toBeGreaterThanOrEqual(2);
      expect(normalise(live.state.snapshot!)).toEqual(normalise(await truth()));

      // Events after the reconnect apply in order on top of the new snapshot.
      const called = await callNext(4);
      await until(
        'LiveQueue 收到重连后的叫号',
        () => live.state.snapshot!.windows.find((w) => w.no === 4)?.currentTicketId === called.id,
      );
      expect(normalise(live.state.snapshot!)).toEqual(normalise(await truth()));
    } finally {
      live.stop();
    }
  }, 20_000);
});
