// 值班 on screen (seed 004 运行机制㈤; 预约服务制度 第四条): on a Saturday the administrator puts a 节假日 duty
// officer on the roster; the kiosk and /book show the duty phone; a resident leaves a 急需 request at the
// kiosk; the duty officer marks the window notified. Screenshots in tests/artifacts/on-call-*.png.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { artifact, launchBrowser } from '../helpers/browser.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { manualClock, testConfig } from '../helpers/config.ts';

const clock = manualClock('2026-11-28T02:00:00Z'); // Saturday 28 November 2026, 10:00 China time
let server: TestServer;
let browser: Browser;
beforeAll(async () => {
  server = await startTestServer({ clock, config: testConfig() });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('值班 screens', () => {
  it('roster on /admin, duty phone and 急需 request on the kiosk and /book', async () => {
    const admin = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await admin.goto(`${server.url}/admin#duty`);
    await admin.fill('input[name=staffId]', 'admin');
    await admin.fill('input[name=pin]', 'admin2026');
    await admin.keyboard.press('Enter');
    const roster = admin.getByTestId('duty-roster');
    await roster.waitFor();
    await roster.getByLabel('值班人员').selectOption('w4a');
    await roster.getByLabel('值班电话').fill('0909-2277416');
    await roster.getByRole('button', { name: '保存' }).click();
    await roster.getByText('值班安排已保存').waitFor();

    const kiosk = await browser.newPage({ viewport: { width: 1080, height: 1920 } });
    await kiosk.goto(`${server.url}/kiosk`);
    const note = kiosk.getByTestId('on-call');
    await note.waitFor();
    expect(await note.innerText()).toContain('节假日值班电话：0909-2277416');
    await note.getByRole('button', { name: '节假日急需办理？' }).click();
    await note.getByLabel('需办理的事项').fill('死亡证明');
    for (const d of '13800001111') await note.locator(`button[data-digit="${d}"]`).click();
    await kiosk.screenshot({ path: artifact('on-call-kiosk.png') });
    await note.getByRole('button', { name: '提交' }).click();
    await note.getByText('已登记，值班人员会尽快电话联系您').waitFor();

    const book = await browser.newPage({ viewport: { width: 420, height: 900 } });
    await book.goto(`${server.url}/book`);
    await book.getByTestId('on-call').waitFor();
    expect(await book.getByTestId('on-call').innerText()).toContain('0909-2277416');
    await book.screenshot({ path: artifact('on-call-book.png') });

    await admin.reload();
    const list = admin.getByTestId('urgent-list');
    await list.waitFor();
    expect(await list.innerText()).toContain('13800001111');
    await list.getByLabel('通知的窗口号').fill('4');
    await list.getByRole('button', { name: '已通知窗口' }).click();
    await list.getByText('已通知 4 号窗口').waitFor();
    await admin.screenshot({ path: artifact('on-call-admin-roster.png'), fullPage: true });
  }, 60_000);
});
