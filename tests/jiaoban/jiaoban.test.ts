// 交办 → 承办 → 反馈 → 批示 (seed 002 社區便民服務活動方案 四、工作流程): the window's 交办单, the 承办人's
// same-day feedback, the 带班领导's 批示, late feedback on supervision, the register in HTML and CSV, the purge.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getJson, postJson, startTestServer, type TestServer } from '../helpers/server.ts';
import { manualClock } from '../helpers/config.ts';
import { parseCsv } from '../../server/contract/csv.ts';
import type { JiaobanView } from '../../server/contract/jiaoban.ts';
import { openDb } from '../../server/store/db.ts';
import { JiaobanStore } from '../../server/jiaoban/store.ts';
import { purgePersonalData } from '../../server/store/retention.ts';
import { login, stationConfig } from '../registers/fixtures.ts';

const clock = manualClock('2026-11-23T02:00:00Z'); // Monday 10:00 China time
let server: TestServer;
let w1: string;
let w4: string;
let leader: string;
let admin: string;

beforeAll(async () => {
  const config = stationConfig();
  const pinHash = config.staff.find((s) => s.id === 'w1a')!.pinHash;
  config.staff.push({ id: 'ld', name: '带班王领导', role: 'leader', windows: [], pinHash });
  server = await startTestServer({ clock, config });
  w1 = await login(server.url, 'w1a', '246810', 1);
  w4 = await login(server.url, 'w4a', '246810', 4);
  leader = await login(server.url, 'ld', '246810');
  admin = await login(server.url, 'admin', 'admin2026');
});
afterAll(async () => server?.stop());

describe('2、交辦 "窗口根據居民申辦事項內容立即交辦至相關工作人員"', () => {
  let a: JiaobanView;
  let b: JiaobanView;
  it('the window hands a matter to a named staff member with a numbered 交办单; only its own window may', async () => {
    const r = await postJson<{ jiaoban: JiaobanView }>(
      `${server.url}/api/jiaoban`,
      { windowNo: 1, toStaffId: 'w4a', matterText: '低保申请', request: '核实家庭收入' },
      w1,
    );
    expect(r.status).toBe(201);
    a = r.body.jiaoban;
    expect(a).toMatchObject({
      no: 'JB20261123-001',
      time: '10:00',
      toName: '4号窗口A岗',
      byName: '1号窗口A岗',
      state: 'assigned',
      late: false,
    });
    expect(
      (await postJson(`${server.url}/api/jiaoban`, { windowNo: 1, toStaffId: 'w4a', matterText: 'x' }, w4)).status,
    ).toBe(403);
    expect(
      (await postJson(`${server.url}/api/jiaoban`, { windowNo: 1, toStaffId: 'nobody', matterText: 'x' }, w1)).status,
    ).toBe(400);
    b = (
      await postJson<{ jiaoban: JiaobanView }>(
        `${server.url}/api/jiaoban`,
        { windowNo: 1, toStaffId: 'w4a', matterText: '残疾证换证' },
        w1,
      )
    ).body.jiaoban;
    const mine = await getJson<{ items: JiaobanView[] }>(`${server.url}/api/jiaoban/mine`, w4);
    expect(mine.body.items.map((x) => x.no)).toEqual([a.no, b.no]);
    const slip = await fetch(`${server.url}/api/jiaoban/${a.id}/slip`, { headers: { Authorization: `Bearer ${w1}` } });
    const html = await slip.text();
    expect(html).toContain('交办单');
    expect(html).toContain('核实家庭收入');
  });

  it('5、反饋 "當天給窗口反饋辦理情況": same-day feedback by the 承办人 only; the next day, a missing one is late on supervision', async () => {
    expect((await postJson(`${server.url}/api/jiaoban/${a.id}/feedback`, { text: '已核实' }, w1)).status).toBe(403);
    clock.set('2026-11-23T09:00:00Z'); // 17:00
    const f = await postJson<{ jiaoban: JiaobanView }>(
      `${server.url}/api/jiaoban/${a.id}/feedback`,
      { text: '已入户核实，材料齐全' },
      w4,
    );
    expect(f.body.jiaoban).toMatchObject({ state: 'fed-back', feedbackTime: '17:00', late: false });
    expect((await postJson(`${server.url}/api/jiaoban/${a.id}/feedback`, { text: '再次' }, w4)).status).toBe(409);
    clock.set('2026-11-24T02:00:00Z'); // next day 10:00
    const leader2 = await login(server.url, 'ld', '246810');
    leader = leader2;
    const day = await getJson<{ late: JiaobanView[] }>(`${server.url}/api/jiaoban/day?date=2026-11-23`, leader);
    expect(day.body.late.map((x) => x.no)).toEqual([b.no]);
    const w4b = await login(server.url, 'w4a', '246810', 4);
    const late = await postJson<{ jiaoban: JiaobanView }>(
      `${server.url}/api/jiaoban/${b.id}/feedback`,
      { text: '已换证' },
      w4b,
    );
    expect(late.body.jiaoban.late).toBe(true);
  });

  it('4、批示 "社區帶班領導對當天申辦事項辦理情況進行批示": the leader writes it; window staff cannot; the register lists all, in HTML and CSV', async () => {
    const w1b = await login(server.url, 'w1a', '246810', 1);
    expect((await postJson(`${server.url}/api/jiaoban/${a.id}/instruction`, { text: '同意' }, w1b)).status).toBe(403);
    const i = await postJson<{ jiaoban: JiaobanView }>(
      `${server.url}/api/jiaoban/${a.id}/instruction`,
      { text: '同意，按时办结' },
      leader,
    );
    expect(i.body.jiaoban).toMatchObject({ state: 'instructed', instructedBy: '带班王领导' });
    const admin2 = await login(server.url, 'admin', 'admin2026');
    admin = admin2;
    const reg = await getJson<{ rows: (string | number)[][] }>(
      `${server.url}/api/jiaoban/register?from=2026-11-23&to=2026-11-23`,
      admin,
    );
    expect(reg.body.rows.map((r) => [r[1], r[11], r[12], r[14]])).toEqual([
      [a.no, '是', '同意，按时办结', '已批示'],
      [b.no, '否（逾期）', '', '已反馈'],
    ]);
    const csv = await fetch(`${server.url}/api/jiaoban/register?from=2026-11-23&format=csv`, {
      headers: { Authorization: `Bearer ${admin}` },
    });
    const lines = parseCsv(Buffer.from(await csv.arrayBuffer()).toString('utf8')).map((r) => r.fields);
    expect(lines.find((l) => l[1] === a.no)?.[10]).toBe('已入户核实，材料齐全');
    const html = await (
      await fetch(`${server.url}/api/jiaoban/register?from=2026-11-23&format=html`, {
        headers: { Authorization: `Bearer ${admin}` },
      })
    ).text();
    expect(html).toContain('交办登记（交办—反馈—批示）');
  });
});

describe('retention', () => {
  it('erases 交办要求, 反馈 and 批示 text after the retention period, keeping dates and states', () => {
    const db = openDb(':memory:');
    const c = manualClock('2026-03-02T02:00:00Z');
    const store = new JiaobanStore(db, c, 'Asia/Shanghai');
    const row = store.assign({ windowNo: 1, byStaff: 'w1a', toStaff: 'w4a', matterText: '低保', request: '张三家' });
    store.feedback(row.id, 'w4a', '张三已核实');
    store.instruct(row.id, 'ld', '同意');
    purgePersonalData(db, '2026-03-02', c().toISOString());
    expect(store.get(row.id)!.request).toBe('张三家');
    purgePersonalData(db, '2026-04-01', c().toISOString());
    expect(store.get(row.id)).toMatchObject({
      request: null,
      feedback: '（已按保存期限清除）',
      instruction: '（已按保存期限清除）',
      state: 'instructed',
      feedback_date: '2026-03-02',
    });
    expect(purgePersonalData(db, '2026-04-01', c().toISOString()).text).toBe(0);
  });
});
