// 预约登记 at the console, in Chromium against the whole server: window 4 books 最低生活保障 for a resident
// (name and ID number typed once), sees the code and its QR, finds it in the day's list with the identity
// masked, cancels another one; the resident scans the code at the kiosk and gets a number.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { artifact, launchBrowser } from '../helpers/browser.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

let server: TestServer;
let browser: Browser;
let consolePage: Page;
let kioskPage: Page;

const desk = () => consolePage.locator('[data-testid=appointment-desk]');
const message = () => consolePage.locator('[data-testid=appointment-message]').innerText();

async function bookSlot(index: number, resident?: { name: string; idNumber: string }): Promise<string> {
  await desk().locator('.slots button').nth(index).click();
  if (resident) {
    await desk().locator('input[name=name]').fill(resident.name);
    await desk().locator('input[name=idNumber]').fill(resident.idNumber);
  }
  await desk().getByRole('button', { name: '预约', exact: true }).click();
  await expect.poll(message).toMatch(/预约码 [A-Z0-9]{8}/);
  return /预约码 ([A-Z0-9]{8})/.exec(await message())![1]!;
}

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
  consolePage = await (await browser.newContext({ viewport: { width: 1366, height: 1000 }, locale: 'zh-CN' })).newPage();
  kioskPage = await (await browser.newContext({ viewport: { width: 1080, height: 1920 }, locale: 'zh-CN' })).newPage();
  await consolePage.goto(`${server.url}/console/4`);
  await consolePage.fill('input[name=staffId]', 'w4a');
  await consolePage.fill('input[name=pin]', '246810');
  await consolePage.keyboard.press('Enter');
  await consolePage.locator('.conn.ok').waitFor();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('appointments at the console', () => {
  it('books a matter for an hour slot, shows code and QR, lists it masked, cancels another; the kiosk checks the code in', { timeout: 60_000 }, async () => {
    await consolePage.keyboard.press('F8');
    await desk().getByRole('button', { name: '选择事项' }).click();
    await desk().locator('input[name=matter-search]').fill('低保');
    await desk().locator('.matter-pick button', { hasText: '最低生活保障' }).first().click();
    expect(await desk().locator('select[name=categoryId]').inputValue()).toBe('civil');
    // Hour slots inside the centre's sessions (09:30–13:30, 16:00–19:30 in config/center.json).
    const slots = await desk().locator('.slots button').allInnerTexts();
    expect(slots[0]).toContain('09:30–10:30');
    expect(slots.at(-1)).toContain('19:00–19:30');

    // A mistyped ID number keeps 预约 disabled with a clear hint.
    await desk().locator('.slots button').first().click();
    await desk().locator('input[name=idNumber]').fill('65270119900307');
    expect(await desk().locator('.warn').innerText()).toContain('18 位');
    expect(await desk().getByRole('button', { name: '预约', exact: true }).isDisabled()).toBe(true);
    await desk().locator('input[name=idNumber]').fill('');

    const code = await bookSlot(0, { name: '张小三', idNumber: '652701199003071233' });
    const booked = desk().locator('[data-testid=appointment-booked]');
    expect(await booked.innerText()).toContain(code);
    expect(await booked.innerText()).toContain('张*三 6527**********1233');
    expect(await booked.locator('svg.appointment-qr path').getAttribute('d')).toBeTruthy();
    // The full number left the form once sent, and is nowhere in the database.
    expect(await desk().locator('input[name=idNumber]').inputValue()).toBe('');
    const stored = JSON.stringify(server.app.ctx.db.prepare('SELECT * FROM appointments').all());
    expect(stored).not.toContain('652701199003071233');
    expect(stored).not.toContain('张小三');
    await expect.poll(() => desk().locator('.slots button').first().innerText()).toContain('已约 1');
    await consolePage.screenshot({ path: artifact('console-4-appointment.png'), fullPage: true });

    const other = await bookSlot(1);
    const row = desk().locator('[data-testid=appointment-list] li', { hasText: other });
    await row.getByRole('button', { name: '取消预约' }).click();
    await expect.poll(() => row.innerText()).toContain('已取消');
    expect(await desk().locator('[data-testid=appointment-list] li', { hasText: code }).innerText()).toContain('已预约');

    // At the kiosk: the code (its QR holds YY:<code>) gives a number in 民政, on time or with a note.
    await kioskPage.goto(`${server.url}/kiosk`);
    await kioskPage.getByText('请选择要办理的业务').waitFor();
    server.sim.scan(`YY:${code}`);
    await kioskPage.locator('.result-number').waitFor();
    expect(await kioskPage.locator('.result-number').innerText()).toMatch(/^B\d{3}$/);
    // Reopened, the desk reads the day again: the appointment is checked in.
    await consolePage.keyboard.press('F8');
    await consolePage.keyboard.press('F8');
    await expect.poll(() => desk().locator('[data-testid=appointment-list] li', { hasText: code }).innerText().catch(() => '')).toContain('已签到');
  });
});
