// Issue 26: slips waiting for the printer. The kiosk issued faster than the printer printed on a busy day and
// every waiting slip was rendered when queued (its bytes, its category list, the async frame around it):
// 8,000 of them were most of the RSS after a 10,000-ticket day. A slip is now built when the printer is free,
// from the ticket as it stands then.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { testConfig } from '../helpers/config.ts';
import type { Ticket } from '../../server/contract/queue.ts';
import type { CategoryView } from '../../server/contract/queue.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ config: testConfig() });
});
afterAll(async () => server?.stop());

describe('the print queue', () => {
  it('builds each slip when its turn comes: the jobs before it have printed, the rendering is not held meanwhile', async () => {
    const hub = server.app.devices;
    const before = server.sim.printedCount();
    const builtAfter: number[] = [];
    const slip = (ticket: Ticket, category: CategoryView) => () => {
      builtAfter.push(server.sim.printedCount() - before);
      return { ticket, category };
    };
    const ticket = server.app.ctx.store.getTicket(
      (await server.app.ctx.commit.run(() => server.app.ctx.store.issue({ categoryId: 'civil' }, 'kiosk'))).ticket.id,
    )!;
    const category = server.app.ctx.categoriesView(false).find((c) => c.id === 'civil')!;
    const results = await Promise.all([
      hub.printTicket(false, slip(ticket, category)),
      hub.printTicket(true, slip(ticket, category)),
      hub.printTicket(true, slip(ticket, category)),
    ]);
    expect(results.map((r) => r.ok)).toEqual([true, true, true]);
    // Built one by one as the printer became free, not all three at once when queued.
    expect(builtAfter).toEqual([0, 1, 2]);
  });

  it('a ticket gone by its turn prints nothing and says so', async () => {
    const before = server.sim.printedCount();
    const result = await server.app.devices.printTicket(false, () => null);
    expect(result).toEqual({ ok: false, message: '号码不存在' });
    expect(server.sim.printedCount()).toBe(before);
  });
});
