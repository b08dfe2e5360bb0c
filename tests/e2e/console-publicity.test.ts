// 公示 at the window console (issue 22 ⑦) in Chromium at 1920×1080 against the whole server (fixed server day
// Monday 2026-11-23): a 低保 case (须公示, seed 004 附件2 ㈠ “做好审核阶段的公示”) accepted at window 4 cannot be
// reported before its 公示 is started; the window starts it (公示期 11-23 至 11-29 by center.publicityDays 7), the
// case shows 公示中（至 11月29日）, an objection is recorded into 意见和投诉登记, and 上报 is still refused while it runs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { artifact, fillApplicant, launchBrowser, signInConsole } from '../helpers/browser.ts';
import { getJson, postJson, startTestServer, type TestServer } from '../helpers/server.ts';
import type { Ticket } from '../../server/contract/queue.ts';

let server: TestServer;
let browser: Browser;
let consolePage: Page;

const desk = () => consolePage.locator('[data-testid=case-desk]');
const latest = () => consolePage.locator('[data-testid=case-latest]');
const caseMessage = () => consolePage.locator('[data-testid=case-message]').innerText();

beforeAll(async () => {
  if (!existsSync(new URL('../../dist/console.html', import.meta.url).pathname))
    throw new Error('dist/console.html 不存在：请先运行 npm run build');
  const started = Date.now();
  server = await startTestServer({
    clock: () => new Date(Date.parse('2026-11-23T02:00:00Z') + (Date.now() - started)),
  });
  browser = await launchBrowser();
  consolePage = await (
    await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'zh-CN' })
  ).newPage();
  await signInConsole(consolePage, server.url, 4);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('公示 at the window console', () => {
  it('a 须公示 case: 上报 refused until 公示 is started; 开始公示 shows the 公示期; an objection is recorded', {
    timeout: 90_000,
  }, async () => {
    const t = await postJson<{ ticket: Ticket }>(`${server.url}/api/tickets`, {
      categoryId: 'civil',
      matterIds: ['street-03'],
    });
    await consolePage.keyboard.press('F1');
    await consolePage.locator('[data-testid=current] .ticket-number', { hasText: t.body.ticket.number }).waitFor();
    await consolePage.keyboard.press('F7');
    await desk().locator('.matter-pick button', { hasText: '最低生活保障' }).first().click();
    await desk().locator('[data-testid=matter-acceptance]').waitFor();
    for (const box of await desk().locator('.materials input[type=checkbox]').all()) await box.check();
    await fillApplicant(desk());
    await desk().getByRole('button', { name: '受理并生成回执' }).click();
    await latest().waitFor();
    const panel = latest().locator('[data-testid=case-publicity]');
    await expect.poll(() => panel.innerText()).toContain('本事项须公示');

    // Without 公示 the server refuses 上报 (publicity-required) and the console says so.
    await latest().getByRole('button', { name: '上报上级审批' }).click();
    await desk().locator('[data-testid=step-report] input[name=authority]').fill('博乐市民政局');
    await desk().locator('[data-testid=step-report]').getByRole('button', { name: '确定' }).click();
    await expect.poll(caseMessage).toContain('请先开始公示');

    await panel.getByRole('button', { name: '开始公示' }).click();
    await expect.poll(() => panel.locator('[data-testid=publicity-state]').innerText()).toBe('公示中（至 11月29日）');
    expect(await panel.innerText()).toContain('公示期 2026-11-23 至 2026-11-29（7 天）');
    await expect.poll(caseMessage).toContain('已开始公示，公示期 11月23日至11月29日');
    expect(await panel.getByRole('button', { name: '开始公示' }).count()).toBe(0);

    const form = panel.locator('[data-testid=publicity-objection]');
    await form.locator('textarea[name=objection]').fill('申请人家中有经营性车辆');
    await form.getByRole('button', { name: '记录异议' }).click();
    await expect.poll(caseMessage).toContain('异议已登记到意见和投诉登记');
    await expect.poll(() => panel.innerText()).toContain('已登记异议 1 条');
    await consolePage.screenshot({ path: artifact('console-4-case-publicity-1920.png'), fullPage: false });

    // The objection is in 意见和投诉登记, and 上报 is still refused while the 公示期 runs.
    const admin = (await postJson<{ token: string }>(`${server.url}/api/login`, { staffId: 'leader', pin: '246810' }))
      .body.token;
    const complaints = await getJson(`${server.url}/api/registers/complaints?from=2026-11-23&to=2026-11-23`, admin);
    expect(JSON.stringify(complaints.body)).toContain('公示的异议：申请人家中有经营性车辆');
    await latest().getByRole('button', { name: '上报上级审批' }).click();
    await desk().locator('[data-testid=step-report] input[name=authority]').fill('博乐市民政局');
    await desk().locator('[data-testid=step-report]').getByRole('button', { name: '确定' }).click();
    await expect.poll(caseMessage).toContain('公示期 2026-11-23 至 2026-11-29');
  });
});
