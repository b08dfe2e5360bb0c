// Random first-use passwords (issue #23 item 2): config/staff.json shipped hashes of the published
// 246810 / admin2026, so every fresh installation started with passwords anyone could read in README.
// Now the shipped accounts hold no password; the first start generates a random one per account, stores
// only its hash, and shows it once: a warning line in the journal and once on the kiosk's own screen.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config/load.ts';
import { verifySecret } from '../../server/auth/password.ts';
import { testConfig } from '../helpers/config.ts';
import { requestJson, startTestServer, type TestServer } from '../helpers/server.ts';

const SHIPPED = new URL('../../config', import.meta.url).pathname;
let server: TestServer | null = null;
afterEach(async () => {
  await server?.stop();
  server = null;
});

/** A copy of the shipped config folder, started as an installation would be. */
async function startShipped(edit?: (dir: string) => void) {
  const dir = mkdtempSync(join(tmpdir(), 'first-use-'));
  cpSync(SHIPPED, dir, { recursive: true });
  edit?.(dir);
  const shipped = loadConfig(dir);
  const base = testConfig();
  server = await startTestServer({
    config: { ...base, dir, staff: shipped.staff, security: { ...base.security, firstLoginPasswordChange: true } },
  });
  return dir;
}

type Account = { staffId: string; name: string; password: string };
const generatedLines = (logs: string[]) =>
  logs
    .map((l) => /首次使用密码.*工号 (\S+) 密码 (\S+)/.exec(l))
    .filter((m): m is RegExpExecArray => !!m)
    .map((m) => ({ staffId: m[1]!, password: m[2]! }));

describe('first-use passwords are random per installation', () => {
  it('the shipped staff.json holds no hash of the published 246810 / admin2026', async () => {
    const staff = JSON.parse(readFileSync(join(SHIPPED, 'staff.json'), 'utf8')) as { id: string; pinHash: string }[];
    for (const s of staff) {
      expect(await verifySecret('246810', s.pinHash), s.id).toBe(false);
      expect(await verifySecret('admin2026', s.pinHash), s.id).toBe(false);
    }
  });

  it('the first start generates, stores hashed, logs once per account and shows them once on the kiosk', async () => {
    const dir = await startShipped();
    const staffIds = loadConfig(SHIPPED).staff.map((s) => s.id);
    const lines = generatedLines(server!.logs);
    expect(lines.map((l) => l.staffId).sort()).toEqual([...staffIds].sort());
    for (const l of lines) {
      if (l.staffId === 'admin') expect(l.password).toMatch(/^[A-Za-z0-9]{12}$/);
      else expect(l.password).toMatch(/^\d{8}$/);
    }
    expect(new Set(lines.map((l) => l.password)).size).toBe(lines.length);

    // Only hashes on disk; each one matches its logged password; the published ones are gone.
    const onDisk = readFileSync(join(dir, 'staff.json'), 'utf8');
    for (const l of lines) expect(onDisk).not.toContain(l.password);
    const stored = JSON.parse(onDisk) as { id: string; pinHash: string }[];
    const admin = stored.find((s) => s.id === 'admin')!;
    expect(await verifySecret(lines.find((l) => l.staffId === 'admin')!.password, admin.pinHash)).toBe(true);
    expect(await verifySecret('admin2026', admin.pinHash)).toBe(false);

    // The generated password is still a first-use one: only at the hall's machines, and replaced at once.
    const w1a = lines.find((l) => l.staffId === 'w1a')!;
    const remote = await requestJson<{ error: { code: string } }>(server!.url, 'POST', '/api/login', {
      body: { staffId: 'w1a', pin: w1a.password },
      from: '127.0.0.77',
    });
    expect(remote.status).toBe(403);
    expect(remote.body.error.code).toBe('first-use-remote');
    const ok = await requestJson<{ token: string; mustChangePassword?: boolean }>(server!.url, 'POST', '/api/login', {
      body: { staffId: 'w1a', pin: w1a.password },
    });
    expect(ok.status).toBe(200);
    expect(ok.body.mustChangePassword).toBe(true);
    const changed = await requestJson(server!.url, 'POST', '/api/password', {
      body: { currentPin: w1a.password, newPin: '583920' },
      token: ok.body.token,
    });
    expect(changed.status).toBe(200);
    const w1aOnDisk = (
      JSON.parse(readFileSync(join(dir, 'staff.json'), 'utf8')) as { id: string; firstUse?: boolean }[]
    ).find((s) => s.id === 'w1a')!;
    expect(w1aOnDisk.firstUse).toBeUndefined();
    const old = await requestJson(server!.url, 'POST', '/api/login', { body: { staffId: 'w1b', pin: '246810' } });
    expect(old.status).not.toBe(200);

    // Another machine on the hall LAN never sees them.
    const stranger = await requestJson<{ error: { code: string } }>(
      server!.url,
      'GET',
      '/api/kiosk/first-use-passwords',
      { from: '127.0.0.77' },
    );
    expect(stranger.status).toBe(403);

    // The kiosk's own screen: once, then 410.
    const first = await requestJson<{ accounts: Account[] }>(server!.url, 'GET', '/api/kiosk/first-use-passwords', {});
    expect(first.status).toBe(200);
    expect(first.body.accounts.map((a) => [a.staffId, a.password]).sort()).toEqual(
      lines.map((l) => [l.staffId, l.password]).sort(),
    );
    const again = await requestJson<{ error: { code: string; message: string } }>(
      server!.url,
      'GET',
      '/api/kiosk/first-use-passwords',
      {},
    );
    expect(again.status).toBe(410);
    expect(again.body.error.code).toBe('first-use-shown');

    // A restart generates nothing new: every account has its own password now.
    const before = server!.logs.length;
    await server!.restart();
    expect(generatedLines(server!.logs.slice(before))).toEqual([]);
  });

  it('an installation still holding an old shipped default hash gets a random password too', async () => {
    const oldAdminHash = 'scrypt$16384$8$1$FN1wH/2YrVtwPRqVNKxZlw==$CA2SrzVV0PnhENxBi4XVdmwVCjEdywz08X2FIq0Ahxc=';
    await startShipped((dir) => {
      const file = join(dir, 'staff.json');
      const staff = JSON.parse(readFileSync(file, 'utf8')) as { id: string; pinHash: string }[];
      staff.find((s) => s.id === 'admin')!.pinHash = oldAdminHash;
      writeFileSync(file, JSON.stringify(staff));
    });
    const admin = generatedLines(server!.logs).find((l) => l.staffId === 'admin');
    expect(admin?.password).toMatch(/^[A-Za-z0-9]{12}$/);
    const old = await requestJson(server!.url, 'POST', '/api/login', { body: { staffId: 'admin', pin: 'admin2026' } });
    expect(old.status).not.toBe(200);
  });
});
