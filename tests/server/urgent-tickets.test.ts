// 急事特办 at the windows (issue 21). 限时办结制度 第三条 "紧急事项应急事特办，随到随办"; 预约服务制度 第五条 "对于一些
// 确需急办的项目，一定要特事特办、急事急办". An urgent ticket is called next at the windows serving its category;
// the places in line shown to everyone stay true; windows not serving the category are unaffected.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getJson, postJson, staffToken, startTestServer, type TestServer } from '../helpers/server.ts';
import { manualClock, testConfig } from '../helpers/config.ts';
import type { Ticket } from '../../server/contract/queue.ts';

// Monday 2026-11-02, 10:00 in China: a working day inside the opening hours.
const clock = manualClock('2026-11-02T02:00:00Z');
let server: TestServer;
let w3: string;
let w4: string;

beforeAll(async () => {
  server = await startTestServer({ clock, config: testConfig() });
  w3 = await staffToken(server.url, 3);
  w4 = await staffToken(server.url, 4);
});
afterAll(async () => server?.stop());

let n = 0;
async function take(categoryId: string): Promise<Ticket> {
  clock.advance(1000);
  const r = await postJson<{ ticket: Ticket }>(`${server.url}/api/tickets`, {
    categoryId,
    idempotencyKey: `urgent-${categoryId}-${n++}-000000`,
  });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body.ticket;
}
const ahead = async (t: Ticket) =>
  (await getJson<{ ticket: Ticket }>(`${server.url}/api/tickets/${t.id}`, w4)).body.ticket.ahead;
const callNext = async (no: number, token: string) =>
  (await postJson<{ call: { number: string } | null }>(`${server.url}/api/windows/${no}/call-next`, {}, token)).body
    .call?.number;

describe('急事特办: an urgent ticket is called next at the windows serving its category', () => {
  it('第三条: window 4 calls the urgent B003 before B001/B002; those behind it show one more ahead; window 3 (劳动保障) is unaffected', async () => {
    const b1 = await take('civil');
    const b2 = await take('civil');
    const b3 = await take('civil');
    const c1 = await take('labor');
    const c2 = await take('labor');
    // Windows 4 (民政) and 3 (劳动保障) are signed in; 5 (残联, also 民政) is not.
    expect([await ahead(b1), await ahead(b2), await ahead(b3)]).toEqual([0, 1, 2]);

    // A clerk of window 3 does not serve 民政: not hers to mark.
    const other = await postJson<{ error: { code: string } }>(
      `${server.url}/api/tickets/${b3.id}/urgent`,
      { reason: '老人病重需当日办理' },
      w3,
    );
    expect([other.status, other.body.error.code]).toEqual([403, 'other-window']);
    // The reason is required.
    const empty = await postJson<{ error: { code: string } }>(
      `${server.url}/api/tickets/${b3.id}/urgent`,
      { reason: '   ' },
      w4,
    );
    expect(empty.status).toBe(400);

    const marked = await postJson<{ ticket: Ticket; urgent: { reason: string; markedBy: string } }>(
      `${server.url}/api/tickets/${b3.id}/urgent`,
      { reason: '老人病重需当日办理' },
      w4,
    );
    expect(marked.status, JSON.stringify(marked.body)).toBe(200);
    expect(marked.body.ticket).toMatchObject({ urgent: true, ahead: 0 });
    expect(marked.body.urgent).toMatchObject({ reason: '老人病重需当日办理', markedBy: 'w4a' });
    // The places in line stay true: B001 and B002 now have the urgent B003 ahead of them.
    expect([await ahead(b3), await ahead(b1), await ahead(b2)]).toEqual([0, 1, 2]);
    // Windows not serving 民政 keep their own order, and their places.
    expect([await ahead(c1), await ahead(c2)]).toEqual([0, 1]);
    const again = await postJson<{ error: { code: string } }>(
      `${server.url}/api/tickets/${b3.id}/urgent`,
      { reason: '再次' },
      w4,
    );
    expect([again.status, again.body.error.code]).toEqual([409, 'already-urgent']);

    expect(await callNext(3, w3)).toBe(c1.number);
    expect(await callNext(4, w4)).toBe(b3.number);
    expect(await callNext(4, w4)).toBe(b1.number);
    expect(await ahead(b2)).toBe(0);
    expect(await callNext(4, w4)).toBe(b2.number);
    expect(await callNext(3, w3)).toBe(c2.number);
  });

  it("the earliest urgent ticket of the window's categories goes first, before the window's preferred category", async () => {
    // Window 5 (残联) serves 残疾人 first, then 民政.
    const w5 = await staffToken(server.url, 5);
    const e1 = await take('disabled');
    const b4 = await take('civil');
    const b5 = await take('civil');
    for (const t of [b5, b4])
      expect((await postJson(`${server.url}/api/tickets/${t.id}/urgent`, { reason: '急需' }, w5)).status).toBe(200);
    expect(await callNext(5, w5)).toBe(b4.number);
    expect(await callNext(5, w5)).toBe(b5.number);
    expect(await callNext(5, w5)).toBe(e1.number);
    // Only waiting tickets can be marked.
    const called = await postJson<{ error: { code: string } }>(
      `${server.url}/api/tickets/${e1.id}/urgent`,
      { reason: '急需' },
      w5,
    );
    expect([called.status, called.body.error.code]).toEqual([409, 'not-waiting']);
  });
});
