// The centre phone and the supervision phone are the administrator's to publish (PUT /api/admin/phones):
// written atomically into center.json, audited, and from then on printed — and only then — on the slips.
import { copyTestConfig } from '../helpers/config.ts';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postJson, startTestServer, staffToken, type TestServer } from '../helpers/server.ts';
import { testConfig } from '../helpers/config.ts';

let server: TestServer;
let configDir: string;
let admin: string;

const put = async (path: string, body: unknown, token?: string) => {
  const res = await fetch(`${server.url}${path}`, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  return {
    status: res.status,
    body: (await res.json()) as {
      phone?: string;
      supervisionPhone?: string;
      error?: { code: string; message: string };
    },
  };
};
const lastSlip = () => iconv.decode(Buffer.from(server.sim.printedJobs().at(-1)!), 'gb18030');
const printNotice = async () =>
  expect((await postJson(`${server.url}/api/matters/street-03/notice`, {})).status).toBe(200);

beforeAll(async () => {
  configDir = mkdtempSync(join(tmpdir(), 'phones-config-'));
  copyTestConfig(new URL('../../config', import.meta.url).pathname, configDir);
  server = await startTestServer({ config: { ...testConfig(), dir: configDir } });
  admin = (await postJson<{ token: string }>(`${server.url}/api/login`, { staffId: 'admin', pin: 'admin2026' })).body
    .token;
});
afterAll(() => server?.stop());

describe('PUT /api/admin/phones', () => {
  it('ships without a phone: the slip prints no phone line and no 本中心未公布', async () => {
    await printNotice();
    const slip = lastSlip();
    expect(slip).not.toContain('电话');
    expect(slip).not.toContain('本中心未公布');
  });

  it('only an administrator, only phone numbers', async () => {
    const staff = await staffToken(server.url, 4);
    expect((await put('/api/admin/phones', { phone: '0909-1234567', supervisionPhone: '' }, staff)).status).toBe(403);
    expect((await put('/api/admin/phones', { phone: '0909-1234567', supervisionPhone: '' })).status).toBe(401);
    const bad = await put('/api/admin/phones', { phone: '请拨打', supervisionPhone: '' }, admin);
    expect(bad.status).toBe(400);
    expect(bad.body.error!.message).toMatch(/电话号码/);
    expect(JSON.parse(readFileSync(join(configDir, 'center.json'), 'utf8')).center.phone).toBe('');
  });

  it('saves both into center.json, audits the change, and the slips print them', async () => {
    const r = await put('/api/admin/phones', { phone: '0909-1234567', supervisionPhone: '0909-12345' }, admin);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ phone: '0909-1234567', supervisionPhone: '0909-12345' });
    expect(JSON.parse(readFileSync(join(configDir, 'center.json'), 'utf8')).center).toMatchObject({
      phone: '0909-1234567',
      supervisionPhone: '0909-12345',
    });
    const audit = server.app.ctx.db
      .prepare("SELECT actor, data FROM events WHERE type = 'admin.phones.updated'")
      .all() as { actor: string; data: string }[];
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.data)).toEqual({
      before: { phone: '', supervisionPhone: '' },
      after: { phone: '0909-1234567', supervisionPhone: '0909-12345' },
    });
    await printNotice();
    expect(lastSlip()).toContain('咨询电话：0909-1234567');
    expect(lastSlip()).toContain('监督电话：0909-12345');
    // Cleared again: the lines go.
    expect((await put('/api/admin/phones', { phone: '', supervisionPhone: '' }, admin)).status).toBe(200);
    await printNotice();
    expect(lastSlip()).not.toContain('电话');
  });
});
