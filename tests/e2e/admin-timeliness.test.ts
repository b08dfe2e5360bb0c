// /admin → 报表: the 限时办结考核 table (限时办结制度 第十条、第十一条) shows last month's per-staff and per-window
// figures, the register's own (GET /api/registers-timeliness). Screenshot: tests/artifacts/admin-timeliness.png.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { artifact, launchBrowser } from '../helpers/browser.ts';
import { manualClock } from '../helpers/config.ts';
import { postJson, startTestServer, type TestServer } from '../helpers/server.ts';
import { login, stationConfig } from '../registers/fixtures.ts';

const day = (d: string) => `${d}T02:00:00Z`;
const clock = manualClock(day('2026-11-02'));
let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  server = await startTestServer({ clock, config: stationConfig() });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('/admin 限时办结考核', () => {
  it("shows last month's figures per staff and per window", { timeout: 60_000 }, async () => {
    const w4 = await login(server.url, 'w4a', '246810', 4);
    const accept = async (promisedDays: number) => {
      const r = await postJson<{ case: { id: string } }>(
        `${server.url}/api/windows/4/cases`,
        { matterId: 'gl-04', promisedDays }, // 城市医疗救助: no 公示 stage before 办结
        w4,
      );
      expect(r.status).toBe(201);
      return r.body.case.id;
    };
    const done = await accept(10);
    await accept(1); // due 11-03, still open on 12-02
    expect((await postJson(`${server.url}/api/cases/${done}/state`, { to: 'finished' }, w4)).status).toBe(200);
    clock.set(day('2026-12-02'));

    const page = await (
      await browser.newContext({ viewport: { width: 1440, height: 1000 }, locale: 'zh-CN' })
    ).newPage();
    await page.goto(`${server.url}/admin`);
    await page.fill('input[name=staffId]', 'admin');
    await page.fill('input[name=pin]', 'admin2026');
    await page.keyboard.press('Enter');
    await page.locator('[data-testid=tab-reports]').click();
    const staff = page.locator('[data-testid=timeliness-staff]');
    await expect.poll(() => staff.innerText()).toContain('4号窗口A岗');
    // 受理 2, 按时办结 1, 超时办结 0, 未办结已超时 1, 批准延期 0, 受理后补正 0, 其中紧急未特办 0 (issue 21 急事特办)
    expect((await staff.locator('tbody tr').first().innerText()).split(/\s+/)).toEqual([
      '4号窗口A岗',
      '2',
      '1',
      '0',
      '1',
      '0',
      '0',
      '0',
    ]);
    expect(await page.locator('[data-testid=timeliness-window]').innerText()).toContain('4号窗口');
    await page.locator('[data-testid=timeliness-card]').scrollIntoViewIfNeeded();
    await page.screenshot({ path: artifact('admin-timeliness.png'), fullPage: true });
  });
});
