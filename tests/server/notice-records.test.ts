// Issue 21: 一次性告知记录 (seed 004 一次性告知制度). 第五条 "一次性告知单一式两份，一份交申请人，一份由经办窗口留底
// 备查"; 第六条 "工作人员……要作好一次性告知的记录"; 第七条 "因一次性告知不到位……视为有效投诉". Every 告知 is
// kept with the materials as told; the window reprints the kept copy; a later 补正 for the same resident links
// to it and a material the 告知 did not name shows as the centre's fault.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getJson, postJson, startTestServer, WsRecorder, type TestServer } from '../helpers/server.ts';
import { manualClock } from '../helpers/config.ts';
import { login, stationConfig } from '../registers/fixtures.ts';
import { ZHANG_SAN } from '../drivers/idcard-fixtures.ts';

const clock = manualClock('2026-11-02T02:00:00Z');
let server: TestServer;
let w4: string;

type Notice = {
  id: number;
  kind: string;
  channel: string;
  applicantMasked: string | null;
  materials: string[];
  materialsHash: string;
  reprintable: boolean;
  corrections: { caseNo: string; asked: string[]; notTold: string[] }[];
};

beforeAll(async () => {
  server = await startTestServer({ clock, config: stationConfig() });
  w4 = await login(server.url, 'w4a', '246810', 4);
});
afterAll(async () => server?.stop());

describe('一次性告知记录', () => {
  it('第五条、第六条、第七条: the window print is kept and reprinted; a later 补正 links to it, naming what was not told', async () => {
    // A resident swipes his ID card and takes a 民政 number; window 4 calls him.
    const kiosk = new WsRecorder(server.url, 'kiosk');
    await kiosk.opened;
    server.sim.insertCard({ ...ZHANG_SAN, name: '王小明' });
    const read = await kiosk.waitFor('idcard.read');
    kiosk.close();
    const t = await postJson<{ ticket: { id: string } }>(`${server.url}/api/tickets`, {
      categoryId: 'civil',
      readToken: read.card.readToken,
    });
    expect(t.status, JSON.stringify(t.body)).toBe(201);
    const called = await postJson(`${server.url}/api/windows/4/call-next`, {}, w4);
    expect(called.status, JSON.stringify(called.body)).toBe(200);

    // The window prints the 一次性告知单 for him: kept, with the materials as printed.
    const before = server.sim.printedCount();
    const printed = await postJson<{ noticeId: number }>(`${server.url}/api/matters/street-03/notice`, {}, w4);
    expect(printed.status, JSON.stringify(printed.body)).toBe(200);
    expect(server.sim.printedCount()).toBe(before + 1);
    const reg = () =>
      getJson<{ records: Notice[]; rows: unknown[][] }>(`${server.url}/api/registers-notices?from=2026-11-02`, w4);
    let notice = (await reg()).body.records.find((n) => n.id === printed.body.noticeId)!;
    expect(notice).toMatchObject({ channel: 'window', applicantMasked: '王*明', reprintable: true });
    expect(notice.materials).toContain('书面申请报告');
    expect(notice.materialsHash).toMatch(/^[0-9a-f]{64}$/);

    // 第五条 留底备查: the kept copy is printed again, byte for byte.
    const again = await postJson(`${server.url}/api/notices/${notice.id}/reprint`, {}, w4);
    expect(again.status, JSON.stringify(again.body)).toBe(200);
    const jobs = server.sim.printedJobs();
    expect(Buffer.from(jobs[jobs.length - 1]!).equals(Buffer.from(jobs[jobs.length - 2]!))).toBe(true);

    // He comes back with the case: a 补正 names one told material and the guide's 其它 item with something
    // specific the 告知 never named — that one is the centre's fault (第七条).
    const other = '其它需要提供的相关证明材料：村委会出具的家庭收入说明';
    const c = await postJson<{ case: { caseNo: string; state: string } }>(
      `${server.url}/api/windows/4/cases`,
      { matterId: 'street-03', missingMaterials: ['书面申请报告', other] },
      w4,
    );
    expect(c.status, JSON.stringify(c.body)).toBe(201);
    expect(c.body.case.state).toBe('correction');
    const r = await reg();
    notice = r.body.records.find((n) => n.id === printed.body.noticeId)!;
    expect(notice.corrections).toEqual([
      {
        caseId: expect.any(String),
        caseNo: c.body.case.caseNo,
        at: expect.any(String),
        asked: ['书面申请报告', other],
        notTold: [other],
      },
    ]);
    expect(JSON.stringify(r.body)).not.toContain('王小明');

    // The window prints the 补正材料通知书: kept too. Once the materials are in and the case accepted, a second
    // 补正 asking for something that notice did not name links to it as the centre's fault ("此后不再要求补充
    // 本告知单以外的材料").
    const caseId = (c.body.case as unknown as { id: string }).id;
    const paper = await postJson(`${server.url}/api/cases/${caseId}/print`, {}, w4);
    expect(paper.status, JSON.stringify(paper.body)).toBe(200);
    const kept = (await reg()).body.records.find((n) => n.kind === 'correction')!;
    expect(kept).toMatchObject({ channel: 'window', applicantMasked: '王*明', materials: ['书面申请报告', other] });
    const back = await postJson(`${server.url}/api/cases/${caseId}/materials-received`, {}, w4);
    expect(back.status, JSON.stringify(back.body)).toBe(200);
    const again2 = await postJson(`${server.url}/api/cases/${caseId}/correction`, { missingMaterials: ['结婚证'] }, w4);
    expect(again2.status, JSON.stringify(again2.body)).toBe(200);
    const later = (await reg()).body.records.find((n) => n.id === kept.id)!;
    expect(later.corrections.map((x) => x.notTold)).toEqual([['结婚证']]);

    // CSV and printable HTML, like the other registers.
    const csv = await fetch(`${server.url}/api/registers-notices?from=2026-11-02&format=csv`, {
      headers: { authorization: `Bearer ${w4}` },
    });
    expect(csv.status).toBe(200);
    const text = await csv.text();
    expect(text).toContain('未告知而要求补正的材料（本中心责任）');
    expect(text).toContain('村委会出具的家庭收入说明');
  });

  it('第六条: a 告知 by phone is recorded (masked caller), has no kept slip to reprint, and a kiosk slip names nobody', async () => {
    const phone = await postJson<{ notice: Notice }>(
      `${server.url}/api/notices/phone`,
      { matterId: 'street-03', name: '李四光' },
      w4,
    );
    expect(phone.status, JSON.stringify(phone.body)).toBe(201);
    expect(phone.body.notice).toMatchObject({ channel: 'phone', applicantMasked: '李*光', reprintable: false });
    const reprint = await postJson<{ error: { code: string } }>(
      `${server.url}/api/notices/${phone.body.notice.id}/reprint`,
      {},
      w4,
    );
    expect([reprint.status, reprint.body.error.code]).toEqual([409, 'no-kept-copy']);
    const anon = await postJson(`${server.url}/api/notices/phone`, { matterId: 'street-03' });
    expect(anon.status).toBe(401);
    // The kiosk (this test's address is a kiosk address) prints for nobody known: kept, but it links to no one.
    const slip = await postJson<{ noticeId: number }>(`${server.url}/api/matters/street-03/notice`, {});
    expect(slip.status, JSON.stringify(slip.body)).toBe(200);
    const reg = await getJson<{ records: Notice[] }>(`${server.url}/api/registers-notices?from=2026-11-02`, w4);
    expect(reg.body.records.find((n) => n.id === slip.body.noticeId)).toMatchObject({
      channel: 'kiosk',
      applicantMasked: null,
      reprintable: true,
    });
  });
});
