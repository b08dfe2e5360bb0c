// Issue 24 item 9: the case page /c/:id (the receipt's QR, on a phone and on the kiosk). It repeated 已受理
// two or three times (the state, then every history step of an accepted case under the state's name) and
// called a correction case's intake time 受理时间. Now the state is said once, each history step is named by
// what happened (受理, 告知补正材料, 材料补齐后受理…), and a case not yet accepted shows 收件时间.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { artifact, launchBrowser } from '../helpers/browser.ts';
import { postJson, staffToken, startTestServer, type TestServer } from '../helpers/server.ts';
import type { CaseRecord } from '../../server/contract/cases.ts';

let server: TestServer;
let browser: Browser;
let token: string;
const started = Date.now();
let offset = 0;
beforeAll(async () => {
  server = await startTestServer({
    clock: () => new Date(Date.parse('2026-11-23T02:00:00Z') + (Date.now() - started) + offset),
  });
  browser = await launchBrowser();
  token = await staffToken(server.url, 2);
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const accept = async (body: object) => {
  const r = await postJson<{ case: CaseRecord }>(`${server.url}/api/windows/2/cases`, body, token);
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body.case;
};
const count = (text: string, word: string) => text.split(word).length - 1;

describe('the case page words', () => {
  it('an accepted promised case says 已受理 once (phone 360×740 and kiosk 1920×1080)', {
    timeout: 60_000,
  }, async () => {
    const c = await accept({ matterId: 'street-37', kind: 'promised', promisedDays: 5 });
    for (const [w, h] of [
      [360, 740],
      [1920, 1080],
    ] as const) {
      const page = await browser.newPage({ viewport: { width: w, height: h } });
      await page.goto(`${server.url}/c/${c.id}`);
      const status = page.getByTestId('case-status');
      await status.waitFor();
      const text = (await status.textContent()) ?? '';
      expect(count(text, '已受理')).toBe(1);
      expect(text).toContain('受理时间');
      expect(text).not.toContain('收件时间');
      await page.screenshot({ path: artifact(`case-page-accepted-${w}x${h}.png`), fullPage: true });
      await page.close();
    }
  });

  it('a correction case shows 收件时间, not 受理时间; once complete, both', { timeout: 60_000 }, async () => {
    const c = await accept({ matterId: 'street-37', kind: 'promised', promisedDays: 5, missingMaterials: ['户口本'] });
    expect(c.state).toBe('correction');
    const page = await browser.newPage({ viewport: { width: 360, height: 740 } });
    await page.goto(`${server.url}/c/${c.id}`);
    const status = page.getByTestId('case-status');
    await status.getByText('待补正材料', { exact: true }).first().waitFor();
    let text = (await status.textContent()) ?? '';
    expect(text).toContain('收件时间');
    expect(text).not.toContain('受理时间');
    expect(text).not.toContain('已受理');
    await page.screenshot({ path: artifact('case-page-correction-360x740.png'), fullPage: true });

    offset = 3_600_000; // an hour later the applicant brings the 户口本
    const done = await postJson(`${server.url}/api/cases/${c.id}/materials-received`, {}, token);
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    await page.reload();
    await status.getByText('已受理', { exact: true }).waitFor();
    text = (await status.textContent()) ?? '';
    expect(text).toContain('收件时间');
    expect(text).toContain('受理时间');
    expect(count(text, '已受理')).toBe(1);
    await page.screenshot({ path: artifact('case-page-corrected-360x740.png'), fullPage: true });
    await page.close();
  });
});
