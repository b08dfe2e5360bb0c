// Device set-up (issue #23 item 8): a port is a device node under /dev, tcp://, usb: or an sdtapi: library
// inside the configured folder (devices.sdtapiDir). A regular file (it corrupted a copy of staff.json) or
// any .so elsewhere is refused, and nothing is written to center.json.
import { copyTestConfig } from '../helpers/config.ts';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { testConfig } from '../helpers/config.ts';
import { postJson, startTestServer, type TestServer } from '../helpers/server.ts';

let server: TestServer | null = null;
let configDir = '';
afterAll(async () => {
  await server?.stop();
  rmSync(configDir, { recursive: true, force: true });
});

async function put(path: string, body: unknown, token: string) {
  const r = await fetch(`${server!.url}${path}`, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  return { status: r.status, body: (await r.json()) as { error?: { code: string; message: string } } };
}

describe('device ports from the set-up page', () => {
  it('refuse regular files and libraries outside the sdtapi folder', async () => {
    configDir = mkdtempSync(join(tmpdir(), 'device-paths-config-'));
    copyTestConfig(new URL('../../config', import.meta.url).pathname, configDir);
    server = await startTestServer({ config: { ...testConfig(), dir: configDir } });
    const admin = (await postJson<{ token: string }>(`${server.url}/api/login`, { staffId: 'admin', pin: 'admin2026' }))
      .body.token;
    const victim = join(configDir, 'staff-copy.json');
    writeFileSync(victim, readFileSync(join(configDir, 'staff.json')));
    const lib = join(tmpdir(), `evil-${process.pid}.so`);
    writeFileSync(lib, 'not a library');
    for (const [kind, port] of [
      ['printer', victim],
      ['printer', '/etc/passwd'],
      ['scanner', victim],
      ['idcard', `sdtapi:${lib}:1001`],
      ['printer', '/dev/../etc/hosts'],
    ] as const) {
      const r = await put(`/api/admin/devices/${kind}`, { port }, admin);
      expect(r.status, `${kind} ${port}`).toBe(400);
      expect(r.body.error!.code).toBe('invalid-port');
      expect(r.body.error!.message).toMatch(/[\u4e00-\u9fff]/);
    }
    const center = JSON.parse(readFileSync(join(configDir, 'center.json'), 'utf8'));
    expect(center.devices?.printer?.port).toBeUndefined();
    expect(center.devices?.idcard?.port).toBeUndefined();
    // A device node is accepted (a character device; /dev/null stands in for a printer node).
    expect((await put('/api/admin/devices/printer', { port: '/dev/null' }, admin)).status).toBe(200);
    rmSync(lib, { force: true });
  });
});
