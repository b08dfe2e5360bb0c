// 急事特办 on the screens (issue 21; 限时办结制度 第三条 "紧急事项应急事特办，随到随办", 预约服务制度 第五条): window 4's
// clerk marks a waiting ticket 紧急 on the console (it moves to the head of her queue, with the badge), marks an
// open case 紧急 (its clock shows who, when, why and the same-day target), and the 分管领导 sees the case first on
// /admin's supervision and sets another target date. Chromium at 1920×1080 against the whole server, Monday
// 2026-11-23 on the 2026 calendar.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { artifact, launchBrowser, signInConsole } from '../helpers/browser.ts';
import { postJson, startTestServer, type TestServer } from '../helpers/server.ts';
import type { CaseRecord } from '../../server/contract/cases.ts';
import type { Ticket } from '../../server/contract/queue.ts';

let server: TestServer;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  if (!existsSync(new URL('../../dist/console.html', import.meta.url).pathname))
    throw new Error('dist/console.html 不存在：请先运行 npm run build');
  const started = Date.now();
  server = await startTestServer({
    clock: () => new Date(Date.parse('2026-11-23T02:00:00Z') + (Date.now() - started)),
  });
  browser = await launchBrowser();
  page = await (await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'zh-CN' })).newPage();
  await signInConsole(page, server.url, 4);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('急事特办 on the console and on supervision', () => {
  it('a ticket marked 紧急 heads the queue; a case marked 紧急 shows its target; the leader sees it first and sets the date', {
    timeout: 120_000,
  }, async () => {
    const take = async (n: number) =>
      (
        await postJson<{ ticket: Ticket }>(`${server.url}/api/tickets`, {
          categoryId: 'civil',
          idempotencyKey: `urgent-e2e-${n}-000000`,
        })
      ).body.ticket;
    const first = await take(1);
    const second = await take(2);
    const queue = page.locator('[data-testid=queue]');
    await queue.locator('li', { hasText: second.number }).waitFor();
    expect((await queue.locator('li .num').allInnerTexts()).slice(0, 2)).toEqual([first.number, second.number]);
    await queue.locator('li', { hasText: second.number }).getByRole('button', { name: '标记紧急' }).click();
    const panel = page.locator('[data-testid=urgent-panel]');
    await panel.locator('input').fill('老人行动不便，家属陪同，急需办理');
    await panel.getByRole('button', { name: '标记紧急' }).click();
    await queue.locator('li', { hasText: second.number }).locator('.tag.urgent').waitFor();
    await expect.poll(async () => (await queue.locator('li .num').allInnerTexts())[0]).toBe(second.number);
    await page.screenshot({ path: artifact('console-4-urgent-ticket-1920.png') });
    await page.keyboard.press('F1');
    await page.locator('[data-testid=current] .ticket-number', { hasText: second.number }).waitFor();

    // An open case of window 4, marked 紧急 at the console.
    const token = (
      await postJson<{ token: string }>(`${server.url}/api/login`, { staffId: 'w4b', pin: '246810', windowNo: 4 })
    ).body.token;
    const made = await postJson<{ case: CaseRecord }>(
      `${server.url}/api/windows/4/cases`,
      { matterId: 'street-03', promisedDays: 10 },
      token,
    );
    expect(made.status).toBe(201);
    const caseNo = made.body.case.caseNo;
    await page.reload();
    await page.locator('.conn.ok').waitFor();
    const desk = page.locator('[data-testid=case-desk]');
    await desk
      .locator('[data-testid=case-list] li', { hasText: caseNo })
      .getByRole('button', { name: '标记紧急' })
      .click();
    const form = desk.locator('[data-testid=step-urgent]');
    await form.locator('textarea[name=reason]').fill('申请人明日住院手术，急需证明');
    await form.getByRole('button', { name: '确定' }).click();
    await expect.poll(() => desk.locator('[data-testid=case-message]').innerText()).toContain('已标记紧急');
    const facts = desk.locator('[data-testid=clock-urgent]');
    await facts.waitFor();
    const text = await facts.innerText();
    for (const s of ['紧急', '2026-11-23', '4号窗口A岗', '办结目标 2026-11-23', '当日办结', '申请人明日住院手术'])
      expect(text).toContain(s);
    await expect.poll(() => desk.locator('[data-testid=case-urgent]').innerText()).toContain(caseNo);
    await page.screenshot({ path: artifact('console-4-urgent-case-1920.png'), fullPage: true });

    // The 分管领导 on /admin: urgent cases first, and another target date.
    const admin = await (
      await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'zh-CN' })
    ).newPage();
    await admin.goto(`${server.url}/admin`);
    await admin.fill('input[name=staffId]', 'leader');
    await admin.fill('input[name=pin]', '246810');
    await admin.keyboard.press('Enter');
    const urgent = admin.locator('[data-testid=supervision-urgent]');
    const row = urgent.locator('tr', { hasText: caseNo });
    await row.waitFor();
    expect(await row.innerText()).toContain('申请人明日住院手术');
    await row.locator('input[type=date]').fill('2026-11-25');
    await row.getByRole('button', { name: '确定' }).click();
    await expect
      .poll(() => admin.locator('[data-testid=supervision-message]').innerText())
      .toContain('办结目标日期已定为 2026-11-25');
    await expect.poll(() => row.innerText()).toContain('2026-11-25（分管领导 确定）');
    await admin.screenshot({ path: artifact('admin-leader-urgent-supervision-1920.png') });
    await admin.close();
  });
});
