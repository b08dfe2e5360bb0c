// Issue #23 item 2: a fresh installation generates random first-use passwords and shows them once on the
// kiosk's own screen (and in the journal). The kiosk page shows them at its first load; closed, or loaded
// again, they are gone.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config/load.ts';
import { artifact, launchBrowser } from '../helpers/browser.ts';
import { testConfig } from '../helpers/config.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

const SHIPPED = new URL('../../config', import.meta.url).pathname;
let dir = '';
let server: TestServer;
let browser: Browser;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kiosk-first-use-'));
  cpSync(SHIPPED, dir, { recursive: true });
  const shipped = loadConfig(dir);
  const base = testConfig();
  server = await startTestServer({ config: { ...base, dir, staff: shipped.staff } });
  browser = await launchBrowser();
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('first-use passwords on the kiosk screen', () => {
  it('shows every generated password once, as the journal has it; closed or reloaded, they are gone', {
    timeout: 60_000,
  }, async () => {
    const journal = new Map(
      server.logs
        .map((l) => /首次使用密码.*工号 (\S+) 密码 (\S+)/.exec(l))
        .filter((m): m is RegExpExecArray => !!m)
        .map((m) => [m[1]!, m[2]!] as const),
    );
    expect(journal.size).toBe(loadConfig(SHIPPED).staff.length);

    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await page.goto(`${server.url}/kiosk`);
    const dialog = page.getByTestId('first-use-passwords');
    await dialog.waitFor();
    const shown = await dialog
      .locator('li')
      .evaluateAll((lis) =>
        lis.map((li) => [
          li.getAttribute('data-staff') ?? '',
          li.querySelector('.first-use-password')?.textContent ?? '',
        ]),
      );
    expect(new Map(shown as [string, string][])).toEqual(journal);
    // Every account and the close button fit the screen without scrolling the dialog.
    const box = await dialog.getByRole('button', { name: '已抄录，关闭' }).boundingBox();
    expect(box && box.y + box.height).toBeLessThanOrEqual(1080);
    await page.screenshot({ path: artifact('kiosk-first-use-passwords-1920x1080.png') });

    await dialog.getByRole('button', { name: '已抄录，关闭' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.reload();
    await page.locator('button[data-category]').first().waitFor();
    expect(await page.getByTestId('first-use-passwords').count()).toBe(0);
  });
});
