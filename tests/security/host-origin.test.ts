// DNS rebinding and foreign origins (issue): a request whose Host is not one of this server's names gets
// 421 whatever it asks (tickets, simulated devices, pages); a WebSocket from a foreign Origin is refused
// (a kiosk-role socket from evil.example must never receive idcard.read or scan).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'node:http';
import WebSocket from 'ws';
import { startTestServer, type TestServer } from '../helpers/server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server?.stop());

function send(
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: string,
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: server.port,
        method,
        path,
        agent: false,
        headers: {
          ...(body ? { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(body)) } : {}),
          ...headers,
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

function upgrade(
  role: string,
  headers: Record<string, string>,
): Promise<{ status: number; ws: WebSocket; messages: string[] }> {
  return new Promise((resolve) => {
    const messages: string[] = [];
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/ws?role=${role}`, { headers });
    ws.on('message', (d) => messages.push(d.toString()));
    ws.on('open', () => resolve({ status: 101, ws, messages }));
    ws.on('unexpected-response', (_req, res) => resolve({ status: res.statusCode ?? 0, ws, messages }));
  });
}

describe('Host', () => {
  it('a foreign Host gets 421 on the API, the simulated devices and the pages', async () => {
    for (const [method, path, body] of [
      ['POST', '/api/tickets', JSON.stringify({ categoryId: 'civil' })],
      ['GET', '/api/health', undefined],
      ['POST', '/api/sim/idcard', JSON.stringify({})],
      ['GET', '/kiosk', undefined],
      ['GET', '/api/tickets/x', undefined],
    ] as const) {
      for (const host of ['evil.example', 'evil.example:8080', '127.0.0.1.evil.example', '[::2]:1']) {
        const r = await send(method, path, { Host: host }, body);
        expect(r.status, `${host} ${method} ${path}`).toBe(421);
        expect(JSON.parse(r.text).error.message).toMatch(/主机名/);
      }
    }
    expect(server.app.ctx.store.openTickets()).toHaveLength(0);
  });

  it('the names this server is really reached by are accepted', async () => {
    for (const host of [
      `127.0.0.1:${server.port}`,
      `localhost:${server.port}`,
      'localhost',
      `[::1]:${server.port}`,
      `LOCALHOST:${server.port}`,
    ]) {
      expect((await send('GET', '/api/health', { Host: host })).status, host).toBe(200);
    }
    expect(
      (
        await send(
          'POST',
          '/api/tickets',
          { Host: `localhost:${server.port}` },
          JSON.stringify({ categoryId: 'civil' }),
        )
      ).status,
    ).toBe(201);
  });

  it('a WebSocket upgrade with a foreign Host is refused', async () => {
    const r = await upgrade('display', { Host: 'evil.example' });
    expect(r.status).toBe(421);
  });
});

describe('Origin', () => {
  it('a kiosk-role WebSocket from http://evil.example is refused and receives no card or scan', async () => {
    const evil = await upgrade('kiosk', { Origin: 'http://evil.example' });
    expect(evil.status).toBe(403);
    const own = await upgrade('kiosk', { Origin: `http://127.0.0.1:${server.port}` });
    expect(own.status).toBe(101);
    server.sim.scan('YY:ABCDEFGH');
    await expect.poll(() => own.messages.some((m) => m.includes('"type":"scan"'))).toBe(true);
    expect(evil.messages).toEqual([]);
    own.ws.close();
  });

  it('Origin null and malformed origins are refused on upgrade and on writes; no Origin (not a browser) is fine', async () => {
    for (const origin of [
      'null',
      'http://evil.example',
      'http://127.0.0.1.evil.example',
      'not a url',
      `http://127.0.0.1:${server.port}.evil`,
    ]) {
      expect((await upgrade('display', { Origin: origin })).status, origin).toBe(403);
      expect(
        (await send('POST', '/api/tickets', { Origin: origin }, JSON.stringify({ categoryId: 'civil' }))).status,
        origin,
      ).toBe(403);
    }
    const plain = await upgrade('display', {});
    expect(plain.status).toBe(101);
    plain.ws.close();
  });
});
