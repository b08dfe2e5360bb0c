// AB岗 on screen (seed 004 AB岗工作制度 三、四): /admin names a 空岗 window at once; A's console hands over with
// 外出 and signs out; B's console shows the 移交 with the open tickets and confirms it; the 在岗值班 tab and the
// month's register page. Screenshots in tests/artifacts/duty-*.png.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { artifact, launchBrowser, signInConsole } from '../helpers/browser.ts';
import { postJson, staffToken, startTestServer, type TestServer } from '../helpers/server.ts';
import { manualClock, testConfig } from '../helpers/config.ts';

// Monday 23 November 2026, 09:40 China time; the shipped sessions 09:30–13:30 and 16:00–19:30.
const clock = manualClock('2026-11-23T01:40:00Z');
let server: TestServer;
let browser: Browser;
beforeAll(async () => {
  server = await startTestServer({ clock, config: testConfig() });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('AB岗 screens', () => {
  it('四 空岗 on /admin, 三 移交 from A to B at the console, and the month register', async () => {
    for (const no of [1, 3, 4, 5]) await staffToken(server.url, no);
    await postJson(`${server.url}/api/tickets`, { categoryId: 'health' });

    const admin = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await admin.goto(`${server.url}/admin`);
    await admin.fill('input[name=staffId]', 'admin');
    await admin.fill('input[name=pin]', 'admin2026');
    await admin.keyboard.press('Enter');
    const alert = admin.getByTestId('empty-post-alert');
    await alert.waitFor();
    expect(await alert.innerText()).toContain('2号窗口（计划生育服务）自 09:30 起无人在岗');
    await admin.screenshot({ path: artifact('duty-admin-empty-post.png') });

    const a = await browser.newPage({ viewport: { width: 1600, height: 900 } });
    await signInConsole(a, server.url, 2);
    const desk = a.getByTestId('duty-desk');
    await desk.getByRole('button', { name: '外出/下班移交' }).click();
    await desk.locator('input[type=time]').fill('10:30');
    await desk.locator('textarea').fill('3号柜里有一份准生证材料待核');
    await a.screenshot({ path: artifact('duty-console-handover-form.png') });
    await desk.getByRole('button', { name: '移交并签退' }).click();
    await a.locator('input[name=staffId]').waitFor();
    await a.close();

    const b = await browser.newPage({ viewport: { width: 1600, height: 900 } });
    await b.goto(`${server.url}/console/2`);
    await b.fill('input[name=staffId]', 'w2b');
    await b.fill('input[name=pin]', '246810');
    await b.keyboard.press('Enter');
    await b.locator('.conn.ok').waitFor();
    const item = b.getByTestId('handover');
    await item.waitFor();
    const text = await item.innerText();
    expect(text).toContain('外出至 10:30');
    expect(text).toContain('在办号：D');
    expect(text).toContain('3号柜里有一份准生证材料待核');
    await b.screenshot({ path: artifact('duty-console-b-receives.png') });
    await item.getByRole('button', { name: '确认收到' }).click();
    await item.getByText('已确认').waitFor();

    await admin.getByTestId('tab-duty').click();
    const board = admin.getByTestId('duty-board');
    await board.waitFor();
    await admin.waitForFunction(
      () => document.querySelector('[data-testid=duty-board]')?.textContent?.includes('2号窗口B岗（B岗）'),
      null,
      { timeout: 25_000 },
    );
    await admin.screenshot({ path: artifact('duty-admin-board.png'), fullPage: true });

    const reg = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await reg.context().addCookies(await admin.context().cookies());
    await reg.goto(`${server.url}/api/duty/register?month=2026-11&format=html`);
    expect(await reg.locator('body').innerText()).toContain('空岗记录');
    await reg.screenshot({ path: artifact('duty-register-month.png'), fullPage: true });
  }, 60_000);
});
