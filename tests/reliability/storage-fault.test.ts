// A damaged page in the tickets table (issue #23 item 4): garbage written into the tickets b-tree's root
// page of a copy of a real database. Before the fix the first WebSocket connection killed the process (the
// snapshot was read inside the upgrade callback, unguarded). Now: the socket gets a Chinese error and is
// closed, the process keeps serving, /api/health reports the storage fault (quick_check at start and the
// failed read since), and the log says to restore a backup.
import Database from 'better-sqlite3';
import { closeSync, openSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import WebSocket from 'ws';
import { afterAll, describe, expect, it } from 'vitest';
import { requestJson, startTestServer, type TestServer } from '../helpers/server.ts';

let server: TestServer | null = null;
afterAll(async () => {
  await server?.stop();
  if (server) rmSync(server.dataDir, { recursive: true, force: true });
});

/** Garbage over the root page of `table` (the WAL checkpointed into the file first). */
function damageTable(file: string, table: string): void {
  const db = new Database(file);
  db.pragma('wal_checkpoint(TRUNCATE)');
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  const root = (db.prepare('SELECT rootpage FROM sqlite_master WHERE name = ?').get(table) as { rootpage: number })
    .rootpage;
  db.close();
  const fd = openSync(file, 'r+');
  const garbage = Buffer.alloc(pageSize);
  for (let i = 0; i < pageSize; i++) garbage[i] = (i * 131 + 7) & 0xff;
  writeSync(fd, garbage, 0, pageSize, (root - 1) * pageSize);
  closeSync(fd);
}

function connect(url: string): Promise<{ messages: unknown[]; code: number }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${url.replace('http', 'ws')}/ws?role=display`);
    const messages: unknown[] = [];
    ws.on('message', (d) => messages.push(JSON.parse(String(d))));
    ws.on('close', (code) => resolve({ messages, code }));
    ws.on('error', reject);
    setTimeout(() => ws.close(), 1500);
  });
}

describe('a damaged tickets page', () => {
  it('does not end the process on a WebSocket connection; health and the log report the fault', async () => {
    const first = await startTestServer();
    for (let i = 0; i < 5; i++)
      expect(
        (
          await requestJson(first.url, 'POST', '/api/tickets', {
            body: { categoryId: 'civil', idempotencyKey: `damaged-${i}` },
          })
        ).status,
      ).toBe(201);
    await first.stop();
    const file = join(first.dataDir, 'kiosk.sqlite');
    damageTable(file, 'tickets');

    server = await startTestServer({ dataDir: first.dataDir });
    const uncaught: unknown[] = [];
    const onUncaught = (err: unknown) => uncaught.push(err);
    process.on('uncaughtException', onUncaught);
    try {
      const a = await connect(server.url);
      const b = await connect(server.url);
      expect(uncaught).toEqual([]);
      // The client hears why, in Chinese, with a stable code, and the socket is closed (1011: server error).
      const err = a.messages.find((m) => (m as { type: string }).type === 'error') as {
        error: { code: string; message: string };
      };
      expect(err.error.code).toBe('storage-fault');
      expect(err.error.message).toMatch(/存储|数据库/);
      expect(a.code).toBe(1011);
      expect(b.code).toBe(1011);
    } finally {
      process.off('uncaughtException', onUncaught);
    }
    // Still serving, and saying what is wrong.
    const health = await requestJson<{
      ok: boolean;
      storage: { ok: boolean; quickCheck: string; lastReadError: unknown };
    }>(server.url, 'GET', '/api/health');
    expect(health.status).toBe(200);
    expect(health.body.ok).toBe(false);
    expect(health.body.storage.ok).toBe(false);
    expect(health.body.storage.quickCheck).not.toBe('ok');
    expect(health.body.storage.lastReadError).not.toBeNull();
    expect(server.logs.some((l) => /kiosk\.sqlite/.test(l) && /恢复.*备份|备份.*恢复/.test(l))).toBe(true);
    expect(server.logs.join('\n')).not.toMatch(/\n\s+at /);
  });
});

describe('a database that cannot be opened', () => {
  it('fails start-up with one Chinese line naming the file and the fix, not a stack', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'kiosk-notadb-'));
    const file = join(dir, 'kiosk.sqlite');
    writeFileSync(file, Buffer.alloc(8192, 0x5a));
    try {
      const err = await startTestServer({ dataDir: dir }).then(
        (s) => {
          void s.stop();
          return null;
        },
        (e: Error) => e,
      );
      expect(err).not.toBeNull();
      expect(err!.constructor.name).toBe('StorageStartError');
      expect(err!.message).toContain(file);
      expect(err!.message).toMatch(/备份/);
      expect(err!.message).not.toMatch(/\n/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
