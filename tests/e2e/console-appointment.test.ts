// 预约登记 at the console, in Chromium against the whole server: window 4 books 最低生活保障 for a resident
// (name and ID number typed once), sees the code and its QR, finds it in the day's list with the identity
// masked, cancels another one; the resident scans the code at the kiosk and gets a number.
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { artifact, launchBrowser, signInConsole } from '../helpers/browser.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { writeFileSync } from 'node:fs';
import { renderModel } from '../../drivers/printer/render-model.ts';
import { renderReceiptPng } from '../../drivers/printer/receipt-image.ts';
import { dotsForColumns } from '../../drivers/printer/commands.ts';

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
  consolePage = await (
    await browser.newContext({ viewport: { width: 1366, height: 1000 }, locale: 'zh-CN' })
  ).newPage();
  kioskPage = await (await browser.newContext({ viewport: { width: 1080, height: 1920 }, locale: 'zh-CN' })).newPage();
  await signInConsole(consolePage, server.url, 4);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('appointments at the console', () => {
  it('books a matter for an hour slot, shows code and QR, lists it masked, cancels another; the kiosk checks the code in', {
    timeout: 60_000,
  }, async () => {
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
    // The 预约凭条 on the hall printer: the code big and its QR.
    const before = server.sim.printedJobs().length;
    await booked.getByRole('button', { name: '打印预约凭条' }).click();
    await expect.poll(message).toContain(`预约凭条 ${code} 已在大厅打印机打印`);
    expect(server.sim.printedJobs().length).toBe(before + 1);
    const bytes = server.sim.printedJobs().at(-1)!;
    const widthDots = dotsForColumns(server.app.devices.set.printer.columns);
    writeFileSync(artifact('receipt-appointment-e2e.png'), renderReceiptPng(bytes, { widthDots }));
    const slip = renderModel(bytes, { widthDots });
    expect(slip.lines.join('\n')).toContain(code);
    expect(slip.lines.join('\n')).toContain('张*三');
    expect(slip.items.find((i) => i.kind === 'qr')).toMatchObject({ data: `YY:${code}` });
    await consolePage.screenshot({ path: artifact('console-4-appointment.png'), fullPage: true });

    const other = await bookSlot(1);
    const row = desk().locator('[data-testid=appointment-list] li', { hasText: other });
    await row.getByRole('button', { name: '取消预约' }).click();
    await expect.poll(() => row.innerText()).toContain('已取消');
    expect(await desk().locator('[data-testid=appointment-list] li', { hasText: code }).innerText()).toContain(
      '已预约',
    );

    // At the kiosk: the code (its QR holds YY:<code>) gives a number in 民政, on time, late with a note, or early once chosen.
    await kioskPage.goto(`${server.url}/kiosk`);
    await kioskPage.getByText('请选择要办理的业务').waitFor();
    server.sim.scan(`YY:${code}`);
    // Before the check-in window the kiosk asks first (keep the booking, or a normal ticket now).
    await kioskPage.locator('.result-number, [data-testid=early-check-in]').first().waitFor();
    if (await kioskPage.getByTestId('early-check-in').count())
      await kioskPage.getByRole('button', { name: /现在取普通号/ }).click();
    await kioskPage.locator('.result-number').waitFor();
    expect(await kioskPage.locator('.result-number').innerText()).toMatch(/^B\d{3}$/);
    // Reopened, the desk reads the day again: the appointment is checked in.
    await consolePage.keyboard.press('F8');
    await consolePage.keyboard.press('F8');
    await expect
      .poll(() =>
        desk()
          .locator('[data-testid=appointment-list] li', { hasText: code })
          .innerText()
          .catch(() => ''),
      )
      .toContain('已签到');
  });

  it('imports a spreadsheet of appointments: a bad file is refused with every problem, a good one gives a table of codes', {
    timeout: 30_000,
  }, async () => {
    const file = (name: string, text: string) => ({
      name,
      mimeType: 'text/csv',
      buffer: Buffer.from('\uFEFF' + text, 'utf8'),
    });
    const input = desk().locator('input[name=import]');
    await input.setInputFiles(
      file(
        'bad.csv',
        '日期,开始,结束,业务类别,事项\r\n2026-02-30,09:30,10:30,民政,\r\n2099-01-05,09:30,10:30,户籍,\r\n',
      ),
    );
    await expect.poll(message).toContain('预约表有 2 处问题，没有导入任何预约');
    expect(await message()).toContain('第 2 行“日期”：“2026-02-30”不是日期');
    expect(await message()).toContain('第 3 行“业务类别”：没有“户籍”');

    const day = server.app.ctx.store.today();
    // Saved by WPS/Excel on Chinese Windows: GB18030, no BOM (the bad file above was UTF-8 with a BOM).
    const gbText = `日期,开始,结束,事项,姓名,身份证号\r\n${day},16:00,17:00,最低生活保障,王小五,652701198805061238\r\n${day},17:00,18:00,street-03,,\r\n`;
    await input.setInputFiles({ name: 'good-wps.csv', mimeType: 'text/csv', buffer: iconv.encode(gbText, 'gb18030') });
    await expect.poll(message).toContain('已导入 2 个预约');
    const [download] = await Promise.all([
      consolePage.waitForEvent('download'),
      desk().locator('[data-testid=codes-download]').click(),
    ]);
    const table = (await import('node:fs')).readFileSync((await download.path())!, 'utf8');
    expect(table.startsWith('\uFEFF日期,时段,业务类别,姓名,身份证号,预约码\r\n')).toBe(true);
    expect(table).toMatch(new RegExp(`${day},16:00-17:00,民政,王\\*五,6527\\*{10}1238,[A-Z0-9]{8}`));
    expect(table).not.toContain('652701198805061238');
    await consolePage.screenshot({ path: artifact('console-4-appointment-import.png'), fullPage: true });
  });
});
