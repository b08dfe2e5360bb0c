// The kiosk page on a low-end kiosk (issue 26): Chromium with 4× CPU throttling (DevTools
// Emulation.setCPUThrottlingRate). First contentful paint of /kiosk (3 loads: the first in a browser just
// started, the others with its cache), beside it the first frame with the categories to touch (no target: the
// first paint may be kiosk.html's static first frame), and touch on a category →
// the ticket's number on screen over 50 tickets (p50, p95). Part of npm run bench; alone: npm run bench:kiosk.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CDPSession, Page } from 'playwright-core';
import { artifact, launchBrowser } from '../helpers/browser.ts';
import { loadTestConfigDir, spawnServer } from '../helpers/server-process.ts';
import { login, pct } from './http-client.ts';

const ms = (v: number) => `${v.toFixed(0)} ms`;

/**
 * A server with every window signed in (the kiosk issues at once, no 暂停服务 question before the number) and
 * a fresh Chromium with a 1080×1920 touch context; `throttle` opens a page under 4× CPU throttling (also
 * used by kiosk-profile.ts).
 */
export async function throttledKiosk(configDir: string) {
  const server = await spawnServer({
    dataDir: mkdtempSync(join(tmpdir(), 'bench-kiosk-')),
    env: { KIOSK_CONFIG: configDir },
  });
  await Promise.all([1, 2, 3, 4, 5, 6].map((no) => login(server.url, no)));
  const browser = await launchBrowser();
  const context = await browser.newContext({
    viewport: { width: 1080, height: 1920 },
    hasTouch: true,
    locale: 'zh-CN',
  });
  return {
    server,
    context,
    async throttle(page: Page): Promise<CDPSession> {
      const cdp = await context.newCDPSession(page);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
      return cdp;
    },
    async close(): Promise<void> {
      await browser.close();
      await server.kill();
    },
  };
}

export async function kioskThrottled(configDir: string): Promise<string[]> {
  const kiosk = await throttledKiosk(configDir);
  const { server, context } = kiosk;
  try {
    // Timed inside the page, so the driver's own work (throttled too) is not counted: from the touch's
    // pointerdown to the first frame painted after the number is in the document.
    await context.addInitScript(() => {
      const w = window as unknown as { tapAt?: number; shownAt?: number };
      const c = window as unknown as { categoriesAt?: number };
      document.addEventListener(
        'pointerdown',
        (e) => {
          if ((e.target as Element | null)?.closest?.('button[data-category]')) {
            w.tapAt = performance.now();
            w.shownAt = undefined;
          }
        },
        true,
      );
      new MutationObserver(() => {
        if (w.tapAt !== undefined && w.shownAt === undefined && document.querySelector('[data-testid="ticket-number"]'))
          requestAnimationFrame(() => (w.shownAt ??= performance.now()));
        // Beside the first paint (which may be kiosk.html's static first frame): the first frame with the
        // categories to touch, from navigation start.
        if (c.categoriesAt === undefined && document.querySelector('button[data-category]'))
          requestAnimationFrame(() => (c.categoriesAt ??= performance.now()));
      }).observe(document, { childList: true, subtree: true });
    });
    const page = await context.newPage();
    await kiosk.throttle(page);
    const paints: number[] = [];
    const ready: number[] = [];
    for (let i = 0; i < 3; i++) {
      await page.goto(`${server.url}/kiosk`, { waitUntil: 'load' });
      await page.locator('button[data-category]').first().waitFor({ timeout: 30_000 });
      paints.push(
        await page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? Number.NaN),
      );
      ready.push(
        await page
          .waitForFunction(() => (window as unknown as { categoriesAt?: number }).categoriesAt ?? false)
          .then((h) => h.jsonValue() as Promise<number>),
      );
    }
    const touches: number[] = [];
    const categories = ['consult', 'civil', 'labor', 'health', 'disabled', 'general'];
    for (let i = 0; i < 50; i++) {
      const button = page.locator(`button[data-category="${categories[i % categories.length]}"]`);
      await button.waitFor({ timeout: 30_000 });
      await button.tap();
      await page.getByTestId('ticket-number').waitFor({ timeout: 30_000 });
      touches.push(
        await page
          .waitForFunction(() => {
            const w = window as unknown as { tapAt?: number; shownAt?: number };
            return w.shownAt !== undefined && w.tapAt !== undefined ? w.shownAt - w.tapAt : false;
          })
          .then((h) => h.jsonValue() as Promise<number>),
      );
      if (i === 0) await page.screenshot({ path: artifact('bench-kiosk-throttled-result.png') });
      await page.getByRole('button', { name: '完成' }).tap();
    }
    return [
      `kiosk page, Chromium with 4× CPU throttling: first contentful paint ${paints.map(ms).join(', ')} [≤ 1000 ms]` +
        ` (categories on screen ${ready.map(ms).join(', ')});` +
        ` touch on a category → number on screen over 50 tickets p50 ${ms(pct(touches, 50))}, p95 ${ms(pct(touches, 95))} [p95 ≤ 300 ms]`,
    ];
  } finally {
    await kiosk.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`)
  kioskThrottled(loadTestConfigDir())
    .then((lines) => lines.forEach((l) => console.log(l)))
    .catch((err) => {
      console.error(err);
      process.exit(1);
    });
