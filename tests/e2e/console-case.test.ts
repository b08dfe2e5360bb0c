// 办件受理 end to end, in Chromium against the whole server with simulated devices: window 2 calls a ticket
// taken for 生育登记服务, ticks the materials and accepts it as a promised case (5 working days, seed 004);
// the 受理回执 prints on the hall printer (bytes rendered back to PNG and read), the A4 page opens, and the
// receipt's QR scanned at the kiosk shows the case's progress. Then a case with missing materials: the
// 补正材料通知书 lists exactly the unticked ones, and 材料已补齐 restarts the clock.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, writeFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { artifact, fillApplicant, launchBrowser, signInConsole } from '../helpers/browser.ts';
import { postJson, startTestServer, type TestServer } from '../helpers/server.ts';
import { addWorkingDays } from '../../server/calendar/working-days.ts';
import { renderModel, type RenderModel } from '../../drivers/printer/render-model.ts';
import { renderReceiptPng } from '../../drivers/printer/receipt-image.ts';
import { dotsForColumns } from '../../drivers/printer/commands.ts';
import type { Ticket } from '../../server/contract/queue.ts';

let server: TestServer;
let browser: Browser;
let consolePage: Page;
let kioskPage: Page;

const MATTER = 'street-37'; // 生育登记服务 → guide birth-certificate: promised, 5 working days
const SERVICE_DAY = '2026-11-23'; // a Monday

async function takeTicket(): Promise<Ticket> {
  const r = await postJson<{ ticket: Ticket }>(`${server.url}/api/tickets`, {
    categoryId: 'health',
    matterIds: [MATTER],
  });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body.ticket;
}

/** The last job on the simulated printer, parsed back from its ESC/POS bytes, and saved as a PNG. */
function lastPrint(name: string): RenderModel {
  const bytes = server.sim.printedJobs().at(-1)!;
  const widthDots = dotsForColumns(server.app.devices.set.printer.columns);
  writeFileSync(artifact(name), renderReceiptPng(bytes, { widthDots }));
  return renderModel(bytes, { widthDots });
}

const desk = () => consolePage.locator('[data-testid=case-desk]');
const latest = () => consolePage.locator('[data-testid=case-latest]');
const caseMessage = () => consolePage.locator('[data-testid=case-message]').innerText();

/** F7, then the ticket's own matter (listed first, marked 取号所选). */
async function openAcceptance(): Promise<void> {
  await consolePage.keyboard.press('F7');
  const pick = desk().locator('.matter-pick button', { hasText: '生育登记服务' });
  await expect.poll(() => pick.first().innerText()).toContain('取号所选');
  await pick.first().click();
  await desk().locator('[data-testid=matter-acceptance]').waitFor();
}

async function tick(materials: string[]): Promise<void> {
  for (const m of materials) await desk().locator('.materials label', { hasText: m }).locator('input').check();
}

beforeAll(async () => {
  if (!existsSync(new URL('../../dist/console.html', import.meta.url).pathname))
    throw new Error('dist/console.html 不存在：请先运行 npx vite build');
  // The server's day is fixed inside the holiday calendar's years (chinese-days covers 2004–2026 today), so
  // promised dates can be computed whatever year the test runs in; time still moves for the pages.
  const started = Date.now();
  server = await startTestServer({
    clock: () => new Date(Date.parse(`${SERVICE_DAY}T03:00:00Z`) + (Date.now() - started)),
  });
  browser = await launchBrowser();
  consolePage = await (await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' })).newPage();
  kioskPage = await (await browser.newContext({ viewport: { width: 1080, height: 1920 }, locale: 'zh-CN' })).newPage();
  await signInConsole(consolePage, server.url, 2);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('case acceptance at the console', () => {
  it('accepts a promised case, prints its 受理回执, opens the A4 page, and the kiosk shows it from the QR', {
    timeout: 60_000,
  }, async () => {
    const ticket = await takeTicket();
    await consolePage.keyboard.press('F1');
    await consolePage.locator('[data-testid=current] .ticket-number', { hasText: ticket.number }).waitFor();

    await openAcceptance();
    // The guide's time limit is there and prefilled; every required material ticked; nothing to warn about.
    expect(await desk().innerText()).toContain('一孩、二孩由服务中心5个工作日办结');
    expect(await desk().locator('input[name=promisedDays]').inputValue()).toBe('5');
    await tick(['夫妻双方身份证', '户口本', '结婚证', '2寸合影', '申请表']);
    expect(await desk().locator('.warn').count()).toBe(0);
    await consolePage.screenshot({ path: artifact('console-2-accept-case.png'), fullPage: true });
    await fillApplicant(desk());
    await desk().getByRole('button', { name: '受理并生成回执' }).click();

    // The promised date: 5 working days from the day after acceptance, on China's official calendar.
    const promised = addWorkingDays(SERVICE_DAY, 5);
    await latest().waitFor();
    const caseNo = (await latest().locator('.num').innerText()).trim();
    expect(caseNo).toMatch(/^\d{8}-\d{4}$/);
    expect(await latest().innerText()).toContain(promised);
    expect(await caseMessage()).toContain(`已生成受理回执：办件编号 ${caseNo}`);
    await consolePage.screenshot({ path: artifact('console-2-case-accepted.png'), fullPage: true });

    // The hall printer: 受理回执 with the number, the date and the status QR; nothing but a masked name.
    const jobsBefore = server.sim.printedJobs().length;
    await latest().getByRole('button', { name: '大厅打印机打印' }).click();
    await expect.poll(caseMessage).toContain('已在大厅打印机打印');
    expect(server.sim.printedJobs().length).toBe(jobsBefore + 1);
    const receipt = lastPrint('receipt-acceptance-e2e.png');
    const text = receipt.lines.join('\n');
    expect(text).toContain('受理回执');
    expect(text).toContain(caseNo);
    expect(text).toContain('生育登记服务');
    const [y, m, d] = promised.split('-');
    expect(text).toContain(`${y}年${m}月${d}日`);
    expect(receipt.cuts).toBe(1);
    const qr = receipt.items.find((i) => i.kind === 'qr');
    expect(qr?.kind === 'qr' && qr.data).toMatch(/\/c\/[A-Za-z0-9_-]+$/);
    const qrData = qr?.kind === 'qr' ? qr.data : '';

    // The A4 page for the office printer opens in a new tab with the same facts.
    const [a4] = await Promise.all([
      consolePage.context().waitForEvent('page'),
      latest().getByRole('button', { name: 'A4 打印页' }).click(),
    ]);
    await a4.waitForLoadState();
    const a4Text = await a4.locator('body').innerText();
    expect(a4Text).toContain('受理回执');
    expect(a4Text).toContain(caseNo);
    expect(a4Text).toContain(promised);
    await a4.screenshot({ path: artifact('case-page-a4.png'), fullPage: true });
    await a4.close();

    // The resident scans the receipt at the kiosk (serial scanner, simulated at the byte level).
    await kioskPage.goto(`${server.url}/kiosk`);
    await kioskPage.locator('button.category[data-category=health]:not([disabled])').waitFor();
    server.sim.scan(qrData);
    const screen = kioskPage.locator('[data-testid=case-screen]');
    await screen.locator('[data-testid=case-status]').waitFor();
    const shown = await screen.innerText();
    expect(shown).toContain(caseNo);
    expect(shown).toContain('已受理');
    expect(shown).toContain(promised);
    await kioskPage.screenshot({ path: artifact('kiosk-case-status.png') });
  });

  it('lists exactly the unticked required materials on a 补正 notice, and 材料已补齐 restarts the clock', {
    timeout: 60_000,
  }, async () => {
    await consolePage.keyboard.press('F5'); // 办结 the first ticket
    const ticket = await takeTicket();
    await expect.poll(() => consolePage.getByRole('button', { name: /叫号 F1/ }).isEnabled()).toBe(true);
    await consolePage.keyboard.press('F1');
    await consolePage.locator('[data-testid=current] .ticket-number', { hasText: ticket.number }).waitFor();

    await openAcceptance();
    // The matter's 一次性告知单 from the console, for a resident who came without everything.
    await desk().getByRole('button', { name: '打印一次性告知单' }).click();
    await expect.poll(caseMessage).toContain('“生育登记服务”一次性告知单已在大厅打印机打印');
    const notice1 = lastPrint('receipt-notice-from-console.png').lines.join('\n');
    expect(notice1).toContain('一次性告知单');
    expect(notice1).toContain('2寸合影');
    await tick(['夫妻双方身份证', '户口本', '结婚证']);
    // 受理 with required materials unticked is flagged; 补正 lists them, once, for the resident.
    expect(await desk().locator('.warn').innerText()).toContain('2寸合影、申请表');
    await desk().getByLabel('材料不全，一次性告知补正').check();
    expect((await desk().locator('textarea[name=missingMaterials]').inputValue()).split('\n')).toEqual([
      '2寸合影',
      '申请表',
    ]);
    await fillApplicant(desk());
    await desk().getByRole('button', { name: '生成补正材料通知书' }).click();
    await latest().waitFor();
    expect(await latest().innerText()).toContain('待补正材料');
    const caseNo = (await latest().locator('.num').innerText()).trim();

    await latest().getByRole('button', { name: '大厅打印机打印' }).click();
    await expect.poll(caseMessage).toContain('补正材料通知书');
    const notice = lastPrint('receipt-correction-e2e.png').lines.join('\n');
    expect(notice).toContain('补正材料通知书');
    expect(notice).toContain('2寸合影');
    expect(notice).toContain('申请表');
    expect(notice).not.toContain('结婚证');

    // The resident comes back with them: the clock starts again from the day after.
    const row = desk().locator('[data-testid=case-list] li', { hasText: caseNo });
    await row.getByRole('button', { name: '材料已补齐' }).click();
    const promised = addWorkingDays(SERVICE_DAY, 5);
    await expect.poll(caseMessage).toContain(`${caseNo}：材料已补齐，重新计算时限，${promised} 前办结`);
    await expect.poll(() => row.innerText()).toContain('已受理');
    await consolePage.screenshot({ path: artifact('console-2-case-list.png'), fullPage: true });
  });
});
