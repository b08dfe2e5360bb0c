// Each role does only its own work (issue: windows acting on other windows' work, anyone rating any window).
// Window 5 (残联·民政) owns its cases, its categories' appointments and tickets; window 3's clerk gets 403 on
// every one of them, window 5's clerk and the administrator do not. Rating: only the tablet paired with a
// window reads and answers its ratings; staff sessions cannot rate.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import {
  getJson,
  pairTablet,
  postJson,
  rateAs,
  requestJson,
  startTestServer,
  type TestServer,
} from '../helpers/server.ts';
import type { Appointment } from '../../server/contract/appointments.ts';
import type { Ticket } from '../../server/contract/queue.ts';

let server: TestServer;
const tokens: Record<string, string> = {};
const login = async (staffId: string, pin: string, windowNo?: number) => {
  const r = await postJson<{ token: string }>(`${server.url}/api/login`, {
    staffId,
    pin,
    ...(windowNo ? { windowNo } : {}),
  });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body.token;
};
/** A console PC: not the kiosk address. */
const CONSOLE = '127.0.0.2';
const as = (who: string, method: 'GET' | 'POST', path: string, body: unknown = method === 'POST' ? {} : undefined) =>
  requestJson<any>(server.url, method, path, { body, token: tokens[who], from: CONSOLE });

beforeAll(async () => {
  server = await startTestServer();
  tokens.w3 = await login('w3a', '246810', 3);
  tokens.w5 = await login('w5a', '246810', 5);
  tokens.admin = await login('admin', 'admin2026');
});
afterAll(async () => server?.stop());

const takeTicket = async (categoryId: string, extra: object = {}) => {
  const r = await postJson<{ ticket: Ticket }>(`${server.url}/api/tickets`, { categoryId, ...extra });
  expect(r.status).toBe(201);
  return r.body.ticket;
};

describe('cases belong to their window', () => {
  it('window 3 gets 403 on every action of a window-5 case; window 5 and the admin may act', async () => {
    const accepted = await as('w5', 'POST', '/api/windows/5/cases', {
      matterId: 'street-03',
      kind: 'promised',
      promisedDays: 5,
    });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(201);
    const id = accepted.body.case.id as string;
    const actions: ['GET' | 'POST', string, unknown?][] = [
      ['POST', `/api/cases/${id}/correction`, { missingMaterials: ['户口簿'] }],
      ['POST', `/api/cases/${id}/materials-received`],
      ['POST', `/api/cases/${id}/state`, { to: 'reported' }],
      ['POST', `/api/cases/${id}/state`, { to: 'finished' }],
      ['POST', `/api/cases/${id}/state`, { to: 'rejected', note: '不符合条件' }],
      ['GET', `/api/cases/${id}/document`],
      ['POST', `/api/cases/${id}/print`],
    ];
    for (const [method, path, body] of actions) {
      const r = await as('w3', method, path, body);
      expect(r.status, `${method} ${path}`).toBe(403);
      expect(r.body.error.code).toBe('other-window');
      expect(r.body.error.message).toMatch(/5 号窗口的业务/);
    }
    expect((await as('w3', 'POST', '/api/windows/5/cases', { matterId: 'street-03' })).status).toBe(403);
    // The owner works on it; the administrator may too.
    expect((await as('w5', 'POST', `/api/cases/${id}/correction`, { missingMaterials: ['户口簿'] })).status).toBe(200);
    expect((await as('w5', 'POST', `/api/cases/${id}/materials-received`)).status).toBe(200);
    expect((await as('admin', 'POST', `/api/cases/${id}/print`)).status).toBe(200);
    const doc = await fetch(`${server.url}/api/cases/${id}/document`, {
      headers: { Authorization: `Bearer ${tokens.w5}` },
    });
    expect(doc.status).toBe(200);
    // Nobody signed in: 401.
    expect((await requestJson(server.url, 'POST', `/api/cases/${id}/print`, { body: {}, from: CONSOLE })).status).toBe(
      401,
    );
  });
});

describe('appointments belong to the windows serving their category', () => {
  it('window 3 cannot cancel or print a 残联 appointment; window 5 can', async () => {
    const date = server.app.ctx.store.today();
    const booked = await as('w5', 'POST', '/api/appointments', {
      categoryId: 'disabled',
      date,
      slotFrom: '23:00',
      slotTo: '23:30',
    });
    expect(booked.status, JSON.stringify(booked.body)).toBe(201);
    const a = booked.body.appointment as Appointment;
    for (const action of ['print', 'cancel']) {
      const r = await as('w3', 'POST', `/api/appointments/${a.id}/${action}`);
      expect(r.status, action).toBe(403);
      expect(r.body.error.message).toMatch(/5 号窗口/);
    }
    expect((await as('w5', 'POST', `/api/appointments/${a.id}/print`)).status).toBe(200);
    expect((await as('w5', 'POST', `/api/appointments/${a.id}/cancel`)).status).toBe(200);
    // Check-in is the kiosk's: a console PC gets 403.
    expect((await as('w5', 'POST', '/api/appointments/check-in', { code: a.code })).status).toBe(403);
  });
});

describe('tickets belong to the windows serving their category', () => {
  it('window 3 cannot reactivate, confirm or reprint a 残联 ticket; window 5 can', async () => {
    const t = await takeTicket('disabled', { priority: 'disabled' });
    for (const action of ['confirm-priority', 'reprint']) {
      const r = await as('w3', 'POST', `/api/tickets/${t.id}/${action}`);
      expect(r.status, action).toBe(403);
    }
    expect((await as('w5', 'POST', `/api/tickets/${t.id}/confirm-priority`)).status).toBe(200);
    expect((await as('w5', 'POST', `/api/tickets/${t.id}/reprint`)).status).toBe(200);
    expect((await as('w5', 'POST', '/api/windows/5/call-next')).status).toBe(200);
    expect((await as('w5', 'POST', '/api/windows/5/skip')).status).toBe(200);
    expect((await as('w3', 'POST', `/api/tickets/${t.id}/reactivate`)).status).toBe(403);
    expect((await as('w5', 'POST', `/api/tickets/${t.id}/reactivate`)).status).toBe(200);
    // The kiosk itself reprints without a login.
    expect((await requestJson(server.url, 'POST', `/api/tickets/${t.id}/reprint`, { body: {} })).status).toBe(200);
  });

  it('window numbers are plain digits: 0x5, %35, 1e0 and 05 are refused', async () => {
    for (const no of ['0x5', '%35', '1e0', '05', '5.0', '+5', '%20 5']) {
      const r = await requestJson<any>(server.url, 'GET', `/api/windows/${no.replace(' ', '')}`, {});
      expect(r.status, no).toBeGreaterThanOrEqual(400);
      expect(r.status, no).toBeLessThan(500);
      expect(r.body.error.message).toMatch(/[\u4e00-\u9fff]/);
    }
    expect((await getJson(`${server.url}/api/windows/5`)).status).toBe(200);
  });
});

describe('rating (好差评): only the paired tablet of that window', () => {
  it("unpaired clients get 401, staff sessions cannot rate, another window's tablet gets 403", async () => {
    const t = await takeTicket('labor');
    expect((await as('w3', 'POST', '/api/windows/3/call-next')).status).toBe(200);
    expect((await as('w3', 'POST', '/api/windows/3/finish')).status).toBe(200);
    await expect
      .poll(() => server.app.ctx.db.prepare('SELECT 1 FROM ratings WHERE ticket_id = ?').get(t.id))
      .toBeTruthy();

    // Anyone on the LAN: no ticket id, no verdict.
    const anyone = await getJson<any>(`${server.url}/api/windows/3/rating`);
    expect(anyone.status).toBe(401);
    expect(JSON.stringify(anyone.body)).not.toContain(t.id);
    expect((await rateAs(server.url, 3, { ticketId: t.id, value: 'very-satisfied' })).status).toBe(401);
    // The clerk herself (a staff session is not a tablet).
    const self = await as('w3', 'POST', '/api/windows/3/rating', { ticketId: t.id, value: 'very-satisfied' });
    expect(self.status).toBe(401);
    // Window 5's staff cannot make a pairing code for window 3.
    expect((await as('w5', 'POST', '/api/windows/3/rating/pairing-code')).status).toBe(403);
    // A wrong code five times voids the code.
    const code = await as('w3', 'POST', '/api/windows/3/rating/pairing-code');
    expect(code.body.code).toMatch(/^\d{6}$/);
    const wrong = code.body.code === '000000' ? '000001' : '000000';
    for (let i = 0; i < 5; i++)
      expect((await postJson(`${server.url}/api/windows/3/rating/pair`, { code: wrong })).status).toBe(403);
    expect((await postJson(`${server.url}/api/windows/3/rating/pair`, { code: code.body.code })).status).toBe(403);

    const tablet3 = await pairTablet(server.url, 3, tokens.w3!);
    const tablet5 = await pairTablet(server.url, 5, tokens.w5!);
    expect((await rateAs(server.url, 3, { ticketId: t.id, value: 'very-satisfied' }, tablet5)).status).toBe(403);
    const pending = await fetch(`${server.url}/api/windows/3/rating`, { headers: { 'X-Rate-Device': tablet3 } });
    expect(((await pending.json()) as any).request.ticketId).toBe(t.id);
    expect((await rateAs(server.url, 3, { ticketId: t.id, value: 'satisfied' }, tablet3)).status).toBe(200);
    // Pairing a new tablet for window 3 unpairs the old one.
    await pairTablet(server.url, 3, tokens.w3!);
    expect((await fetch(`${server.url}/api/windows/3/rating`, { headers: { 'X-Rate-Device': tablet3 } })).status).toBe(
      401,
    );
  });

  it("WebSocket role rate: refused unpaired; a paired tablet hears only its own window's rating requests", async () => {
    const refused = await new Promise<number>((resolve) => {
      const ws = new WebSocket(`${server.url.replace('http', 'ws')}/ws?role=rate`);
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.on('open', () => resolve(101));
    });
    expect(refused).toBe(401);
    const tablet5 = await pairTablet(server.url, 5, tokens.w5!);
    const ws = new WebSocket(`${server.url.replace('http', 'ws')}/ws?role=rate`, {
      headers: { Cookie: `rate_device=${tablet5}` },
    });
    const got: any[] = [];
    ws.on('message', (d) => got.push(JSON.parse(d.toString())));
    await new Promise((r) => ws.once('open', r));
    const t3 = await takeTicket('labor');
    await as('w3', 'POST', '/api/windows/3/call-next');
    await as('w3', 'POST', '/api/windows/3/finish');
    const t5 = await takeTicket('disabled');
    await as('w5', 'POST', '/api/windows/5/call-next');
    await as('w5', 'POST', '/api/windows/5/finish');
    await expect.poll(() => got.filter((m) => m.type === 'rating.request').length).toBe(1);
    expect(got.find((m) => m.type === 'rating.request').request.ticketId).toBe(t5.id);
    expect(got.filter((m) => m.type.startsWith('rating.') && (m.request?.ticketId ?? m.ticketId) === t3.id)).toEqual(
      [],
    );
    ws.close();
  });
});
