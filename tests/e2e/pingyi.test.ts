// 回访评议 on /admin → 差评整改 (seed 002 篇8): draw the sample, record an unsatisfied call, write the 整改.
// Screenshot in tests/artifacts/pingyi-admin.png.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { artifact, launchBrowser } from '../helpers/browser.ts';
import { postJson, staffToken, startTestServer, type TestServer } from '../helpers/server.ts';
import type { Ticket } from '../../server/contract/queue.ts';

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

describe('回访评议 screen', () => {
  it('draws, records 不满意 with an 意见, and takes the 整改', async () => {
    const w1 = await staffToken(server.url, 1);
    const t = await postJson<{ ticket: Ticket }>(`${server.url}/api/tickets`, { categoryId: 'consult' });
    await postJson(`${server.url}/api/windows/1/call-next`, {}, w1);
    await postJson(`${server.url}/api/windows/1/finish`, {}, w1);
    await postJson(
      `${server.url}/api/registers/first-contact`,
      {
        windowNo: 1,
        channel: 'counter',
        ticketId: t.body.ticket.id,
        outcome: 'consult',
        matterText: '低保政策',
        phone: '13800000001',
      },
      w1,
    );
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await page.goto(`${server.url}/admin#ratings`);
    await page.fill('input[name=staffId]', 'admin');
    await page.fill('input[name=pin]', 'admin2026');
    await page.keyboard.press('Enter');
    const card = page.getByTestId('pingyi-card');
    await card.waitFor();
    await card.getByRole('button', { name: '随机抽取' }).click();
    const list = card.getByTestId('pingyi-list');
    await list.waitFor();
    await list.getByLabel('满意度').selectOption('dissatisfied');
    await list.getByLabel('意见').fill('等候时间太长');
    await list.getByRole('button', { name: '记录' }).click();
    await list.getByLabel('整改情况').fill('已增开窗口并致电说明');
    await list.getByRole('button', { name: '保存整改' }).click();
    await expect.poll(() => list.innerText()).toContain('中心管理员：已增开窗口并致电说明');
    await card.scrollIntoViewIfNeeded();
    await page.screenshot({ path: artifact('pingyi-admin.png'), fullPage: true });
  }, 60_000);
});
