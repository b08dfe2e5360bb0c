// The keyboard-wedge scanner in the real kiosk page (Chromium against the whole server): keystrokes at
// 5 ms, on the home screen and inside the service guide, after a tap moved the focus; keys the browser
// reports as 'Unidentified' or 'Process' (an input method composing); Alt+Numpad sequences. Each scan of a
// slip's QR must open that ticket's status, every character intact.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { artifact, launchBrowser } from '../helpers/browser.ts';
import { postJson, startTestServer, type TestServer } from '../helpers/server.ts';
import type { Ticket } from '../../server/contract/queue.ts';

let server: TestServer;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  if (!existsSync(new URL('../../dist/kiosk.html', import.meta.url).pathname))
    throw new Error('dist/kiosk.html 不存在：请先运行 npx vite build');
  server = await startTestServer();
  browser = await launchBrowser();
  const context = await browser.newContext({
    viewport: { width: 1080, height: 1920 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    hasTouch: true,
  });
  page = await context.newPage();
  await page.goto(`${server.url}/kiosk`);
  await page.getByRole('heading', { name: '请选择要办理的业务' }).waitFor();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function ticketUrl(key: string): Promise<{ url: string; ticket: Ticket }> {
  const r = await postJson<{ ticket: Ticket }>(`${server.url}/api/tickets`, {
    categoryId: 'civil',
    idempotencyKey: key,
  });
  expect(r.status).toBe(201);
  return { url: `${server.url}/t/${r.body.ticket.id}`, ticket: r.body.ticket };
}

async function seesTicket(ticket: Ticket): Promise<void> {
  try {
    await page.getByTestId('status').getByText(ticket.number).waitFor({ timeout: 5000 });
  } catch (err) {
    await page.screenshot({ path: artifact('kiosk-wedge-failed.png') });
    throw err;
  }
  await page.getByTestId('status').getByRole('button', { name: '返回' }).click();
}

describe('keyboard-wedge scanner in the kiosk page', () => {
  it('5 ms keystrokes on the home screen: every character arrives; the hidden input holds the focus', async () => {
    const { url, ticket } = await ticketUrl('k-wedge-0001');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('wedge-input');
    await page.keyboard.type(url, { delay: 5 });
    await page.keyboard.press('Enter');
    await page.screenshot({ path: artifact('kiosk-wedge-status.png') });
    await seesTicket(ticket);
  });

  it('inside the service guide, and after a tap moved the focus to a button', async () => {
    const { url, ticket } = await ticketUrl('k-wedge-0002');
    await page.getByRole('button', { name: /办事指南/ }).click();
    await page.waitForTimeout(100);
    await page.evaluate(() => (document.querySelector('button') as HTMLButtonElement | null)?.focus());
    await page.waitForTimeout(50); // the blur puts the focus back on the hidden input
    await page.keyboard.type(url, { delay: 5 });
    await page.keyboard.press('Enter');
    await seesTicket(ticket);
  });

  it("keys reported as 'Unidentified' or 'Process' (IME) are read by their physical key", async () => {
    const { ticket } = await ticketUrl('k-wedge-0003');
    const path = `/t/${ticket.id}`;
    // What a scanner under an active input method looks like to the page: no character, only the key.
    await page.evaluate(async (text) => {
      const codeOf = (ch: string): { code: string; shiftKey: boolean } => {
        if (/[a-z]/.test(ch)) return { code: `Key${ch.toUpperCase()}`, shiftKey: false };
        if (/[A-Z]/.test(ch)) return { code: `Key${ch}`, shiftKey: true };
        if (/[0-9]/.test(ch)) return { code: `Digit${ch}`, shiftKey: false };
        return {
          '/': { code: 'Slash', shiftKey: false },
          '-': { code: 'Minus', shiftKey: false },
          _: { code: 'Minus', shiftKey: true },
        }[ch]!;
      };
      const target = document.activeElement ?? document.body;
      let i = 0;
      for (const ch of text) {
        const { code, shiftKey } = codeOf(ch);
        const key = i++ % 2 ? 'Process' : 'Unidentified';
        target.dispatchEvent(new KeyboardEvent('keydown', { key, code, shiftKey, bubbles: true }));
        target.dispatchEvent(new KeyboardEvent('keyup', { key, code, shiftKey, bubbles: true }));
        await new Promise((r) => setTimeout(r, 5));
      }
      target.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', code: 'Enter', bubbles: true }));
    }, path);
    await seesTicket(ticket);
  });

  it('Alt+Numpad sequences (real key events from Chromium)', async () => {
    const { ticket } = await ticketUrl('k-wedge-0004');
    const path = `/t/${ticket.id}`;
    for (const ch of path) {
      await page.keyboard.down('Alt');
      for (const d of String(ch.charCodeAt(0)).padStart(4, '0')) await page.keyboard.press(`Numpad${d}`);
      await page.keyboard.up('Alt');
    }
    await page.keyboard.press('Enter');
    await seesTicket(ticket);
  });

  it('slow typing is not taken for a scan', async () => {
    await page.keyboard.type('/t/nothing', { delay: 150 });
    await page.keyboard.press('Enter');
    await page.waitForTimeout(300);
    expect(await page.getByTestId('status').count()).toBe(0);
  });
});
