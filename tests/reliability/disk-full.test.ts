// Disk full, with real SQLite: the server's own connection gets PRAGMA max_page_count = its current size,
// so the next write that needs a new page fails with SQLITE_FULL as on a full disk. The caller must get a
// clear 5xx in Chinese saying storage is full (no stack), the failed request must consume no number,
// the database must stay intact, and once space is back numbering continues, also after a restart.
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ticket } from '../../server/contract/queue.ts';
import { requestJson, startTestServer, type TestServer } from '../helpers/server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
  if (server) rmSync(server.dataDir, { recursive: true, force: true });
});

const api = <T>(method: 'GET' | 'POST', path: string, body?: unknown) =>
  requestJson<T>(server.url, method, path, { body });

type Issued = { ticket: Ticket; created: boolean };
type Failure = { error: { code: string; message: string } };
const take = (key: string) =>
  api<Issued | Failure>('POST', '/api/tickets', { categoryId: 'civil', idempotencyKey: key });
const keyOf = (i: number) => `disk-full-${String(i).padStart(4, '0')}`;

describe('disk full', () => {
  it('answers a clear 5xx, consumes no number, keeps the database intact and continues after space returns', async () => {
    const db = server.app.ctx.db;
    const pages = db.pragma('page_count', { simple: true }) as number;
    // No page may be added from here on: the next write that needs one hits SQLITE_FULL.
    expect(db.pragma(`max_page_count = ${pages}`, { simple: true })).toBe(pages);

    const acked: Ticket[] = [];
    let failed: { status: number; body: Failure; key: string } | null = null;
    for (let i = 0; i < 2000 && !failed; i++) {
      const r = await take(keyOf(i));
      if (r.status === 201) acked.push((r.body as Issued).ticket);
      else failed = { status: r.status, body: r.body as Failure, key: keyOf(i) };
    }
    if (!failed) throw new Error('写了 2000 张号仍未写满：max_page_count 没有生效');
    expect(acked.length).toBeGreaterThan(0);
    expect(acked.map((t) => t.number)).toEqual(acked.map((_, i) => `B${String(i + 1).padStart(3, '0')}`));

    // A clear answer the kiosk can show: 5xx, the error shape, Chinese, says storage is full, no internals.
    expect(failed.status).toBeGreaterThanOrEqual(500);
    expect(failed.status).toBeLessThan(600);
    expect(Object.keys(failed.body)).toEqual(['error']);
    expect(failed.body.error.code).toBe('storage-full');
    expect(failed.body.error.message).toMatch(/存储空间不足/);
    expect(JSON.stringify(failed.body)).not.toMatch(/SQLITE|Error|\bat |\.ts:|\.js:/);
    expect(server.logs.filter((l) => l.startsWith('内部错误'))).toEqual([]);

    // Still full: a retry fails the same way; reads keep working; nothing half-written.
    const retry = await take(failed.key);
    expect(retry.status).toBe(failed.status);
    expect((retry.body as Failure).error.code).toBe('storage-full');
    expect((await api('GET', '/api/health')).status).toBe(200);
    const civil = (
      await api<{ categories: { id: string; waiting: number }[] }>('GET', '/api/categories')
    ).body.categories.find((c) => c.id === 'civil')!;
    expect(civil.waiting).toBe(acked.length);
    expect(db.prepare('SELECT COUNT(*) AS n FROM tickets').get()).toEqual({ n: acked.length });
    expect(db.prepare('SELECT COUNT(*) AS n FROM tickets WHERE idempotency_key = ?').get(failed.key)).toEqual({ n: 0 });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');

    // Space is back: the same request now gets the very next number.
    db.pragma('max_page_count = 1073741823');
    const next = `B${String(acked.length + 1).padStart(3, '0')}`;
    const after = await take(failed.key);
    expect(after.status).toBe(201);
    expect((after.body as Issued).ticket.number).toBe(next);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    for (const t of acked) {
      const r = await api<{ ticket: Ticket }>('GET', `/api/tickets/${t.id}`);
      expect(r.status).toBe(200);
      expect(r.body.ticket).toMatchObject({ id: t.id, number: t.number, status: 'waiting' });
    }

    // A restart on the same data folder keeps all of them and goes on from there.
    await server.restart();
    const all = [...acked, (after.body as Issued).ticket];
    for (const t of all) {
      const r = await api<{ ticket: Ticket }>('GET', `/api/tickets/${t.id}`);
      expect(r.status, t.number).toBe(200);
      expect(r.body.ticket.number).toBe(t.number);
    }
    const afterRestart = await take('disk-full-after-restart');
    expect(afterRestart.status).toBe(201);
    expect((afterRestart.body as Issued).ticket.number).toBe(`B${String(all.length + 1).padStart(3, '0')}`);
    expect(server.app.ctx.db.pragma('integrity_check', { simple: true })).toBe('ok');
  }, 20_000);
});
