// 交办 → 反馈 → 批示 on screen (seed 002 四、工作流程): window 1 hands a matter to window 4's A post at the
// console and the 交办单 opens; window 4 reports back; the administrator's 督办 tab shows the day's items and
// takes the 批示. Screenshots in tests/artifacts/jiaoban-*.png.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { artifact, launchBrowser, signInConsole } from '../helpers/browser.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

let server: TestServer;
let browser: Browser;
beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('交办 screens', () => {
  it('2、交辦 at window 1, 5、反饋 at window 4, 4、批示 on /admin', async () => {
    const w1 = await browser.newPage({ viewport: { width: 1600, height: 900 } });
    await signInConsole(w1, server.url, 1);
    const desk = w1.getByTestId('jiaoban-desk');
    await desk.getByRole('button', { name: '交办', exact: true }).click();
    await desk.getByLabel('承办人').selectOption('w4a');
    await desk.getByLabel('申办事项').fill('低保申请');
    await desk.locator('textarea').fill('请核实家庭收入');
    const slip = w1.context().waitForEvent('page');
    await desk.getByRole('button', { name: '交办并打印交办单' }).click();
    const slipPage = await slip;
    await slipPage.waitForLoadState();
    expect(await slipPage.locator('body').innerText()).toContain('请核实家庭收入');
    await slipPage.setViewportSize({ width: 800, height: 700 });
    await slipPage.screenshot({ path: artifact('jiaoban-slip.png') });
    await w1.screenshot({ path: artifact('jiaoban-console-assign.png') });

    const w4 = await browser.newPage({ viewport: { width: 1600, height: 900 } });
    await signInConsole(w4, server.url, 4);
    const item = w4.getByTestId('jiaoban-item');
    await item.waitFor();
    expect(await item.innerText()).toContain('低保申请');
    await item.locator('textarea').fill('已入户核实，材料齐全');
    await w4.screenshot({ path: artifact('jiaoban-console-feedback.png') });
    await item.getByRole('button', { name: '反馈' }).click();
    await w4.getByText('没有待反馈的交办事项').waitFor();

    const admin = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await admin.goto(`${server.url}/admin#supervision`);
    await admin.fill('input[name=staffId]', 'admin');
    await admin.fill('input[name=pin]', 'admin2026');
    await admin.keyboard.press('Enter');
    const row = admin.getByTestId('jiaoban-row');
    await row.waitFor();
    expect(await row.innerText()).toContain('已入户核实，材料齐全');
    await row.locator('input').fill('同意，按时办结');
    await row.getByRole('button', { name: '批示' }).click();
    await expect.poll(() => row.innerText()).toContain('中心管理员：同意，按时办结');
    await admin.getByTestId('jiaoban-card').scrollIntoViewIfNeeded();
    await admin.screenshot({ path: artifact('jiaoban-admin-instruction.png'), fullPage: true });
  }, 60_000);
});
