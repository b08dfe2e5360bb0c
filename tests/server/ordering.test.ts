// 2,000 tickets from 20 concurrent clients: no duplicate number, no gap, and the exact call order the
// rules promise (confirmed green channel at most one per N normal, otherwise oldest first).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postJson, staffToken, startTestServer, type TestServer } from '../helpers/server.ts';
import { testConfig } from '../helpers/config.ts';
import type { Ticket } from '../../server/contract/queue.ts';

let server: TestServer;
beforeAll(async () => {
  const config = testConfig();
  for (const c of config.categories) c.dailyQuota = 9999;
  server = await startTestServer({ config });
});
afterAll(async () => server?.stop());

describe('concurrent issue and exact call order', () => {
  it('issues 2,000 numbers without duplicates or gaps and calls them in the promised order', async () => {
    const issued: Ticket[] = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: 20 }, async () => {
        for (;;) {
          const i = next++;
          if (i >= 2000) return;
          const body = {
            categoryId: 'labor',
            idempotencyKey: `order-${i}-000000`,
            ...(i % 7 === 3 ? { priority: 'disabled' } : {}),
          };
          const r = await postJson<{ ticket: Ticket }>(`${server.url}/api/tickets`, body);
          expect(r.status).toBe(201);
          issued.push(r.body.ticket);
        }
      }),
    );
    const numbers = issued.map((t) => Number(t.number.slice(1))).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: 2000 }, (_, i) => i + 1));

    // The promised order, computed from the rule independently of the server's code path.
    const byIssue = [...issued].sort(
      (a, b) => Date.parse(a.issuedAt) - Date.parse(b.issuedAt) || (a.id < b.id ? -1 : 1),
    );
    const normal = byIssue.filter((t) => !t.priority);
    const priority = byIssue.filter((t) => t.priority);
    const expected: string[] = [];
    let since = Infinity;
    while (normal.length || priority.length) {
      const takePriority = priority.length > 0 && (normal.length === 0 || since >= 2);
      const t = takePriority ? priority.shift()! : normal.shift()!;
      since = takePriority ? 0 : since + 1;
      expected.push(t.number);
    }

    // Self-declared reasons wait as normal tickets until staff confirm them; window 3 confirms every one.
    const token = await staffToken(server.url, 3);
    for (const t of issued.filter((x) => x.priority)) {
      expect((await postJson(`${server.url}/api/tickets/${t.id}/confirm-priority`, {}, token)).status).toBe(200);
    }
    const called: string[] = [];
    for (let i = 0; i < 2000; i++) {
      const r = await postJson<{ call: { number: string } }>(`${server.url}/api/windows/3/call-next`, {}, token);
      called.push(r.body.call.number);
    }
    expect(called).toEqual(expected);
  }, 120_000);
});
