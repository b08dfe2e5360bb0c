// Issue #23 item 4: when /api/health reports a storage fault, /admin says so and says to restore a backup.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { artifact, launchBrowser } from '../helpers/browser.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

let browser: Browser;
let server: TestServer;
beforeAll(async () => {
  browser = await launchBrowser();
  server = await startTestServer();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('/admin and a storage fault', () => {
  it('shows a banner telling to restore a backup', { timeout: 60_000 }, async () => {
    // A read that failed on a damaged page, as the stores report it.
    const fault = Object.assign(new Error('database disk image is malformed'), { code: 'SQLITE_CORRUPT' });
    server.app.ctx.storage.note(fault);
    expect(server.app.ctx.storage.view().ok).toBe(false);
    const page = await (
      await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' })
    ).newPage();
    await page.goto(`${server.url}/admin`);
    await page.fill('input[name=staffId]', 'admin');
    await page.fill('input[name=pin]', 'admin2026');
    await page.keyboard.press('Enter');
    const banner = page.locator('[data-testid=storage-fault]');
    await banner.waitFor({ timeout: 10_000 });
    expect(await banner.innerText()).toMatch(/备份恢复/);
    await page.screenshot({ path: artifact('admin-storage-fault.png') });
  });
});
