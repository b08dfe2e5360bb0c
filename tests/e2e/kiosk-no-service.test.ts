// Issue 24 item 3: a number for a window nobody serves. At lunch (between the sessions 09:30–13:30 and
// 16:00–19:30 of config/center.json) or with nobody signed in, the kiosk used to say 前面没有人在等，请留意叫号
// and the slip said nothing. Now the kiosk asks first (预约其他时间 / 仍要取号), and the screen and the slip
// both say 暂停服务至 16:00 or 当前无人值守.
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import type { Browser } from 'playwright-core';
import { artifact, launchBrowser } from '../helpers/browser.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

let browser: Browser | undefined;
let server: TestServer | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
});
afterAll(async () => {
  await browser?.close();
});

/** A server whose clock runs from `iso` (a working Monday, China time = UTC+8). */
async function serverAt(iso: string): Promise<TestServer> {
  const started = Date.now();
  return startTestServer({ clock: () => new Date(Date.parse(iso) + (Date.now() - started)) });
}

const lastSlip = (s: TestServer) => iconv.decode(Buffer.from(s.sim.printedJobs().at(-1)!), 'gb18030');

describe('a number for a window nobody serves', () => {
  for (const [w, h] of [
    [1920, 1080],
    [1080, 1920],
  ] as const) {
    it(`at lunch (14:10) the kiosk asks first, then screen and slip say 暂停服务至 16:00 (${w}×${h})`, {
      timeout: 90_000,
    }, async () => {
      server = await serverAt('2026-11-23T06:10:00Z');
      browser ??= await launchBrowser();
      const kiosk = await browser.newPage({ viewport: { width: w, height: h } });
      await kiosk.goto(`${server.url}/kiosk`);
      const labor = kiosk.locator('button[data-category="labor"]');
      await labor.getByText('暂停服务至 16:00').waitFor();
      await labor.click();
      const dialog = kiosk.getByTestId('no-service-dialog');
      await dialog.getByText('暂停服务至 16:00').waitFor();
      expect(server.sim.printedJobs()).toHaveLength(0); // nothing issued before the resident chooses
      await kiosk.screenshot({ path: artifact(`no-service-dialog-${w}x${h}.png`) });
      await dialog.getByTestId('no-service-take').click();
      const note = kiosk.getByTestId('result-no-service');
      await note.getByText('暂停服务至 16:00，恢复办理后按顺序叫号').waitFor();
      await expect(kiosk.getByTestId('result').textContent()).resolves.not.toContain('请留意叫号');
      await kiosk.locator('[data-print="ok"]').waitFor();
      const slip = lastSlip(server);
      expect(slip).toContain('暂停服务至 16:00');
      expect(slip).not.toContain('前面没有人等候，请留意叫号');
      await kiosk.screenshot({ path: artifact(`no-service-result-${w}x${h}.png`) });
      await kiosk.close();
    });
  }

  it('inside a session with nobody signed in: 当前无人值守; 预约其他时间 opens booking without a number', {
    timeout: 90_000,
  }, async () => {
    server = await serverAt('2026-11-23T02:00:00Z'); // 10:00
    browser ??= await launchBrowser();
    const kiosk = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await kiosk.goto(`${server.url}/kiosk`);
    await kiosk.locator('button[data-category="civil"]').getByText('当前无人值守').waitFor();
    await kiosk.locator('button[data-category="civil"]').click();
    await kiosk.getByTestId('no-service-dialog').getByText('当前无人值守').waitFor();
    await kiosk.getByTestId('no-service-take').click();
    await kiosk.getByTestId('result-no-service').getByText('当前无人值守').waitFor();
    await kiosk.locator('[data-print="ok"]').waitFor();
    expect(lastSlip(server)).toContain('当前无人值守');
    await kiosk.screenshot({ path: artifact('no-service-unstaffed-1920x1080.png') });
    const printed = server.sim.printedJobs().length;
    await kiosk.getByRole('button', { name: '完成' }).click();
    await kiosk.locator('button[data-category="civil"]').click();
    await kiosk.getByTestId('no-service-book').click();
    await kiosk.waitForURL(/\/book/);
    expect(server.sim.printedJobs()).toHaveLength(printed);
    await kiosk.close();
  });
});
