// The registers through the real HTTP routes: each row comes from the action that makes it (first contact at
// the console, a case, its collection, a village 代办 through the street centre and back, a home visit, a
// complaint), and the exports are read back cell by cell.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getJson, postJson, requestJson, startTestServer, WsRecorder, type TestServer } from '../helpers/server.ts';
import { manualClock } from '../helpers/config.ts';
import { parseCsv } from '../../server/contract/csv.ts';
import { REGISTER_COLUMNS } from '../../server/registers/format.ts';
import { login, stationConfig } from './fixtures.ts';
import { startPublicity } from '../helpers/publicity.ts';

const clock = manualClock('2026-11-23T01:30:00Z'); // Monday 09:30 China time
let server: TestServer;
let w4: string;
let w1: string;
let agent: string;
let admin: string;

async function csv(kind: string, token: string, from = '2026-11-23', to = from): Promise<string[][]> {
  const res = await fetch(`${server.url}/api/registers/${kind}?from=${from}&to=${to}&format=csv`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('text/csv');
  // Read the bytes: fetch's text() drops a BOM, and Excel needs it.
  const bytes = Buffer.from(await res.arrayBuffer());
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  return parseCsv(bytes.toString('utf8')).map((r) => r.fields);
}

beforeAll(async () => {
  server = await startTestServer({ clock, config: stationConfig() });
  w4 = await login(server.url, 'w4a', '246810', 4);
  w1 = await login(server.url, 'w1a', '246810', 1);
  agent = await login(server.url, 'qs-agent', '246810');
  admin = await login(server.url, 'admin', 'admin2026');
});
afterAll(async () => server?.stop());

describe('首问登记', () => {
  it('records a counter visit for the finished ticket, a transfer with materials signed for by the receiving window, and a phone call', async () => {
    const t = await postJson<{ ticket: { id: string } }>(`${server.url}/api/tickets`, { categoryId: 'consult' });
    await postJson(`${server.url}/api/windows/1/call-next`, {}, w1);
    await postJson(`${server.url}/api/windows/1/finish`, {}, w1);
    // 转交 needs the receiving window; 无法办理 needs a reason.
    const noWindow = await postJson<{ error: { code: string; message: string } }>(
      `${server.url}/api/registers/first-contact`,
      { windowNo: 1, channel: 'counter', ticketId: t.body.ticket.id, matterId: 'street-03', outcome: 'transfer' },
      w1,
    );
    expect(noWindow.status).toBe(400);
    expect(noWindow.body.error.message).toBe('转交请选择接收的窗口');
    const transfer = await postJson<{ firstContact: { id: string } }>(
      `${server.url}/api/registers/first-contact`,
      {
        windowNo: 1,
        channel: 'counter',
        ticketId: t.body.ticket.id,
        name: '王小明',
        unit: '青山村',
        phone: '13800001111',
        matterId: 'street-03',
        outcome: 'transfer',
        toWindowNo: 4,
        materials: '书面申请报告、户口簿复印件',
      },
      w1,
    );
    expect(transfer.status).toBe(201);
    const again = await postJson<{ error: { code: string } }>(
      `${server.url}/api/registers/first-contact`,
      { windowNo: 1, channel: 'counter', ticketId: t.body.ticket.id, matterId: 'street-03', outcome: 'consult' },
      w1,
    );
    expect(again.body.error.code).toBe('already-registered');
    // Another window's staff may not write window 1's register, nor sign for window 4's materials.
    expect(
      (
        await postJson(
          `${server.url}/api/registers/first-contact`,
          { windowNo: 1, channel: 'phone', matterText: '低保', outcome: 'consult' },
          w4,
        )
      ).status,
    ).toBe(403);
    expect(
      (await postJson(`${server.url}/api/registers/first-contact/${transfer.body.firstContact.id}/received`, {}, w1))
        .status,
    ).toBe(403);
    const waiting = await getJson<{ items: { id: string; materials: string }[] }>(
      `${server.url}/api/windows/4/handed-materials`,
      w4,
    );
    expect(waiting.body.items.map((i) => i.materials)).toEqual(['书面申请报告、户口簿复印件']);
    clock.advance(10 * 60_000);
    expect(
      (await postJson(`${server.url}/api/registers/first-contact/${transfer.body.firstContact.id}/received`, {}, w4))
        .status,
    ).toBe(200);

    clock.advance(20 * 60_000);
    const phone = await postJson(
      `${server.url}/api/registers/first-contact`,
      {
        windowNo: 1,
        channel: 'phone',
        name: '赵六',
        phone: '0909-1234567',
        matterText: '临时救助需要什么材料',
        outcome: 'consult',
      },
      w1,
    );
    expect(phone.status).toBe(201);
    const unable = await postJson<{ error: { message: string } }>(
      `${server.url}/api/registers/first-contact`,
      { windowNo: 1, channel: 'phone', matterText: '办理护照', outcome: 'unable' },
      w1,
    );
    expect(unable.body.error.message).toBe('无法办理请写明原因');

    const rows = await csv('first-contact', admin);
    expect(rows[0]).toEqual(REGISTER_COLUMNS['first-contact']);
    expect(rows[1]).toEqual([
      '1',
      '2026-11-23 09:30',
      '来访',
      '王小明',
      '青山村',
      '13800001111',
      '最低生活保障',
      '转交',
      '4号窗口（民政）',
      '',
      '书面申请报告、户口簿复印件',
      '4号窗口A岗',
      '2026-11-23 09:40',
      '1号窗口A岗',
      '1号窗口（综合咨询）',
    ]);
    expect(rows[2]).toEqual([
      '2',
      '2026-11-23 10:00',
      '来电',
      '赵六',
      '',
      '0909-1234567',
      '临时救助需要什么材料',
      '咨询',
      '',
      '',
      '',
      '',
      '',
      '1号窗口A岗',
      '1号窗口（综合咨询）',
    ]);
    expect(rows).toHaveLength(3);
  });

  it('is for the centre only: no login 401, a 代办员 403, and every view is in the event log', async () => {
    expect((await getJson(`${server.url}/api/registers/first-contact`)).status).toBe(401);
    const agentView = await getJson<{ error: { message: string } }>(`${server.url}/api/registers/first-contact`, agent);
    expect(agentView.status).toBe(403);
    expect(agentView.body.error.message).toContain('中心工作人员');
    // A 代办员 does the station's work only: no window look-ups, no console connection.
    expect((await getJson(`${server.url}/api/cases`, agent)).status).toBe(403);
    const ws = new WsRecorder(server.url, 'console', { Authorization: `Bearer ${agent}` });
    await expect(ws.opened).rejects.toThrow('403');
    expect((await getJson(`${server.url}/api/registers/nonsense`, admin)).status).toBe(404);
    expect((await getJson(`${server.url}/api/registers/cases?from=2026-13-01`, admin)).status).toBe(400);
    const before = server.app.ctx.db
      .prepare("SELECT COUNT(*) AS n FROM events WHERE type = 'register.viewed'")
      .get() as { n: number };
    const page = await fetch(`${server.url}/api/registers/first-contact?format=html`, {
      headers: { Authorization: `Bearer ${w4}` },
    });
    expect(await page.text()).toContain('<h1>');
    const after = server.app.ctx.db
      .prepare("SELECT actor, data FROM events WHERE type = 'register.viewed' ORDER BY id DESC LIMIT 1")
      .get() as { actor: string; data: string };
    expect(
      (
        server.app.ctx.db.prepare("SELECT COUNT(*) AS n FROM events WHERE type = 'register.viewed'").get() as {
          n: number;
        }
      ).n,
    ).toBe(before.n + 1);
    expect(after.actor).toBe('w4a');
    expect(JSON.parse(after.data)).toMatchObject({ kind: 'first-contact', format: 'html', rows: 2 });
    // The log names the register and the count, never a resident.
    expect(after.data).not.toContain('王小明');
  });
});

describe('代办: village station → street centre → back to the station', () => {
  let daibanId = '';
  let caseId = '';

  it('registers with 授权委托, checks materials against the guide, prints the 报送联系单 and forwards', async () => {
    const unknown = await postJson<{ error: { message: string } }>(
      `${server.url}/api/station/daiban`,
      {
        residentName: '陈老伯',
        matterId: 'street-03',
        authorization: '本人签署授权委托书',
        materialsOk: ['身份证复印件'],
        materialsMissing: [],
      },
      agent,
    );
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toBe('办事指南中没有这些材料：身份证复印件');
    // The window staff are not station agents.
    expect(
      (
        await postJson(
          `${server.url}/api/station/daiban`,
          { residentName: '陈老伯', matterId: 'street-03', authorization: 'x', materialsOk: [], materialsMissing: [] },
          w4,
        )
      ).status,
    ).toBe(403);
    const r = await postJson<{ daiban: { id: string; no: string; state: string } }>(
      `${server.url}/api/station/daiban`,
      {
        residentName: '陈老伯',
        residentPhone: '13900002222',
        matterId: 'street-03',
        authorization: '本人签署授权委托书',
        materialsOk: ['书面申请报告', '居民户口簿和所有成员身份证'],
        materialsMissing: [],
      },
      agent,
    );
    expect(r.status).toBe(201);
    expect(r.body.daiban.no).toBe('DB20261123-001');
    daibanId = r.body.daiban.id;
    const slip = await fetch(`${server.url}/api/station/daiban/${daibanId}/slip`, {
      headers: { Authorization: `Bearer ${agent}` },
    });
    const html = await slip.text();
    expect(html).toContain('报送联系单');
    expect(html).toContain('陈*伯');
    expect(html).toContain('139****2222');
    expect(html).not.toContain('陈老伯');
    expect(html).toContain('☑ 书面申请报告');
    clock.advance(60 * 60_000);
    expect((await postJson(`${server.url}/api/station/daiban/${daibanId}/verified`, {}, agent)).status).toBe(200);
    expect((await postJson(`${server.url}/api/station/daiban/${daibanId}/forward`, {}, agent)).status).toBe(200);
    expect((await postJson(`${server.url}/api/station/daiban/${daibanId}/forward`, {}, agent)).status).toBe(409);
  });

  it('the street window accepts it from the 代办件 inbox as a case; the station records the reply once it is finished', async () => {
    const inbox = await getJson<{ items: { id: string; stationName: string; residentName: string }[] }>(
      `${server.url}/api/daiban/inbox`,
      w4,
    );
    expect(inbox.body.items).toEqual([
      expect.objectContaining({ id: daibanId, stationName: '青山村便民服务站', residentName: '陈老伯' }),
    ]);
    expect((await getJson(`${server.url}/api/daiban/inbox`, agent)).status).toBe(403);
    clock.advance(30 * 60_000);
    const accepted = await postJson<{ case: { id: string; caseNo: string; state: string; applicantMasked: string } }>(
      `${server.url}/api/windows/4/daiban/${daibanId}/accept`,
      { kind: 'promised', promisedDays: 15 },
      w4,
    );
    expect(accepted.status).toBe(201);
    expect(accepted.body.case).toMatchObject({ state: 'accepted', applicantMasked: '陈*伯' });
    caseId = accepted.body.case.id;
    const early = await postJson<{ error: { code: string } }>(
      `${server.url}/api/station/daiban/${daibanId}/reply`,
      { method: 'phone' },
      agent,
    );
    expect(early.body.error.code).toBe('not-finished');
    // 低保 is 须公示 (seed 004 附件2 ㈠ "做好审核阶段的公示"): posted the day of 受理, over after 7 days (11-23…11-29).
    await startPublicity(server.url, caseId, w4);
    clock.advance(7 * 24 * 3_600_000 + 60 * 60_000); // Monday 11-30, 12:30
    // Sessions end overnight: everyone signs in again on the new day.
    w4 = await login(server.url, 'w4a', '246810', 4);
    w1 = await login(server.url, 'w1a', '246810', 1);
    agent = await login(server.url, 'qs-agent', '246810');
    admin = await login(server.url, 'admin', 'admin2026');
    expect(
      (await postJson(`${server.url}/api/cases/${caseId}/state`, { to: 'finished', note: '准予享受最低生活保障' }, w4))
        .status,
    ).toBe(200);
    const station = await getJson<{ items: { id: string; caseState: string }[] }>(`${server.url}/api/station`, agent);
    expect(station.body.items.find((i) => i.id === daibanId)!.caseState).toBe('finished');
    clock.advance(30 * 60_000);
    expect(
      (
        await postJson(
          `${server.url}/api/station/daiban/${daibanId}/reply`,
          { method: 'visit', note: '上门告知' },
          agent,
        )
      ).status,
    ).toBe(200);

    const rows = await csv('daiban', admin);
    expect(rows[0]).toEqual(REGISTER_COLUMNS.daiban);
    expect(rows[1]).toEqual([
      '1',
      'DB20261123-001',
      '2026-11-23 10:00',
      '青山村便民服务站',
      '李代办',
      '陈老伯',
      '13900002222',
      '最低生活保障',
      '本人签署授权委托书',
      '齐全（2 项）',
      '2026-11-23 11:00',
      '2026-11-23 11:00',
      '2026-11-23 11:30',
      '20261123-0001',
      '已办结',
      '上门',
      '2026-11-30 13:00',
    ]);
  });

  it('shows in the 办件台账 as a 代办 case with the applicant, and collects with the recipient (办结签收)', async () => {
    clock.advance(60 * 60_000);
    const noName = await postJson<{ error: { code: string } }>(
      `${server.url}/api/registers/cases/${caseId}/collect`,
      { recipient: '' },
      w4,
    );
    expect(noName.status).toBe(400);
    expect(
      (
        await postJson(
          `${server.url}/api/registers/cases/${caseId}/collect`,
          { recipient: '陈小妹', phone: '13700003333' },
          w1,
        )
      ).status,
    ).toBe(403);
    expect(
      (
        await postJson(
          `${server.url}/api/registers/cases/${caseId}/collect`,
          { recipient: '陈小妹', phone: '13700003333' },
          w4,
        )
      ).status,
    ).toBe(200);
    const pub = await getJson<{ case: { history: { note: string | null }[] } }>(`${server.url}/api/cases/${caseId}`);
    expect(JSON.stringify(pub.body)).not.toContain('陈小妹');

    const cases = await csv('cases', admin);
    expect(cases[0]).toEqual(REGISTER_COLUMNS.cases);
    expect(cases[1]).toEqual([
      '1',
      '20261123-0001',
      '2026-11-23 11:30',
      '陈老伯',
      '13900002222',
      '最低生活保障',
      '承诺件',
      '村（社区）代办',
      '4号窗口（民政）',
      '4号窗口A岗',
      expect.stringMatching(/^2026-12-/),
      '已领取',
      '2026-11-30 12:30',
      '已签收领取',
    ]);
    const collected = await csv('collection', admin, '2026-11-30');
    expect(collected[1]).toEqual([
      '1',
      '20261123-0001',
      '最低生活保障',
      '陈老伯',
      '2026-11-30 12:30',
      '陈小妹',
      '13700003333',
      '2026-11-30 14:00',
      '4号窗口A岗',
    ]);
  });

  it('announces the finished 须公告 case with the applicant masked, publicly, for the configured days', async () => {
    // A finished case of a matter not marked 须公告 is not announced.
    // street-05's guide makes it a 承诺件 (第六条): accepted, then finished at the window.
    const accepted = await postJson<{ case: { id: string } }>(
      `${server.url}/api/windows/4/cases`,
      { matterId: 'street-05' },
      w4,
    );
    const plain = await postJson<{ case: { state: string } }>(
      `${server.url}/api/cases/${accepted.body.case.id}/state`,
      { to: 'finished' },
      w4,
    );
    expect(plain.body.case.state).toBe('finished');
    const list = await getJson<{ announcements: { matterName: string; applicant: string; date: string }[] }>(
      `${server.url}/api/announcements`,
    );
    expect(list.status).toBe(200);
    expect(list.body.announcements).toEqual([
      { caseNo: '20261123-0001', matterName: '最低生活保障', applicant: '陈*伯', date: '2026-11-30', result: '已办结' },
    ]);
    clock.set('2026-12-08T02:00:00Z'); // 8 days later: past the 7-day notice period
    try {
      expect(
        (await getJson<{ announcements: unknown[] }>(`${server.url}/api/announcements`)).body.announcements,
      ).toEqual([]);
    } finally {
      clock.set('2026-11-30T06:00:00Z');
    }
  });
});

describe('上门服务 and 意见和投诉', () => {
  it('books, assigns and completes a home visit', async () => {
    const v = await postJson<{ homeVisit: { id: string } }>(
      `${server.url}/api/registers/home-visits`,
      {
        name: '周奶奶',
        phone: '13600004444',
        address: '青山村三组 12 号',
        reason: '年迈行动不便',
        matterText: '高龄津贴资格认证',
        visitDate: '2026-12-01',
      },
      w4,
    );
    expect(v.status).toBe(201);
    expect(
      (await postJson(`${server.url}/api/registers/home-visits/${v.body.homeVisit.id}/done`, { result: '已办' }, w4))
        .status,
    ).toBe(409);
    expect(
      (await postJson(`${server.url}/api/registers/home-visits/${v.body.homeVisit.id}/assign`, { staffId: 'w4b' }, w4))
        .status,
    ).toBe(200);
    expect(
      (
        await postJson(
          `${server.url}/api/registers/home-visits/${v.body.homeVisit.id}/done`,
          { result: '已上门完成资格认证' },
          w4,
        )
      ).status,
    ).toBe(200);
    const rows = await csv('home-visits', admin, '2026-11-30');
    expect(rows[1]).toEqual([
      '1',
      '2026-11-30 14:00',
      '周奶奶',
      '13600004444',
      '青山村三组 12 号',
      '年迈行动不便',
      '高龄津贴资格认证',
      '2026-12-01',
      '4号窗口B岗',
      '2026-11-30 14:00',
      '2026-11-30 14:00',
      '已上门完成资格认证',
      '已完成',
    ]);
  });

  it("takes a resident's opinion at the kiosk only, then assigned → answered → closed", async () => {
    const fromConsole = await requestJson(server.url, 'POST', '/api/kiosk/complaints', {
      body: { content: '等候太久' },
      from: '127.0.0.2',
    });
    expect(fromConsole.status).toBe(403);
    const left = await requestJson<{ received: boolean }>(server.url, 'POST', '/api/kiosk/complaints', {
      body: { content: '=HYPERLINK("x") 窗口中午无人', phone: '13500005555', windowNo: 6 },
    });
    expect(left.status).toBe(201);
    const list = await getJson<{ records: { id: string }[] }>(
      `${server.url}/api/registers/complaints?from=2026-11-30`,
      admin,
    );
    const id = list.body.records[0]!.id;
    expect((await postJson(`${server.url}/api/registers/complaints/${id}/answer`, { text: 'x' }, admin)).status).toBe(
      409,
    );
    await postJson(`${server.url}/api/registers/complaints/${id}/assign`, { text: '中心主任' }, admin);
    await postJson(`${server.url}/api/registers/complaints/${id}/answer`, { text: '已安排午间值班，电话回复' }, admin);
    await postJson(`${server.url}/api/registers/complaints/${id}/close`, {}, admin);
    const rows = await csv('complaints', admin, '2026-11-30');
    // The formula guard: a leading = is written as text ('=…) in the file; our CSV reader takes the mark off again.
    const raw = await (
      await fetch(`${server.url}/api/registers/complaints?from=2026-11-30&to=2026-11-30&format=csv`, {
        headers: { Authorization: `Bearer ${admin}` },
      })
    ).text();
    expect(raw).toContain('\'=HYPERLINK(""x"") 窗口中午无人');
    expect(rows[1]).toEqual([
      '1',
      '2026-11-30 14:00',
      '自助机留言',
      '',
      '13500005555',
      '=HYPERLINK("x") 窗口中午无人',
      '6号窗口（综合受理·出证）',
      '中心主任',
      '已安排午间值班，电话回复',
      '2026-11-30 14:00',
      '2026-11-30 14:00',
      '已办结',
      '待查实',
      '',
      '',
      '',
      '',
    ]);
  });
});

describe('预约登记', () => {
  it('lists the appointments booked at the console with the masked name', async () => {
    const booked = await postJson<{ appointment: { code: string } }>(
      `${server.url}/api/appointments`,
      { matterId: 'street-03', date: '2026-12-01', slotFrom: '10:00', slotTo: '10:30', name: '钱多多' },
      w4,
    );
    expect(booked.status, JSON.stringify(booked.body)).toBe(201);
    const rows = await csv('appointments', admin, '2026-12-01');
    expect(rows[0]).toEqual(REGISTER_COLUMNS.appointments);
    expect(rows[1]).toEqual([
      '1',
      booked.body.appointment.code,
      '2026-12-01',
      '10:00-10:30',
      '最低生活保障',
      '钱*多',
      '4号窗口A岗',
      '2026-11-30 14:00',
      '已预约',
    ]);
  });
});

describe("the seeds' reports", () => {
  it('builds the station table and the month report with the seven case-type columns', async () => {
    const station = await getJson<{ tables: { columns: string[]; rows: (string | number)[][] }[] }>(
      `${server.url}/api/registers/reports/station-month?key=2026-11`,
      admin,
    );
    expect(station.status).toBe(200);
    expect(station.body.tables[0]!.columns).toEqual([
      '服务站',
      '受理登记',
      '已报送',
      '街道受理',
      '退回',
      '已办结',
      '已回复',
      '即办件',
      '承诺件',
      '上报件',
      '补正件',
      '退回件',
      '代办件',
      '联办件',
    ]);
    expect(station.body.tables[0]!.rows[0]).toEqual(['青山村便民服务站', 1, 1, 1, 0, 1, 1, 0, 1, 0, 0, 0, 1, 0]);
    expect(station.body.tables[1]!.rows[0]).toEqual([
      '青山村便民服务站',
      '李代办',
      1,
      1,
      1,
      0,
      1,
      1,
      0,
      1,
      0,
      0,
      0,
      1,
      0,
    ]);
    const month = await fetch(`${server.url}/api/registers/reports/month?key=2026-11&format=csv`, {
      headers: { Authorization: `Bearer ${admin}` },
    });
    const cells = parseCsv(await month.text()).map((r) => r.fields);
    const header = cells.findIndex((r) => r[0] === '事项');
    expect(cells[header]).toEqual([
      '事项',
      '办件数',
      '即办件',
      '承诺件',
      '上报件',
      '补正件',
      '退回件',
      '代办件',
      '联办件',
      '已办结',
    ]);
    expect(cells[header + 1]).toEqual(['最低生活保障', '1', '0', '1', '0', '0', '0', '1', '0', '1']);
    const fc = cells.findIndex((r) => r[0] === '来访');
    expect(cells[fc + 1]).toEqual(['1', '1', '1', '0', '1', '0']);
    expect((await getJson(`${server.url}/api/registers/reports/month?key=2026-13`, admin)).status).toBe(400);
  });

  it('shows a 代办 stage past its limit on supervision (入户核实 1 working day)', async () => {
    const r = await postJson<{ daiban: { id: string } }>(
      `${server.url}/api/station/daiban`,
      {
        residentName: '孙某某',
        matterId: 'street-03',
        authorization: '委托书',
        materialsOk: [],
        materialsMissing: ['书面申请报告'],
      },
      agent,
    );
    expect(r.status).toBe(201);
    expect((await getJson<{ overdue: unknown[] }>(`${server.url}/api/daiban/supervision`, w4)).body.overdue).toEqual(
      [],
    );
    clock.set('2026-12-02T02:00:00Z'); // Wednesday: Tuesday was the last day for the home check
    try {
      const w4Wed = await login(server.url, 'w4a', '246810', 4);
      const s = await getJson<{ overdue: { stage: string; deadline: string; station: string }[] }>(
        `${server.url}/api/daiban/supervision`,
        w4Wed,
      );
      expect(s.body.overdue).toEqual([
        expect.objectContaining({ stage: '入户核实', deadline: '2026-12-01', station: '青山村便民服务站' }),
      ]);
    } finally {
      clock.set('2026-11-30T06:00:00Z');
    }
  });
});
