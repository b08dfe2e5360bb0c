// The real server on a free port, driven over HTTP and WebSocket as the screens and consoles drive it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getJson, postJson, staffToken, startTestServer, WsRecorder, type TestServer } from '../helpers/server.ts';
import type { Ticket } from '../../server/contract/queue.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

describe('HTTP contract', () => {
  it('answers health with every device state', async () => {
    const { status, body } = await getJson<{ ok: boolean; devices: { kind: string; simulated: boolean }[] }>(
      `${server.url}/api/health`,
    );
    expect(status).toBe(200);
    expect(body.devices.map((d) => d.kind).sort()).toEqual(['idcard', 'printer', 'scanner']);
    expect(body.devices.every((d) => d.simulated)).toBe(true);
  });

  it('lists categories with waiting counts', async () => {
    const { body } = await getJson<{
      categories: { id: string; prefix: string; waiting: number; windows: number[] }[];
    }>(`${server.url}/api/categories`);
    expect(body.categories.find((c) => c.id === 'civil')).toMatchObject({ prefix: 'B', windows: [4, 5] });
  });

  it('takes a ticket (201), returns the same one for a retried key (200), and prints its slip', async () => {
    const before = server.sim.printedJobs().length;
    const first = await postJson<{ ticket: Ticket; created: boolean }>(`${server.url}/api/tickets`, {
      categoryId: 'labor',
      idempotencyKey: 'test-key-0001',
    });
    expect(first.status).toBe(201);
    expect(first.body.ticket).toMatchObject({ number: 'C001', categoryId: 'labor', status: 'waiting', ahead: 0 });
    const again = await postJson<{ ticket: Ticket; created: boolean }>(`${server.url}/api/tickets`, {
      categoryId: 'labor',
      idempotencyKey: 'test-key-0001',
    });
    expect(again.status).toBe(200);
    expect(again.body.ticket.id).toBe(first.body.ticket.id);
    await expect.poll(() => server.sim.printedJobs().length, { timeout: 5000 }).toBe(before + 1);
    const got = await getJson<{ ticket: Ticket }>(`${server.url}/api/tickets/${first.body.ticket.id}`);
    expect(got.body.ticket.number).toBe('C001');
  });

  it('refuses bad bodies with a Chinese message and the right status, never a stack', async () => {
    const unknown = await postJson<{ error: { code: string; message: string } }>(`${server.url}/api/tickets`, {
      categoryId: 'nope',
    });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message).toContain('没有编号为');
    const extra = await postJson<{ error: { code: string; message: string } }>(`${server.url}/api/tickets`, {
      categoryId: 'civil',
      evil: 1,
    });
    expect(extra.status).toBe(400);
    expect(extra.body.error.code).toBe('invalid-body');
    const res = await fetch(`${server.url}/api/tickets`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"categoryId":',
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toBe('请求内容不是有效的 JSON');
    const big = await fetch(`${server.url}/api/tickets`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ categoryId: 'x'.repeat(70_000) }),
    });
    expect(big.status).toBe(413);
    const notFound = await getJson<{ error: { code: string } }>(`${server.url}/api/nothing`);
    expect(notFound.status).toBe(404);
  });

  it('window actions need a staff login for that window', async () => {
    const anonymous = await postJson<{ error: { code: string } }>(`${server.url}/api/windows/3/call-next`, {});
    expect(anonymous.status).toBe(401);
    const token5 = await staffToken(server.url, 5);
    const wrong = await postJson<{ error: { code: string } }>(`${server.url}/api/windows/3/call-next`, {}, token5);
    expect(wrong.status).toBe(403);
    const bad = await postJson<{ error: { code: string; message: string } }>(`${server.url}/api/login`, {
      staffId: 'w3a',
      pin: '000000',
      windowNo: 3,
    });
    expect(bad.status).toBe(401);
    expect(bad.body.error.message).toContain('工号或密码不正确');
  });
});

describe('WebSocket', () => {
  it('sends a snapshot, then events in seq order; a call reaches displays without personal data', async () => {
    const display = new WsRecorder(server.url, 'display');
    await display.opened;
    const snap = await display.waitFor('snapshot');
    expect(snap.seq).toBe(1);
    const card = await postJson<{ ticket: Ticket }>(`${server.url}/api/tickets`, { categoryId: 'health' });
    const token = await staffToken(server.url, 2);
    const called = await postJson<{ call: { announcement: string } }>(
      `${server.url}/api/windows/2/call-next`,
      {},
      token,
    );
    expect(called.body.call.announcement).toBe('请D001号到2号窗口办理');
    const msg = await display.waitFor('ticket.called', (m) => m.ticket.id === card.body.ticket.id);
    expect(msg.call.windowNo).toBe(2);
    const seqs = display.messages.map((m) => m.seq);
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    display.close();
  });

  it('a client that reconnects receives a fresh snapshot with the true state', async () => {
    const first = new WsRecorder(server.url, 'display');
    await first.waitFor('snapshot');
    first.close();
    const t = await postJson<{ ticket: Ticket }>(`${server.url}/api/tickets`, { categoryId: 'disabled' });
    const second = new WsRecorder(server.url, 'display');
    const snap = await second.waitFor('snapshot');
    expect(snap.snapshot.tickets.some((x) => x.id === t.body.ticket.id)).toBe(true);
    second.close();
  });

  it('refuses the console role without a login and the kiosk role from the LAN is checked by address', async () => {
    const consoleWs = new WsRecorder(server.url, 'console');
    await expect(consoleWs.opened).rejects.toThrow(/401/);
    const kiosk = new WsRecorder(server.url, 'kiosk');
    await kiosk.opened; // loopback is the kiosk machine
    kiosk.close();
  });

  it('answers a bad client message with an error and keeps the connection', async () => {
    const ws = new WsRecorder(server.url, 'display');
    await ws.waitFor('snapshot');
    ws.socket.send('{"type":"drop-tables"}');
    const err = await ws.waitFor('error');
    expect(err.error.code).toBe('bad-message');
    ws.socket.send('{"type":"snapshot.request"}');
    await ws.waitFor('snapshot', (m) => m.seq > 1);
    ws.close();
  });
});
