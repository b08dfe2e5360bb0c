// 值班 (seed 004 运行机制㈤ "除正常上班外,中午、晚上及节假日相应由中心统一安排人员值班…并由值班人员接转及预约服务
// 时间"; 预约服务制度 第四条 "对于节假日急需办理手续的,服务中心值班人员要及时通知相关窗口相关工作人员前来办理").
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getJson, postJson, startTestServer, type TestServer } from '../helpers/server.ts';
import { manualClock } from '../helpers/config.ts';
import { onCallSlot } from '../../server/duty/on-call.ts';
import type { OnCall, RosterEntry, UrgentRequest } from '../../server/contract/duty.ts';
import { openDb } from '../../server/store/db.ts';
import { DutyStore } from '../../server/duty/store.ts';
import { purgePersonalData } from '../../server/store/retention.ts';
import { login, stationConfig } from '../registers/fixtures.ts';

async function put<T = unknown>(url: string, body: unknown, token: string): Promise<{ status: number; body: T }> {
  const res = await fetch(url, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as T };
}

const sessions = [
  { from: '09:30', to: '13:30' },
  { from: '16:00', to: '19:30' },
];

describe('运行机制㈤ 中午、晚上及节假日值班: which roster entry is on call', () => {
  it('none in opening hours; 中午 between sessions; 晚上 after the last; before opening the previous evening; 节假日 on a rest day', () => {
    expect(onCallSlot('2026-11-23', '10:00', sessions)).toBeNull();
    expect(onCallSlot('2026-11-23', '14:00', sessions)).toEqual({ date: '2026-11-23', period: 'noon' });
    expect(onCallSlot('2026-11-23', '19:30', sessions)).toEqual({ date: '2026-11-23', period: 'evening' });
    expect(onCallSlot('2026-11-24', '08:00', sessions)).toEqual({ date: '2026-11-23', period: 'evening' });
    expect(onCallSlot('2026-11-28', '10:00', [])).toEqual({ date: '2026-11-28', period: 'holiday' });
  });
});

describe('the roster, the public duty phone and 急需 requests', () => {
  const clock = manualClock('2026-11-23T06:00:00Z'); // Monday 14:00 China time (noon break)
  let server: TestServer;
  let admin: string;
  beforeAll(async () => {
    const config = stationConfig();
    config.hours.sessions = sessions;
    server = await startTestServer({ clock, config });
    admin = await login(server.url, 'admin', 'admin2026');
  });
  afterAll(async () => server?.stop());

  it('the administrator edits the roster; the kiosk and /book get the phone outside hours and nothing inside them', async () => {
    const w1 = await login(server.url, 'w1a', '246810', 1);
    const entry = { date: '2026-11-23', period: 'noon', staffId: 'w4a', phone: '0909-2277416' };
    expect((await put(`${server.url}/api/duty/roster`, entry, w1)).status).toBe(403);
    expect((await put(`${server.url}/api/duty/roster`, { ...entry, phone: '<b>' }, admin)).status).toBe(400);
    expect((await put(`${server.url}/api/duty/roster`, { ...entry, staffId: 'qs-agent' }, admin)).status).toBe(400);
    const saved = await put<{ entry: RosterEntry }>(`${server.url}/api/duty/roster`, entry, admin);
    expect(saved.body.entry).toMatchObject({ periodName: '中午', staffName: '4号窗口A岗', phone: '0909-2277416' });
    await put(
      `${server.url}/api/duty/roster`,
      { ...entry, date: '2026-11-28', period: 'holiday', phone: '13900001111' },
      admin,
    );
    const list = await getJson<{ entries: RosterEntry[] }>(`${server.url}/api/duty/roster?from=2026-11-23`, admin);
    expect(list.body.entries.map((e) => [e.date, e.period])).toEqual([
      ['2026-11-23', 'noon'],
      ['2026-11-28', 'holiday'],
    ]);
    // Public (no login): the kiosk and /book ask.
    expect((await getJson<OnCall>(`${server.url}/api/duty/on-call`)).body).toEqual({
      open: false,
      restDay: false,
      onCall: { period: '中午', phone: '0909-2277416' },
    });
    clock.set('2026-11-23T08:30:00Z'); // 16:30, open
    expect((await getJson<OnCall>(`${server.url}/api/duty/on-call`)).body).toEqual({
      open: true,
      restDay: false,
      onCall: null,
    });
    clock.set('2026-11-23T12:00:00Z'); // 20:00: nobody set for the evening
    expect((await getJson<OnCall>(`${server.url}/api/duty/on-call`)).body.onCall).toBeNull();
  });

  it('第四条: a 急需 request is taken only on a rest day, listed for the duty officer, who records which window was notified', async () => {
    const bad = await postJson(`${server.url}/api/duty/urgent`, { phone: '13800001111', matterText: '死亡证明' });
    expect(bad.status).toBe(409);
    clock.set('2026-11-28T02:00:00Z'); // Saturday 10:00
    expect((await postJson(`${server.url}/api/duty/urgent`, { phone: 'abc', matterText: 'x' })).status).toBe(400);
    const ok = await postJson<{ onCall: OnCall['onCall']; id: string }>(`${server.url}/api/duty/urgent`, {
      phone: '13800001111',
      matterText: '死亡证明',
    });
    expect(ok.status).toBe(201);
    expect(ok.body.onCall).toEqual({ period: '节假日', phone: '13900001111' });
    const admin2 = await login(server.url, 'admin', 'admin2026');
    const list = await getJson<{ items: UrgentRequest[] }>(`${server.url}/api/duty/urgent`, admin2);
    expect(list.body.items).toHaveLength(1);
    expect(list.body.items[0]).toMatchObject({ phone: '13800001111', matter: '死亡证明', state: 'new', time: '10:00' });
    expect((await getJson(`${server.url}/api/duty/urgent`)).status).toBe(401);
    const n = await postJson<{ item: UrgentRequest }>(
      `${server.url}/api/duty/urgent/${ok.body.id}/notified`,
      { windowNo: 4 },
      admin2,
    );
    expect(n.body.item).toMatchObject({ state: 'notified', windowNo: 4, notifiedBy: '中心管理员' });
    expect(
      (await postJson(`${server.url}/api/duty/urgent/${ok.body.id}/notified`, { windowNo: 4 }, admin2)).status,
    ).toBe(409);
  });
});

describe('retention', () => {
  it("erases a 急需 request's phone and words with the other personal data", () => {
    const db = openDb(':memory:');
    const c = manualClock('2026-03-07T02:00:00Z');
    const duty = new DutyStore(db, c, 'Asia/Shanghai');
    const r = duty.addUrgent('13800001111', '死亡证明');
    purgePersonalData(db, '2026-04-10', c().toISOString());
    expect(duty.urgent(r.id)).toMatchObject({ phone: null, matter_text: null, state: 'new' });
  });
});
