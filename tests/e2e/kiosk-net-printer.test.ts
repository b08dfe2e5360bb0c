// The kiosk page with its printer on the network (KIOSK_PRINTER_PORT=tcp://…, a local TCP server playing
// it): the printer switched off → the page says so within 2 s, a resident still takes a number and sees it
// (with its QR) on screen; the printer back → the banner goes within 3 s and the next slip prints.
// Screenshot: tests/artifacts/kiosk-net-printer-away.png.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { artifact, launchBrowser } from '../helpers/browser.ts';
import { getJson, startTestServer, type TestServer } from '../helpers/server.ts';
import { NetPrinter } from '../helpers/net-printer.ts';
import { waitForState } from '../helpers/device-wait.ts';

let server: TestServer;
let browser: Browser;
let page: Page;
const net = new NetPrinter();

beforeAll(async () => {
  if (!existsSync(new URL('../../dist/kiosk.html', import.meta.url).pathname))
    throw new Error('dist/kiosk.html 不存在：请先运行 npx vite build');
  await net.up();
  server = await startTestServer({ ports: { printerPort: net.url } });
  browser = await launchBrowser();
  page = await (
    await browser.newContext({
      viewport: { width: 1080, height: 1920 },
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
      hasTouch: true,
    })
  ).newPage();
  await page.goto(`${server.url}/kiosk`);
  await page.getByRole('heading', { name: '请选择要办理的业务' }).waitFor();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await net.down();
});

describe('kiosk with a network printer', () => {
  it('printer away: told within 2 s, the number is still given on screen; back within 3 s: slips print again', {
    timeout: 60_000,
  }, async () => {
    const printerState = async () =>
      (await getJson<{ devices: { kind: string; state: string }[] }>(`${server.url}/api/health`)).body.devices.find(
        (d) => d.kind === 'printer',
      )!.state;
    await waitForState(server.app.devices.set.printer, 'ready', 3000);
    expect(await printerState()).toBe('ready');
    await net.down();
    const t0 = Date.now();
    await page.getByTestId('device-banner').getByText('打印机未连接').waitFor({ timeout: 2000 });
    expect(Date.now() - t0).toBeLessThan(2000);
    await page.locator('button[data-category="civil"]').click();
    await page.locator('[data-print="failed"]').waitFor();
    const number = (await page.getByTestId('ticket-number').textContent())!;
    expect(number).toMatch(/^B\d{3}$/);
    await page.locator('svg.qr path').first().waitFor();
    await page.screenshot({ path: artifact('kiosk-net-printer-away.png') });
    await page.getByRole('button', { name: '完成' }).click();

    await net.up();
    const t1 = Date.now();
    await page.getByTestId('device-banner').waitFor({ state: 'detached', timeout: 3000 });
    expect(Date.now() - t1).toBeLessThan(3000);
    const before = net.receivedBytes().length;
    await page.locator('button[data-category="civil"]').click();
    await page.locator('[data-print="ok"]').waitFor();
    expect(net.receivedBytes().length).toBeGreaterThan(before);
  });
});
