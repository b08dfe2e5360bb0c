// 急事特办 for cases (issue 21). 限时办结制度 第三条 "紧急事项应急事特办，随到随办"; 第十二条 "以下情形视为超时办理：…
// ㈣紧急事项未急事特办、随到随办的"; 第七条 "须经街道相关领导书面批准" (another date than 当日 is a leader's call).
// Through the real routes, under the server's injectable clock, on the 2026 official calendar.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getJson, postJson, startTestServer, type TestServer } from '../helpers/server.ts';
import { manualClock } from '../helpers/config.ts';
import { login, stationConfig } from '../registers/fixtures.ts';
import type { CaseRecord, CaseSupervision, CaseVerification } from '../../server/contract/cases.ts';
import type { DistrictBatch } from '../../server/contract/district.ts';
import { DistrictShipper } from '../../server/district-link/shipper.ts';

const day = (d: string) => `${d}T02:00:00Z`;
const clock = manualClock(day('2026-11-02'));
let server: TestServer;
let w4: string;
let leader: string;
let admin: string;

type Answer = { case: CaseRecord; error?: { code: string; message: string } };
const post = (path: string, body: unknown, token = w4) => postJson<Answer>(`${server.url}${path}`, body, token);
async function accept(promisedDays: number): Promise<CaseRecord> {
  const r = await post('/api/windows/4/cases', { matterId: 'street-03', promisedDays });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body.case;
}
async function on(date: string): Promise<void> {
  clock.set(day(date));
  w4 = await login(server.url, 'w4a', '246810', 4);
  leader = await login(server.url, 'leader', '246810');
  admin = await login(server.url, 'admin', 'admin2026');
}

beforeAll(async () => {
  server = await startTestServer({ clock, config: stationConfig() });
  await on('2026-11-02');
});
afterAll(async () => server?.stop());

describe('急事特办: an urgent case has its own target and shows first on supervision', () => {
  it('第三条 "随到随办": marked on Monday 11-02, its target is 11-02; audited in the history; first on supervision', async () => {
    await on('2026-11-02');
    const plain = await accept(10);
    const c = await accept(10);
    const noReason = await post(`/api/cases/${c.id}/urgent`, { reason: '' });
    expect(noReason.status).toBe(400);
    const marked = await post(`/api/cases/${c.id}/urgent`, { reason: '申请人次日住院手术，急需证明' });
    expect(marked.status, JSON.stringify(marked.body)).toBe(200);
    expect(marked.body.case.urgent).toMatchObject({
      markedOn: '2026-11-02',
      targetDate: '2026-11-02',
      markedBy: 'w4a',
      markedByName: '4号窗口A岗',
      reason: '申请人次日住院手术，急需证明',
      targetSetBy: null,
    });
    expect(marked.body.case.clock).toMatchObject({ overdue: false, urgent: { targetDate: '2026-11-02', late: false } });
    const last = marked.body.case.history.at(-1)!;
    expect(last.action).toBe('urgent-marked');
    expect(last.note).toContain('急事特办');
    expect(last.note).toContain('申请人次日住院手术');
    // The resident's page shows the step, never the words.
    const pub = await getJson<{ case: { history: { note: string | null; action?: string | null }[] } }>(
      `${server.url}/api/cases/${c.id}`,
    );
    expect(JSON.stringify(pub.body)).not.toContain('住院');

    const sup = await getJson<CaseSupervision>(`${server.url}/api/cases/supervision`, leader);
    expect(sup.status).toBe(200);
    expect(sup.body.urgent.map((x) => x.id)).toEqual([c.id]);
    expect(sup.body.urgent[0]!.urgent?.reason).toBe('申请人次日住院手术，急需证明');
    expect(sup.body.urgent.map((x) => x.id)).not.toContain(plain.id);
    // 即办/未受理 cases cannot be marked, nor a case twice.
    const twice = await post(`/api/cases/${c.id}/urgent`, { reason: '再次' });
    expect([twice.status, twice.body.error?.code]).toEqual([409, 'already-urgent']);
  });

  it('第七条: only a leader sets another target date — not the window, not the administrator', async () => {
    await on('2026-11-02');
    const c = await accept(10);
    expect((await post(`/api/cases/${c.id}/urgent`, { reason: '急需' })).status).toBe(200);
    const byWindow = await post(`/api/cases/${c.id}/urgent/target`, { date: '2026-11-04' });
    expect([byWindow.status, byWindow.body.error?.code]).toEqual([403, 'leader-only']);
    const byAdmin = await post(`/api/cases/${c.id}/urgent/target`, { date: '2026-11-04' }, admin);
    expect([byAdmin.status, byAdmin.body.error?.code]).toEqual([403, 'leader-only']);
    const before = await post(`/api/cases/${c.id}/urgent/target`, { date: '2026-11-01' }, leader);
    expect([before.status, before.body.error?.code]).toEqual([400, 'bad-date']);
    const unmarked = await accept(10);
    const notUrgent = await post(`/api/cases/${unmarked.id}/urgent/target`, { date: '2026-11-04' }, leader);
    expect([notUrgent.status, notUrgent.body.error?.code]).toEqual([409, 'not-urgent']);
    const set = await post(`/api/cases/${c.id}/urgent/target`, { date: '2026-11-04' }, leader);
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    expect(set.body.case.urgent).toMatchObject({
      targetDate: '2026-11-04',
      targetSetBy: 'leader',
      targetSetByName: '分管领导',
    });
    expect(set.body.case.history.at(-1)!.action).toBe('urgent-target');
    // On 11-04 it is not late yet; on 11-05 (still open) it is 超时 under 第十二条(四).
    await on('2026-11-04');
    expect((await getJson<Answer>(`${server.url}/api/cases/${c.id}`, w4)).body.case.clock?.overdue).toBe(false);
    await on('2026-11-05');
    expect((await getJson<Answer>(`${server.url}/api/cases/${c.id}`, w4)).body.case.clock).toMatchObject({
      overdue: true,
      urgent: { late: true },
    });
  });
});

describe('第十二条(四): an urgent case finished after its target counts as 超时 in every figure', () => {
  it('a 10-day case marked urgent on Monday 11-02 and finished Tuesday 11-03: 超时 in the clock, 超时查实 list, timeliness register and the monthly report', async () => {
    // A fresh window-4 clerk B so this case is alone in its row of the figures.
    await on('2026-11-02');
    const w4b = await login(server.url, 'w4b', '246810', 4);
    // 城市医疗救助: no 公示 stage, so it can be finished the next day.
    const r = await post('/api/windows/4/cases', { matterId: 'gl-04', promisedDays: 10 }, w4b);
    expect(r.status).toBe(201);
    const c = r.body.case;
    expect((await post(`/api/cases/${c.id}/urgent`, { reason: '急需' }, w4b)).status).toBe(200);

    await on('2026-11-03');
    const b = await login(server.url, 'w4b', '246810', 4);
    const done = await post(`/api/cases/${c.id}/state`, { to: 'finished' }, b);
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    // One working day used of 10: on time by the promise, late by the urgent target.
    expect(done.body.case.clock).toMatchObject({ usedDays: 1, overdue: true, urgent: { late: true } });

    const overdue = await getJson<{ records: CaseVerification[]; rows: (string | number)[][] }>(
      `${server.url}/api/registers-overdue?from=2026-11-01&to=2026-11-30&format=json`,
      leader,
    );
    expect(overdue.status, JSON.stringify(overdue.body)).toBe(200);
    const rec = overdue.body.records.find((v) => v.caseId === c.id);
    expect(rec).toMatchObject({ urgentLate: true, overdueDays: 1, cause: null });
    const row = overdue.body.rows.find((x) => x[1] === c.caseNo)!;
    expect(row.join(',')).toContain('第十二条（四）紧急事项未急事特办、随到随办');
    const sup = await getJson<CaseSupervision>(`${server.url}/api/cases/supervision`, leader);
    expect(sup.body.verificationsPending.map((x) => x.id)).toContain(c.id);

    type Row = { key: string; accepted: number; onTime: number; late: number; urgentLate: number };
    const reg = await getJson<{ byStaff: Row[] }>(
      `${server.url}/api/registers-timeliness?from=2026-11-01&to=2026-11-30`,
      admin,
    );
    const staffB = reg.body.byStaff.find((x) => x.key === '4号窗口B岗')!;
    expect(staffB).toMatchObject({ accepted: 1, onTime: 0, late: 1, urgentLate: 1 });

    await on('2026-12-02');
    const csv = await (
      await fetch(`${server.url}/api/admin/report?kind=month&key=2026-11&format=csv`, {
        headers: { Authorization: `Bearer ${admin}` },
      })
    ).text();
    const lines = csv.replace(/^\uFEFF/, '').split('\r\n');
    const at = lines.indexOf('八、限时办结考核（按工作人员）');
    expect(lines[at + 1]).toContain('其中紧急事项未急事特办');
    const bLine = lines.slice(at).find((l) => l.startsWith('4号窗口B岗,'))!;
    // 受理 1, 按时 0, 超时 1, 未办结已超时 0, 延期 0, 补正 0, 紧急未特办 1
    expect(bLine).toBe('4号窗口B岗,1,0,1,0,0,0,1');
  });
});

describe('急事特办 reasons stay in the hall', () => {
  it("个人信息保护法 最小必要: nothing of a ticket's or case's urgent reason, nor an urgent event, is shipped to the district", async () => {
    await on('2026-11-06');
    const secret = '王小明 13912345678 急诊住院';
    const t = await postJson<{ ticket: { id: string } }>(`${server.url}/api/tickets`, {
      categoryId: 'civil',
      idempotencyKey: 'urgent-district-000001',
    });
    expect(t.status).toBe(201);
    expect((await post(`/api/tickets/${t.body.ticket.id}/urgent`, { reason: secret })).status).toBe(200);
    const c = await accept(10);
    expect((await post(`/api/cases/${c.id}/urgent`, { reason: secret })).status).toBe(200);
    expect((await post(`/api/cases/${c.id}/urgent/target`, { date: '2026-11-09' }, leader)).status).toBe(200);

    const sent: DistrictBatch[] = [];
    const fakeFetch = (async (url: string, init?: RequestInit) => {
      if (String(url).endsWith('/cursor')) return new Response(JSON.stringify({ lastSeq: 0 }));
      const batch = JSON.parse(String(init!.body)) as DistrictBatch;
      sent.push(batch);
      return new Response(JSON.stringify({ lastSeq: batch.through, inserted: batch.events.length }));
    }) as typeof fetch;
    const shipper = new DistrictShipper({
      db: server.app.ctx.db,
      url: 'http://district.test',
      hallId: 'gulimutu',
      token: 'h_x',
      timezone: 'Asia/Shanghai',
      fetch: fakeFetch,
    });
    expect(await shipper.runOnce()).toBe('idle');
    const wire = JSON.stringify(sent);
    expect(sent.flatMap((b) => b.events).length).toBeGreaterThan(0);
    for (const forbidden of ['王小明', '13912345678', '急诊', '住院', '急事特办', 'urgent'])
      expect(wire).not.toContain(forbidden);
  });
});
