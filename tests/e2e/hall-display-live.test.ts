// The hall display shows only what is true now (issue 17): the big panel only a live call (not after a
// skip, finish, transfer or pause), the recent-calls list each ticket once at the window that has it, and
// the same after a server restart.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { artifact, launchBrowser } from '../helpers/browser.ts';
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

const history = (page: Page) => page.getByTestId('call-history').locator('li').allInnerTexts();
const latest = (page: Page) => page.getByTestId('latest-call').innerText();
async function until(page: Page, check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (await check()) return;
    await page.waitForTimeout(100);
  }
  throw new Error(`the display did not settle: ${await latest(page)} | ${(await history(page)).join(' / ')}`);
}

describe('hall display: live calls only', () => {
  it('clears the big panel after skip/finish/pause, lists each ticket once at its current window, and agrees after a restart', async () => {
    const t3 = await staffToken(server.url, 3);
    const t1 = await staffToken(server.url, 1);
    const act = (no: number, token: string, what: string, body: object = {}) =>
      postJson(`${server.url}/api/windows/${no}/${what}`, body, token);
    for (let i = 0; i < 3; i++) await postJson(`${server.url}/api/tickets`, { categoryId: 'labor' });
    await postJson(`${server.url}/api/tickets`, { categoryId: 'consult' });
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await page.goto(`${server.url}/display?voice=off`);
    await page.getByText('暂无叫号').waitFor();

    // C001 called, recalled twice, then skipped: one entry, and the panel no longer asks anyone to come.
    await act(3, t3, 'call-next');
    await until(page, async () => (await latest(page)).includes('C001'));
    for (let i = 0; i < 2; i++) expect((await act(3, t3, 'recall')).status).toBe(200);
    await until(page, async () => (await latest(page)).includes('重复呼叫'));
    await act(3, t3, 'skip');
    await until(page, async () => (await latest(page)).includes('暂无叫号'));
    expect(await history(page)).toEqual(['C001\n→\n3号窗口']);

    // C002 called then finished: the panel clears; the list has C002 and C001 once each.
    await act(3, t3, 'call-next');
    await until(page, async () => (await latest(page)).includes('C002'));
    await act(3, t3, 'finish');
    await until(page, async () => (await latest(page)).includes('暂无叫号'));

    // A001 called at window 1, then transferred to window 6: it leaves window 1's place in the list.
    await act(1, t1, 'call-next');
    await until(page, async () => (await latest(page)).includes('A001'));
    expect((await act(1, t1, 'transfer', { windowNo: 6, note: '转综合受理出证' })).status).toBe(200);
    await until(page, async () => (await latest(page)).includes('暂无叫号'));

    // C003 called, then window 3 pauses: the panel clears.
    await act(3, t3, 'call-next');
    await until(page, async () => (await latest(page)).includes('C003'));
    await act(3, t3, 'pause', { reason: '午休' });
    await until(page, async () => (await latest(page)).includes('暂无叫号'));
    const live = await history(page);
    expect(live).toEqual(['C003\n→\n3号窗口', 'C002\n→\n3号窗口', 'C001\n→\n3号窗口']);
    await page.screenshot({ path: artifact('hall-display-live-calls.png') });

    await server.restart();
    await page.reload();
    await page.getByTestId('call-history').locator('li').first().waitFor();
    expect(await latest(page)).toContain('暂无叫号');
    expect(await history(page)).toEqual(live);
    await page.close();
  });
});
