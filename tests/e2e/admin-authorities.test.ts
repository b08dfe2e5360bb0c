// /admin → 配置管理: the 上级机关、部门 list (限时办结制度 第九条) edited on the page; the centre's own name is refused
// with the server's Chinese message. Screenshot: tests/artifacts/admin-authorities.png.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { artifact, launchBrowser } from '../helpers/browser.ts';
import { copyTestConfig, testConfig } from '../helpers/config.ts';
import { getJson, startTestServer, staffToken, type TestServer } from '../helpers/server.ts';

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'authorities-e2e-'));
  copyTestConfig(new URL('../../config', import.meta.url).pathname, dir);
  server = await startTestServer({ config: { ...testConfig(), dir } });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('/admin 上级机关、部门', () => {
  it('the admin edits the list; the centre itself is refused', { timeout: 60_000 }, async () => {
    const page = await (
      await browser.newContext({ viewport: { width: 1440, height: 1000 }, locale: 'zh-CN' })
    ).newPage();
    await page.goto(`${server.url}/admin`);
    await page.fill('input[name=staffId]', 'admin');
    await page.fill('input[name=pin]', 'admin2026');
    await page.keyboard.press('Enter');
    await page.locator('[data-testid=tab-settings]').click();
    const card = page.locator('[data-testid=authorities-card]');
    const box = card.locator('textarea[name=authorities]');
    await box.waitFor();
    const self = server.app.ctx.config.center.name;
    await box.fill(`县民政局\n${self}`);
    await card.getByRole('button', { name: '保存上级机关、部门' }).click();
    await expect.poll(() => page.locator('[data-testid=settings-message]').innerText()).toContain('不是上级机关、部门');
    await box.fill('县民政局\n县人力资源和社会保障局');
    await card.getByRole('button', { name: '保存上级机关、部门' }).click();
    await expect.poll(() => page.locator('[data-testid=settings-message]').innerText()).toContain('已保存');
    const clerk = await staffToken(server.url, 4);
    const seen = await getJson<{ authorities: string[] }>(`${server.url}/api/cases/authorities`, clerk);
    expect(seen.body.authorities).toEqual(['县民政局', '县人力资源和社会保障局']);
    await card.scrollIntoViewIfNeeded();
    await page.screenshot({ path: artifact('admin-authorities.png') });
  });
});
