// Issue 24 item 5 (the booking confirmation): it had no address, no materials and no self-cancel. Now it
// says where to come (config center.address), lists the materials from the matter's guide on a tap, and the
// resident cancels their own booking (id + 预约码), which gives the place back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { artifact, launchBrowser } from '../helpers/browser.ts';
import { getJson, postJson, startTestServer, type TestServer } from '../helpers/server.ts';
import type { BookingOptions } from '../../server/contract/appointments.ts';

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
const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六'];
const dayLabel = (date: string) =>
  `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日 周${WEEKDAYS[new Date(date + 'T00:00:00Z').getUTCDay()]}`;

describe('booking confirmation', () => {
  it('shows the address, the materials, and cancels itself (phone 360×740)', { timeout: 90_000 }, async () => {
    const options = (await getJson<BookingOptions>(`${server.url}/api/book/options`)).body;
    expect(options.address).toBe('博乐市顾力木图街道');
    const day = options.days.slice(1).find((d) => d.open)!.date;
    const matter = options.matters.find((m) => m.categoryId === 'health')!;
    const page = await browser.newPage({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
    await page.goto(`${server.url}/book`);
    await page.getByLabel('办理事项').selectOption(matter.id);
    await page.getByRole('button', { name: dayLabel(day) }).click();
    await page.getByRole('button', { name: /09:30–10:30/ }).click();
    await page.getByLabel('手机号').fill('13812345678');
    await page.getByRole('button', { name: '确认预约' }).click();
    await page.getByTestId('booked').waitFor();
    expect(await page.getByTestId('booked-address').innerText()).toBe('办理地点：博乐市顾力木图街道');
    await page.getByTestId('booked-materials-link').click();
    await page.getByTestId('booked-materials').locator('li').first().waitFor();
    await page.screenshot({ path: artifact('book-confirmation-360x740.png'), fullPage: true });

    const freeBefore = async () =>
      (
        await getJson<{ slots: { from: string; free: number | null }[] }>(
          `${server.url}/api/book/slots?date=${day}&matterId=${matter.id}`,
        )
      ).body.slots.find((s) => s.from === '09:30')!.free;
    const before = await freeBefore();
    await page.getByTestId('booked-cancel').click();
    await page.getByRole('button', { name: '确定取消' }).click();
    await page.getByTestId('booked-cancelled').waitFor();
    await page.getByRole('heading', { name: '预约已取消' }).waitFor();
    expect(await page.getByTestId('booked').locator('.qr').count()).toBe(0);
    await page.screenshot({ path: artifact('book-cancelled-360x740.png'), fullPage: true });
    expect(before).not.toBeNull();
    expect(await freeBefore()).toBe(before! + 1); // the place is given back
    await page.close();
  });

  it('refuses a cancel without the right code', async () => {
    const options = (await getJson<BookingOptions>(`${server.url}/api/book/options`)).body;
    const day = options.days.slice(1).find((d) => d.open)!.date;
    const matter = options.matters.find((m) => m.categoryId === 'labor')!;
    const booked = await postJson<{ appointment: { id: string; code: string } }>(`${server.url}/api/book`, {
      matterId: matter.id,
      date: day,
      slotFrom: '16:00',
      slotTo: '17:00',
      phone: '13900002222',
    });
    expect(booked.status, JSON.stringify(booked.body)).toBe(201);
    const wrong = await postJson(`${server.url}/api/book/${booked.body.appointment.id}/cancel`, { code: 'ZZZZZZZZ' });
    expect(wrong.status).toBe(404);
    const right = await postJson<{ appointment: { status: string } }>(
      `${server.url}/api/book/${booked.body.appointment.id}/cancel`,
      { code: booked.body.appointment.code },
    );
    expect(right.status).toBe(200);
    expect(right.body.appointment.status).toBe('cancelled');
  });
});
