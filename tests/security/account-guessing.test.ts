// Guessing one account from many addresses (issue #23 item 3): 10 addresses × 4 guesses each stayed under
// every per-address lock, and the right PIN from an 11th address then got in. Now an account has its own
// cap across addresses; the clerk's own console (an address where the account signed in before, or a
// configured console address) still signs in. And PINs anyone would guess are refused when set.
import { copyTestConfig } from '../helpers/config.ts';
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testConfig } from '../helpers/config.ts';
import { hashSecret } from '../../server/auth/password.ts';
import { pinRefusal } from '../../server/auth/first-login.ts';
import { postJson, requestJson, startTestServer, type TestServer } from '../helpers/server.ts';

let server: TestServer | null = null;
afterEach(async () => {
  await server?.stop();
  server = null;
});

type Answer = { status: number; body: { token?: string; error?: { code: string; message: string } } };
const login = (staffId: string, pin: string, from: string) =>
  requestJson(server!.url, 'POST', '/api/login', { body: { staffId, pin, windowNo: 3 }, from }) as Promise<Answer>;

describe('one account guessed from many addresses', () => {
  it('10 addresses × 4 guesses lock the account for an 11th address; the clerk’s own console still signs in', async () => {
    // w3a has her own PIN (not a first-use one, which only the hall's machines accept); no console addresses:
    // only where she signed in before is hers.
    const config = testConfig({ security: { ...testConfig().security, consoleAddresses: [] } });
    const pinHash = await hashSecret('583920');
    config.staff = config.staff.map((s) => (s.id === 'w3a' ? { ...s, pinHash } : s));
    server = await startTestServer({ config });
    // The clerk signed in at her console earlier.
    expect((await login('w3a', '583920', '127.0.0.3')).status).toBe(200);
    for (let a = 0; a < 10; a++)
      for (let i = 0; i < 4; i++) {
        const r = await login('w3a', String(200000 + a * 10 + i), `127.0.0.${40 + a}`);
        expect([401, 423]).toContain(r.status);
      }
    const eleventh = await login('w3a', '583920', '127.0.0.60');
    expect(eleventh.status).toBe(423);
    expect(eleventh.body.token).toBeUndefined();
    expect(eleventh.body.error!.message).toMatch(/锁定/);
    expect((await login('w3a', '583920', '127.0.0.3')).status).toBe(200);
  });
});

describe('PINs anyone would guess', () => {
  const weak = ['123456', '000000', '246810', '111111', '999999', '654321', '234567', '121212', 'w3a123', 'w3aw3a'];
  for (const pin of weak)
    it(`refuses ${pin}`, () => {
      expect(pinRefusal(pin, 'w3a')).not.toBeNull();
    });
  it('refuses the 工号 itself and accepts an ordinary PIN', () => {
    expect(pinRefusal('zhang01', 'zhang01')).toMatch(/工号/);
    expect(pinRefusal('583920', 'w3a')).toBeNull();
    expect(pinRefusal('hall-admin-77', 'admin')).toBeNull();
  });

  it('the administrator cannot set a weak PIN for a clerk', async () => {
    // A copy of config/: a PIN that slipped through must not land in the repository's staff.json.
    const configDir = mkdtempSync(join(tmpdir(), 'weak-pin-config-'));
    copyTestConfig(new URL('../../config', import.meta.url).pathname, configDir);
    server = await startTestServer({ config: { ...testConfig(), dir: configDir } });
    const admin = (await postJson<{ token: string }>(`${server.url}/api/login`, { staffId: 'admin', pin: 'admin2026' }))
      .body.token;
    const r = await requestJson<{ error: { code: string } }>(server.url, 'PUT' as 'POST', '/api/admin/staff/w3a', {
      body: { pin: '123456' },
      token: admin,
    });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('weak-password');
  });
});
