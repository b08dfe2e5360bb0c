// Issue 24 item 4: the scan screen. With no camera (headless Chromium has none, like most kiosks) it used
// to show the browser's English "Requested device not found"; now it says, in Chinese, to hold the slip
// under the scanner. Scanning yesterday's slip used to say 已取消 with no date while today's same number
// waited; now it says it was yesterday's number and today's must be taken anew.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { artifact, launchBrowser } from '../helpers/browser.ts';
import { postJson, startTestServer, type TestServer } from '../helpers/server.ts';
import type { Ticket } from '../../server/contract/queue.ts';

let server: TestServer;
let browser: Browser;
/** The server's clock runs `offset` ms from a working Monday 10:00 China time. */
let offset = 0;
const base = Date.parse('2026-11-24T02:00:00Z'); // Tuesday 24 November 2026, 10:00
const started = Date.now();
beforeAll(async () => {
  server = await startTestServer({ clock: () => new Date(base + (Date.now() - started) + offset) });
  browser = await launchBrowser();
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('the kiosk scan screen', () => {
  for (const [w, h] of [
    [1920, 1080],
    [1080, 1920],
  ] as const) {
    it(`with no camera says in Chinese to hold the slip under the scanner (${w}×${h})`, {
      timeout: 60_000,
    }, async () => {
      const kiosk = await browser.newPage({ viewport: { width: w, height: h } });
      await kiosk.goto(`${server.url}/kiosk`);
      await kiosk.locator('.more-scan').click();
      const instead = kiosk.getByTestId('camera-instead');
      await instead.getByText('请把小票上的二维码放到扫码器下方', { exact: false }).waitFor();
      const text = (await kiosk.getByTestId('camera').textContent()) ?? '';
      expect(text).toContain('请把小票二维码放到扫码器下方');
      expect(text).not.toMatch(/[A-Za-z]{4,}/); // no browser error in English
      await kiosk.screenshot({ path: artifact(`scan-no-camera-${w}x${h}.png`) });
      await kiosk.close();
    });
  }

  it("yesterday's slip says it was yesterday's number, while today's same number waits", {
    timeout: 90_000,
  }, async () => {
    offset = -86_400_000; // Monday 23 November
    const old = (await postJson<{ ticket: Ticket }>(`${server.url}/api/tickets`, { categoryId: 'civil' })).body.ticket;
    offset = 0;
    await server.restart(); // the day roll-over closes yesterday's open tickets
    const today = (await postJson<{ ticket: Ticket }>(`${server.url}/api/tickets`, { categoryId: 'civil' })).body
      .ticket;
    expect(today.number).toBe(old.number);

    const kiosk = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await kiosk.goto(`${server.url}/kiosk`);
    await kiosk.locator('button[data-category="civil"]').waitFor();
    server.sim.scan(`${server.url}/t/${old.id}`);
    const note = kiosk.getByTestId('status-other-day');
    await note.getByText('这是昨天（11月23日）的号码', { exact: false }).waitFor();
    expect(await note.textContent()).toContain('今天办理请重新取号');
    expect(await kiosk.getByTestId('status').textContent()).toContain('已过期');
    await kiosk.screenshot({ path: artifact('scan-yesterday-slip-1920x1080.png') });

    // Today's slip with the same number: its place in line, no date warning.
    server.sim.scan(`${server.url}/t/${today.id}`);
    await kiosk.getByTestId('status').getByText('等候中').waitFor();
    expect(await kiosk.getByTestId('status-other-day').count()).toBe(0);
    await kiosk.close();
  });
});
