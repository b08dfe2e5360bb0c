// Issue 24 ⑩ on paper, in Chromium: the admin monthly report and the register month report (seed 002 月报) are
// printed from one counting rule (server/cases/kinds.ts). A November walked through the routes — 承诺件 finished
// and open, a 补正 never completed, a 不予受理 — prints the same 承诺件 / 补正件 / 退回件 on both A4 pages.
// Screenshots: tests/artifacts/month-report-admin-a4.png, month-report-register-a4.png.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { artifact, launchBrowser } from '../helpers/browser.ts';
import { postJson, startTestServer, type TestServer } from '../helpers/server.ts';
import { manualClock } from '../helpers/config.ts';
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

/** The 合计 row of the first table on the page with these columns, as {column: cell}. */
async function totals(page: Page, columns: string[]): Promise<Record<string, string>> {
  return page.evaluate((wanted) => {
    for (const table of document.querySelectorAll('table')) {
      const heads = [...table.querySelectorAll('thead th, tr:first-child th')].map((th) => th.textContent!.trim());
      if (!wanted.every((c) => heads.includes(c))) continue;
      const total = [...table.querySelectorAll('tr')].find((tr) => tr.cells[0]?.textContent?.trim() === '合计');
      if (!total) continue;
      return Object.fromEntries(heads.map((h, i) => [h, total.cells[i]?.textContent?.trim() ?? '']));
    }
    return {};
  }, columns);
}

describe('issue 24 ⑩: the two November reports agree', () => {
  it('承诺件 / 补正件 / 退回件 are the same on the admin A4 report and the register month report', async () => {
    const w4 = await login(server.url, 'w4a', '246810', 4);
    const accept = async (body: Record<string, unknown>) => {
      const r = await postJson<{ case: { id: string } }>(
        `${server.url}/api/windows/4/cases`,
        { matterId: 'gl-04', applicant: { name: '张小三', phone: '13812341234' }, ...body },
        w4,
      );
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      return r.body.case.id;
    };
    const finished = await accept({ promisedDays: 10 });
    await accept({ promisedDays: 10 }); // still open at the month's end: a 承诺件 all the same
    await accept({ promisedDays: 10, missingMaterials: ['申请救助表'] }); // 补正 never completed: 补正件
    await accept({ rejectReason: '不属于城市医疗救助对象' }); // 不予受理: 退回件
    clock.set(day('2026-11-05'));
    const w4Thu = await login(server.url, 'w4a', '246810', 4);
    expect((await postJson(`${server.url}/api/cases/${finished}/state`, { to: 'finished' }, w4Thu)).status).toBe(200);

    clock.set(day('2026-12-02'));
    const admin = await login(server.url, 'admin', 'admin2026');
    const page = await browser.newPage({ viewport: { width: 1123, height: 794 } }); // A4 landscape at 96 dpi
    await page.context().addCookies([{ name: 'kiosk_session', value: admin, url: server.url }]);

    expect((await page.goto(`${server.url}/api/admin/report?kind=month&key=2026-11&format=html`))?.status()).toBe(200);
    const fromAdmin = await totals(page, ['承诺件', '补正件']);
    await page.screenshot({ path: artifact('month-report-admin-a4.png'), fullPage: true });

    expect((await page.goto(`${server.url}/api/registers/reports/month?key=2026-11&format=html`))?.status()).toBe(200);
    const fromRegister = await totals(page, ['承诺件', '补正件']);
    await page.screenshot({ path: artifact('month-report-register-a4.png'), fullPage: true });
    await page.close();

    // By hand: two 承诺件 (one finished, one open), one 补正件, one 退回件.
    expect(fromRegister).toMatchObject({ 承诺件: '2', 补正件: '1', 退回件: '1' });
    expect(fromAdmin).toMatchObject({ 承诺件: '2', 补正件: '1' });
    expect(fromAdmin['退回件（不予受理）'] ?? fromAdmin.退回件).toBe('1');
  });
});
