// 转办 reaches the receiving window (issue 17): window 6's console shows, on the transferred ticket in its
// queue and again when it is called, 转自1号窗口, who sent it, when, and the note.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { artifact, launchBrowser, signInConsole } from '../helpers/browser.ts';
import { postJson, staffToken, startTestServer, type TestServer } from '../helpers/server.ts';
import type { Ticket } from '../../server/contract/queue.ts';

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

describe('transfer note at the receiving window', () => {
  it('shows 转自N号窗口, who, when and the note in the queue and on the called ticket', async () => {
    await postJson<{ ticket: Ticket }>(`${server.url}/api/tickets`, { categoryId: 'consult' });
    const t1 = await staffToken(server.url, 1);
    await postJson(`${server.url}/api/windows/1/call-next`, {}, t1);
    const note = '已核对户口本，需开具居住证明';
    expect(
      (await postJson(`${server.url}/api/windows/1/transfer`, { windowNo: 6, categoryId: 'general', note }, t1)).status,
    ).toBe(200);

    const page = await browser.newPage({ viewport: { width: 1600, height: 900 } });
    await signInConsole(page, server.url, 6);
    const inQueue = page.getByTestId('queue').getByTestId('transfer-note');
    await inQueue.waitFor();
    const queued = await inQueue.innerText();
    expect(queued).toContain('转自1号窗口');
    expect(queued).toContain('1号窗口A岗');
    expect(queued).toMatch(/\d{2}:\d{2}/);
    expect(queued).toContain(note);
    await page.screenshot({ path: artifact('console-transfer-note-queue.png') });

    await page.keyboard.press('F1');
    await page.locator('.current').getByTestId('transfer-note').waitFor();
    expect(await page.locator('.current').getByTestId('transfer-note').innerText()).toContain(note);
    await page.screenshot({ path: artifact('console-transfer-note-called.png') });
    await page.close();
  });
});
