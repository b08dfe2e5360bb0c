// First start: an account still on its first-use PIN (246810 / admin2026) may do nothing but change it.
// API: the login answers mustChangePassword (additively), every staff and admin route and the console
// WebSocket answer 403 password-change-required, the window is not signed in; the change refuses short and
// first-use PINs, writes staff.json, ends the session, and the new PIN then works without any restriction;
// an admin-set PIN counts as changed; set-pin refuses PINs shorter than 6. Chromium: the admin and a window
// console change their password at first login and land on their page. Screenshots in tests/artifacts/.
import { copyTestConfig } from '../helpers/config.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { artifact, launchBrowser } from '../helpers/browser.ts';
import { testConfig } from '../helpers/config.ts';
import { getJson, postJson, startTestServer, WsRecorder, type TestServer } from '../helpers/server.ts';

const ROOT = resolve(new URL('../..', import.meta.url).pathname);
let server: TestServer;
let browser: Browser;
let configDir: string;

beforeAll(async () => {
  configDir = mkdtempSync(join(tmpdir(), 'first-login-config-'));
  copyTestConfig(join(ROOT, 'config'), configDir);
  const base = testConfig({ security: { ...testConfig().security, firstLoginPasswordChange: true } });
  server = await startTestServer({ config: { ...base, dir: configDir } });
  browser = await launchBrowser();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('first login with a first-use PIN', () => {
  it('allows nothing but the password change, then the new PIN works', async () => {
    const login = await postJson<{ token: string; session: { staffId: string }; mustChangePassword?: boolean }>(
      `${server.url}/api/login`,
      { staffId: 'w2a', pin: '246810', windowNo: 2 },
    );
    expect(login.status).toBe(200);
    expect(login.body.mustChangePassword).toBe(true);
    expect(login.body.session.staffId).toBe('w2a');
    const token = login.body.token;
    // Not signed in at the window, and no window action.
    expect(server.app.ctx.store.window(2).staffName).toBeNull();
    const call = await postJson<{ error: { code: string; message: string } }>(
      `${server.url}/api/windows/2/call-next`,
      {},
      token,
    );
    expect(call.status).toBe(403);
    expect(call.body.error.code).toBe('password-change-required');
    expect(call.body.error.message).toMatch(/初始密码/);
    const session = await getJson<{ mustChangePassword?: boolean }>(`${server.url}/api/session`, token);
    expect(session.body.mustChangePassword).toBe(true);
    const ws = new WsRecorder(server.url, 'console', { Authorization: `Bearer ${token}` });
    await expect(ws.opened).rejects.toThrow(/403/);

    // Refused: short, first-use, wrong current PIN.
    for (const [body, code] of [
      [{ currentPin: '246810', newPin: '12345' }, 'weak-password'],
      [{ currentPin: '246810', newPin: '246810' }, 'weak-password'],
      [{ currentPin: '246810', newPin: 'admin2026' }, 'weak-password'],
      [{ currentPin: '000000', newPin: '864209' }, 'bad-credentials'],
    ] as const) {
      const r = await postJson<{ error: { code: string } }>(`${server.url}/api/password`, body, token);
      expect(r.body.error.code, JSON.stringify(body)).toBe(code);
    }
    const changed = await postJson(`${server.url}/api/password`, { currentPin: '246810', newPin: '864209' }, token);
    expect(changed.status).toBe(200);
    // The session ended; the hash in staff.json changed (never the PIN itself).
    expect((await getJson(`${server.url}/api/session`, token)).status).toBe(401);
    const staffFile = readFileSync(join(configDir, 'staff.json'), 'utf8');
    expect(staffFile).not.toContain('864209');
    expect((await postJson(`${server.url}/api/login`, { staffId: 'w2a', pin: '246810', windowNo: 2 })).status).toBe(
      401,
    );
    const again = await postJson<{ token: string; mustChangePassword?: boolean }>(`${server.url}/api/login`, {
      staffId: 'w2a',
      pin: '864209',
      windowNo: 2,
    });
    expect(again.status).toBe(200);
    expect(again.body.mustChangePassword).toBeUndefined();
    expect(server.app.ctx.store.window(2).staffName).not.toBeNull();
    await postJson(`${server.url}/api/tickets`, {
      categoryId: testConfig().categories.find((c) =>
        testConfig()
          .windows.find((w) => w.no === 2)!
          .categoryIds.includes(c.id),
      )!.id,
    });
    expect((await postJson(`${server.url}/api/windows/2/call-next`, {}, again.body.token)).status).toBe(200);
  });

  it('ends the session after too many wrong current PINs at the change', async () => {
    const login = await postJson<{ token: string }>(`${server.url}/api/login`, { staffId: 'w6b', pin: '246810' });
    const codes: string[] = [];
    for (let i = 0; i < testConfig().security.maxLoginFailures; i++) {
      codes.push(
        (
          await postJson<{ error: { code: string } }>(
            `${server.url}/api/password`,
            { currentPin: `00000${i}`, newPin: '918273' },
            login.body.token,
          )
        ).body.error.code,
      );
    }
    expect(codes.slice(0, -1).every((c) => c === 'bad-credentials')).toBe(true);
    expect(codes.at(-1)).toBe('login-required');
    expect((await getJson(`${server.url}/api/session`, login.body.token)).status).toBe(401);
  });

  it('counts a PIN the administrator set as changed, and refuses first-use or short PINs there', async () => {
    const admin = await postJson<{ token: string; mustChangePassword?: boolean }>(`${server.url}/api/login`, {
      staffId: 'admin',
      pin: 'admin2026',
    });
    expect(admin.body.mustChangePassword).toBe(true);
    expect(
      (
        await postJson(
          `${server.url}/api/password`,
          { currentPin: 'admin2026', newPin: 'hall-admin-77' },
          admin.body.token,
        )
      ).status,
    ).toBe(200);
    const token = (
      await postJson<{ token: string }>(`${server.url}/api/login`, { staffId: 'admin', pin: 'hall-admin-77' })
    ).body.token;
    const put = (body: unknown) =>
      fetch(`${server.url}/api/admin/staff/w3a`, {
        method: 'PUT',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        body: JSON.stringify(body),
      });
    const weak = await put({ pin: '246810' });
    expect(weak.status).toBe(400);
    expect(((await weak.json()) as { error: { code: string } }).error.code).toBe('weak-password');
    expect((await put({ pin: '1234' })).status).toBe(400);
    expect((await put({ pin: '975310' })).status).toBe(200);
    const w3a = await postJson<{ mustChangePassword?: boolean }>(`${server.url}/api/login`, {
      staffId: 'w3a',
      pin: '975310',
      windowNo: 3,
    });
    expect(w3a.status).toBe(200);
    expect(w3a.body.mustChangePassword).toBeUndefined();
  });

  it('set-pin refuses a PIN shorter than 6 characters or a first-use one, and sets a good one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'set-pin-'));
    copyTestConfig(join(ROOT, 'config'), dir);
    const run = (...args: string[]) =>
      spawnSync(join(ROOT, 'node_modules/.bin/tsx'), [join(ROOT, 'server/tools/set-pin.ts'), ...args], {
        env: { ...process.env, KIOSK_CONFIG: dir },
        encoding: 'utf8',
      });
    const before = readFileSync(join(dir, 'staff.json'), 'utf8');
    const short = run('w1a', '12345');
    expect(short.status).toBe(1);
    expect(short.stderr).toContain('至少 6 位');
    expect(run('w1a', '246810').stderr).toContain('初始密码');
    expect(readFileSync(join(dir, 'staff.json'), 'utf8')).toBe(before);
    expect(run('w1a', '135792').status).toBe(0);
    expect(readFileSync(join(dir, 'staff.json'), 'utf8')).not.toBe(before);
  });

  it('in Chromium: the console and the admin page change the first-use password at first login', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`${server.url}/console/4`);
    await page.fill('input[name=staffId]', 'w4a');
    await page.fill('input[name=pin]', '246810');
    await page.keyboard.press('Enter');
    await page.getByTestId('change-password').waitFor();
    await page.screenshot({ path: artifact('first-login-console.png') });
    await page.fill('input[name=newPin]', '12345');
    await page.fill('input[name=newPinAgain]', '12345');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('change-password-error').textContent()).toContain('至少 6 位');
    await page.fill('input[name=newPin]', '583920');
    await page.fill('input[name=newPinAgain]', '583921');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('change-password-error').textContent()).toContain('不一致');
    await page.fill('input[name=newPin]', '583920');
    await page.fill('input[name=newPinAgain]', '583920');
    await page.keyboard.press('Enter');
    await page.locator('.conn.ok').waitFor();
    expect(server.app.ctx.store.window(4).staffName).not.toBeNull();
    await page.screenshot({ path: artifact('first-login-console-after.png') });
    // Reload: still signed in, no second change asked for.
    await page.reload();
    await page.locator('.conn.ok').waitFor();
    await page.close();
  }, 60_000);

  it('in Chromium: the administrator changes admin2026 at first login, then sees the admin page', async () => {
    // A server of its own: the admin account above already changed its password.
    const dir = mkdtempSync(join(tmpdir(), 'first-login-admin-'));
    copyTestConfig(join(ROOT, 'config'), dir);
    const own = await startTestServer({
      config: { ...testConfig({ security: { ...testConfig().security, firstLoginPasswordChange: true } }), dir },
    });
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      await page.goto(`${own.url}/admin`);
      await page.fill('input[name=staffId]', 'admin');
      await page.fill('input[name=pin]', 'admin2026');
      await page.keyboard.press('Enter');
      await page.getByTestId('change-password').waitFor();
      await page.fill('input[name=newPin]', 'admin2026');
      await page.fill('input[name=newPinAgain]', 'admin2026');
      await page.keyboard.press('Enter');
      await expect.poll(() => page.getByTestId('change-password-error').textContent()).toContain('不能使用初始密码');
      await page.screenshot({ path: artifact('first-login-admin.png') });
      await page.fill('input[name=newPin]', 'Zhongxin-2027');
      await page.fill('input[name=newPinAgain]', 'Zhongxin-2027');
      await page.keyboard.press('Enter');
      await page.getByTestId('operations').waitFor();
      await page.getByTestId('tab-dashboard').waitFor();
      await page.screenshot({ path: artifact('first-login-admin-after.png') });
      // 运行维护: no backup yet is a warning; 立即备份 takes one and the warning goes.
      await expect.poll(() => page.getByTestId('operations').textContent()).toContain('还没有任何数据库备份');
      await page.getByTestId('backup-now').click();
      await expect
        .poll(() => page.getByTestId('backup-message').textContent())
        .toMatch(/备份完成：kiosk-\d{8}-\d{6}-\d{3}\.sqlite/);
      await expect.poll(() => page.getByTestId('last-backup').textContent()).toContain('已通过完整性检查');
      expect(await page.getByTestId('operations').textContent()).not.toContain('⚠');
      await page.screenshot({ path: artifact('admin-backup-done.png') });
      await page.close();
    } finally {
      await own.stop();
    }
  }, 60_000);
});
