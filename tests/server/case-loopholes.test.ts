// Issue 21: the 限时办结 clock must be one no clerk can bend. Each test reproduces a loophole found against
// seed 004 (限时办结制度, 一次性告知制度) through the real HTTP routes, on the State Council's 2026 calendar,
// under the server's injectable clock. Every date was counted by hand on that calendar.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getJson, postJson, startTestServer, type TestServer } from '../helpers/server.ts';
import { manualClock } from '../helpers/config.ts';
import { login, stationConfig } from '../registers/fixtures.ts';
import type { CaseRecord } from '../../server/contract/cases.ts';
import { startPublicity } from '../helpers/publicity.ts';

/** 10:00 in China on that day. */
const day = (d: string) => `${d}T02:00:00Z`;
const clock = manualClock(day('2026-11-02'));
let server: TestServer;
let w4: string;
let leader: string;
let admin: string;
let agent: string;

type Answer = {
  case: CaseRecord;
  error?: { code: string; message: string; details?: unknown; earliest?: string; year?: string };
};
const post = (path: string, body: unknown, token = w4) => postJson<Answer>(`${server.url}${path}`, body, token);
const accept = async (body: Record<string, unknown>) => {
  const r = await post('/api/windows/4/cases', { matterId: 'street-03', ...body });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body.case;
};
async function on(date: string): Promise<void> {
  clock.set(day(date));
  w4 = await login(server.url, 'w4a', '246810', 4);
  leader = await login(server.url, 'leader', '246810');
  admin = await login(server.url, 'admin', 'admin2026');
  agent = await login(server.url, 'qs-agent', '246810');
}

beforeAll(async () => {
  server = await startTestServer({ clock, config: stationConfig() });
  await on('2026-11-02');
});
afterAll(async () => server?.stop());

describe('loophole 1: 补正 after acceptance does not restart the clock', () => {
  it('一次性告知制度 第七条 / 限时办结制度 第七条、第十二条(三): an overdue accepted case asked for 补正 stays 超期; the new materials give no new term', async () => {
    await on('2026-11-02');
    const c = await accept({ promisedDays: 10 });
    expect(c.promisedDate).toBe('2026-11-16');
    await on('2026-11-18'); // 11-03…11-18: 12 working days used of 10
    const asked = await post(`/api/cases/${c.id}/correction`, { missingMaterials: ['书面申请报告'] });
    expect(asked.status, JSON.stringify(asked.body)).toBe(200);
    expect(asked.body.case.state).toBe('correction');
    expect(asked.body.case.clock).toMatchObject({ running: 'running', usedDays: 12, overdue: true });
    expect(asked.body.case.promisedDate).toBe('2026-11-16');
    expect(asked.body.case.history.map((h) => h.note).join('\n')).toContain('受理后补正：时限照常计算');
    await on('2026-11-20');
    const back = await post(`/api/cases/${c.id}/materials-received`, {});
    expect(back.body.case).toMatchObject({ state: 'accepted', promisedDate: '2026-11-16' });
    expect(back.body.case.clock).toMatchObject({ usedDays: 14, overdue: true });
  });
});

describe('loophole 2: a report-up cannot be backdated, and goes to a configured higher authority', () => {
  it('第九条 "上级机关、部门": a date older than one working day, before an earlier event, or an authority not on the list is refused', async () => {
    await on('2026-11-02');
    const c = await accept({ promisedDays: 10 });
    await startPublicity(server.url, c.id, w4); // 公示 11-02…11-08, over long before the report
    await on('2026-11-18');
    const backdated = await post(`/api/cases/${c.id}/report`, { authority: '博乐市民政局', date: '2026-11-03' });
    expect([backdated.status, backdated.body.error?.code]).toEqual([400, 'bad-date']);
    // Friday 11-13 is two working days before Wednesday 11-18: too old.
    const twoDays = await post(`/api/cases/${c.id}/report`, { authority: '博乐市民政局', date: '2026-11-16' });
    expect([twoDays.status, twoDays.body.error?.code]).toEqual([400, 'bad-date']);
    const self = await post(`/api/cases/${c.id}/report`, { authority: '顾力木图街道便民服务中心' });
    expect([self.status, self.body.error?.code]).toEqual([400, 'unknown-authority']);
    const free = await post(`/api/cases/${c.id}/report`, { authority: '某某办公室' });
    expect([free.status, free.body.error?.code]).toEqual([400, 'unknown-authority']);
    // One working day back (Tuesday 11-17) is allowed; the case was already overdue and stays so.
    const up = await post(`/api/cases/${c.id}/report`, { authority: '博乐市民政局', date: '2026-11-17' });
    expect(up.status, JSON.stringify(up.body)).toBe(200);
    await on('2026-11-25');
    const done = await post(`/api/cases/${c.id}/return`, { outcome: 'approved' });
    expect(done.body.case.state).toBe('finished');
    expect(done.body.case.clock).toMatchObject({ overdue: true, usedDays: 11 });
  });

  it('a report date may not precede an earlier event of the case (here the 补齐 of the materials)', async () => {
    await on('2026-11-02');
    // 城市医疗救助: reported up to 民政 like 低保, with no 公示 stage to wait for.
    const c = await accept({ matterId: 'gl-04', promisedDays: 10, missingMaterials: ['申请救助表'] });
    await on('2026-11-04');
    await post(`/api/cases/${c.id}/materials-received`, {});
    await on('2026-11-05');
    const before = await post(`/api/cases/${c.id}/report`, { authority: '博乐市民政局', date: '2026-11-03' });
    expect([before.status, before.body.error?.code]).toEqual([400, 'bad-date']);
  });

  it('the list of higher authorities is part of the configuration the server answers with', async () => {
    const r = await getJson<{ authorities: string[] }>(`${server.url}/api/cases/authorities`, w4);
    expect(r.status).toBe(200);
    expect(r.body.authorities).toContain('博乐市民政局');
    expect(r.body.authorities.some((a) => a.includes('顾力木图'))).toBe(false);
  });
});

describe('loophole 3: materials only from the published guide', () => {
  it('一次性告知制度: a 补正 naming a material the guide does not list is refused with the guide list, at acceptance and after', async () => {
    await on('2026-11-02');
    const r = await post('/api/windows/4/cases', { matterId: 'street-03', missingMaterials: ['收入证明'] });
    expect([r.status, r.body.error?.code]).toEqual([400, 'unknown-material']);
    expect(r.body.error?.message).toContain('书面申请报告');
    const c = await accept({ promisedDays: 10 });
    const late = await post(`/api/cases/${c.id}/correction`, { missingMaterials: ['收入证明'] });
    expect([late.status, late.body.error?.code]).toEqual([400, 'unknown-material']);
  });

  it("the guide's own 其它 item is the one free-text exception: used, it is recorded and listed on supervision", async () => {
    await on('2026-11-02');
    // gl-12 就业援助金: the guide lists "其他有关的个人相关证明".
    const bare = await post('/api/windows/4/cases', { matterId: 'gl-12', missingMaterials: ['社区就业困难证明'] });
    expect([bare.status, bare.body.error?.code]).toEqual([400, 'unknown-material']);
    expect(bare.body.error?.message).toContain('其他有关的个人相关证明：具体材料');
    const c = await accept({ matterId: 'gl-12', missingMaterials: ['其他有关的个人相关证明：社区就业困难证明'] });
    expect(c.state).toBe('correction');
    expect(c.history.at(-1)).toMatchObject({ action: 'other-material' });
    const sup = await getJson<{ otherMaterials: CaseRecord[] }>(`${server.url}/api/cases/supervision`, w4);
    expect(sup.body.otherMaterials.map((x) => x.id)).toContain(c.id);
  });
});

describe('loophole 4: 即办/承诺 follows the guide', () => {
  it('第六条: a 承诺件 of the guide cannot be finished as 即办件; a guide with no kind is a 承诺件 of 20 working days', async () => {
    await on('2026-11-02');
    const r = await post('/api/windows/4/cases', { matterId: 'street-03', kind: 'immediate' });
    expect([r.status, r.body.error?.code]).toEqual([400, 'kind-from-guide']);
    // street-23 (养老金资格认证): its guide names no kind and no limit — 第六条 "按20个工作日计算".
    const none = await post('/api/windows/4/cases', { matterId: 'street-23' });
    expect(none.status, JSON.stringify(none.body)).toBe(201);
    expect(none.body.case).toMatchObject({ kind: 'promised', state: 'accepted', promisedDays: 20 });
  });

  it('reclassification needs a reason and the leader, and is recorded (counted as case.kind-changed)', async () => {
    await on('2026-11-02');
    const c = await accept({ intake: true });
    const byWindow = await post(`/api/cases/${c.id}/decide`, {
      outcome: 'accept',
      kind: 'immediate',
      kindReason: '材料齐全当场可办',
    });
    expect([byWindow.status, byWindow.body.error?.code]).toEqual([403, 'leader-only']);
    const noReason = await post(`/api/cases/${c.id}/decide`, { outcome: 'accept', kind: 'immediate' }, leader);
    expect([noReason.status, noReason.body.error?.code]).toEqual([400, 'kind-from-guide']);
    const ok = await post(
      `/api/cases/${c.id}/decide`,
      { outcome: 'accept', kind: 'immediate', kindReason: '复核件，材料齐全当场可办' },
      leader,
    );
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body.case).toMatchObject({ kind: 'immediate', state: 'finished' });
    const changed = ok.body.case.history.find((h) => h.action === 'kind-changed')!;
    expect(changed.note).toContain('承诺件改为即办件');
    const events = server.app.ctx.db
      .prepare("SELECT COUNT(*) AS n FROM events WHERE type = 'case.kind-changed'")
      .get() as { n: number };
    expect(events.n).toBe(1);
  });
});

describe('loophole 5: a hand-confirmed date is a plausible working day', () => {
  it('元旦 and a date fewer than N working days away are refused; the earliest plausible date is suggested', async () => {
    await on('2026-12-24');
    // 12-25, 12-28…12-31 are 5 working days in 2026; 15 more in 2027 (元旦 off): 01-04…01-22.
    const holiday = await post('/api/windows/4/cases', {
      matterId: 'street-03',
      manualDate: '2027-01-01',
      manualReason: '2027年放假安排未公布',
    });
    expect([holiday.status, holiday.body.error?.code]).toEqual([400, 'manual-date-holiday']);
    const early = await post('/api/windows/4/cases', {
      matterId: 'street-03',
      manualDate: '2027-01-11',
      manualReason: '2027年放假安排未公布',
    });
    expect([early.status, early.body.error?.code]).toEqual([400, 'manual-date-too-early']);
    expect(early.body.error?.earliest).toBe('2027-01-22');
    const missing = await post('/api/windows/4/cases', { matterId: 'street-03' });
    expect([missing.status, missing.body.error?.code, missing.body.error?.earliest]).toEqual([
      503,
      'calendar-missing',
      '2027-01-22',
    ]);
    const ok = await accept({ manualDate: '2027-01-22', manualReason: '2027年放假安排未公布' });
    expect(ok.promisedDate).toBe('2027-01-22');
  });
});

describe('loophole 6: every route that can meet a missing year takes the hand date', () => {
  it('a 代办件 accepted in December takes manualDate; a 延期 request on such a case answers 503 calendar-missing, not 500', async () => {
    await on('2026-12-10');
    const reg = await postJson<{ daiban: { id: string } }>(
      `${server.url}/api/station/daiban`,
      {
        residentName: '陈老伯',
        matterId: 'street-03',
        authorization: '本人签署授权委托书',
        materialsOk: ['书面申请报告'],
        materialsMissing: [],
      },
      agent,
    );
    expect(reg.status, JSON.stringify(reg.body)).toBe(201);
    const id = reg.body.daiban.id;
    expect((await postJson(`${server.url}/api/station/daiban/${id}/verified`, {}, agent)).status).toBe(200);
    expect((await postJson(`${server.url}/api/station/daiban/${id}/forward`, {}, agent)).status).toBe(200);
    const plain = await post(`/api/windows/4/daiban/${id}/accept`, {});
    expect([plain.status, plain.body.error?.code]).toEqual([503, 'calendar-missing']);
    const hand = await post(`/api/windows/4/daiban/${id}/accept`, {
      manualDate: '2027-01-11',
      manualReason: '2027年放假安排未公布',
    });
    expect(hand.status, JSON.stringify(hand.body)).toBe(201);
    expect(hand.body.case.promisedDate).toBe('2027-01-11');
    await on('2026-12-14');
    const ext = await post(`/api/cases/${hand.body.case.id}/extension`, { days: 5, reason: '需入户核实' });
    expect([ext.status, ext.body.error?.code]).toEqual([503, 'calendar-missing']);
  });
});

describe('loophole 7: only a leader approves 延期 (第七条 "须经街道相关领导书面批准")', () => {
  it('the administrator is refused with 403', async () => {
    await on('2026-11-02');
    const c = await accept({ promisedDays: 10 });
    await on('2026-11-04');
    expect((await post(`/api/cases/${c.id}/extension`, { days: 5, reason: '需入户核实' })).status).toBe(200);
    const byAdmin = await post(`/api/cases/${c.id}/extension/decision`, { approve: true }, admin);
    expect([byAdmin.status, byAdmin.body.error?.code]).toEqual([403, 'leader-only']);
    const byLeader = await post(`/api/cases/${c.id}/extension/decision`, { approve: true }, leader);
    expect(byLeader.status).toBe(200);
  });
});

describe('per-staff timeliness (限时办结制度 第十条、第十一条 "纳入…工作人员考核")', () => {
  it('counts, per staff and window, accepted / on time / late / open overdue / extensions / post-acceptance 补正; HTML and CSV', async () => {
    await on('2026-11-02');
    // 城市医疗救助 (no 公示 stage): finished within days of 受理.
    const late = await accept({ matterId: 'gl-04', promisedDays: 1 }); // due 11-03
    const onTime = await accept({ matterId: 'gl-04', promisedDays: 10 });
    const open = await accept({ matterId: 'gl-04', promisedDays: 2 }); // due 11-04
    await post(`/api/cases/${onTime.id}/correction`, { missingMaterials: ['户口簿'] });
    await on('2026-11-03');
    await post(`/api/cases/${onTime.id}/materials-received`, {});
    await post(`/api/cases/${onTime.id}/state`, { to: 'finished' });
    await on('2026-11-05');
    expect((await post(`/api/cases/${late.id}/state`, { to: 'finished' })).body.case.clock!.overdue).toBe(true);
    type Row = {
      key: string;
      accepted: number;
      onTime: number;
      late: number;
      openOverdue: number;
      corrections: number;
    };
    const r = await getJson<{ byStaff: Row[]; byWindow: Row[] }>(
      `${server.url}/api/registers-timeliness?from=2026-11-02&to=2026-11-02`,
      leader,
    );
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    // Every case accepted on 11-02 in this file was accepted by w4a at window 4.
    const all = await getJson<{ cases: CaseRecord[] }>(`${server.url}/api/cases?date=2026-11-02`, w4);
    // Counted by the 受理决定 day: a case still waiting for its first 补正 has none yet (第八条).
    const accepted = all.body.cases.filter((c) =>
      c.clock ? c.clock.acceptedOn === '2026-11-02' : c.state === 'finished',
    );
    expect(r.body.byStaff).toHaveLength(1);
    const row = r.body.byStaff[0]!;
    expect(row.accepted).toBe(accepted.length);
    expect(row.late).toBeGreaterThanOrEqual(1);
    expect(row.onTime).toBeGreaterThanOrEqual(1);
    expect(row.openOverdue).toBeGreaterThanOrEqual(1);
    expect(row.corrections).toBeGreaterThanOrEqual(2); // loophole 1's case and this one
    expect(open.id).toBeTruthy();
    expect(r.body.byWindow[0]!.key).toContain('4号窗口');
    const html = await fetch(`${server.url}/api/registers-timeliness?from=2026-11-02&to=2026-11-02&format=html`, {
      headers: { Authorization: `Bearer ${leader}` },
    });
    const text = await html.text();
    expect(text).toContain('限时办结考核统计');
    expect(text).toContain('受理后补正');
    const csv = await fetch(`${server.url}/api/registers-timeliness?from=2026-11-02&to=2026-11-02&format=csv`, {
      headers: { Authorization: `Bearer ${leader}` },
    });
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(await csv.text()).toContain('未办结已超时');
    expect((await getJson(`${server.url}/api/registers-timeliness`, agent)).status).toBe(403);
  });
});

describe('超时查实与责任追究 (限时办结制度 第十二条、第十四条; seed 001 责任追究制)', () => {
  it('an overdue case is listed on supervision until a leader records cause, responsible staff and measure; HTML and CSV', async () => {
    await on('2026-11-02');
    const c = await accept({ promisedDays: 1 }); // due 11-03
    await on('2026-11-05');
    type Sup = { verificationsPending: CaseRecord[] };
    const before = await getJson<Sup>(`${server.url}/api/cases/supervision`, w4);
    expect(before.body.verificationsPending.map((x) => x.id)).toContain(c.id);
    const body = { cause: 'centre', responsibleStaff: 'w4a', measure: '批评教育，纳入本月考核' };
    const byWindow = await post(`/api/cases/${c.id}/verification`, body);
    expect(byWindow.status).toBe(403);
    const byAdmin = await post(`/api/cases/${c.id}/verification`, body, admin);
    expect(byAdmin.status).toBe(403);
    const noOne = await post(`/api/cases/${c.id}/verification`, { cause: 'centre', measure: '整改' }, leader);
    expect([noOne.status, noOne.body.error?.code]).toEqual([400, 'reason-required']);
    const ok = await postJson<{ verification: { cause: string; responsibleStaff: string } }>(
      `${server.url}/api/cases/${c.id}/verification`,
      body,
      leader,
    );
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body.verification).toMatchObject({ cause: 'centre', responsibleStaff: 'w4a' });
    expect((await post(`/api/cases/${c.id}/verification`, body, leader)).status).toBe(409);
    const after = await getJson<Sup>(`${server.url}/api/cases/supervision`, w4);
    expect(after.body.verificationsPending.map((x) => x.id)).not.toContain(c.id);
    // An on-time case cannot be "verified".
    const fine = await accept({ promisedDays: 10 });
    expect((await post(`/api/cases/${fine.id}/verification`, body, leader)).body.error?.code).toBe('not-overdue');

    const html = await (
      await fetch(`${server.url}/api/registers-overdue?from=2026-11-02&to=2026-11-02&format=html`, {
        headers: { Authorization: `Bearer ${leader}` },
      })
    ).text();
    expect(html).toContain('超时查实与责任追究登记');
    expect(html).toContain('本中心原因');
    expect(html).toContain('批评教育，纳入本月考核');
    const csv = await fetch(`${server.url}/api/registers-overdue?from=2026-11-02&to=2026-11-02&format=csv`, {
      headers: { Authorization: `Bearer ${leader}` },
    });
    const text = await csv.text();
    expect(text.split('\r\n')[0]).toContain('序号,办件编号,办理事项,承办窗口,承办人,承诺办结日期,超时工作日,查实原因');
    expect(text).toContain(c.caseNo);
    expect(text).toContain('待查实'); // the other overdue cases accepted on 11-02 in this file
  });
});
