// The kiosk in Chromium against the whole server (issue 18): a resident who cannot type pinyin writes
// 低 and 保 on the handwriting pad and finds 最低生活保障; the elderly home shows the six categories in two
// large columns without scrolling; 长辈模式 stays on after a ticket until the idle timeout ends the
// session; 叫号 never wraps a lone character; a matter without a guide says so and prints a 咨询指引;
// without the Zinnia model the pad is not offered. Screenshots: tests/artifacts/kiosk-handwriting-*.png,
// kiosk-elderly-home-*.png.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { artifact, launchBrowser } from '../helpers/browser.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { testConfig } from '../helpers/config.ts';
import { medians } from '../handwriting/written.ts';

const PORTRAIT = { width: 1080, height: 1920 };
const LANDSCAPE = { width: 1920, height: 1080 };
let server: TestServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
  context = await browser.newContext({
    viewport: PORTRAIT,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    hasTouch: true,
  });
  page = await context.newPage();
  page.setDefaultTimeout(8_000);
  await page.clock.install();
  page.on('pageerror', (e) => console.error('kiosk page error:', e.message));
  await page.goto(`${server.url}/kiosk`);
  await page.locator('button[data-category]').first().waitFor();
}, 60_000);

afterAll(async () => {
  await context?.close().catch(() => undefined);
  await browser?.close();
  await server?.stop();
});

/** Write a character on the pad with the mouse (pointer events), from hanzi-writer-data's medians. */
async function write(ch: string): Promise<void> {
  const box = (await page.getByTestId('hw-canvas').boundingBox())!;
  const scale = (box.width * 0.8) / 1024;
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

/** Lines of an element's text as laid out: characters grouped by the top of their box. */
function lineTexts(selector: string) {
  return page.evaluate((sel) => {
    const el = document.querySelector(sel)!;
    const text = el.firstChild!;
    const lines = new Map<number, string>();
    for (let i = 0; i < (text.textContent ?? '').length; i++) {
      const r = document.createRange();
      r.setStart(text, i);
      r.setEnd(text, i + 1);
      const top = Math.round(r.getBoundingClientRect().top);
      lines.set(top, (lines.get(top) ?? '') + text.textContent![i]);
    }
    return [...lines.values()];
  }, selector);
}

describe('handwriting on the search screen', () => {
  it('writing 低 then 保 and tapping the candidates finds 最低生活保障', async () => {
    await page.getByRole('button', { name: /办事指南/ }).click();
    await page.locator('button[data-input="write"]').click();
    await write('低');
    await page.locator('button[data-candidate]').first().waitFor();
    await page.screenshot({ path: artifact('kiosk-handwriting-pad-portrait.png') });
    const first = await page.locator('button[data-candidate]').allTextContents();
    expect(first.length).toBeLessThanOrEqual(10);
    expect(first.slice(0, 5)).toContain('低');
    await page.locator('button[data-candidate="低"]').click();
    await expect(page.getByTestId('query').textContent()).resolves.toBe('低');
    await write('保');
    await page.locator('button[data-candidate="保"]').click();
    await expect(page.getByTestId('query').textContent()).resolves.toBe('低保');
    await page.locator('button[data-matter]', { hasText: '最低生活保障' }).first().waitFor();
    await page.screenshot({ path: artifact('kiosk-handwriting-found-portrait.png') });
    // Then a pinyin letter after the written characters.
    await page.locator('button[data-input="pinyin"]').click();
    await page.locator('button[data-key="delete"]').click();
    await page.locator('button[data-key="B"]').click();
    await expect(page.getByTestId('query').textContent()).resolves.toBe('低B');
    await page.locator('button[data-matter]', { hasText: '最低生活保障' }).first().waitFor();
    await page.setViewportSize(LANDSCAPE);
    await page.locator('button[data-input="write"]').click();
    await write('助');
    await page.locator('button[data-candidate]').first().waitFor();
    await page.screenshot({ path: artifact('kiosk-handwriting-pad-landscape.png') });
    // The pad's own buttons are on screen, not below it.
    for (const key of ['undo-stroke', 'rewrite'])
      expect((await page.locator(`button[data-key="${key}"]`).boundingBox())!.y + 40).toBeLessThanOrEqual(
        LANDSCAPE.height,
      );
    // And in elderly mode, both orientations.
    await page.getByRole('button', { name: '长辈模式' }).click();
    for (const [name, size] of [
      ['landscape', LANDSCAPE],
      ['portrait', PORTRAIT],
    ] as const) {
      await page.setViewportSize(size);
      await page.waitForTimeout(100);
      await page.getByTestId('hw-canvas').scrollIntoViewIfNeeded();
      await page.screenshot({ path: artifact(`kiosk-handwriting-pad-elderly-${name}.png`) });
    }
    await page.getByRole('button', { name: '退出长辈模式' }).click();
    await page.setViewportSize(PORTRAIT);
    await page.getByRole('button', { name: '返回首页' }).click();
  });
});

describe('长辈模式', () => {
  it('six categories in two large columns on one screen, portrait and landscape, no scrolling', async () => {
    await page.getByRole('button', { name: '长辈模式' }).click();
    await page.locator('html.elderly').waitFor({ state: 'attached' });
    for (const [name, size] of [
      ['portrait', PORTRAIT],
      ['landscape', LANDSCAPE],
    ] as const) {
      await page.setViewportSize(size);
      await page.waitForTimeout(100);
      await page.screenshot({ path: artifact(`kiosk-elderly-home-${name}.png`) });
      const boxes = await page
        .locator('button[data-category]')
        .evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON() as DOMRect));
      expect(boxes).toHaveLength(6);
      expect(new Set(boxes.map((b) => Math.round(b.left))).size, name).toBe(2);
      for (const b of boxes) expect(b.bottom, name).toBeLessThanOrEqual(size.height);
      const more = await page.locator('.home-more').evaluate((e) => e.getBoundingClientRect().bottom);
      expect(more, name).toBeLessThanOrEqual(size.height);
      const scrolls = await page.evaluate(() =>
        [...document.querySelectorAll('*')].some(
          (e) => e.scrollHeight > e.clientHeight + 1 && ['auto', 'scroll'].includes(getComputedStyle(e).overflowY),
        ),
      );
      expect(scrolls, name).toBe(false);
      // Text stays doubled.
      expect(
        await page.evaluate(() => parseFloat(getComputedStyle(document.querySelector('.category-name')!).fontSize)),
      ).toBeGreaterThanOrEqual(64);
    }
    await page.setViewportSize(PORTRAIT);
  });

  it('stays on after a ticket (完成) until the idle timeout ends the session; 叫号 does not wrap alone', async () => {
    // From a fresh page, whatever the tests before left on screen.
    await page.setViewportSize(PORTRAIT);
    await page.goto(`${server.url}/kiosk`);
    await page.getByRole('button', { name: '长辈模式' }).click();
    await page.locator('html.elderly').waitFor({ state: 'attached' });
    await page.locator('button[data-category]').first().click();
    await page.locator('.result-ahead').waitFor();
    for (const [name, size] of [
      ['portrait', PORTRAIT],
      ['landscape', LANDSCAPE],
    ] as const) {
      await page.setViewportSize(size);
      await page.waitForTimeout(50);
      const lines = await lineTexts('.result-ahead');
      for (const l of lines) expect([...l.trim()].length, `${name}: ${JSON.stringify(lines)}`).toBeGreaterThan(1);
      // A break, if any, comes after the comma.
      if (lines.length > 1) expect(lines[0]!.trim(), name).toMatch(/，$/);
    }
    await page.setViewportSize(PORTRAIT);
    await page.screenshot({ path: artifact('kiosk-elderly-result-portrait.png') });
    await page
      .getByRole('button', { name: /完成|返回首页/ })
      .first()
      .click();
    await page.locator('button[data-category]').first().waitFor();
    expect(await page.evaluate(() => document.documentElement.classList.contains('elderly'))).toBe(true);
    await page.clock.fastForward(61_000);
    await page.waitForFunction(() => !document.documentElement.classList.contains('elderly'));
  });
});

describe('a matter without a guide', () => {
  it('says the guide is not published yet and prints a 咨询指引, not a 一次性告知单', async () => {
    const config = testConfig();
    const township = await startTestServer({ config: { ...config, center: { ...config.center, level: 'township' } } });
    const p = await context.newPage();
    try {
      await p.goto(`${township.url}/kiosk`);
      await p.getByRole('button', { name: /办事指南/ }).click();
      await p.locator('button[data-input="pinyin"]').click();
      for (const k of 'ZMZL') await p.locator(`button[data-key="${k}"]`).click(); // 种苗造林补助: no guide
      await p.locator('button[data-matter]').first().click();
      await p.getByTestId('guide-pending').waitFor();
      await p.locator('button[data-action="notice"]', { hasText: '打印咨询指引' }).click();
      await p.getByTestId('notice-printed').waitFor();
      await p.screenshot({ path: artifact('kiosk-matter-no-guide-portrait.png') });
      const slip = iconv.decode(Buffer.from(township.sim.printedJobs().at(-1)!), 'gb18030');
      expect(slip).toContain('咨询指引');
      expect(slip).not.toContain('一次性告知单');
    } finally {
      await p.close();
      await township.stop();
    }
  });

  it('without the Zinnia model the pad is not offered', async () => {
    const bare = await startTestServer({ handwritingModel: '/nonexistent/handwriting.model' });
    const p = await context.newPage();
    try {
      await p.goto(`${bare.url}/kiosk`);
      await p.getByRole('button', { name: /办事指南/ }).click();
      await p.locator('button[data-key="A"]').waitFor();
      await p.waitForTimeout(300);
      expect(await p.locator('button[data-input="write"]').count()).toBe(0);
      expect(await p.getByTestId('hw-canvas').count()).toBe(0);
    } finally {
      await p.close();
      await bare.stop();
    }
  });
});
