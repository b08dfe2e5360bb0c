// Issue 26: a phone page (/t/:id) subscribes to its own ticket (/ws?role=ticket&ticket=<id>) instead of
// refetching GET /api/tickets/:id on every event in the hall. It must still learn everything about its
// ticket — a new place in line when a call moves it, its own call — and nothing personal or about others.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postJson, staffToken, startTestServer, WsRecorder, type TestServer } from '../helpers/server.ts';
import { testConfig } from '../helpers/config.ts';
import type { Ticket } from '../../server/contract/queue.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ config: testConfig() });
});
afterAll(async () => server?.stop());

const issue = async (categoryId: string) =>
  (await postJson<{ ticket: Ticket }>(`${server.url}/api/tickets`, { categoryId })).body.ticket;
const settle = () => new Promise((r) => setTimeout(r, 150));

describe('a phone page subscribed to its own ticket', () => {
  it('gets its ticket only in the snapshot, its new place after each call, and its own call', async () => {
    const token = await staffToken(server.url, 2); // window 2 serves health only
    const first = await issue('health');
    const second = await issue('health');
    const mine = await issue('health');
    expect(mine.ahead).toBe(2);
    const phone = new WsRecorder(server.url, `ticket&ticket=${mine.id}`);
    await phone.opened;
    const snapshot = await phone.waitFor('snapshot');
    expect(snapshot.snapshot.tickets.map((t) => t.id)).toEqual([mine.id]);
    expect(snapshot.snapshot.tickets[0]!.ahead).toBe(2);
    expect(snapshot.snapshot.categories.length).toBeGreaterThan(0);

    const other = await issue('labor'); // another line: this phone hears nothing of it
    expect((await postJson(`${server.url}/api/windows/2/call-next`, {}, token)).status).toBe(200);
    const moved = await phone.waitFor('ticket.updated', (m) => m.ticket.id === mine.id && m.ticket.ahead === 1);
    expect(moved.ticket.status).toBe('waiting');
    // The hall's call reaches the phone (one shared message), with the called ticket's public fields only.
    await phone.waitFor('ticket.called', (m) => m.ticket.id === first.id);

    expect((await postJson(`${server.url}/api/windows/2/call-next`, {}, token)).status).toBe(200);
    await phone.waitFor('ticket.updated', (m) => m.ticket.id === mine.id && m.ticket.ahead === 0);
    await phone.waitFor('ticket.called', (m) => m.ticket.id === second.id);
    expect((await postJson(`${server.url}/api/windows/2/call-next`, {}, token)).status).toBe(200);
    const called = await phone.waitFor('ticket.called', (m) => m.ticket.id === mine.id);
    expect(called.call.windowNo).toBe(2);
    await settle();

    // Nothing about other tickets but the hall's calls: no ticket.issued / ticket.updated of others.
    for (const m of phone.messages) {
      if (m.type === 'ticket.issued' || m.type === 'ticket.updated') expect(m.ticket.id).toBe(mine.id);
      if (m.type === 'print.result') expect(m.ticketId).toBe(mine.id);
      if (m.type === 'device.status' || m.type === 'idcard.read' || m.type === 'scan') throw new Error(m.type);
    }
    expect(phone.messages.some((m) => 'ticket' in m && m.ticket.id === other.id)).toBe(false);
    // seq counts up by one per message on this connection (the page's gap check).
    expect(phone.messages.map((m) => m.seq)).toEqual(phone.messages.map((_, i) => i + 1));
    phone.close();
  });

  it('never carries the masked name or ID number of its ticket', async () => {
    const { body } = await postJson<{ ticket: Ticket }>(`${server.url}/api/tickets`, { categoryId: 'civil' });
    const phone = new WsRecorder(server.url, `ticket&ticket=${body.ticket.id}`);
    await phone.opened;
    const snapshot = await phone.waitFor('snapshot');
    for (const t of snapshot.snapshot.tickets)
      expect([t.nameMasked, t.idMasked, t.transfer]).toEqual([null, null, null]);
    phone.close();
  });

  it('is refused for a ticket that does not exist or a malformed id, with a Chinese message', async () => {
    for (const id of ['doesnotexist1', '../../etc', '']) {
      const phone = new WsRecorder(server.url, `ticket&ticket=${encodeURIComponent(id)}`);
      await expect(phone.opened).rejects.toThrow(/404/);
    }
  });
});
