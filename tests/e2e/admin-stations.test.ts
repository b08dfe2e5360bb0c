// /admin → 便民服务站 in Chromium at 1920×1080 (issue 24 ⑫): the administrator creates a village station and
// its 代办员 (the first password shown once on the page), the agent signs in at /station with it and registers a
// 代办, the 代办登记 names the station and the agent; then the account is retired and the sign-in refused.
// Screenshots: tests/artifacts/admin-stations-*.png.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { artifact, launchBrowser } from '../helpers/browser.ts';
import { copyTestConfig, manualClock, testConfig } from '../helpers/config.ts';
import { postJson, startTestServer, type TestServer } from '../helpers/server.ts';

const clock = manualClock('2026-11-23T01:30:00Z'); // Monday 09:30 China time
let server: TestServer;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  for (const p of ['admin', 'station'])
    if (!existsSync(new URL(`../../dist/${p}.html`, import.meta.url).pathname))
      throw new Error(`dist/${p}.html 不存在：请先运行 npm run build`);
  const configDir = mkdtempSync(join(tmpdir(), 'admin-stations-e2e-'));
  copyTestConfig(new URL('../../config', import.meta.url).pathname, configDir);
  server = await startTestServer({ config: { ...testConfig(), dir: configDir }, clock });
  browser = await launchBrowser();
  page = await (await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'zh-CN' })).newPage();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('/admin 便民服务站', () => {
  it('creates a station and an agent, who signs in with the once-shown password; retiring ends it', {
    timeout: 120_000,
  }, async () => {
    await page.goto(`${server.url}/admin#stations`);
    await page.fill('input[name=staffId]', 'admin');
    await page.fill('input[name=pin]', 'admin2026');
    await page.keyboard.press('Enter');
    await page.locator('[data-testid=tab-stations]').click();
    await page.locator('[data-testid=stations]').waitFor();
    await page.fill('input[name=stationName]', '青山村便民服务站');
    await page.locator('[data-testid=add-station]').click();
    const station = page.locator('[data-testid=station][data-station="青山村便民服务站"]');
    await station.waitFor();
    // The same name again: refused in Chinese.
    await page.fill('input[name=stationName]', '青山村便民服务站');
    await page.locator('[data-testid=add-station]').click();
    await expect
      .poll(() => page.locator('[data-testid=stations-message]').innerText())
      .toBe('已有名为“青山村便民服务站”的服务站');

    await station.locator('input[name=agentName]').fill('李代办');
    await station.locator('input[name=agentId]').fill('qs-li');
    await station.locator('[data-testid=add-agent]').click();
    const shown = page.locator('[data-testid=first-password-value]');
    await shown.waitFor();
    const password = (await shown.innerText()).trim();
    expect(password).toMatch(/^\d{8}$/);
    expect(await page.locator('[data-testid=first-password]').innerText()).toContain('只显示这一次');
    await page.screenshot({ path: artifact('admin-stations-first-password.png') });
    await page.getByRole('button', { name: '我已记下，关闭' }).click();
    expect(await page.locator('[data-testid=first-password]').count()).toBe(0);
    expect(await page.content()).not.toContain(password);

    // The agent signs in at the station with it and registers a 代办.
    const st = await (await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'zh-CN' })).newPage();
    await st.goto(`${server.url}/station`);
    await st.fill('input[name=staffId]', 'qs-li');
    await st.fill('input[name=pin]', password);
    await st.keyboard.press('Enter');
    await st.locator('[data-testid=station-register]').waitFor();
    expect(await st.locator('body').innerText()).toContain('青山村便民服务站');
    const token = (await postJson<{ token: string }>(`${server.url}/api/login`, { staffId: 'qs-li', pin: password }))
      .body.token;
    const d = await postJson(
      `${server.url}/api/station/daiban`,
      {
        residentName: '陈老伯',
        matterId: 'street-03',
        authorization: '本人签署授权委托书',
        materialsOk: ['书面申请报告'],
        materialsMissing: [],
      },
      token,
    );
    expect(d.status, JSON.stringify(d.body)).toBe(201);

    // Retire the account (asked twice), then the station.
    await station.locator('tr[data-agent="qs-li"] [data-testid=retire-agent]').click();
    await station.locator('tr[data-agent="qs-li"] [data-testid=confirm-yes]').click();
    await expect.poll(() => station.locator('tr[data-agent="qs-li"]').innerText()).toContain('2026-11-23 停用');
    await page.screenshot({ path: artifact('admin-stations-retired-agent.png') });
    const refused = await postJson<{ error: { code: string; message: string } }>(`${server.url}/api/login`, {
      staffId: 'qs-li',
      pin: password,
    });
    expect([refused.status, refused.body.error.code]).toEqual([403, 'account-retired']);
    await st.reload();
    await st.fill('input[name=staffId]', 'qs-li');
    await st.fill('input[name=pin]', password);
    await st.keyboard.press('Enter');
    await expect.poll(() => st.locator('[data-testid=login-error]').innerText()).toContain('已于 2026-11-23 停用');
    await st.screenshot({ path: artifact('admin-stations-agent-refused.png') });

    await station.locator('[data-testid=retire-station]').click();
    await station.locator('[data-testid=confirm-yes]').click();
    await expect
      .poll(() => page.locator('[data-testid=retired-stations]').innerText())
      .toContain('青山村便民服务站（2026-11-23 撤销；代办员：李代办）');
    await page.screenshot({ path: artifact('admin-stations-retired.png'), fullPage: true });

    // The 代办登记 keeps the names.
    const admin = (await postJson<{ token: string }>(`${server.url}/api/login`, { staffId: 'admin', pin: 'admin2026' }))
      .body.token;
    const res = await fetch(`${server.url}/api/registers/daiban?from=2026-11-23&to=2026-11-23&format=html`, {
      headers: { Authorization: `Bearer ${admin}` },
    });
    const html = await res.text();
    expect(html).toContain('青山村便民服务站');
    expect(html).toContain('李代办');
    expect(html).not.toContain('qs-li');
  });
});
