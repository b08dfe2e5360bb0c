// Issue 21: 限时办结制度 第十条 "…纳入…工作人员考核", 第十一条. The admin's monthly report carries the per-staff and
// per-window timeliness figures, and they are the register's (GET /api/registers-timeliness) to the digit:
// one counting rule (timelinessFor), not a second implementation. A month with cases of each kind — on time,
// late, still open past their date, extended by a leader, 补正 asked after acceptance — on the 2026 calendar.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getJson, postJson, startTestServer, type TestServer } from '../helpers/server.ts';
import { manualClock } from '../helpers/config.ts';
import { login, stationConfig } from '../registers/fixtures.ts';
import type { CaseRecord } from '../../server/contract/cases.ts';

const day = (d: string) => `${d}T02:00:00Z`;
const clock = manualClock(day('2026-11-02'));
let server: TestServer;

type Answer = { case: CaseRecord; error?: { code: string } };
async function as(staffId: string, windowNo?: number): Promise<string> {
  return login(server.url, staffId, staffId === 'admin' ? 'admin2026' : '246810', windowNo);
}
async function post(path: string, body: unknown, token: string): Promise<Answer> {
  const r = await postJson<Answer>(`${server.url}${path}`, body, token);
  expect(r.status, `${path} ${JSON.stringify(r.body)}`).toBe(200);
  return r.body;
}
async function accept(token: string, promisedDays: number): Promise<CaseRecord> {
  // 城市医疗救助: a 承诺件 of window 4 with no 公示 stage, so cases can be finished within days of 受理.
  const r = await postJson<Answer>(`${server.url}/api/windows/4/cases`, { matterId: 'gl-04', promisedDays }, token);
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body.case;
}

async function finish(caseId: string, token: string): Promise<Answer> {
  return post(`/api/cases/${caseId}/state`, { to: 'finished' }, token);
}

/** The rows under one heading of the report CSV (BOM, CRLF, RFC 4180; our names hold no comma or quote). */
function section(csv: string, heading: string): string[][] {
  const lines = csv.replace(/^\uFEFF/, '').split('\r\n');
  const at = lines.indexOf(heading);
  expect(at, `${heading} not in the report`).toBeGreaterThan(0);
  const rows: string[][] = [];
  for (let i = at + 2; i < lines.length && lines[i] !== ''; i++) rows.push(lines[i]!.split(','));
  return rows;
}

beforeAll(async () => {
  server = await startTestServer({ clock, config: stationConfig() });
});
afterAll(async () => server?.stop());

describe('per-staff timeliness in the monthly report (限时办结制度 第十条、第十一条)', () => {
  it("the month report's 限时办结考核 tables equal the register's figures, per staff and per window", async () => {
    clock.set(day('2026-11-02'));
    let a = await as('w4a', 4);
    const late = await accept(a, 1); // due 11-03, finished 11-05: 超时办结
    const onTime = await accept(a, 10);
    await post(`/api/cases/${onTime.id}/correction`, { missingMaterials: ['户口簿'] }, a); // 受理后补正
    await accept(a, 2); // due 11-04, never finished: 未办结已超时
    const extended = await accept(a, 10);
    clock.set(day('2026-11-03'));
    a = await as('w4a', 4);
    let b = await as('w4b', 4);
    await post(`/api/cases/${onTime.id}/materials-received`, {}, a);
    await finish(onTime.id, a);
    const bOnTime = await accept(b, 5);
    await accept(b, 3); // due 11-06, never finished
    clock.set(day('2026-11-04'));
    a = await as('w4a', 4);
    b = await as('w4b', 4);
    await post(`/api/cases/${extended.id}/extension`, { days: 5, reason: '需入户核实' }, a);
    await post(`/api/cases/${extended.id}/extension/decision`, { approve: true }, await as('leader'));
    await finish(bOnTime.id, b);
    clock.set(day('2026-11-05'));
    a = await as('w4a', 4);
    expect((await finish(late.id, a)).case.clock!.overdue).toBe(true);
    clock.set(day('2026-12-01'));
    await accept(await as('w4a', 4), 5); // accepted in December: not in November's figures
    clock.set(day('2026-12-02'));
    const admin = await as('admin');

    type Row = {
      key: string;
      accepted: number;
      onTime: number;
      late: number;
      openOverdue: number;
      extensions: number;
      corrections: number;
      urgentLate: number;
    };
    const reg = await getJson<{ byStaff: Row[]; byWindow: Row[] }>(
      `${server.url}/api/registers-timeliness?from=2026-11-01&to=2026-11-30`,
      admin,
    );
    expect(reg.status, JSON.stringify(reg.body)).toBe(200);
    // Counted by hand: the figures themselves, so the equality below is not two empty tables.
    const cells = (r: Row) => [
      r.key,
      r.accepted,
      r.onTime,
      r.late,
      r.openOverdue,
      r.extensions,
      r.corrections,
      r.urgentLate,
    ];
    expect(reg.body.byStaff.map(cells)).toEqual([
      ['4号窗口A岗', 4, 1, 1, 2, 1, 1, 0],
      ['4号窗口B岗', 2, 1, 0, 1, 0, 0, 0],
    ]);
    expect(reg.body.byWindow.map((r) => cells(r).slice(1))).toEqual([[6, 2, 1, 3, 1, 1, 0]]);
    expect(reg.body.byWindow[0]!.key).toContain('4号窗口');

    const res = await fetch(`${server.url}/api/admin/report?kind=month&key=2026-11&format=csv`, {
      headers: { Authorization: `Bearer ${admin}` },
    });
    expect(res.status).toBe(200);
    const csv = await res.text();
    const asText = (rows: Row[]) => rows.map((r) => cells(r).map(String));
    expect(section(csv, '八、限时办结考核（按工作人员）')).toEqual(asText(reg.body.byStaff));
    expect(section(csv, '八（续）、限时办结考核（按窗口）')).toEqual(asText(reg.body.byWindow));

    const html = await (
      await fetch(`${server.url}/api/admin/report?kind=month&key=2026-11&format=html`, {
        headers: { Authorization: `Bearer ${admin}` },
      })
    ).text();
    expect(html).toContain('八、限时办结考核（按工作人员）');
    expect(html).toContain('4号窗口B岗');
  });
});
