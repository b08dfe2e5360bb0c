// Backups hold what the database holds (masked identities, hashes, registers): written 0600 like the
// database itself (issue #23 item 8), whatever the process's umask.
import { readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { postJson, startTestServer, type TestServer } from '../helpers/server.ts';

let server: TestServer | null = null;
afterAll(async () => {
  await server?.stop();
  if (server) rmSync(server.dataDir, { recursive: true, force: true });
});

describe('a backup file', () => {
  it('is readable by the server’s own user only', async () => {
    const old = process.umask(0o022);
    try {
      server = await startTestServer();
      const admin = (
        await postJson<{ token: string }>(`${server.url}/api/login`, { staffId: 'admin', pin: 'admin2026' })
      ).body.token;
      const r = await postJson(`${server.url}/api/admin/backup`, {}, admin);
      expect(r.status).toBe(200);
      const dir = join(server.dataDir, 'backups');
      const files = readdirSync(dir).filter((f) => f.endsWith('.sqlite'));
      expect(files.length).toBe(1);
      expect(statSync(join(dir, files[0]!)).mode & 0o777).toBe(0o600);
      expect(statSync(dir).mode & 0o077).toBe(0);
    } finally {
      process.umask(old);
    }
  });
});
