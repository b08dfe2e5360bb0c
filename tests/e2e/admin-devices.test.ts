// The administrator's 设备设置 tab in Chromium against the whole server: the devices' states, the printer
// moved to a network printer (a local TCP server playing it) and its test slip, the printer going away and
// the page showing it with the last problem, a masked test card read, and the port check refusing a wrong
// form in Chinese. Screenshot: tests/artifacts/admin-devices.png.
import { copyTestConfig } from '../helpers/config.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { artifact, launchBrowser } from '../helpers/browser.ts';
import { testConfig } from '../helpers/config.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { NetPrinter } from '../helpers/net-printer.ts';
import { ZHANG_SAN } from '../drivers/idcard-fixtures.ts';

let server: TestServer;
let browser: Browser;
let page: Page;
let configDir: string;
const net = new NetPrinter();

beforeAll(async () => {
  if (!existsSync(new URL('../../dist/admin.html', import.meta.url).pathname))
    throw new Error('dist/admin.html 不存在：请先运行 npx vite build');
  configDir = mkdtempSync(join(tmpdir(), 'admin-devices-config-'));
  copyTestConfig(new URL('../../config', import.meta.url).pathname, configDir);
  server = await startTestServer({ config: { ...testConfig(), dir: configDir } });
  await net.up();
  browser = await launchBrowser();
  page = await (
    await browser.newContext({ viewport: { width: 1440, height: 1000 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' })
  ).newPage();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await net.down();
});

describe('设备设置 (/admin#devices)', () => {
  it('moves the printer to a network printer, prints a test slip, shows it going away, reads a card masked', {
    timeout: 60_000,
  }, async () => {
    await page.goto(`${server.url}/admin#devices`);
    await page.fill('input[name=staffId]', 'admin');
    await page.fill('input[name=pin]', 'admin2026');
    await page.keyboard.press('Enter');
    await page.getByTestId('tab-devices').click();
    const printer = page.getByTestId('device-printer');
    await printer.waitFor();
    await expect.poll(() => page.getByTestId('state-printer').innerText()).toBe('打印机正常');
    expect(await printer.innerText()).toContain('模拟设备');

    // A wrong form is refused by the server in Chinese; nothing is saved.
    await printer.locator('input[name=port]').fill('tcp://打印机');
    await printer.getByRole('button', { name: '保存' }).click();
    await expect.poll(() => page.getByTestId('devices-message').innerText()).toContain('tcp://主机:端口');

    await printer.locator('input[name=port]').fill(net.url);
    await printer.getByRole('button', { name: '保存' }).click();
    await expect
      .poll(() => page.getByTestId('devices-message').innerText())
      .toContain(`已保存：小票打印机改用 ${net.url}`);
    await expect.poll(() => page.getByTestId('device-printer').innerText()).toContain('网络（TCP）');
    await expect.poll(() => page.getByTestId('state-printer').innerText(), { timeout: 5000 }).toBe('打印机正常');
    expect(JSON.parse(readFileSync(join(configDir, 'center.json'), 'utf8')).devices.printer.port).toBe(net.url);

    await page.getByTestId('device-printer').getByRole('button', { name: '打印测试页' }).click();
    await expect.poll(() => page.getByTestId('devices-message').innerText()).toContain('测试页已打印');
    expect(net.receivedBytes().length).toBeGreaterThan(200);

    // Test card read: the page waits, the card goes on the (simulated) reader, the answer is masked.
    await page.getByTestId('device-idcard').getByRole('button', { name: '测试读卡' }).click();
    await expect.poll(() => page.getByTestId('devices-message').innerText()).toContain('请在 15 秒内');
    server.sim.insertCard(ZHANG_SAN);
    await expect
      .poll(() => page.getByTestId('devices-message').innerText(), { timeout: 5000 })
      .toBe('读卡成功：居民身份证 张* 6527**********1233');

    // The network printer is switched off: the page shows it within its refresh, with the last problem.
    await net.down();
    await expect.poll(() => page.getByTestId('state-printer').innerText(), { timeout: 6000 }).toContain('打印机未连接');
    expect(await page.getByTestId('device-printer').innerText()).toMatch(/打印机未连接[\s\S]*\d{4}\/\d{1,2}\/\d{1,2}/);
    await page.screenshot({ path: artifact('admin-devices.png'), fullPage: true });
    await net.up();
    await expect.poll(() => page.getByTestId('state-printer').innerText(), { timeout: 6000 }).toBe('打印机正常');

    // The audit list names the edit.
    await page.getByTestId('tab-settings').click();
    await expect.poll(() => page.getByTestId('audit').innerText()).toContain('修改设备设置');
  });
});
