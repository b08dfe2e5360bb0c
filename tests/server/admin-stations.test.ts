// /admin → 便民服务站 through HTTP (issue 24 ⑫): the administrator creates, renames and retires village stations
// and their 代办员 accounts instead of editing JSON. The first password is generated, answered once, and only
// its hash is written; retiring keeps the names in the registers and ends the sign-ins. Hostile input refused
// with Chinese messages and stable codes; every change audited without a password or hash.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { copyTestConfig, manualClock, testConfig } from '../helpers/config.ts';
import { getJson, postJson, startTestServer, type TestServer } from '../helpers/server.ts';
import { loadConfig } from '../../server/config/load.ts';
import type { AgentPassword, StationsView } from '../../server/contract/stations.ts';

const clock = manualClock('2026-11-23T01:30:00Z'); // Monday 09:30 China time
let server: TestServer;
let configDir: string;
let admin: string;
type Err = { error?: { code: string; message: string } };

async function send<T = unknown>(method: string, path: string, body: unknown, token?: string) {
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as T & Err };
}
const login = (staffId: string, pin: string) =>
  postJson<{ token: string } & Err>(`${server.url}/api/login`, { staffId, pin });

beforeAll(async () => {
  configDir = mkdtempSync(join(tmpdir(), 'admin-stations-config-'));
  copyTestConfig(new URL('../../config', import.meta.url).pathname, configDir);
  server = await startTestServer({ config: { ...testConfig(), dir: configDir }, clock });
  admin = (await login('admin', 'admin2026')).body.token;
});
afterAll(async () => server?.stop());

let qingshan: string;
let li: AgentPassword;

describe('/admin stations and agents', () => {
  it('is for the administrator only', async () => {
    expect((await send('POST', '/api/admin/stations', { name: '青山村便民服务站' })).status).toBe(401);
    const w4 = (await postJson<{ token: string }>(`${server.url}/api/login`, { staffId: 'w4a', pin: '246810' })).body
      .token;
    expect((await send('POST', '/api/admin/stations', { name: '青山村便民服务站' }, w4)).status).toBe(403);
    expect((await getJson(`${server.url}/api/admin/stations`, w4)).status).toBe(403);
  });

  it('creates a station and an agent whose first password is shown once and stored only as a hash', async () => {
    const s = await send<StationsView>('POST', '/api/admin/stations', { name: '  青山村便民服务站 ' }, admin);
    expect(s.status, JSON.stringify(s.body)).toBe(201);
    expect(s.body.stations).toEqual([
      { id: expect.any(String), name: '青山村便民服务站', retiredOn: null, agents: [] },
    ]);
    qingshan = s.body.stations[0]!.id;
    const a = await send<StationsView & { password: AgentPassword }>(
      'POST',
      `/api/admin/stations/${qingshan}/agents`,
      { id: 'qs-li', name: '李代办' },
      admin,
    );
    expect(a.status, JSON.stringify(a.body)).toBe(201);
    li = a.body.password;
    expect(li).toMatchObject({ staffId: 'qs-li', name: '李代办' });
    expect(li.password).toMatch(/^\d{8}$/);
    expect(a.body.stations[0]!.agents).toEqual([{ id: 'qs-li', name: '李代办', retiredOn: null }]);
    const staffFile = readFileSync(join(configDir, 'staff.json'), 'utf8');
    expect(staffFile).not.toContain(li.password);
    const saved = loadConfig(configDir).staff.find((x) => x.id === 'qs-li')!;
    expect(saved).toMatchObject({ role: 'agent', stationId: qingshan, windows: [] });
    expect(saved.pinHash).toMatch(/^scrypt\$/);
    // Not shown again.
    const list = await getJson<StationsView>(`${server.url}/api/admin/stations`, admin);
    expect(JSON.stringify(list.body)).not.toContain(li.password);

    // The agent signs in at the station with it and registers a 代办.
    const session = await login('qs-li', li.password);
    expect(session.status, JSON.stringify(session.body)).toBe(200);
    const d = await postJson<{ daiban: { no: string } }>(
      `${server.url}/api/station/daiban`,
      {
        residentName: '陈老伯',
        matterId: 'street-03',
        authorization: '本人签署授权委托书',
        materialsOk: ['书面申请报告'],
        materialsMissing: [],
      },
      session.body.token,
    );
    expect(d.status, JSON.stringify(d.body)).toBe(201);
  });

  it('refuses hostile or clashing input with Chinese messages and stable codes', async () => {
    const cases: [string, string, unknown, number, string, RegExp][] = [
      [
        'POST',
        '/api/admin/stations',
        { name: '青山村便民服务站' },
        409,
        'station-exists',
        /已有名为“青山村便民服务站”/,
      ],
      ['POST', '/api/admin/stations', { name: '' }, 400, 'invalid-body', /至少 2 个字符/],
      ['POST', '/api/admin/stations', { name: '站'.repeat(41) }, 400, 'invalid-body', /.+/],
      ['POST', '/api/admin/stations', '{"name":', 400, 'invalid-json', /JSON/],
      [
        'POST',
        `/api/admin/stations/${'x'.repeat(3)}/agents`,
        { id: 'qs-wang', name: '王' },
        404,
        'unknown-station',
        /没有这个服务站/,
      ],
      ['POST', '/api/admin/stations/s1/agents', { id: 'admin', name: '冒名' }, 409, 'staff-exists', /已被使用/],
      ['POST', '/api/admin/stations/s1/agents', { id: 'system', name: '冒名' }, 409, 'staff-exists', /已被使用/],
      ['POST', '/api/admin/stations/s1/agents', { id: 'resident', name: '冒名' }, 409, 'staff-exists', /已被使用/],
      ['POST', '/api/admin/stations/s1/agents', { id: 'Qs Wang!', name: '王' }, 400, 'invalid-body', /登录账号/],
      ['POST', '/api/admin/stations/s1/agents', { id: 'qs-wang', name: '' }, 400, 'invalid-body', /不能为空/],
      ['PUT', '/api/admin/agents/w4a', { name: '改名' }, 404, 'unknown-agent', /没有这个代办员账号/],
      ['POST', '/api/admin/agents/admin/retire', {}, 404, 'unknown-agent', /没有这个代办员账号/],
    ];
    for (const [method, path, body, status, code, message] of cases) {
      const r = await send(method, path.replace('s1', qingshan), body, admin);
      expect([path, r.status, r.body.error?.code], JSON.stringify(r.body)).toEqual([path, status, code]);
      expect(r.body.error!.message).toMatch(message);
    }
    expect(loadConfig(configDir).stations).toHaveLength(1);
    expect(
      loadConfig(configDir)
        .staff.filter((s) => s.role === 'agent')
        .map((s) => s.id),
    ).toEqual(['qs-li']);
  });

  it('renames; retiring an agent or the station ends the sign-ins and keeps the names in the registers', async () => {
    const renamed = await send<StationsView>(
      'PUT',
      `/api/admin/stations/${qingshan}`,
      { name: '青山社区便民服务站' },
      admin,
    );
    expect(renamed.status).toBe(200);
    const wang = await send<StationsView & { password: AgentPassword }>(
      'POST',
      `/api/admin/stations/${qingshan}/agents`,
      { id: 'qs-wang', name: '王代办' },
      admin,
    );
    const liSession = (await login('qs-li', li.password)).body.token;
    expect((await getJson(`${server.url}/api/station`, liSession)).status).toBe(200);

    const retired = await send<StationsView>('POST', '/api/admin/agents/qs-li/retire', {}, admin);
    expect(retired.status).toBe(200);
    expect(retired.body.stations[0]!.agents.find((a) => a.id === 'qs-li')!.retiredOn).toBe('2026-11-23');
    expect((await getJson(`${server.url}/api/station`, liSession)).status).toBe(401);
    const refused = await login('qs-li', li.password);
    expect([refused.status, refused.body.error?.code]).toEqual([403, 'account-retired']);
    expect(refused.body.error!.message).toContain('已于 2026-11-23 停用');
    // A wrong password for a retired account says nothing about it.
    expect((await login('qs-li', '00000000')).body.error?.code).toBe('bad-credentials');

    expect((await login('qs-wang', wang.body.password.password)).status).toBe(200);
    const gone = await send<StationsView>('POST', `/api/admin/stations/${qingshan}/retire`, {}, admin);
    expect(gone.status).toBe(200);
    expect(gone.body.stations[0]!.retiredOn).toBe('2026-11-23');
    const wangRefused = await login('qs-wang', wang.body.password.password);
    expect([wangRefused.status, wangRefused.body.error?.message]).toEqual([
      403,
      '青山社区便民服务站已于 2026-11-23 撤销，该代办员账号不能再登录',
    ]);
    const again = await send('POST', `/api/admin/stations/${qingshan}/agents`, { id: 'qs-zhao', name: '赵' }, admin);
    expect([again.status, again.body.error?.code]).toEqual([409, 'station-retired']);

    // The 代办登记 still names the station and the agent.
    const res = await fetch(`${server.url}/api/registers/daiban?from=2026-11-23&to=2026-11-23&format=csv`, {
      headers: { Authorization: `Bearer ${admin}` },
    });
    const csv = await res.text();
    expect(csv).toContain('青山社区便民服务站');
    expect(csv).toContain('李代办');
    expect(csv).not.toMatch(/qs-li|s\d,/);

    // Audited, never with a password or its hash.
    const events = server.app.ctx.db
      .prepare<[], { type: string; data: string }>(
        "SELECT type, data FROM events WHERE type LIKE 'admin.%t%' ORDER BY id",
      )
      .all()
      .filter((e) => e.type.startsWith('admin.station') || e.type.startsWith('admin.agent'));
    expect(events.map((e) => e.type)).toEqual([
      'admin.station.created',
      'admin.agent.created',
      'admin.station.updated',
      'admin.agent.created',
      'admin.agent.retired',
      'admin.station.retired',
    ]);
    const all = events.map((e) => e.data).join('\n');
    expect(all).not.toContain(li.password);
    expect(all).not.toContain('scrypt');
  });
});
