// /admin → 数据概览 in Chromium at 1920×1080 (issue 24 ⑬, admin part): the live hall card follows the hall over
// the WebSocket without a reload — waiting per category, windows 空岗 → 开放 with who signed in → 暂停, the
// printer running out of paper — and the 按窗口 / 按工作人员 tables count the tickets each window called (取号 was
// always 0). Screenshots: tests/artifacts/admin-live-hall-*.png.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { artifact, launchBrowser } from '../helpers/browser.ts';
import { postJson, staffToken, startTestServer, type TestServer } from '../helpers/server.ts';

let server: TestServer;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  if (!existsSync(new URL('../../dist/admin.html', import.meta.url).pathname))
    throw new Error('dist/admin.html 不存在：请先运行 npm run build');
  server = await startTestServer();
  browser = await launchBrowser();
  page = await (await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'zh-CN' })).newPage();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const cell = (testid: string, attr: string, key: string | number) =>
  page.locator(`[data-testid=${testid}] tr[data-${attr}="${key}"]`).innerText();

describe('/admin live hall state', () => {
  it('follows tickets, sign-ins, pauses and the printer live', { timeout: 90_000 }, async () => {
    await page.goto(`${server.url}/admin`);
    await page.fill('input[name=staffId]', 'admin');
    await page.fill('input[name=pin]', 'admin2026');
    await page.keyboard.press('Enter');
    await page.locator('[data-testid=live-windows]').waitFor();
    await expect.poll(() => page.locator('[data-testid=live-conn]').innerText()).toContain('实时');
    expect(await cell('live-windows', 'window', 3)).toMatch(/空岗\s+无人签到/);
    expect(await cell('live-waiting', 'category', 'labor')).toMatch(/0\s*人/);
    expect(await cell('live-devices', 'device', 'printer')).toContain('正常');

    for (let i = 0; i < 3; i++)
      expect((await postJson(`${server.url}/api/tickets`, { categoryId: 'labor' })).status).toBe(201);
    await expect.poll(() => cell('live-waiting', 'category', 'labor')).toMatch(/3\s*人/);

    const w3 = await staffToken(server.url, 3);
    await expect.poll(() => cell('live-windows', 'window', 3)).toMatch(/开放\s+.+（A岗）/);
    expect((await postJson(`${server.url}/api/windows/3/call-next`, {}, w3)).status).toBe(200);
    expect((await postJson(`${server.url}/api/windows/3/finish`, {}, w3)).status).toBe(200);
    await expect.poll(() => cell('live-waiting', 'category', 'labor')).toMatch(/2\s*人/);
    server.sim.setPaper('out');
    await expect.poll(() => cell('live-devices', 'device', 'printer')).toContain('缺纸');
    await page.screenshot({ path: artifact('admin-live-hall-open.png') });

    expect((await postJson(`${server.url}/api/windows/3/pause`, { reason: '午休' }, w3)).status).toBe(200);
    await expect.poll(() => cell('live-windows', 'window', 3)).toContain('暂停（午休）');
    server.sim.setPaper('ok');
    await expect.poll(() => cell('live-devices', 'device', 'printer')).toContain('正常');

    // 按窗口 / 按工作人员 取号 on today's statistics: window 3 called one ticket (it was always 0).
    await page.getByRole('button', { name: '今天' }).click();
    const byWindow = page.locator('section.card', { has: page.locator('h2', { hasText: '按窗口' }) });
    await expect.poll(() => byWindow.locator('tbody tr').first().innerText()).toMatch(/^3号窗口.*\t1\t1\t/);
    const byStaff = page.locator('section.card', { has: page.locator('h2', { hasText: '按工作人员' }) });
    expect(await byStaff.locator('tbody tr').first().innerText()).toMatch(/\t1\t1\t/);
    await page.screenshot({ path: artifact('admin-live-hall-paused.png'), fullPage: true });
  });
});
