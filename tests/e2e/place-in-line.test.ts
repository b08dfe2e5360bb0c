// 前面等候 N 人 is the truth on the kiosk, the slip and the phone page (issue 17): the place in the order
// window 3 will call, with a confirmed green-channel ticket interleaved one per two normal ones; and when
// window 3 pauses for lunch the kiosk says 暂停服务（午休） instead of a waiting time.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import type { Browser } from 'playwright-core';
import { artifact, launchBrowser } from '../helpers/browser.ts';
import { getJson, postJson, staffToken, startTestServer, type TestServer } from '../helpers/server.ts';
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

const take = async (body: object) =>
  (await postJson<{ ticket: Ticket }>(`${server.url}/api/tickets`, body)).body.ticket;

describe('the place in line residents are told', () => {
  it('kiosk, slip and phone page say the place window 3 will call; paused, the kiosk says why', {
    timeout: 60_000,
  }, async () => {
    const token = await staffToken(server.url, 3);
    const confirm = (t: Ticket) => postJson(`${server.url}/api/tickets/${t.id}/confirm-priority`, {}, token);
    // Window 3 has just served a green-channel ticket: the next one comes after two normal ones.
    const c1 = await take({ categoryId: 'labor', priority: 'disabled' });
    await confirm(c1);
    await postJson(`${server.url}/api/windows/3/call-next`, {}, token);
    await take({ categoryId: 'labor' });
    await take({ categoryId: 'labor' });
    const c4 = await take({ categoryId: 'labor', priority: 'military' });
    expect(c4.ahead).toBe(2); // self-declared: a normal ticket until checked
    await confirm(c4);

    const phone = await browser.newPage({ viewport: { width: 360, height: 740 } });
    await phone.goto(`${server.url}/t/${c4.id}`);
    await phone.getByTestId('phone-ahead').waitFor();
    await phone.getByTestId('phone-ahead').getByText('2', { exact: true }).waitFor();
    await phone.screenshot({ path: artifact('place-in-line-phone.png') });

    const kiosk = await browser.newPage({ viewport: { width: 1080, height: 1920 } });
    await kiosk.goto(`${server.url}/kiosk`);
    await kiosk.locator('button[data-category="labor"]').click();
    await kiosk.getByTestId('result').getByText('前面还有 3 人').waitFor(); // C002, C003, then the green-channel C004
    const slip = iconv.decode(Buffer.from(server.sim.printedJobs().at(-1)!), 'gb18030');
    expect(slip).toContain('前面还有 3 人等候');
    await kiosk.screenshot({ path: artifact('place-in-line-kiosk.png') });

    const called = [];
    for (let i = 0; i < 4; i++)
      called.push(
        (await postJson<{ call: { number: string } }>(`${server.url}/api/windows/3/call-next`, {}, token)).body.call
          .number,
      );
    expect(called).toEqual(['C002', 'C003', 'C004', 'C005']);

    await take({ categoryId: 'labor' });
    await postJson(`${server.url}/api/windows/3/pause`, { reason: '午休' }, token);
    await kiosk.getByRole('button', { name: '完成' }).click();
    await kiosk.locator('button[data-category="labor"]').getByText('暂停服务（午休）').waitFor();
    await kiosk.screenshot({ path: artifact('place-in-line-kiosk-paused.png') });
    const cats = await getJson<{
      categories: { id: string; estimatedWaitMinutes: number | null; noServiceReason: string | null }[];
    }>(`${server.url}/api/categories`);
    expect(cats.body.categories.find((c) => c.id === 'labor')).toMatchObject({
      estimatedWaitMinutes: null,
      noServiceReason: '暂停服务（午休）',
    });
    await phone.close();
    await kiosk.close();
  });
});
