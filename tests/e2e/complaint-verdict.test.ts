// Issue 21: 投诉查实 on /admin for a leader (seed 004 一次性告知制度 第七条 "经街道查实后，即被认定为'有效投诉'"):
// the complaints waiting for a verdict are listed; 有效投诉 asks the staff member and the finding, and the
// 意见和投诉登记 then shows the verdict.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { artifact, launchBrowser } from '../helpers/browser.ts';
import { getJson, postJson, startTestServer, type TestServer } from '../helpers/server.ts';
import { login, stationConfig } from '../registers/fixtures.ts';

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  if (!existsSync(new URL('../../dist/admin.html', import.meta.url).pathname))
    throw new Error('dist/admin.html 不存在：请先运行 npm run build');
  const started = Date.now();
  server = await startTestServer({
    config: stationConfig(),
    clock: () => new Date(Date.parse('2026-11-23T02:00:00Z') + (Date.now() - started)),
  });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('投诉查实 on /admin', () => {
  it('a leader records 有效投诉 naming the staff member; the register shows it', { timeout: 60_000 }, async () => {
    const admin = await login(server.url, 'admin', 'admin2026');
    const added = await postJson(
      `${server.url}/api/registers/complaints`,
      { source: 'phone', content: '告知单没写清楚要交收入证明', windowNo: 4 },
      admin,
    );
    expect(added.status).toBe(201);
    const page = await (
      await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' })
    ).newPage();
    await page.goto(`${server.url}/admin`);
    await page.fill('input[name=staffId]', 'leader');
    await page.fill('input[name=pin]', '246810');
    await page.keyboard.press('Enter');
    const card = page.locator('[data-testid=complaint-verdicts]');
    const row = card.locator('tr', { hasText: '告知单没写清楚要交收入证明' });
    await row.waitFor();
    await page.screenshot({ path: artifact('admin-leader-complaint-verdict.png'), fullPage: true });
    const answers = ['w4a', '经查属实：告知单漏列收入证明'];
    page.on('dialog', (d) => void d.accept(answers.shift()));
    await row.getByRole('button', { name: '有效投诉' }).click();
    await card.getByText('已认定为有效投诉').waitFor();
    expect(await row.count()).toBe(0);
    const reg = await getJson<{ records: { verdict: string; verdict_staff: string }[] }>(
      `${server.url}/api/registers/complaints?from=2026-11-23`,
      admin,
    );
    expect(reg.body.records[0]).toMatchObject({ verdict: 'valid', verdict_staff: 'w4a' });
  });
});
