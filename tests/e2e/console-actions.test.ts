// Every window action from the console, with the mouse and the F-keys, against the whole server; the
// window display follows the pause. Screenshots go to tests/artifacts/.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { artifact, launchBrowser, signInConsole } from '../helpers/browser.ts';
import { postJson, startTestServer, type TestServer } from '../helpers/server.ts';
import type { Ticket } from '../../server/contract/queue.ts';

let server: TestServer;
let browser: Browser;
let consolePage: Page;
let windowPage: Page;

async function takeTicket(body: { categoryId: string; priority?: string }): Promise<Ticket> {
  const r = await postJson<{ ticket: Ticket }>(`${server.url}/api/tickets`, body);
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body.ticket;
}

const current = () => consolePage.locator('[data-testid=current]');
const queueText = () => consolePage.locator('[data-testid=queue]').innerText();
const message = () => consolePage.locator('[data-testid=console-message]').innerText();
const counts = () => consolePage.locator('[data-testid=counts]').innerText();
// The console ignores keys while a request is in flight (no double actions); the display can see a change
// over the WebSocket before the console's own request has returned, so wait until 叫号 is enabled again.
const idle = () => expect.poll(() => consolePage.getByRole('button', { name: /叫号 F1/ }).isEnabled()).toBe(true);

beforeAll(async () => {
  if (!existsSync(new URL('../../dist/console.html', import.meta.url).pathname))
    throw new Error('dist/console.html 不存在：请先运行 npx vite build');
  server = await startTestServer();
  browser = await launchBrowser();
  consolePage = await (await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' })).newPage();
  windowPage = await (await browser.newContext({ viewport: { width: 1280, height: 720 }, locale: 'zh-CN' })).newPage();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('window console actions', () => {
  it('shows the queue in order, confirms a green channel, calls out of order, skips and reactivates', {
    timeout: 60_000,
  }, async () => {
    await signInConsole(consolePage, server.url, 3);
    await windowPage.goto(`${server.url}/display/3`);

    const c1 = await takeTicket({ categoryId: 'labor' });
    const c2 = await takeTicket({ categoryId: 'labor', priority: 'disabled' });
    const c3 = await takeTicket({ categoryId: 'labor' });
    await takeTicket({ categoryId: 'civil' }); // another window's line: not in this queue
    await expect.poll(queueText).toContain(c3.number);
    // A self-declared green channel waits as a normal ticket until staff check it; confirmed, it goes first.
    const rows = () => consolePage.locator('[data-testid=queue] li .num').allInnerTexts();
    expect(await rows()).toEqual([c1.number, c2.number, c3.number]);
    expect(await queueText()).toContain('残疾人');
    await consolePage.locator('[data-testid=queue] li', { hasText: c2.number }).getByText('待核验·确认').click();
    await expect.poll(queueText).not.toContain('待核验');
    await expect.poll(rows).toEqual([c2.number, c1.number, c3.number]);

    // 指定叫号 needs a reason; then C003 is the current ticket.
    await consolePage.locator('[data-testid=queue] li', { hasText: c3.number }).getByText('指定叫号').click();
    await consolePage.getByPlaceholder(`指定叫 ${c3.number} 的原因（必填，将记录）`).fill('预约群众到场');
    await consolePage.locator('[data-testid=queue] button[type=submit]').click();
    await current().locator('.ticket-number', { hasText: c3.number }).waitFor();
    await windowPage.locator('[data-testid=window-state]', { hasText: c3.number }).waitFor();

    // F3 过号 → in the 过号恢复 list → back in the queue.
    await consolePage.keyboard.press('F3');
    await consolePage.locator('[data-testid=skipped] li', { hasText: c3.number }).waitFor();
    await expect.poll(counts).toContain('过号 1');
    await consolePage.locator('[data-testid=skipped] li', { hasText: c3.number }).getByText('恢复排队').click();
    await consolePage.locator('[data-testid=queue] li', { hasText: c3.number }).waitFor();
    await expect.poll(() => consolePage.locator('[data-testid=skipped]').innerText()).toContain('今天没有过号的号码');
  });

  it('pauses with a reason (F6), shown on the window display, and resumes', { timeout: 30_000 }, async () => {
    await consolePage.keyboard.press('F6');
    await consolePage.locator('[data-testid=pause-panel]').getByText('午休').click();
    await windowPage.getByText('暂停服务').waitFor();
    await windowPage.getByText('午休').waitFor();
    await windowPage.screenshot({ path: artifact('window-display-3-paused.png') });
    await consolePage.getByRole('button', { name: /恢复/ }).first().waitFor();
    await idle();
    await consolePage.keyboard.press('F6');
    await windowPage.getByText('等候叫号').waitFor();
    await consolePage.getByRole('button', { name: /暂停 F6/ }).waitFor();
  });

  it('calls (F1), refuses a recall past the limit and offers 过号, transfers (F4) and finishes with auto-call (F5)', {
    timeout: 60_000,
  }, async () => {
    // The first row of the queue is exactly the ticket F1 calls (the console applies the server's rule).
    const head = (await consolePage.locator('[data-testid=queue] li .num').first().innerText()).trim();
    await idle();
    await consolePage.keyboard.press('F1');
    await current().locator('.ticket-number').waitFor();
    const first = await current().locator('.ticket-number').innerText();
    expect(first).toBe(head);

    // config queue.maxRecalls is 3: the fourth recall is refused with the server's message and a 过号 button.
    // The console ignores keys while a request is in flight (no double actions), so wait for it.
    const recallReady = () =>
      expect.poll(() => consolePage.getByRole('button', { name: /重呼/ }).first().isEnabled()).toBe(true);
    for (let i = 1; i <= 3; i++) {
      await recallReady();
      await consolePage.keyboard.press('F2');
      await expect.poll(() => current().innerText()).toContain(`已重呼 ${i} 次`);
    }
    await recallReady();
    await consolePage.keyboard.press('F2');
    await consolePage.locator('[data-testid=console-message] .error').waitFor();
    expect(await message()).toMatch(/重呼/);
    await consolePage.locator('[data-testid=console-message]').getByRole('button', { name: '过号' }).click();
    await consolePage.locator('[data-testid=skipped] li', { hasText: first }).waitFor();

    // F4 转办 to another category with a note: the ticket leaves this window.
    await idle();
    await consolePage.keyboard.press('F1');
    await current().locator('.ticket-number').waitFor();
    const moved = await current().locator('.ticket-number').innerText();
    await consolePage.keyboard.press('F4');
    const panel = consolePage.locator('[data-testid=transfer-panel]');
    await panel.locator('select[name=categoryId]').selectOption('civil');
    await panel.locator('input[name=note]').fill('需民政窗口开具证明');
    await consolePage.screenshot({ path: artifact('console-3-transfer.png') });
    await panel.getByRole('button', { name: '确认转办' }).click();
    await expect.poll(() => current().innerText()).toContain('当前没有办理中的号码');
    await expect.poll(counts).toContain('转办 1');
    expect(await queueText()).not.toContain(moved);

    // 自动叫号 on: 办结 (F5) calls the next one at once; F5 must not reload the page.
    await consolePage.evaluate(() => ((window as unknown as { __notReloaded: boolean }).__notReloaded = true));
    await consolePage.getByRole('button', { name: /自动叫号：关/ }).click();
    await consolePage.getByRole('button', { name: /自动叫号：开/ }).waitFor();
    await takeTicket({ categoryId: 'labor' });
    await idle();
    await consolePage.keyboard.press('F1');
    await current().locator('.ticket-number').waitFor();
    const before = await current().locator('.ticket-number').innerText();
    await consolePage.keyboard.press('F5');
    await expect
      .poll(() =>
        current()
          .locator('.ticket-number')
          .innerText()
          .catch(() => ''),
      )
      .not.toBe(before);
    expect(await consolePage.evaluate(() => (window as unknown as { __notReloaded?: boolean }).__notReloaded)).toBe(
      true,
    );
    await expect.poll(counts).toContain('办结 1');
    expect(await current().locator('.ticket-number').innerText()).toMatch(/^C\d{3}$/);
    await consolePage.screenshot({ path: artifact('console-3-actions.png') });
  });
});
