// The hall display on every screen a centre hangs (issue 24 item 13): 1920×1080, 1080×1920 and the
// 1920×360 and 1920×540 strips. The called number is never covered by the window cards, every card is on screen, and the
// "点击开启语音播报" button (shown while the browser holds the sound back) covers nothing a resident reads.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { artifact, launchBrowser } from '../helpers/browser.ts';
import { postJson, staffToken, startTestServer, type TestServer } from '../helpers/server.ts';

let server: TestServer;
let browser: Browser;
beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
  // C001 called at window 3, window 5 paused with a reason, the others closed: every kind of card.
  const t3 = await staffToken(server.url, 3);
  const t5 = await staffToken(server.url, 5);
  for (let i = 0; i < 2; i++) await postJson(`${server.url}/api/tickets`, { categoryId: 'labor' });
  await postJson(`${server.url}/api/windows/5/pause`, { reason: '午间休息，13:30恢复' }, t5);
  expect((await postJson(`${server.url}/api/windows/3/call-next`, {}, t3)).status).toBe(200);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const SIZES = [
  [1920, 1080],
  [1080, 1920],
  [1920, 360],
  [1920, 540],
] as const;

/** Overlaps between what a resident reads and anything drawn over it, and whatever leaves the screen. */
function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const vw = window.innerWidth;
    const vh = window.innerHeight;
    const box = (el: Element) => el.getBoundingClientRect();
    const meet = (a: DOMRect, b: DOMRect) =>
      a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1;
    const name = (el: Element) => `${el.className || el.tagName}「${(el.textContent ?? '').slice(0, 20)}」`;
    const number = document.querySelector('.hall-latest-number');
    const where = document.querySelector('.hall-latest-where');
    const cards = [...document.querySelectorAll('.hall-window')];
    const read = [number, where, ...cards, ...document.querySelectorAll('.hall-history li, .hall-waiting-item')];
    for (const el of read) {
      if (!el) continue;
      const r = box(el);
      if (r.left < -1 || r.top < -1 || r.right > vw + 1 || r.bottom > vh + 1) problems.push(`${name(el)} off screen`);
    }
    // A card cut off by its own row (a second row of cards under the waiting counts) is as unread as one off screen.
    const row = document.querySelector('.hall-windows');
    for (const card of cards) {
      const r = box(card);
      const b = row ? box(row) : null;
      if (b && (r.top < b.top - 1 || r.bottom > b.bottom + 1 || r.left < b.left - 1 || r.right > b.right + 1))
        problems.push(`${name(card)} cut off by its row`);
    }
    for (const el of [number, where]) {
      if (!el) continue;
      for (const card of cards) if (meet(box(el), box(card))) problems.push(`${name(card)} covers ${name(el)}`);
      // Whatever is on top at the text's centre must be the text (or inside it).
      const r = box(el);
      const top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
      if (!top || !(el === top || el.contains(top)))
        problems.push(`${top ? name(top) : 'nothing'} on top of ${name(el)}`);
      if (r.height < 10) problems.push(`${name(el)} squashed to ${r.height}px`);
    }
    const unlock = document.querySelector('.voice-unlock');
    if (unlock) {
      const u = box(unlock);
      if (u.right > vw + 1 || u.bottom > vh + 1) problems.push('voice button off screen');
      for (const el of read) if (el && meet(u, box(el))) problems.push(`voice button covers ${name(el)}`);
      for (const el of document.querySelectorAll('.hall-head h1, .hall-clock'))
        if (meet(u, box(el))) problems.push(`voice button covers ${name(el)}`);
    }
    return problems;
  });
}

describe('hall display layout', () => {
  it('shows the called number uncovered and every window card on 1920×1080, 1080×1920, 1920×360 and 1920×540', {
    timeout: 60_000,
  }, async () => {
    for (const [width, height] of SIZES) {
      const page = await browser.newPage({ viewport: { width, height } });
      await page.goto(`${server.url}/display?voice=off`);
      await page.getByTestId('latest-call').getByText('C001').waitFor();
      expect(await layoutProblems(page), `${width}×${height}`).toEqual([]);
      await page.screenshot({ path: artifact(`hall-display-${width}x${height}.png`) });
      await page.close();
    }
  });

  it('puts 点击开启语音播报 where it covers no window card, call or count', { timeout: 60_000 }, async () => {
    for (const [width, height] of SIZES) {
      const page = await browser.newPage({ viewport: { width, height } });
      // A display's browser holds sound back until someone clicks (autoplay rule); headless Chromium does not,
      // whatever its flags, so the page's AudioContext starts suspended here as it does on a real screen.
      await page.addInitScript(() => {
        const Real = window.AudioContext;
        window.AudioContext = class extends Real {
          constructor(options?: AudioContextOptions) {
            super(options);
            void this.suspend();
          }
        };
      });
      await page.goto(`${server.url}/display?voice=clips`);
      await page.getByRole('button', { name: '点击开启语音播报' }).waitFor();
      await page.getByTestId('latest-call').getByText('C001').waitFor();
      expect(await layoutProblems(page), `${width}×${height}`).toEqual([]);
      await page.screenshot({ path: artifact(`hall-display-${width}x${height}-voice-button.png`) });
      await page.close();
    }
  });
});
