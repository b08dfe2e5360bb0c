// Issue 24 ⑦ in Chromium: the console's acceptance form asks for the applicant — the ID card read at the kiosk
// for the ticket (masked), or typed (name, phone, ID number optional), checked as the clerk types. The printed
// 受理回执 (rendered to PNG) and the console show it masked; the 办件台账 has the name and phone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { artifact, launchBrowser, signInConsole } from '../helpers/browser.ts';
import { postJson, staffToken, startTestServer, WsRecorder, type TestServer } from '../helpers/server.ts';
import { renderModel } from '../../drivers/printer/render-model.ts';
import { renderReceiptPng } from '../../drivers/printer/receipt-image.ts';
import { dotsForColumns } from '../../drivers/printer/commands.ts';
import { ZHANG_SAN } from '../drivers/idcard-fixtures.ts';

const SERVICE_DAY = '2026-11-23'; // a Monday
let server: TestServer;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  const started = Date.now();
  server = await startTestServer({
    clock: () => new Date(Date.parse(`${SERVICE_DAY}T03:00:00Z`) + (Date.now() - started)),
  });
  browser = await launchBrowser();
  page = await (await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'zh-CN' })).newPage();
  await signInConsole(page, server.url, 4);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const desk = () => page.locator('[data-testid=case-desk]');
const form = () => desk().locator('[data-testid=applicant]');
const submit = () => desk().getByRole('button', { name: '受理并生成回执' });

async function acceptDibao(ticketNumber: string): Promise<void> {
  await page.keyboard.press('F1');
  await page.locator('[data-testid=current] .ticket-number', { hasText: ticketNumber }).waitFor();
  await page.keyboard.press('F7');
  await desk().locator('.matter-pick button', { hasText: '最低生活保障' }).first().click();
  await desk().locator('[data-testid=matter-acceptance]').waitFor();
  for (const box of await desk().locator('.materials input[type=checkbox]').all()) await box.check();
}

/** Prints the latest case's receipt on the hall printer; its text, and a PNG of it under tests/artifacts. */
async function printReceipt(png: string): Promise<string> {
  const before = server.sim.printedJobs().length;
  await page.locator('[data-testid=case-latest]').getByRole('button', { name: '大厅打印机打印' }).click();
  await expect.poll(() => server.sim.printedJobs().length).toBe(before + 1);
  const bytes = server.sim.printedJobs().at(-1)!;
  const widthDots = dotsForColumns(server.app.devices.set.printer.columns);
  writeFileSync(artifact(png), renderReceiptPng(bytes, { widthDots }));
  return renderModel(bytes, { widthDots }).lines.join('\n');
}

async function registerRow(caseNo: string): Promise<string> {
  const token = await staffToken(server.url, 4);
  const csv = await (
    await fetch(`${server.url}/api/registers/cases?from=${SERVICE_DAY}&to=${SERVICE_DAY}&format=csv`, {
      headers: { Authorization: `Bearer ${token}` },
    })
  ).text();
  return csv.split('\r\n').find((l) => l.includes(caseNo)) ?? '';
}

describe('the applicant on the console acceptance form (1920×1080)', () => {
  it('typed: checked as typed, masked on the receipt, whole in the 办件台账', { timeout: 90_000 }, async () => {
    const t = await postJson<{ ticket: { number: string } }>(`${server.url}/api/tickets`, {
      categoryId: 'civil',
      matterIds: ['street-03'],
    });
    await acceptDibao(t.body.ticket.number);
    // No applicant: the form asks and cannot be sent.
    expect(await submit().isDisabled()).toBe(true);
    await form().locator('input[name=applicantName]').fill('张小三');
    await form().locator('input[name=applicantPhone]').fill('1381234');
    await form().getByRole('alert').getByText('联系电话应为 11 位手机号码').waitFor();
    expect(await submit().isDisabled()).toBe(true);
    await form().locator('input[name=applicantPhone]').fill('13812341234');
    await form().locator('input[name=applicantIdNumber]').fill('320102199001011233');
    await form().getByRole('alert').getByText('校验位').waitFor();
    await page.screenshot({ path: artifact('console-applicant-typed-invalid-1920x1080.png'), fullPage: true });
    await form().locator('input[name=applicantIdNumber]').fill('320102199001011232');
    expect(await form().getByRole('alert').count()).toBe(0);
    await page.screenshot({ path: artifact('console-applicant-typed-1920x1080.png'), fullPage: true });
    await submit().click();
    const latest = page.locator('[data-testid=case-latest]');
    await latest.waitFor();
    const caseNo = (await latest.locator('.num').innerText()).trim();
    const receipt = await printReceipt('console-applicant-receipt-typed.png');
    expect(receipt).toContain('张*三');
    expect(receipt).toContain('3201**********1232');
    expect(receipt).toContain('138****1234');
    for (const whole of ['张小三', '13812341234', '320102199001011232']) {
      expect(receipt).not.toContain(whole);
      expect(await page.locator('body').innerText()).not.toContain(whole);
    }
    const row = await registerRow(caseNo);
    expect(row).toContain('张小三');
    expect(row).toContain('13812341234');
    expect(row).not.toContain('320102199001011232');
    await postJson(`${server.url}/api/windows/4/finish`, {}, await staffToken(server.url, 4));
  });

  it('from the ID card read at the kiosk: masked name and number prefilled, a phone added', {
    timeout: 90_000,
  }, async () => {
    const kiosk = new WsRecorder(server.url, 'kiosk');
    await kiosk.opened;
    server.sim.insertCard(ZHANG_SAN);
    const read = await kiosk.waitFor('idcard.read');
    kiosk.close();
    const t = await postJson<{ ticket: { number: string } }>(`${server.url}/api/tickets`, {
      categoryId: 'civil',
      readToken: read.card.readToken,
      matterIds: ['street-03'],
    });
    await acceptDibao(t.body.ticket.number);
    const card = form().getByTestId('applicant-card');
    expect(await card.innerText()).toContain('张*');
    expect(await card.innerText()).toContain('6527**********1233');
    expect(await submit().isDisabled()).toBe(true); // the phone is still missing
    await form().locator('input[name=applicantPhone]').fill('13900001111');
    await page.screenshot({ path: artifact('console-applicant-card-1920x1080.png'), fullPage: true });
    const latest = page.locator('[data-testid=case-latest]');
    const previous = (await latest.locator('.num').innerText()).trim();
    await submit().click();
    await expect.poll(async () => (await latest.locator('.num').innerText()).trim()).not.toBe(previous);
    const caseNo = (await latest.locator('.num').innerText()).trim();
    const receipt = await printReceipt('console-applicant-receipt-card.png');
    expect(receipt).toContain('张*');
    expect(receipt).toContain('6527**********1233');
    expect(receipt).toContain('139****1111');
    expect(receipt).not.toContain('652701199003071233');
    const row = await registerRow(caseNo);
    expect(row).toContain('张*');
    expect(row).toContain('13900001111');
  });
});
