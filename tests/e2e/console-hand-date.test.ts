// Issue 21 (loophole 5, the form's half): when the calendar lacks the year a case's count reaches, the console's
// hand-date form pre-fills the earliest plausible date the API returns (`earliest`: the known year counted on
// the official calendar, the new year as weekdays less the statutory holidays of 《全国年节及纪念日放假办法》),
// marked 待核对 so the clerk checks it against the State Council's notice. In Chromium at 1920×1080, against the
// whole server on Thursday 2026-12-10: a 20-working-day 最低生活保障 case reaches 2027.
//   2026-12-11 (1), 12-14…18 (2–6), 12-21…25 (7–11), 12-28…31 (12–15); 2027-01-01 元旦 is a statutory holiday;
//   2027-01-04…08 (16–20): the earliest plausible date is Friday 2027-01-08.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { artifact, fillApplicant, launchBrowser, signInConsole } from '../helpers/browser.ts';
import { getJson, postJson, startTestServer, type TestServer } from '../helpers/server.ts';
import type { CaseRecord } from '../../server/contract/cases.ts';
import type { Matter } from '../../server/contract/matters.ts';
import type { Ticket } from '../../server/contract/queue.ts';

const EARLIEST = '2027-01-08';
let server: TestServer;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  if (!existsSync(new URL('../../dist/console.html', import.meta.url).pathname))
    throw new Error('dist/console.html 不存在：请先运行 npm run build');
  const started = Date.now();
  server = await startTestServer({
    clock: () => new Date(Date.parse('2026-12-10T02:00:00Z') + (Date.now() - started)),
  });
  browser = await launchBrowser();
  page = await (await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'zh-CN' })).newPage();
  await signInConsole(page, server.url, 4);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const desk = () => page.locator('[data-testid=case-desk]');
const message = () => page.locator('[data-testid=case-message]').innerText();

describe('the hand-date form pre-fills the earliest plausible date, 待核对', () => {
  it('a case action answering 503 calendar-missing (材料已补齐 in December) opens the form with 2027-01-08 selected and marked 待核对', {
    timeout: 90_000,
  }, async () => {
    // A 补正 case of 最低生活保障 (20 working days by 第六条): the clock starts when the materials arrive.
    const token = (
      await postJson<{ token: string }>(`${server.url}/api/login`, { staffId: 'w4b', pin: '246810', windowNo: 4 })
    ).body.token;
    const matter = (await getJson<{ matter: Matter }>(`${server.url}/api/matters/street-03`, token)).body.matter;
    const material = matter.guide!.materials[0]!.name;
    const made = await postJson<{ case: CaseRecord }>(
      `${server.url}/api/windows/4/cases`,
      { matterId: 'street-03', missingMaterials: [material] },
      token,
    );
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    const caseNo = made.body.case.caseNo;
    // What the API returns for the action (the form's source).
    const answer = await postJson<{ error: { code: string; earliest?: string } }>(
      `${server.url}/api/cases/${made.body.case.id}/materials-received`,
      {},
      token,
    );
    expect([answer.status, answer.body.error.code, answer.body.error.earliest]).toEqual([
      503,
      'calendar-missing',
      EARLIEST,
    ]);

    await page.reload();
    await page.locator('.conn.ok').waitFor();
    const row = desk().locator('[data-testid=case-list] li', { hasText: caseNo });
    await row.getByRole('button', { name: '材料已补齐' }).click();
    const retry = desk().locator('[data-testid=manual-retry]');
    await retry.waitFor();
    expect(await message()).toContain('节假日日历尚无 2027 年的数据');
    const select = retry.locator('select[name=manualDate]');
    expect(await select.inputValue()).toBe(EARLIEST);
    expect(await retry.locator('[data-testid=manual-suggested]').innerText()).toContain(`${EARLIEST}（待核对）`);
    expect(await retry.locator('.tag.manual', { hasText: '待核对' }).count()).toBe(1);
    await retry
      .locator('textarea[name=manualReason]')
      .fill('国务院2027年放假安排尚未公布，按周一至周五扣除元旦计，待核对');
    await page.screenshot({ path: artifact('console-4-hand-date-prefilled-1920.png'), fullPage: false });
    await retry.getByRole('button', { name: '以人工确认的日期提交' }).click();
    await expect.poll(message).toContain(`承诺办结日期人工确认为 ${EARLIEST}`);
    const cases = await getJson<{ cases: CaseRecord[] }>(`${server.url}/api/cases?window=4`, token);
    const after = cases.body.cases.find((c) => c.caseNo === caseNo)!;
    expect([after.state, after.promisedDate, after.clock?.manual?.date]).toEqual(['accepted', EARLIEST, EARLIEST]);
  });

  it('the acceptance form pre-fills the same date when 受理 answers calendar-missing', {
    timeout: 90_000,
  }, async () => {
    const t = await postJson<{ ticket: Ticket }>(`${server.url}/api/tickets`, {
      categoryId: 'civil',
      matterIds: ['street-03'],
    });
    await page.keyboard.press('F1');
    await page.locator('[data-testid=current] .ticket-number', { hasText: t.body.ticket.number }).waitFor();
    await page.keyboard.press('F7');
    await desk().locator('.matter-pick button', { hasText: '最低生活保障' }).first().click();
    for (const box of await desk().locator('.materials input[type=checkbox]').all()) await box.check();
    await fillApplicant(desk()); // 受理 asks for the applicant (issue 24 ⑦)
    await desk().getByRole('button', { name: '受理并生成回执' }).click();
    const picker = desk().locator('[data-testid=matter-acceptance] [data-testid=manual-date]');
    await picker.waitFor();
    expect(await picker.locator('select[name=manualDate]').inputValue()).toBe(EARLIEST);
    expect(await picker.locator('[data-testid=manual-suggested]').innerText()).toContain('待核对');
    await page.screenshot({ path: artifact('console-4-accept-hand-date-prefilled-1920.png'), fullPage: false });
  });
});
