// Issue 24 item 8: in the console's 转办 dialog, closed or unstaffed windows were not marked (only 暂停, in a
// native list). Now each window says 在岗 / 暂停（午休） / 无人值守, the open one is chosen first, and choosing a
// closed one warns that nobody will call the ticket there until it reopens.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { artifact, launchBrowser, signInConsole } from '../helpers/browser.ts';
import { postJson, staffToken, startTestServer, type TestServer } from '../helpers/server.ts';

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

describe('transfer dialog', () => {
  it('marks each window 在岗, 暂停（午休） or 无人值守 and warns before sending to a closed one (1920×1080)', {
    timeout: 90_000,
  }, async () => {
    await postJson(`${server.url}/api/tickets`, { categoryId: 'labor' });
    // Window 4 is staffed and serving, window 5 staffed but at lunch; 1, 2 and 6 have nobody signed in.
    await staffToken(server.url, 4);
    const t5 = await staffToken(server.url, 5);
    expect((await postJson(`${server.url}/api/windows/5/pause`, { reason: '午休' }, t5)).status).toBe(200);

    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await signInConsole(page, server.url, 3);
    await page.keyboard.press('F1');
    await page.locator('.current').waitFor();
    await page.keyboard.press('F4');
    const panel = page.getByTestId('transfer-panel');
    await panel.waitFor();
    await panel.getByText('转到窗口').click();
    const button = (no: number) => panel.locator(`.transfer-window[data-window="${no}"]`);
    expect(await button(4).innerText()).toContain('在岗');
    expect(await button(5).innerText()).toContain('暂停（午休）');
    expect(await button(1).innerText()).toContain('无人值守');
    expect(await button(6).innerText()).toContain('无人值守');
    expect(await button(4).getAttribute('aria-checked')).toBe('true'); // the open window first
    expect(await panel.getByTestId('transfer-warning').count()).toBe(0);
    await button(5).click();
    await panel.getByTestId('transfer-warning').getByText('5号窗口现在暂停（午休）', { exact: false }).waitFor();
    await page.screenshot({ path: artifact('console-transfer-targets-1920x1080.png') });
    await page.close();
  });
});
