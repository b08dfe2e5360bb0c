// Residents book for themselves on a phone (/book, 360 px wide, no app): matter → day → slot with free
// places → phone number → the code and its QR; the phone number shown only masked. The public routes
// behind it check every field, refuse rest days by the official calendar, full slots and a second live
// booking for the same phone and matter, and slow down one address that asks too often.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { artifact, launchBrowser } from '../helpers/browser.ts';
import { getJson, postJson, startTestServer, type TestServer } from '../helpers/server.ts';
import { testConfig } from '../helpers/config.ts';
import type { BookingOptions } from '../../server/contract/appointments.ts';

let server: TestServer;
let browser: Browser;
beforeAll(async () => {
  const config = testConfig();
  config.categories.find((c) => c.id === 'civil')!.appointmentCapacity = 1;
  config.booking = { ...config.booking, daysAhead: 7, perAddressPerMinute: 8 };
  server = await startTestServer({ config });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

type Err = { error: { code: string; message: string } };
const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六'];
const dayLabel = (date: string) =>
  `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日 周${WEEKDAYS[new Date(date + 'T00:00:00Z').getUTCDay()]}`;

// Booking at the kiosk itself (touch screens, digit pad or ID card, the printed 预约凭条): tests/e2e/kiosk-booking.test.ts.

describe('booking on a phone', () => {
  it('the search meets residents’ words: 低保 finds 最低生活保障 (issue 22)', async () => {
    const page = await browser.newPage({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
    await page.goto(`${server.url}/book`);
    await page.getByRole('heading', { name: '预约办理' }).waitFor();
    await page.getByPlaceholder('输入事项名称查找').fill('低保');
    await page
      .locator('select[aria-label="办理事项"] option', { hasText: '最低生活保障' })
      .waitFor({ state: 'attached' });
    await page.getByLabel('办理事项').selectOption({ label: '最低生活保障' });
    await page.screenshot({ path: artifact('book-phone-search-dibao.png'), fullPage: true });
    await page.close();
  });

  it('books a slot at 360 px and shows the code, its QR and the masked phone; the limits hold', async () => {
    const options = (await getJson<BookingOptions>(`${server.url}/api/book/options`)).body;
    expect(options.days).toHaveLength(8);
    // Weekends are refused by the official calendar, with the reason.
    const weekend = options.days.find((d) => [0, 6].includes(new Date(d.date + 'T00:00:00Z').getUTCDay()))!;
    expect(weekend).toMatchObject({ open: false });
    expect(weekend.reason).toContain('休息日');
    const day = options.days.slice(1).find((d) => d.open)!.date; // a working day after today: every slot still ahead
    const matter = options.matters.find((m) => m.categoryId === 'civil')!;

    const page = await browser.newPage({
      viewport: { width: 360, height: 740 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
    });
    await page.goto(`${server.url}/book`);
    await page.getByRole('heading', { name: '预约办理' }).waitFor();
    await page.getByLabel('办理事项').selectOption(matter.id);
    await page.getByRole('button', { name: dayLabel(day) }).click();
    await page
      .getByRole('button', { name: /09:30–10:30/ })
      .getByText('余 1 个')
      .waitFor();
    await page.screenshot({ path: artifact('book-phone-360-form.png'), fullPage: true });
    const noScroll = await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
    expect(noScroll).toBe(true);
    await page.getByRole('button', { name: /09:30–10:30/ }).click();
    await page.getByLabel('手机号').fill('13812345678');
    await page.getByRole('button', { name: '确认预约' }).click();
    const done = page.getByTestId('booked');
    await done.getByText('138****5678').waitFor();
    await page.screenshot({ path: artifact('book-phone-360-booked.png'), fullPage: true });
    expect(await page.content()).not.toContain('13812345678');
    const code = (await done.locator('.code').textContent())!;
    expect(code).toMatch(/^[2-9A-HJ-NP-Z]{8}$/);
    expect(await done.locator('svg.qr path').count()).toBe(1);
    await page.close();

    const body = { matterId: matter.id, date: day, slotFrom: '09:30', slotTo: '10:30', phone: '13812345678' };
    const book = (b: object) => postJson<Err>(`${server.url}/api/book`, b);
    // Same phone, same matter, another slot: one live booking per phone per matter.
    const again = await book({ ...body, slotFrom: '10:30', slotTo: '11:30' });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toContain('该手机号已预约该事项');
    // Another phone, the same slot: its one place is taken.
    const full = await book({ ...body, phone: '13912345678' });
    expect(full.body.error).toMatchObject({ code: 'slot-full' });
    const slots = await getJson<{ slots: { from: string; free: number | null }[] }>(
      `${server.url}/api/book/slots?matterId=${matter.id}&date=${day}`,
    );
    expect(slots.body.slots.find((s) => s.from === '09:30')!.free).toBe(0);
    // Hostile or wrong input: clear Chinese refusals, never a crash.
    expect((await book({ ...body, phone: '12345' })).body.error.message).toContain('手机号码');
    expect((await book({ ...body, date: weekend.date })).body.error.message).toContain('休息日');
    expect((await book({ ...body, slotFrom: '03:00', slotTo: '04:00', phone: '13712345678' })).body.error.code).toBe(
      'unknown-slot',
    );
    // Too many requests from one address: 429 in Chinese.
    let limited: Err | null = null;
    for (let i = 0; i < 8 && !limited; i++) {
      const r = await book({ ...body, matterId: 'no-such-matter' });
      if (r.status === 429) limited = r.body;
    }
    expect(limited?.error.message).toMatch(/操作过于频繁，请 \d+ 秒后再试/);
  });
});
