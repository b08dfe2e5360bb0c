// Issue 24 item 13 (in part): the console said 过号：已完成 after an action; now it says what happened to
// which ticket (C001 已过号, C002 已办结).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { artifact, launchBrowser, signInConsole } from '../helpers/browser.ts';
import { postJson, startTestServer, type TestServer } from '../helpers/server.ts';

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

describe('console action messages', () => {
  it('say the ticket and what happened, not 已完成 (1920×1080)', { timeout: 60_000 }, async () => {
    await postJson(`${server.url}/api/tickets`, { categoryId: 'labor' });
    await postJson(`${server.url}/api/tickets`, { categoryId: 'labor' });
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await signInConsole(page, server.url, 3);
    const info = page.locator('.info');
    await page.keyboard.press('F1');
    await expect.poll(() => info.innerText()).toBe('叫号：C001');
    await page.keyboard.press('F3');
    await expect.poll(() => info.innerText()).toBe('C001 已过号');
    await page.keyboard.press('F1');
    await expect.poll(() => info.innerText()).toBe('叫号：C002');
    await page.keyboard.press('F5');
    await expect.poll(() => info.innerText()).toBe('C002 已办结');
    expect(await page.locator('body').innerText()).not.toContain('已完成');
    await page.screenshot({ path: artifact('console-messages-1920x1080.png') });
    await page.close();
  });
});
