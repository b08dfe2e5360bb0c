// A first-use password from a stranger's phone (issue #23 item 2): admin/admin2026 or an unused B岗
// account's 246810 signed in from any LAN address and set its own password. Now a first-use password is
// accepted only from the kiosk and the configured console addresses (security.consoleAddresses).
import { afterEach, describe, expect, it } from 'vitest';
import { testConfig } from '../helpers/config.ts';
import { requestJson, startTestServer, type TestServer } from '../helpers/server.ts';

let server: TestServer | null = null;
afterEach(async () => {
  await server?.stop();
  server = null;
});

type Answer = { status: number; body: { token?: string; error?: { code: string; message: string } } };
const login = (staffId: string, pin: string, from: string) =>
  requestJson(server!.url, 'POST', '/api/login', { body: { staffId, pin }, from }) as Promise<Answer>;

describe('first-use passwords', () => {
  it('are refused from an address that is neither the kiosk nor a console', async () => {
    const config = testConfig({ security: { ...testConfig().security, consoleAddresses: ['127.0.0.3'] } });
    server = await startTestServer({ config });
    for (const [id, pin] of [
      ['admin', 'admin2026'],
      ['w3b', '246810'],
    ] as const) {
      const stranger = await login(id, pin, '127.0.0.77');
      expect(stranger.status).toBe(403);
      expect(stranger.body.token).toBeUndefined();
      expect(stranger.body.error!.code).toBe('first-use-remote');
      expect(stranger.body.error!.message).toMatch(/初始密码/);
    }
    expect((await login('w3b', '246810', '127.0.0.3')).status).toBe(200);
    expect((await login('admin', 'admin2026', '127.0.0.1')).status).toBe(200);
  });
});
