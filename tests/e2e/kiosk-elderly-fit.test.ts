// Issue 24 item 2: 长辈模式 in landscape. After handwriting, the candidates landed off-screen (y≈1104 on a
// 1080-px screen), the pinyin pad's Y/Z/删除/清空 too, and the handwriting pad was smaller than in normal
// mode. Now everything of the elderly search screen fits 1920×1080 and 1080×1920 without scrolling, with
// larger targets than normal mode.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { artifact, launchBrowser } from '../helpers/browser.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { medians } from '../handwriting/written.ts';

let server: TestServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'zh-CN', hasTouch: true });
  page = await context.newPage();
  page.setDefaultTimeout(8_000);
  await page.goto(`${server.url}/kiosk`);
  await page.locator('button[data-category]').first().waitFor();
}, 60_000);
afterAll(async () => {
  await context?.close().catch(() => undefined);
  await browser?.close();
  await server?.stop();
});

async function write(ch: string): Promise<void> {
  const box = (await page.getByTestId('hw-canvas').boundingBox())!;
  const scale = (Math.min(box.width, box.height) * 0.8) / 1024;
  for (const stroke of medians(ch)) {
    const pts = stroke.map(
      ([x, y]) => [box.x + box.width * 0.1 + x! * scale, box.y + box.height * 0.05 + (900 - y!) * scale] as const,
    );
    await page.mouse.move(pts[0]![0], pts[0]![1]);
    await page.mouse.down();
    for (const [x, y] of pts.slice(1)) await page.mouse.move(x, y, { steps: 3 });
    await page.mouse.up();
  }
}

const onScreen = async (selector: string, height: number) => {
  const boxes = await page.locator(selector).evaluateAll((els) => els.map((e) => e.getBoundingClientRect().bottom));
  expect(boxes.length, selector).toBeGreaterThan(0);
  for (const b of boxes) expect(b, selector).toBeLessThanOrEqual(height);
};
/** Neither the page nor the screen scrolls (the list of matters found may: it is a list). */
const noScroll = async () =>
  expect(
    await page.evaluate(() =>
      [document.scrollingElement, document.querySelector('.screen'), document.querySelector('.search')]
        .filter((e): e is Element => !!e && e.scrollHeight > e.clientHeight + 1)
        .map((e) => `${e.className || e.nodeName} ${e.scrollHeight}>${e.clientHeight}`),
    ),
  ).toEqual([]);
const area = async (selector: string) => {
  const b = (await page.locator(selector).first().boundingBox())!;
  return b.width * b.height;
};

describe('长辈模式 search screen fits', () => {
  for (const [name, w, h] of [
    ['landscape', 1920, 1080],
    ['portrait', 1080, 1920],
  ] as const) {
    it(`${name} ${w}×${h}: candidates, pad and keys on screen, no scrolling, larger than normal`, {
      timeout: 60_000,
    }, async () => {
      await page.setViewportSize({ width: w, height: h });
      await page.goto(`${server.url}/kiosk`);
      await page.getByRole('button', { name: /办事指南/ }).click();
      await page.locator('button[data-input="write"]').click();
      const normalPad = await area('[data-testid="hw-canvas"]');
      await page.locator('button[data-input="pinyin"]').click();
      const normalKey = await area('button[data-key="Y"]');

      await page.getByRole('button', { name: '长辈模式' }).click();
      await page.locator('html.elderly').waitFor({ state: 'attached' });
      await page.waitForTimeout(100);
      await page.screenshot({ path: artifact(`elderly-pinyin-${name}-${w}x${h}.png`) });
      // The pinyin pad: every key on screen, larger than in normal mode.
      await onScreen('button[data-key]', h);
      expect(await area('button[data-key="Y"]')).toBeGreaterThan(normalKey);
      await noScroll();

      await page.locator('button[data-input="write"]').click();
      expect(await area('[data-testid="hw-canvas"]')).toBeGreaterThan(normalPad);
      await write('低');
      await page.locator('button[data-candidate]').first().waitFor();
      await page.screenshot({ path: artifact(`elderly-handwriting-${name}-${w}x${h}.png`) });
      await onScreen('button[data-candidate]', h);
      await onScreen('button[data-key]', h);
      await noScroll();
      await page.getByRole('button', { name: '退出长辈模式' }).click();
    });
  }
});
