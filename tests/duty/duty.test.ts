// AB岗 on duty (seed 004 AB岗工作制度; seed 002 篇8 上午、下午两次签到): 空岗 from the windows' own sign-ins, the
// 移交 A leaves for B, B's 书面记录, the month's register with its 第五条 扣分 facts, and the purge of the notes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getJson, postJson, startTestServer, type TestServer } from '../helpers/server.ts';
import { manualClock } from '../helpers/config.ts';
import { parseCsv } from '../../server/contract/csv.ts';
import { dayGaps, type DutyWindow, type SignEvent } from '../../server/duty/presence.ts';
import type { DutyNow, HandoverView } from '../../server/contract/duty.ts';
import { openDb } from '../../server/store/db.ts';
import { DutyStore } from '../../server/duty/store.ts';
import { purgePersonalData } from '../../server/store/retention.ts';
import { login, stationConfig } from '../registers/fixtures.ts';

const at = (hhmm: string, date = '2026-11-23') => Date.parse(`${date}T${hhmm}:00+08:00`);
const iso = (hhmm: string, date = '2026-11-23') => new Date(at(hhmm, date)).toISOString();

describe('空岗 (AB岗工作制度 四 "不得以任何理由,任何方式空岗、缺位")', () => {
  const windows: DutyWindow[] = [
    { no: 1, name: '综合咨询', categoryIds: ['consult', 'general'], staff: { A: 'w1a', B: 'w1b' } },
    { no: 2, name: '计生', categoryIds: ['health'], staff: { A: 'w2a', B: 'w2b' } },
    { no: 6, name: '综合受理', categoryIds: ['general', 'consult'], staff: { A: 'w6a', B: 'w6b' } },
  ];
  const sessions = [{ from: at('09:30'), to: at('13:30') }];

  it('一 "另一工作人员(B)应负责处理本岗位或兼任岗位的有关工作": an empty window whose business a staffed window serves is not 空岗; one nobody serves is, minute by minute', () => {
    const events: SignEvent[] = [
      { at: iso('09:30'), windowNo: 1, staffId: 'w1a', type: 'in' },
      { at: iso('09:45'), windowNo: 2, staffId: 'w2a', type: 'in' },
      { at: iso('10:00'), windowNo: 2, staffId: 'w2a', type: 'out' },
      { at: iso('10:20'), windowNo: 2, staffId: 'w2b', type: 'in' },
    ];
    const gaps = dayGaps(windows, sessions, events, at('11:00'));
    expect(gaps.map((g) => [g.windowNo, g.minutes, g.unserved])).toEqual([
      [2, 15, ['health']],
      [2, 20, ['health']],
    ]);
    // Window 1 signs out: now 1 and 6 are both empty and 综合 is served by nobody — both are 空岗.
    const later = [...events, { at: iso('10:30'), windowNo: 1, staffId: 'w1a', type: 'out' as const }];
    const g2 = dayGaps(windows, sessions, later, at('10:40'));
    expect(g2.filter((g) => g.windowNo !== 2).map((g) => [g.windowNo, g.minutes, g.open])).toEqual([
      [1, 10, true],
      [6, 10, true],
    ]);
  });
});

describe('on duty through the console and /admin', () => {
  const clock = manualClock('2026-11-23T01:30:00Z'); // Monday 09:30 China time
  let server: TestServer;
  let admin: string;
  let w2a: string;
  const set = (hhmm: string, date = '2026-11-23') => clock.set(iso(hhmm, date));

  beforeAll(async () => {
    const config = stationConfig();
    config.hours.sessions = [
      { from: '09:30', to: '13:30' },
      { from: '16:00', to: '19:30' },
    ];
    server = await startTestServer({ clock, config });
    admin = await login(server.url, 'admin', 'admin2026');
    await login(server.url, 'w1a', '246810', 1);
    await login(server.url, 'w4a', '246810', 4);
    await login(server.url, 'w5a', '246810', 5);
  });
  afterAll(async () => server?.stop());

  it('shows a window nobody serves as 空岗 on /admin at once, and not once its A signs in at the console login', async () => {
    set('09:40');
    let now = (await getJson<DutyNow>(`${server.url}/api/duty/now`, admin)).body;
    expect(now.open).toBe(true);
    const w = (no: number) => now.windows.find((x) => x.no === no)!;
    expect(w(2)).toMatchObject({ empty: true, emptySince: '09:30', emptyMinutes: 10, staffName: null });
    expect(w(3).empty).toBe(true);
    // 6 serves what 1 serves, and 1 is staffed: a 兼任岗位 covers it.
    expect(w(6).empty).toBe(false);
    expect(w(1)).toMatchObject({ empty: false, post: 'A' });
    set('09:45');
    w2a = await login(server.url, 'w2a', '246810', 2);
    now = (await getJson<DutyNow>(`${server.url}/api/duty/now`, admin)).body;
    expect(w(2), JSON.stringify(now)).toMatchObject({ empty: false, post: 'A', emptySince: null });
  });

  it('三 "A岗责任人外出,应提前做好工作的移交": 外出 records what is open and signs out; B sees it and confirms; B writes A a 书面记录', async () => {
    set('10:00');
    const bad = await postJson(`${server.url}/api/windows/2/leave`, { leave: 'period' }, w2a);
    expect(bad.status).toBe(400);
    const left = await postJson<{ handover: HandoverView }>(
      `${server.url}/api/windows/2/leave`,
      { leave: 'period', until: '10:30', note: '王阿姨的准生证材料在柜里' },
      w2a,
    );
    expect(left.status).toBe(201);
    expect(left.body.handover).toMatchObject({ kind: 'handover', leave: 'period', until: '10:30', readAt: null });
    expect(left.body.handover.toName).not.toBe('');
    set('10:20');
    const w2b = await login(server.url, 'w2b', '246810', 2);
    const list = await getJson<{ items: HandoverView[] }>(`${server.url}/api/windows/2/handovers`, w2b);
    expect(list.body.items).toHaveLength(1);
    const read = await postJson<{ handover: HandoverView }>(
      `${server.url}/api/duty/handovers/${list.body.items[0]!.id}/read`,
      {},
      w2b,
    );
    expect(read.body.handover.readAt).not.toBeNull();
    const note = await postJson<{ handover: HandoverView }>(
      `${server.url}/api/windows/2/duty-notes`,
      { note: '一位群众要查档案，已说明明天来' },
      w2b,
    );
    expect(note.status).toBe(201);
    expect(note.body.handover.kind).toBe('note');
    // Another window's staff cannot write at window 2.
    const w1 = await login(server.url, 'w1b', '246810', 1);
    expect((await postJson(`${server.url}/api/windows/2/duty-notes`, { note: 'x' }, w1)).status).toBe(403);
  });

  it('五: the register lists each 空岗 with its minutes and the 扣分 the rule names — 脱岗 2分 without a 移交, 10分 for a complaint once 查实 — as facts, in HTML and CSV', async () => {
    // A complaint because nobody was at window 3, linked by the administrator.
    const c = await postJson<{ complaint: { id: string } }>(
      `${server.url}/api/registers/complaints`,
      { source: 'counter', content: '3号窗口没人', windowNo: 3 },
      admin,
    );
    expect(c.status).toBe(201);
    const link = await postJson(
      `${server.url}/api/duty/gap-complaints`,
      { complaintId: c.body.complaint.id, windowNo: 3, date: '2026-11-23' },
      admin,
    );
    expect(link.status).toBe(201);
    set('11:00');
    const reg = await getJson<{
      tables: { heading: string; rows: (string | number)[][] }[];
      summary: { windowNo: number; gaps: number; minutes: number; unarranged: number; complaints: number }[];
    }>(`${server.url}/api/duty/register?month=2026-11`, admin);
    expect(reg.status).toBe(200);
    const gaps = reg.body.tables[1]!.rows.filter((r) => String(r[2]).startsWith('2号'));
    expect(gaps.map((r) => [r[5], r[6]])).toEqual([
      ['09:30–09:45', 15],
      ['10:00–10:20', 20],
    ]);
    expect(gaps[0]![8]).toMatch(/^脱岗：第五条每人每次扣2分/);
    expect(gaps[1]![8]).toMatch(/有移交.*外出至10:30.*非脱岗/);
    const w3 = reg.body.tables[1]!.rows.find((r) => String(r[2]).startsWith('3号'))!;
    expect(w3[5]).toBe('09:30–（至今）');
    expect(w3[9]).toContain('经查实每人每次扣10分');
    expect(reg.body.summary.find((s) => s.windowNo === 2)).toMatchObject({ gaps: 2, minutes: 35, unarranged: 1 });
    expect(reg.body.summary.find((s) => s.windowNo === 3)).toMatchObject({ complaints: 1 });
    // 签到: w2a 上午 09:45, signed out at 10:00.
    const att = reg.body.tables[2]!.rows.find((r) => String(r[2]).startsWith('2号') && r[3] === 'A岗')!;
    expect(att.slice(4)).toEqual(['09:45', '未签到', '10:00']);

    const csv = await fetch(`${server.url}/api/duty/register?month=2026-11&format=csv`, {
      headers: { Authorization: `Bearer ${admin}` },
    });
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const bytes = Buffer.from(await csv.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = parseCsv(bytes.toString('utf8')).map((r) => r.fields);
    expect(lines.some((l) => l[5] === '10:00–10:20' && l[6] === '20')).toBe(true);
    const html = await fetch(`${server.url}/api/duty/register?month=2026-11&format=html`, {
      headers: { Authorization: `Bearer ${admin}` },
    });
    const page = await html.text();
    expect(page).toContain('空岗记录（AB岗工作制度 第四条 不得空岗、缺位）');
    expect(page).toContain('王阿姨的准生证材料在柜里');
    expect((await getJson(`${server.url}/api/duty/register?month=2026-13`, admin)).status).toBe(400);
    expect((await getJson(`${server.url}/api/duty/register?month=2026-11`)).status).toBe(401);
  });

  it('seed 002 篇8 "上午、下午兩次簽到": the afternoon login is the 下午签到; yesterday\'s sign-in does not staff today', async () => {
    set('16:05');
    await login(server.url, 'w2a', '246810', 2);
    const reg = await getJson<{ tables: { rows: (string | number)[][] }[] }>(
      `${server.url}/api/duty/register?month=2026-11`,
      admin,
    );
    const att = reg.body.tables[2]!.rows.find((r) => String(r[2]).startsWith('2号') && r[3] === 'A岗')!;
    expect(att.slice(4)).toEqual(['09:45', '16:05', '']);
    // Next morning: w2a never signed out, yet window 2 is 空岗 until someone signs in today.
    set('09:40', '2026-11-24');
    const admin2 = await login(server.url, 'admin', 'admin2026');
    const now = (await getJson<DutyNow>(`${server.url}/api/duty/now`, admin2)).body;
    expect(now.windows.find((x) => x.no === 2)).toMatchObject({ empty: true, emptySince: '09:30' });
  });
});

describe('retention', () => {
  it('erases the free text of 移交 and 书面记录 with the other notes (个人信息保护法, server/store/retention.ts)', () => {
    const db = openDb(':memory:');
    const clock = manualClock('2026-03-02T02:00:00Z');
    const duty = new DutyStore(db, clock, 'Asia/Shanghai');
    const row = duty.addHandover({ windowNo: 2, kind: 'note', fromStaff: 'w2b', toStaff: 'w2a', note: '张三的材料' });
    expect(purgePersonalData(db, '2026-03-02', clock().toISOString()).text).toBe(0);
    expect(purgePersonalData(db, '2026-04-01', clock().toISOString()).text).toBe(1);
    expect(duty.handover(row.id)).toMatchObject({ note: null, window_no: 2, kind: 'note' });
  });
});
