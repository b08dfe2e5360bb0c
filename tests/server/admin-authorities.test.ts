// Issue 21: 限时办结制度 第九条 "需上报上级机关、部门审批的…" — the list of higher authorities a case may be reported to
// is the administrator's to keep (PUT /api/admin/authorities): written through editConfigFile into center.json,
// audited as admin.authorities.updated, and answered at once by GET /api/cases/authorities. Never the centre.
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getJson, postJson, startTestServer, staffToken, type TestServer } from '../helpers/server.ts';
import { testConfig } from '../helpers/config.ts';

let server: TestServer;
let configDir: string;
let admin: string;

type Answer = { higherAuthorities?: string[]; error?: { code: string; message: string } };
const put = async (body: unknown, token?: string) => {
  const res = await fetch(`${server.url}/api/admin/authorities`, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Answer };
};
const onDisk = () => JSON.parse(readFileSync(join(configDir, 'center.json'), 'utf8')).center.higherAuthorities;

beforeAll(async () => {
  configDir = mkdtempSync(join(tmpdir(), 'authorities-config-'));
  cpSync(new URL('../../config', import.meta.url).pathname, configDir, { recursive: true });
  server = await startTestServer({ config: { ...testConfig(), dir: configDir } });
  admin = (await postJson<{ token: string }>(`${server.url}/api/login`, { staffId: 'admin', pin: 'admin2026' })).body
    .token;
});
afterAll(() => server?.stop());

describe('PUT /api/admin/authorities (限时办结制度 第九条 上级机关、部门)', () => {
  it('an admin saves the list: center.json, the audit log and GET /api/cases/authorities all have it', async () => {
    const list = ['县民政局', '县人力资源和社会保障局', '县卫生健康委员会'];
    const r = await put({ authorities: [' 县民政局 ', ...list.slice(1)] }, admin);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.higherAuthorities).toEqual(list);
    expect(onDisk()).toEqual(list);
    const clerk = await staffToken(server.url, 4);
    const seen = await getJson<{ authorities: string[] }>(`${server.url}/api/cases/authorities`, clerk);
    expect(seen.body.authorities).toEqual(list);
    const audit = server.app.ctx.db
      .prepare("SELECT data FROM events WHERE type = 'admin.authorities.updated' ORDER BY id DESC LIMIT 1")
      .get() as { data: string } | undefined;
    expect(JSON.parse(audit!.data).after).toEqual(list);
  });

  it('a clerk gets 403, nobody signed in 401; nothing written', async () => {
    const before = onDisk();
    const clerk = await staffToken(server.url, 4);
    expect((await put({ authorities: ['县民政局'] }, clerk)).status).toBe(403);
    expect((await put({ authorities: ['县民政局'] })).status).toBe(401);
    expect(onDisk()).toEqual(before);
  });

  it("refuses the centre's own name, duplicates and empty names", async () => {
    const before = onDisk();
    const self = server.app.ctx.config.center.name;
    const own = await put({ authorities: ['县民政局', self] }, admin);
    expect([own.status, own.body.error?.code]).toEqual([400, 'self-authority']);
    expect(own.body.error!.message).toContain(self);
    const dup = await put({ authorities: ['县民政局', '县民政局 '] }, admin);
    expect([dup.status, dup.body.error?.code]).toEqual([400, 'duplicate-authority']);
    expect((await put({ authorities: ['县民政局', '  '] }, admin)).status).toBe(400);
    expect((await put({ authorities: [] }, admin)).status).toBe(400);
    expect(onDisk()).toEqual(before);
  });
});
