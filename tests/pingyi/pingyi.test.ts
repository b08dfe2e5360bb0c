// 回访评议 (seed 002 篇8 "定期從中抽取部分羣眾進行評議"): a configurable sample of the month's finished cases and
// counter visits that left a phone; each call's 满意度 and 意见; an unsatisfied one needs a follow-up like a bad
// rating; the month's report beside 好差评, in HTML and CSV; the purge of the phone and words.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getJson, postJson, startTestServer, type TestServer } from '../helpers/server.ts';
import { manualClock } from '../helpers/config.ts';
import { parseCsv } from '../../server/contract/csv.ts';
import type { PingyiView } from '../../server/contract/pingyi.ts';
import type { Ticket } from '../../server/contract/queue.ts';
import { openDb } from '../../server/store/db.ts';
import { PingyiStore } from '../../server/pingyi/store.ts';
import { RegisterStore } from '../../server/registers/store.ts';
import { purgePersonalData } from '../../server/store/retention.ts';
import { login, stationConfig } from '../registers/fixtures.ts';

const clock = manualClock('2026-11-23T02:00:00Z'); // Monday 10:00 China time
let server: TestServer;
let w1: string;
let admin: string;

beforeAll(async () => {
  server = await startTestServer({ clock, config: stationConfig() });
  w1 = await login(server.url, 'w1a', '246810', 1);
  admin = await login(server.url, 'admin', 'admin2026');
  // Four counter visits: three leave a phone, one does not.
  for (const phone of ['13800000001', '13800000002', '13800000003', '']) {
    const t = await postJson<{ ticket: Ticket }>(`${server.url}/api/tickets`, { categoryId: 'consult' });
    await postJson(`${server.url}/api/windows/1/call-next`, {}, w1);
    await postJson(`${server.url}/api/windows/1/finish`, {}, w1);
    const r = await postJson(
      `${server.url}/api/registers/first-contact`,
      {
        windowNo: 1,
        channel: 'counter',
        ticketId: t.body.ticket.id,
        outcome: 'consult',
        matterText: '低保政策',
        ...(phone ? { phone } : {}),
      },
      w1,
    );
    expect(r.status).toBe(201);
  }
});
afterAll(async () => server?.stop());

describe('篇8 "定期從中抽取部分羣眾進行評議"', () => {
  let items: PingyiView[];
  it('draws the chosen number among those who left a phone, once a month, by the administrator', async () => {
    const before = await getJson<{ candidates: number }>(`${server.url}/api/pingyi?month=2026-11`, admin);
    expect(before.body.candidates).toBe(3);
    expect((await postJson(`${server.url}/api/pingyi/draw`, { month: '2026-11', size: 2 }, w1)).status).toBe(403);
    const d = await postJson<{ items: PingyiView[] }>(
      `${server.url}/api/pingyi/draw`,
      { month: '2026-11', size: 2 },
      admin,
    );
    expect(d.status).toBe(201);
    items = d.body.items;
    expect(items).toHaveLength(2);
    expect(new Set(items.map((i) => i.phone)).size).toBe(2);
    for (const i of items) expect(['13800000001', '13800000002', '13800000003']).toContain(i.phone);
    expect((await postJson(`${server.url}/api/pingyi/draw`, { month: '2026-11', size: 2 }, admin)).status).toBe(409);
    expect((await postJson(`${server.url}/api/pingyi/draw`, { month: '2026-10' }, admin)).status).toBe(404);
  });

  it('records each call; an unsatisfied 评议 waits for a follow-up (整改) like a bad rating', async () => {
    const a = await postJson<{ item: PingyiView }>(
      `${server.url}/api/pingyi/${items[0]!.id}/result`,
      { result: 'satisfied' },
      w1,
    );
    expect(a.body.item).toMatchObject({ resultName: '满意', unsatisfied: false });
    const b = await postJson<{ item: PingyiView }>(
      `${server.url}/api/pingyi/${items[1]!.id}/result`,
      { result: 'dissatisfied', opinion: '等候时间太长' },
      w1,
    );
    expect(b.body.item.unsatisfied).toBe(true);
    expect((await postJson(`${server.url}/api/pingyi/${items[0]!.id}/follow-up`, { text: 'x' }, admin)).status).toBe(
      400,
    );
    const open = await getJson<{ followUps: PingyiView[] }>(`${server.url}/api/pingyi?month=2026-11`, admin);
    expect(open.body.followUps.map((f) => f.id)).toEqual([items[1]!.id]);
    await postJson(`${server.url}/api/pingyi/${items[1]!.id}/follow-up`, { text: '已增开窗口并致电说明' }, admin);
    expect(
      (await getJson<{ followUps: PingyiView[] }>(`${server.url}/api/pingyi?month=2026-11`, admin)).body.followUps,
    ).toEqual([]);
  });

  it("the month's report shows the sample's results beside 好差评, in HTML and CSV, without phones", async () => {
    const r = await getJson<{ tables: { rows: (string | number)[][] }[] }>(
      `${server.url}/api/pingyi/report?month=2026-11`,
      admin,
    );
    const summary = r.body.tables[0]!.rows;
    expect(summary.find((x) => x[0] === '满意')?.[1]).toBe(1);
    expect(summary.find((x) => x[0] === '不满意')?.[1]).toBe(1);
    expect(summary.find((x) => x[0] === '满意率（含基本满意）')?.[1]).toBe('50%');
    const detail = r.body.tables[1]!.rows;
    expect(detail.find((x) => x[5] === '不满意')?.[8]).toBe('中心管理员：已增开窗口并致电说明');
    const csv = await fetch(`${server.url}/api/pingyi/report?month=2026-11&format=csv`, {
      headers: { Authorization: `Bearer ${admin}` },
    });
    const text = Buffer.from(await csv.arrayBuffer()).toString('utf8');
    expect(parseCsv(text).some((l) => l.fields[0] === '评议结果与好差评')).toBe(true);
    expect(text).not.toContain('1380000000');
    const html = await (
      await fetch(`${server.url}/api/pingyi/report?month=2026-11&format=html`, {
        headers: { Authorization: `Bearer ${admin}` },
      })
    ).text();
    expect(html).toContain('回访评议（2026-11）');
    expect(html).not.toContain('1380000000');
  });
});

describe('retention', () => {
  it('erases the phone, the 意见 and the follow-up after the retention period; the 满意度 stays', () => {
    const db = openDb(':memory:');
    const c = manualClock('2026-03-02T02:00:00Z');
    const regs = new RegisterStore(db, c, 'Asia/Shanghai');
    const fc = regs.addFirstContact({
      channel: 'counter',
      windowNo: 1,
      staffId: 'w1a',
      ticketId: 't1',
      phone: '13800000001',
      matterId: null,
      matterText: '低保',
      outcome: 'consult',
    });
    expect(fc).toBeTruthy();
    const store = new PingyiStore(db, c, 'Asia/Shanghai');
    const [row] = store.draw('2026-03', 5, 'admin');
    store.record(row!.id, 'very-dissatisfied', '张三说态度差', 'w1a');
    store.followUp(row!.id, '已约谈', 'admin');
    purgePersonalData(db, '2026-04-10', c().toISOString());
    expect(store.get(row!.id)).toMatchObject({
      phone: null,
      opinion: null,
      follow_up: '（已按保存期限清除）',
      result: 'very-dissatisfied',
    });
  });
});
