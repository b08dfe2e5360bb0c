// The hashing key (issue #23 item 5): an empty, short or non-base64 secret.key used to be taken as an
// empty HMAC key (every hash then guessable). Now: refused when hashes made with the old key exist, else
// regenerated; and always written atomically (a temporary file renamed over, mode 0600).
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { KeyFileError, loadOrCreateKey } from '../../server/resident/card-registry.ts';

const dirs: string[] = [];
const dir = () => {
  const d = mkdtempSync(join(tmpdir(), 'kiosk-key-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const BAD: [string, string][] = [
  ['empty', ''],
  ['blank lines', '\n\n'],
  ['short', Buffer.alloc(8, 1).toString('base64')],
  ['not base64', '这不是密钥!!!'],
  ['base64 with junk', `${Buffer.alloc(32, 2).toString('base64')}$$$`],
];

describe('secret.key', () => {
  for (const [what, text] of BAD) {
    it(`refuses a ${what} key file when hashes exist`, () => {
      const file = join(dir(), 'secret.key');
      writeFileSync(file, text);
      expect(() => loadOrCreateKey(file, () => true)).toThrow(KeyFileError);
      try {
        loadOrCreateKey(file, () => true);
      } catch (err) {
        expect((err as Error).message).toContain(file);
        expect((err as Error).message).toMatch(/备份/);
      }
      expect(readFileSync(file, 'utf8')).toBe(text);
    });

    it(`regenerates a ${what} key file when no hashes exist yet`, () => {
      const file = join(dir(), 'secret.key');
      writeFileSync(file, text);
      const key = loadOrCreateKey(file, () => false);
      expect(key.length).toBe(32);
      expect(readFileSync(file, 'utf8').trim()).toBe(key.toString('base64'));
    });
  }

  it('keeps a good key and writes a new one atomically with mode 0600', () => {
    const d = dir();
    const file = join(d, 'secret.key');
    const key = loadOrCreateKey(file);
    expect(key.length).toBe(32);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readdirSync(d)).toEqual(['secret.key']);
    expect(loadOrCreateKey(file, () => true).equals(key)).toBe(true);
  });
});

describe('the server with a damaged secret.key', () => {
  it('refuses to start once hashes exist, and starts with a new key before', async () => {
    const { startTestServer, requestJson } = await import('../helpers/server.ts');
    const server = await startTestServer();
    const file = join(server.dataDir, 'secret.key');
    try {
      await server.stop();
      writeFileSync(file, '');
      await server.restart(); // no hashes yet: a new key
      expect(readFileSync(file, 'utf8').trim().length).toBeGreaterThanOrEqual(44);
      const r = await requestJson(server.url, 'POST', '/api/tickets', {
        body: { categoryId: 'civil', idempotencyKey: 'key-test-1' },
      });
      expect(r.status).toBe(201);
      server.app.ctx.db.prepare(`UPDATE tickets SET id_hash = 'h'`).run();
      await server.stop();
      writeFileSync(file, '');
      await expect(server.restart()).rejects.toThrow(KeyFileError);
    } finally {
      rmSync(server.dataDir, { recursive: true, force: true });
    }
  });
});
