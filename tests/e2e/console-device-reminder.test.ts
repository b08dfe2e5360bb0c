// Issue 24 item 13: the console's 设备提醒 told the window's staff "请联系工作人员" — they are the staff. It
// says what to do at the kiosk instead (paper, cover, cable), in the words of each state.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { artifact, launchBrowser, signInConsole } from '../helpers/browser.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

let server: TestServer;
let browser: Browser;
beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('console device reminder', () => {
  it('tells staff what to do at the kiosk, never to contact staff (1920×1080)', { timeout: 60_000 }, async () => {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await signInConsole(page, server.url, 3);
    const alerts = page.getByTestId('alerts');

    server.sim.setPaper('out');
    await alerts.getByText('取号机打印机缺纸').waitFor();
    expect(await alerts.innerText()).toContain('换上新纸卷');
    expect(await alerts.innerText()).not.toContain('联系工作人员');
    await page.screenshot({ path: artifact('console-device-reminder-paper-out-1920x1080.png') });

    server.sim.setPaper('ok');
    server.sim.setCover(true);
    await alerts.getByText('纸仓盖').waitFor();
    expect(await alerts.innerText()).toContain('合上');
    expect(await alerts.innerText()).not.toContain('联系工作人员');
    server.sim.setCover(false);

    server.sim.unplug('printer');
    await alerts.getByText('连接线').waitFor();
    expect(await alerts.innerText()).not.toContain('联系工作人员');
    await page.screenshot({ path: artifact('console-device-reminder-unplugged-1920x1080.png') });
    server.sim.plug('printer');
    await page.close();
  });
});
