// /admin → 节假日安排 in Chromium at 1920×1080 (issue 24 ⑪): the administrator copies the State Council's 2027
// notice (name, number, days off and make-up working days marked on the year calendar), saves it, and the case
// whose promised date was confirmed by hand (待核对) is counted again on it; a mistyped number is refused in
// Chinese. Screenshots: tests/artifacts/admin-holidays-*.png. The 2027 days are test data, not the real notice.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { artifact, launchBrowser } from '../helpers/browser.ts';
import { copyTestConfig, manualClock, testConfig } from '../helpers/config.ts';
import { getJson, postJson, staffToken, startTestServer, type TestServer } from '../helpers/server.ts';
import type { CaseRecord } from '../../server/contract/cases.ts';

const clock = manualClock('2026-12-10T02:00:00Z'); // Thursday 10:00 in China
let server: TestServer;
let browser: Browser;
let page: Page;
let manualCase: CaseRecord;
let w4: string;

const OFF = [
  '2027-01-01',
  '2027-02-05',
  '2027-02-06',
  '2027-02-07',
  '2027-02-08',
  '2027-02-09',
  '2027-02-10',
  '2027-04-05',
  '2027-05-01',
  '2027-05-02',
  '2027-06-09',
  '2027-09-15',
  '2027-10-01',
  '2027-10-02',
  '2027-10-03',
  '2027-10-04',
];
const WORK = ['2027-02-20'];

beforeAll(async () => {
  if (!existsSync(new URL('../../dist/admin.html', import.meta.url).pathname))
    throw new Error('dist/admin.html 不存在：请先运行 npm run build');
  const configDir = mkdtempSync(join(tmpdir(), 'admin-holidays-e2e-'));
  copyTestConfig(new URL('../../config', import.meta.url).pathname, configDir);
  server = await startTestServer({ config: { ...testConfig(), dir: configDir }, clock });
  w4 = await staffToken(server.url, 4);
  const r = await postJson<{ case: CaseRecord }>(
    `${server.url}/api/windows/4/cases`,
    { matterId: 'street-03', kind: 'promised', manualDate: '2027-01-11', manualReason: '2027年放假安排未公布' },
    w4,
  );
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  manualCase = r.body.case;
  browser = await launchBrowser();
  page = await (await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'zh-CN' })).newPage();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('/admin 节假日安排', () => {
  it('enters the 2027 notice on the year calendar and recomputes the hand-set date', { timeout: 90_000 }, async () => {
    await page.goto(`${server.url}/admin#holidays`);
    await page.fill('input[name=staffId]', 'admin');
    await page.fill('input[name=pin]', 'admin2026');
    await page.keyboard.press('Enter');
    await page.locator('[data-testid=tab-holidays]').click();
    await page.locator('[data-testid=year-2027]').waitFor();
    expect(await page.locator('[data-testid=year-2026]').innerText()).toContain('2026 年：日历数据已收录');
    expect(await page.locator('[data-testid=manual-cases]').innerText()).toContain('1 件');
    const form = page.locator('[data-testid=year-2027]');
    expect(await form.innerText()).toContain('日历数据尚未收录，请按国务院办公厅通知录入');

    await form.locator('input[name=notice]').fill('国务院办公厅关于2027年部分节假日安排的通知');
    await form.locator('input[name=documentNo]').fill('国办发明电2026第9号');
    for (const d of OFF) await form.locator(`button[data-date="${d}"]`).click();
    // A weekend day: 放假 → 调休上班 (two clicks).
    for (const d of WORK) {
      await form.locator(`button[data-date="${d}"]`).click();
      await form.locator(`button[data-date="${d}"]`).click();
    }
    expect(await form.locator('button.day.off').count()).toBe(OFF.length);
    expect(await form.locator('button.day.work').count()).toBe(WORK.length);
    await form.locator('[data-testid=save-notice]').click();
    await expect.poll(() => form.locator('[data-testid=notice-message]').innerText()).toContain('文号 格式不对');
    expect(await form.locator('[data-testid=notice-message]').innerText()).not.toMatch(/[a-zA-Z]{4,}/);
    await page.screenshot({ path: artifact('admin-holidays-refused.png') });

    await form.locator('input[name=documentNo]').fill('国办发明电〔2026〕9号');
    await form.locator('[data-testid=save-notice]').click();
    await expect
      .poll(() => form.locator('[data-testid=notice-message]').innerText())
      .toContain('重新计算承诺办结日期 1 件');
    const text = await form.locator('[data-testid=notice-message]').innerText();
    expect(text).toContain(`办件 ${manualCase.caseNo}：2027-01-11（人工确认） → 2027-01-08`);
    await page.screenshot({ path: artifact('admin-holidays-saved.png') });
    expect(await form.locator('h2').innerText()).toContain(
      '已按《国务院办公厅关于2027年部分节假日安排的通知》（国办发明电〔2026〕9号）录入',
    );

    const c = (await getJson<{ case: CaseRecord }>(`${server.url}/api/cases/${manualCase.id}`, w4)).body.case;
    expect(c.clock).toMatchObject({ promisedDate: '2027-01-08', manual: null });
  });
});
