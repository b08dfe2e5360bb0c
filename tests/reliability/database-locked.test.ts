// Another process holding the database (a backup tool, a second server by mistake): the caller gets a
// clear 503 in Chinese, nothing half-written, and the next request after the lock goes works.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getJson, postJson, startTestServer, type TestServer } from '../helpers/server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server?.stop());

describe('database locked', () => {
  it('refuses with 503 database-busy while locked, then carries on without a gap', async () => {
    const first = await postJson<{ ticket: { number: string } }>(`${server.url}/api/tickets`, { categoryId: 'civil' });
    expect(first.body.ticket.number).toBe('B001');
    const other = new Database(join(server.dataDir, 'kiosk.sqlite'));
    other.exec('BEGIN EXCLUSIVE');
    const refused = await postJson<{ error: { code: string; message: string } }>(`${server.url}/api/tickets`, {
      categoryId: 'civil',
    });
    expect(refused.status).toBe(503);
    expect(refused.body.error).toMatchObject({ code: 'database-busy', message: '数据库正忙，请稍后重试' });
    other.exec('ROLLBACK');
    other.close();
    const after = await postJson<{ ticket: { number: string } }>(`${server.url}/api/tickets`, { categoryId: 'civil' });
    expect(after.status).toBe(201);
    expect(after.body.ticket.number).toBe('B002');
    expect((await getJson(`${server.url}/api/health`)).status).toBe(200);
  }, 30_000);
});
