// The kiosk's locked settings in Chromium: a touch puts the kiosk in full screen; leaving it (Esc) is undone
// by the next touch; a 3-second press on the clock asks for the administrator's password on the on-screen
// keypad; a wrong one is refused by the server with the lockout count; the right one opens the settings,
// where staff may leave full screen, which then stays off until the settings are closed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { artifact, launchBrowser } from '../helpers/browser.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

let server: TestServer;
let browser: Browser;
let page: Page;

const isFullscreen = () => page.evaluate(() => document.fullscreenElement !== null);

async function holdClock(ms: number): Promise<void> {
  const box = (await page.locator('[data-testid=clock]').boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.waitForTimeout(ms);
  await page.mouse.up();
}

async function typeOnKeypad(secret: string): Promise<void> {
  const dialog = page.locator('[data-testid=pin-dialog]');
  for (const ch of secret) {
    const digit = /\d/.test(ch);
    const onDigits = (await dialog.locator('[data-key="1"]').count()) > 0;
    if (digit !== onDigits) await dialog.locator('[data-key=mode]').click();
    await dialog.locator(`[data-key="${ch}"]`).click();
  }
  await dialog.getByRole('button', { name: '确定' }).click();
}

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
  page = await (await browser.newContext({ viewport: { width: 1080, height: 1920 }, locale: 'zh-CN' })).newPage();
  await page.goto(`${server.url}/kiosk`);
  await page.getByText('请选择要办理的业务').waitFor();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('kiosk settings lock', () => {
  it('keeps full screen: Esc leaves it, the next touch restores it', { timeout: 30_000 }, async () => {
    await page.locator('h1.heading').click();
    await expect.poll(isFullscreen).toBe(true);
    await page.evaluate(() => document.exitFullscreen());
    await expect.poll(isFullscreen).toBe(false);
    await page.locator('h1.heading').click();
    await expect.poll(isFullscreen).toBe(true);
  });

  it('a short press on the clock does nothing; a 3-second press asks for the administrator password', {
    timeout: 30_000,
  }, async () => {
    await holdClock(800);
    await page.waitForTimeout(2500);
    expect(await page.locator('[data-testid=pin-dialog]').count()).toBe(0);
    await holdClock(3300);
    await page.locator('[data-testid=pin-dialog]').waitFor();
  });

  it('refuses a wrong password with the lockout count, then opens the settings for the right one', {
    timeout: 30_000,
  }, async () => {
    await typeOnKeypad('1234');
    await expect
      .poll(() => page.locator('[data-testid=pin-error]').innerText())
      .toBe('管理员密码不正确（再错 4 次将锁定）');
    // A window clerk's PIN is not an administrator's.
    await typeOnKeypad('246810');
    await expect
      .poll(() => page.locator('[data-testid=pin-error]').innerText())
      .toBe('管理员密码不正确（再错 3 次将锁定）');
    await page.screenshot({ path: artifact('kiosk-settings-pin.png') });
    await typeOnKeypad('admin2026');
    const panel = page.locator('[data-testid=settings-panel]');
    await panel.waitFor();
    expect(await panel.innerText()).toContain('已由 中心管理员 解锁');
    expect(await panel.innerText()).toMatch(/打印机/);
    await page.screenshot({ path: artifact('kiosk-settings-open.png') });
  });

  it('unlocked, staff may leave full screen and it stays off; closing the settings locks and restores it', {
    timeout: 30_000,
  }, async () => {
    const panel = page.locator('[data-testid=settings-panel]');
    await panel.getByRole('button', { name: '退出全屏（维护）' }).click();
    await expect.poll(isFullscreen).toBe(false);
    await panel.locator('h2').click(); // a touch while unlocked does not force full screen
    await page.waitForTimeout(300);
    expect(await isFullscreen()).toBe(false);
    await panel.getByRole('button', { name: '关闭设置，恢复自助服务' }).click();
    await expect.poll(isFullscreen).toBe(true);
    expect(await page.locator('[data-testid=settings-panel]').count()).toBe(0);
    // The unlock is in the event log with the administrator, not the password.
    const events = server.app.ctx.db.prepare("SELECT actor, data FROM events WHERE type = 'kiosk.unlocked'").all() as {
      actor: string;
      data: string;
    }[];
    expect(events).toEqual([{ actor: 'admin', data: '{}' }]);
  });
});
