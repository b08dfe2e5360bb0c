// Issue 24 item 5 (in part): the phone page of a ticket transferred to window 4 said 4、5号窗口 (every window
// of its category) although only window 4 calls it; a kiosk page left open over midnight kept yesterday's
// service date and counts (and would call today's slip "another day's number").
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { artifact, launchBrowser } from '../helpers/browser.ts';
import { postJson, staffEveryWindow, staffToken, startTestServer, type TestServer } from '../helpers/server.ts';
import type { Ticket } from '../../server/contract/queue.ts';

let server: TestServer;
let browser: Browser;
let offset = 0;
const started = Date.now();
beforeAll(async () => {
  // Monday 23 November 2026, 23:58 China time, running.
  server = await startTestServer({
    clock: () => new Date(Date.parse('2026-11-23T15:58:00Z') + (Date.now() - started) + offset),
    housekeepingEveryMs: 2_000,
  });
  await staffEveryWindow(server);
  browser = await launchBrowser();
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});
const take = async (categoryId: string) =>
  (await postJson<{ ticket: Ticket }>(`${server.url}/api/tickets`, { categoryId })).body.ticket;

describe('what the ticket pages say', () => {
  it('a ticket transferred to window 4 says 4号窗口 on the phone (360×740)', { timeout: 60_000 }, async () => {
    const ticket = await take('consult'); // 综合咨询: windows 1 and 6
    const t1 = await staffToken(server.url, 1);
    await postJson(`${server.url}/api/windows/1/call-next`, {}, t1);
    const moved = await postJson(`${server.url}/api/windows/1/transfer`, { windowNo: 4 }, t1);
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    const phone = await browser.newPage({ viewport: { width: 360, height: 740 } });
    await phone.goto(`${server.url}/t/${ticket.id}`);
    const windows = phone.getByTestId('phone-windows');
    await windows.waitFor();
    expect(await windows.innerText()).toBe('请到 4 号窗口办理');
    await phone.screenshot({ path: artifact('phone-transferred-360x740.png') });
    await phone.close();
  });

  it('a kiosk left open over midnight gets the new day: counts and date (1080×1920)', {
    timeout: 120_000,
  }, async () => {
    const kiosk = await browser.newPage({ viewport: { width: 1080, height: 1920 } });
    await kiosk.goto(`${server.url}/kiosk`);
    await take('health');
    await kiosk
      .locator('button[data-category="health"]')
      .getByText('等候 1 人')
      .waitFor()
      .catch(async (e) => {
        await kiosk.screenshot({ path: artifact('kiosk-after-midnight-failed.png') });
        throw e;
      });
    // Past midnight: the server's housekeeping (once a minute; every 2 s here) rolls the day over.
    offset = Math.max(
      0,
      Date.parse('2026-11-23T16:00:30Z') - (Date.parse('2026-11-23T15:58:00Z') + Date.now() - started),
    );
    await kiosk.locator('button[data-category="health"]').getByText('等候 0 人').waitFor({ timeout: 20_000 });
    const today = await take('health');
    expect(today.serviceDate).toBe('2026-11-24');
    server.sim.scan(`${server.url}/t/${today.id}`);
    await kiosk
      .getByTestId('status')
      .getByText('等候中')
      .waitFor()
      .catch(async (e) => {
        await kiosk.screenshot({ path: artifact('kiosk-after-midnight-failed.png') });
        throw e;
      });
    // Today's own slip: no "another day's number" warning from a stale date.
    expect(await kiosk.getByTestId('status-other-day').count()).toBe(0);
    await kiosk.screenshot({ path: artifact('kiosk-after-midnight-1080x1920.png') });
    await kiosk.close();
  });
});
