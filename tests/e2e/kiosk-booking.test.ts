// Issue 24 ①: 自助预约 at the kiosk uses the kiosk's own touch pattern — the business and its matter as big
// buttons, a day and a slot grid (the /api/book options and slots, the same rules as /book), the ID card on the
// reader or a phone number on the digit pad — and prints the 预约凭条 (rendered to PNG and read): the centre's
// name and address, the day and slot, the matter, the guide's materials, how to cancel, the QR to check in.
// 1080×1920 and 1920×1080, and 长辈模式. No keyboard anywhere: no text field, no <select>.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { artifact, launchBrowser } from '../helpers/browser.ts';
import { getJson, requestJson, startTestServer, type TestServer } from '../helpers/server.ts';
import { testConfig } from '../helpers/config.ts';
import type { Appointment, BookingOptions } from '../../server/contract/appointments.ts';
import { renderModel } from '../../drivers/printer/render-model.ts';
import { renderReceiptPng } from '../../drivers/printer/receipt-image.ts';
import { dotsForColumns } from '../../drivers/printer/commands.ts';
import { ZHANG_SAN } from '../drivers/idcard-fixtures.ts';

let server: TestServer;
let browser: Browser;
let options: BookingOptions;
let day: string;
const config = testConfig();
beforeAll(async () => {
  config.booking = { ...config.booking, daysAhead: 7 };
  server = await startTestServer({ config });
  browser = await launchBrowser();
  options = (await getJson<BookingOptions>(`${server.url}/api/book/options`)).body;
  day = options.days.slice(1).find((d) => d.open)!.date; // a working day after today: every slot still ahead
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const WEEKDAYS = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'];
const dayLabel = (date: string) =>
  `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日 ${WEEKDAYS[new Date(`${date}T00:00:00Z`).getUTCDay()]}`;

/** What is on screen of the booking flow and whether all of it fits the viewport; no keyboard-only control. */
async function checkScreen(page: Page): Promise<void> {
  const found = await page.evaluate(() => {
    const root = document.querySelector('[data-testid=kiosk-booking]')!;
    const fields = root.querySelectorAll('input, select, textarea').length;
    const off = [...root.querySelectorAll('button')]
      .filter((b) => !b.closest('.kbook-scroll'))
      .filter((b) => {
        const r = b.getBoundingClientRect();
        return r.width > 0 && (r.right > window.innerWidth + 1 || r.bottom > window.innerHeight + 1);
      })
      .map((b) => b.textContent);
    const small = [...root.querySelectorAll<HTMLElement>('.kbook-choice, .digit-pad button, .kbook-go')]
      .filter((b) => {
        const r = b.getBoundingClientRect();
        return r.width > 0 && r.height < 64;
      })
      .map((b) => b.textContent);
    return { fields, off, small };
  });
  expect(found).toEqual({ fields: 0, off: [], small: [] });
}

function lastSlip(png: string): string {
  const bytes = server.sim.printedJobs().at(-1)!;
  const widthDots = dotsForColumns(server.app.devices.set.printer.columns);
  writeFileSync(artifact(png), renderReceiptPng(bytes, { widthDots }));
  return renderModel(bytes, { widthDots }).lines.join('\n');
}

async function toWho(page: Page, shot: string, matterName: string): Promise<void> {
  await page.getByTestId('kiosk-book').click();
  const flow = page.getByTestId('kiosk-booking');
  await flow.getByRole('heading', { name: '请选择要预约的业务' }).waitFor();
  await checkScreen(page);
  await page.screenshot({ path: artifact(`${shot}-1-business.png`) });
  await flow.locator('button[data-category=civil]').click();
  await flow.getByRole('heading', { name: '请选择要办理的事项' }).waitFor();
  await checkScreen(page);
  await page.screenshot({ path: artifact(`${shot}-2-matter.png`) });
  await flow.getByRole('button', { name: matterName, exact: true }).click();
  await flow.getByRole('heading', { name: '请选择日期' }).waitFor();
  // A rest day by the official calendar is shown and cannot be chosen.
  const rest = options.days.find((d) => !d.open)!;
  expect(await flow.locator(`button[data-date="${rest.date}"]`).isDisabled()).toBe(true);
  await checkScreen(page);
  await page.screenshot({ path: artifact(`${shot}-3-day.png`) });
  await flow.locator(`button[data-date="${day}"]`).click();
  await flow.getByRole('heading', { name: '请选择时段' }).waitFor();
  await flow.locator('button[data-slot="16:00"]').waitFor();
  await checkScreen(page);
  await page.screenshot({ path: artifact(`${shot}-4-slot.png`) });
  await flow.locator('button[data-slot="16:00"]').click();
  await flow.getByTestId('kbook-phone').waitFor();
  expect(await page.getByTestId('kbook-chosen').innerText()).toBe(
    `民政 · ${matterName} · ${dayLabel(day)} · 16:00-17:00`,
  );
}

describe('自助预约 at the kiosk', () => {
  it('1080×1920: business → matter → day → slot → phone on the digit pad → the 预约凭条 prints', {
    timeout: 90_000,
  }, async () => {
    const matter = options.matters.find((m) => m.categoryId === 'civil' && m.name === '最低生活保障')!;
    expect(matter).toBeTruthy();
    const page = await browser.newPage({ viewport: { width: 1080, height: 1920 } });
    await page.goto(`${server.url}/kiosk`);
    await page.getByText('请选择要办理的业务').waitFor();
    await toWho(page, 'kiosk-booking-1080x1920', matter.name);
    const go = page.getByRole('button', { name: '用手机号预约' });
    for (const d of '1360000111') await page.locator(`.kbook-phone button[data-digit="${d}"]`).click();
    expect(await go.isDisabled()).toBe(true); // ten digits: not yet a mobile number
    await page.locator('.kbook-phone button[data-digit="1"]').click();
    expect(await page.getByTestId('kbook-digits').innerText()).toBe('13600001111');
    await checkScreen(page);
    await page.screenshot({ path: artifact('kiosk-booking-1080x1920-5-phone.png') });
    const jobs = server.sim.printedJobs().length;
    await go.click();
    await page.getByTestId('kbook-printed').getByText('预约凭条已打印').waitFor();
    const code = (await page.getByTestId('kbook-code').innerText()).trim();
    await page.screenshot({ path: artifact('kiosk-booking-1080x1920-6-done.png') });
    expect(server.sim.printedJobs().length).toBe(jobs + 1);

    const slip = lastSlip('kiosk-booking-slip-phone.png');
    expect(slip).toContain('预约凭条');
    expect(slip).toContain(config.center.name);
    expect(slip).toContain(code);
    expect(slip).toContain(`${day.slice(0, 4)}年${day.slice(5, 7)}月${day.slice(8, 10)}日`);
    expect(slip).toContain('16:00-17:00');
    expect(slip).toContain(matter.name);
    expect(slip.replace(/\s/g, '')).toContain(config.center.address.replace(/\s/g, ''));
    // The guide's materials, as the guide words them, and how to cancel.
    // A fresh connection: a pooled one may have been closed by the server's keep-alive timeout meanwhile.
    const guide = (
      await requestJson<{ matter: { guide: { materials: { name: string }[] } } }>(
        server.url,
        'GET',
        `/api/matters/${matter.id}`,
      )
    ).body.matter.guide;
    expect(slip).toContain('所需材料');
    expect(slip.replace(/\s/g, '')).toContain(guide.materials[0]!.name.replace(/\s/g, ''));
    expect(slip).toContain('取消');
    expect(slip).not.toContain('13600001111');

    // The booking is the /api/book one: the phone kept masked, no name.
    await page.getByRole('button', { name: '完成' }).click();
    await page.getByText('请选择要办理的业务').waitFor();
    await page.close();
  });

  it('1920×1080: the ID card on the reader instead of a phone; the slip shows the masked name and number', {
    timeout: 90_000,
  }, async () => {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await page.goto(`${server.url}/kiosk`);
    await page.getByText('请选择要办理的业务').waitFor();
    await toWho(page, 'kiosk-booking-1920x1080', '最低生活保障');
    await page.getByTestId('kbook-card').getByText('请把身份证放在读卡器上').waitFor();
    server.sim.insertCard(ZHANG_SAN);
    await page.getByTestId('kbook-card').getByText('已读取：张*').waitFor();
    expect(await page.getByTestId('kbook-card').innerText()).toContain('6527**********1233');
    await checkScreen(page);
    await page.screenshot({ path: artifact('kiosk-booking-1920x1080-5-card.png') });
    await page.getByRole('button', { name: '用身份证预约' }).click();
    await page.getByTestId('kbook-printed').getByText('预约凭条已打印').waitFor();
    await page.screenshot({ path: artifact('kiosk-booking-1920x1080-6-done.png') });
    const slip = lastSlip('kiosk-booking-slip-card.png');
    expect(slip).toContain('张*');
    expect(slip).toContain('6527**********1233');
    expect(slip).toContain('刷身份证');
    expect(slip).not.toContain('张三');
    expect(slip).not.toContain('652701199003071233');
    const code = (await page.getByTestId('kbook-code').innerText()).trim();
    const token = (
      await requestJson<{ token: string }>(server.url, 'POST', '/api/login', {
        body: { staffId: 'w4a', pin: '246810' },
      })
    ).body.token;
    const list = await requestJson<{ appointments: Appointment[] }>(
      server.url,
      'GET',
      `/api/appointments?date=${day}`,
      {
        token,
      },
    );
    const a = list.body.appointments.find((x) => x.code === code)!;
    expect(a).toMatchObject({ nameMasked: '张*', idMasked: '6527**********1233', phoneMasked: null });
    await page.close();
  });

  it('长辈模式 (1920×1080 and 1080×1920): the same steps, larger, every button on screen', {
    timeout: 90_000,
  }, async () => {
    for (const [width, height] of [
      [1920, 1080],
      [1080, 1920],
    ] as const) {
      const page = await browser.newPage({ viewport: { width, height } });
      // What the kiosk reads aloud (headless Chromium has no voices): one local zh-CN voice, recorded.
      await page.addInitScript(() => {
        const w = window as unknown as { __spoken: string[] };
        w.__spoken = [];
        Object.defineProperty(window, 'SpeechSynthesisUtterance', {
          configurable: true,
          value: class {
            constructor(public text: string) {}
          },
        });
        Object.defineProperty(window, 'speechSynthesis', {
          configurable: true,
          value: {
            getVoices: () => [{ name: 'test zh-CN', lang: 'zh-CN', localService: true, default: true, voiceURI: 't' }],
            speak: (u: { text: string }) => w.__spoken.push(u.text),
            cancel: () => undefined,
            addEventListener: () => undefined,
            removeEventListener: () => undefined,
          },
        });
      });
      await page.goto(`${server.url}/kiosk`);
      await page.getByText('请选择要办理的业务').waitFor();
      await page.getByRole('button', { name: '长辈模式' }).click();
      await toWho(page, `kiosk-booking-elderly-${width}x${height}`, '最低生活保障');
      await checkScreen(page);
      const pad = await page.locator('.kbook-phone .digit-pad button').first().boundingBox();
      expect(pad!.height).toBeGreaterThanOrEqual(96);
      await page.screenshot({ path: artifact(`kiosk-booking-elderly-${width}x${height}-5-who.png`) });
      // Each step's question is read aloud, as on the other screens in 长辈模式.
      const spoken = await page.evaluate(() => (window as unknown as { __spoken: string[] }).__spoken);
      for (const q of [
        '请选择要预约的业务',
        '请选择要办理的事项',
        '请选择日期',
        '请选择时段',
        '请刷身份证，或输入手机号码',
      ])
        expect(spoken).toContain(q);
      await page.close();
    }
  });
});
