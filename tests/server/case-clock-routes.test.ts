// 限时办结 through the real HTTP routes, on the State Council's 2026 calendar with the server's injectable
// clock: 第八条 omission, 第九条 report-up, 第七条 extension with a leader's written approval, 第十三条 applicant
// days, 一次性告知制度 第三条 for 行政许可, 不予批准 after report-up, and a hand-confirmed date in a year the
// calendar lacks, checked once that year's notice arrives. Every date below was counted by hand.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postJson, getJson, staffToken, startTestServer, type TestServer } from '../helpers/server.ts';
import { manualClock, testConfig } from '../helpers/config.ts';
import { renderModel } from '../../drivers/printer/render-model.ts';
import { dotsForColumns } from '../../drivers/printer/commands.ts';
import type { CaseRecord, CaseSupervision } from '../../server/contract/cases.ts';
import { startPublicity } from '../helpers/publicity.ts';

/** 10:00 in China on that day. */
const day = (d: string) => `${d}T02:00:00Z`;
const clock = manualClock(day('2026-11-02'));
let server: TestServer;
let w4: string;
let leader: string;

type Answer = { case: CaseRecord; error?: { code: string; message: string } };
const post = (path: string, body: unknown, token = w4) => postJson<Answer>(`${server.url}${path}`, body, token);
const accept = async (body: Record<string, unknown>) => {
  const r = await post('/api/windows/4/cases', { matterId: 'street-03', kind: 'promised', ...body });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body.case;
};
/** A new day: a fresh login (sessions outlive no restart of the manual clock's jumps). */
async function on(date: string): Promise<void> {
  clock.set(day(date));
  w4 = await staffToken(server.url, 4);
  leader = (await postJson<{ token: string }>(`${server.url}/api/login`, { staffId: 'leader', pin: '246810' })).body
    .token;
}
const supervision = async () => (await getJson<CaseSupervision>(`${server.url}/api/cases/supervision`, w4)).body;
const lastPrintText = () => {
  const bytes = server.sim.printedJobs().at(-1)!;
  // Lines joined without breaks: a long name may wrap on the paper.
  return renderModel(bytes, { widthDots: dotsForColumns(server.app.devices.set.printer.columns) })
    .lines.map((l) => l.trim())
    .join('');
};

beforeAll(async () => {
  server = await startTestServer({ clock });
  await on('2026-11-02');
});
afterAll(async () => server?.stop());

describe('限时办结 at the window, through HTTP', () => {
  it("rule 2 (第八条): a second 补正 is the centre's omission — the clock keeps counting from the day after the first materials", async () => {
    await on('2026-11-02');
    const c = await accept({ promisedDays: 10, missingMaterials: ['书面申请报告'] });
    await on('2026-11-04');
    const first = await post(`/api/cases/${c.id}/materials-received`, {});
    expect(first.body.case.promisedDate).toBe('2026-11-18');
    await on('2026-11-09');
    const again = await post(`/api/cases/${c.id}/correction`, { missingMaterials: ['结婚证'] });
    expect(again.body.case.state).toBe('correction');
    expect(again.body.case.clock).toMatchObject({ running: 'running', promisedDate: '2026-11-18', usedDays: 3 });
    expect(again.body.case.history.at(-1)).toMatchObject({ action: 'omission' });
    expect(again.body.case.history.at(-1)!.note).toContain('仍自 2026-11-04 的次日起计算');
    await on('2026-11-12');
    const back = await post(`/api/cases/${c.id}/materials-received`, {});
    // A restart would give 2026-11-26.
    expect(back.body.case).toMatchObject({ state: 'accepted', promisedDate: '2026-11-18' });
    expect(back.body.case.clock).toMatchObject({ usedDays: 6, leftDays: 4 });
  });

  it("rule 3 (第九条): report-up pauses the centre's clock; returned late by the city, the case is not 超期", async () => {
    await on('2026-11-02');
    // 城市医疗救助 goes up to 民政 like 低保, with no 公示 stage before it.
    const c = await accept({ matterId: 'gl-04', promisedDays: 10 });
    expect(c.promisedDate).toBe('2026-11-16');
    await on('2026-11-05');
    const up = await post(`/api/cases/${c.id}/report`, { authority: '博乐市民政局' });
    expect(up.body.case).toMatchObject({ state: 'reported', promisedDate: null });
    await on('2026-11-20'); // past 11-16 by the calendar
    const sup = await supervision();
    expect(sup.overdue.map((x) => x.id)).not.toContain(c.id);
    const listed = sup.reported.find((x) => x.id === c.id)!;
    expect(listed.clock).toMatchObject({ running: 'paused', usedDays: 3, leftDays: 7, pausedDays: 11 });
    expect(listed.pauses[0]).toMatchObject({ authority: '博乐市民政局', from: '2026-11-05', to: null });
    await on('2026-11-23');
    const back = await post(`/api/cases/${c.id}/return`, { outcome: 'returned', note: '请补充入户调查表' });
    expect(back.body.case).toMatchObject({ state: 'accepted', promisedDate: '2026-12-02' });
    expect(back.body.case.pauses[0]).toMatchObject({ to: '2026-11-23', outcome: 'returned', days: 12 });
    await on('2026-11-30');
    const done = await post(`/api/cases/${c.id}/state`, { to: 'finished' });
    expect(done.body.case.clock).toMatchObject({ running: 'stopped', usedDays: 8, overdue: false });
  });

  it('rule 7: a reported case refused by the authority ends 不予批准 with its reason and notice; 不予受理 is refused with 409', async () => {
    await on('2026-11-02');
    const c = await accept({ matterId: 'gl-04', promisedDays: 10 });
    await post(`/api/cases/${c.id}/report`, { authority: '博乐市民政局' });
    const wrong = await post(`/api/cases/${c.id}/state`, { to: 'rejected', note: 'x' });
    expect([wrong.status, wrong.body.error!.message]).toEqual([409, expect.stringContaining('不予批准')]);
    const noReason = await post(`/api/cases/${c.id}/return`, { outcome: 'not-approved' });
    expect(noReason.status).toBe(400);
    await on('2026-11-06');
    const refused = await post(`/api/cases/${c.id}/return`, {
      outcome: 'not-approved',
      note: '家庭人均收入高于本市低保标准',
    });
    expect(refused.body.case).toMatchObject({ state: 'not-approved', reason: '家庭人均收入高于本市低保标准' });
    expect((await post(`/api/cases/${c.id}/print`, {})).status).toBe(200);
    const text = lastPrintText();
    expect(text).toContain('不予批准告知书');
    expect(text).toContain('博乐市民政局');
    expect(text).toContain('家庭人均收入高于本市低保标准');
  });

  it('rule 4 (第七条): an extension requested with a reason, approved in writing by a leader ≥ 3 working days before the old date; later it is refused with that reason', async () => {
    await on('2026-11-02');
    const ok = await accept({ promisedDays: 10 });
    const late = await accept({ promisedDays: 10 });
    await on('2026-11-10');
    expect((await post(`/api/cases/${ok.id}/extension`, { days: 5, reason: '需等待社区入户核实' })).status).toBe(200);
    expect((await post(`/api/cases/${late.id}/extension`, { days: 5, reason: '需等待社区入户核实' })).status).toBe(200);
    expect((await post(`/api/cases/${ok.id}/extension`, { days: 2, reason: '再申请' })).body.error!.code).toBe(
      'extension-pending',
    );
    expect((await supervision()).pendingExtensions.map((x) => x.id)).toEqual(expect.arrayContaining([ok.id, late.id]));
    // The window cannot approve its own request; window 3 cannot act on window 4's case.
    expect((await post(`/api/cases/${ok.id}/extension/decision`, { approve: true })).status).toBe(403);
    const w3 = await staffToken(server.url, 3);
    expect((await post(`/api/cases/${ok.id}/applicant-delay`, { days: 1, reason: 'x' }, w3)).status).toBe(403);

    await on('2026-11-11'); // 11-12, 11-13, 11-16 left: approval allowed
    const approved = await post(`/api/cases/${ok.id}/extension/decision`, { approve: true, note: '同意' }, leader);
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    expect(approved.body.case.promisedDate).toBe('2026-11-23');
    expect(approved.body.case.extensions[0]).toMatchObject({
      state: 'approved',
      oldDate: '2026-11-16',
      newDate: '2026-11-23',
      decidedBy: 'leader',
      decidedByName: '分管领导',
    });
    expect((await post(`/api/cases/${ok.id}/print`, { document: 'extension' })).status).toBe(200);
    const notice = lastPrintText();
    for (const s of ['延期办理告知书', '需等待社区入户核实', '2026年11月16日', '2026年11月23日前', '分管领导'])
      expect(notice).toContain(s);
    const page = await fetch(`${server.url}/api/cases/${ok.id}/document?size=A4&document=extension`, {
      headers: { Authorization: `Bearer ${w4}` },
    });
    expect(await page.text()).toContain('新的办结时限');

    await on('2026-11-12'); // only 11-13 and 11-16 left
    const tooLate = await post(`/api/cases/${late.id}/extension/decision`, { approve: true }, leader);
    expect([tooLate.status, tooLate.body.error!.code]).toEqual([409, 'extension-too-late']);
    expect(tooLate.body.error!.message).toContain('现仅剩 2 个工作日');
    const after = (await getJson<Answer>(`${server.url}/api/cases/${late.id}`, w4)).body.case;
    expect(after.extensions[0]).toMatchObject({ state: 'refused', decidedBy: 'leader' });
    expect(after.promisedDate).toBe('2026-11-16');
    expect((await post(`/api/cases/${late.id}/extension`, { days: 5, reason: '再次申请' })).body.error!.code).toBe(
      'extension-too-late',
    );

    // 第七条 "街道相关领导": the administrator may not approve (issue 21); a refusal by a leader is recorded with its note.
    await on('2026-11-02');
    const byAdmin = await accept({ promisedDays: 10 });
    const byLeader = await accept({ promisedDays: 10 });
    await post(`/api/cases/${byAdmin.id}/extension`, { days: 2, reason: '等待公示期满' });
    await post(`/api/cases/${byLeader.id}/extension`, { days: 2, reason: '等待公示期满' });
    const admin = (await postJson<{ token: string }>(`${server.url}/api/login`, { staffId: 'admin', pin: 'admin2026' }))
      .body.token;
    const a = await post(`/api/cases/${byAdmin.id}/extension/decision`, { approve: true }, admin);
    expect([a.status, a.body.error?.code]).toEqual([403, 'leader-only']);
    const l = await post(`/api/cases/${byAdmin.id}/extension/decision`, { approve: true }, leader);
    expect(l.body.case.extensions[0]).toMatchObject({ state: 'approved', decidedBy: 'leader', newDate: '2026-11-18' });
    const no = await post(
      `/api/cases/${byLeader.id}/extension/decision`,
      { approve: false, note: '可在承诺时限内办结' },
      leader,
    );
    expect(no.body.case.extensions[0]).toMatchObject({ state: 'refused', decisionNote: '可在承诺时限内办结' });
    expect(no.body.case.promisedDate).toBe('2026-11-16');
  });

  it('rule 5 (第十三条): applicant-caused days do not count against the centre', async () => {
    await on('2026-11-02');
    const c = await accept({ promisedDays: 10 });
    await startPublicity(server.url, c.id, w4); // 公示 11-02…11-08
    await on('2026-11-13');
    const d = await post(`/api/cases/${c.id}/applicant-delay`, { days: 2, reason: '申请人未按约定时间配合入户核实' });
    expect(d.body.case.clock).toMatchObject({ applicantDays: 2, promisedDate: '2026-11-18' });
    await on('2026-11-18');
    expect((await supervision()).overdue.map((x) => x.id)).not.toContain(c.id);
    const done = await post(`/api/cases/${c.id}/state`, { to: 'finished' });
    expect(done.body.case.clock).toMatchObject({ usedDays: 10, overdue: false });
  });

  it('rule 6 (一次性告知制度 第三条): a 行政许可 taken in is watched for its 5-working-day 补正 notice', async () => {
    clock.set(day('2026-09-23'));
    w4 = await staffToken(server.url, 4);
    const r = await post('/api/windows/4/cases', { matterId: 'street-01', intake: true }); // 再生育审核, 行政许可
    expect(r.body.case).toMatchObject({
      state: 'received',
      matterType: '行政许可',
      correctionDue: '2026-10-08',
      correctionDaysLeft: 5,
    });
    clock.set(day('2026-09-28'));
    w4 = await staffToken(server.url, 4);
    const watched = (await supervision()).correctionWatch.find((x) => x.id === r.body.case.id)!;
    expect(watched).toMatchObject({ correctionDue: '2026-10-08', correctionDaysLeft: 3 });
    const decided = await post(`/api/cases/${r.body.case.id}/decide`, {
      outcome: 'correction',
      missingMaterials: ['单位证明'],
    });
    expect(decided.body.case.state).toBe('correction');
    expect((await supervision()).correctionWatch.map((x) => x.id)).not.toContain(r.body.case.id);
  });

  it('rule 9: a date the calendar cannot give is confirmed by hand (weekday, reason), marked 人工确认, listed, and checked when the year arrives', async () => {
    await on('2026-12-10');
    const refused = await post('/api/windows/4/cases', { matterId: 'street-03', kind: 'promised' });
    expect([refused.status, refused.body.error!.code]).toEqual([503, 'calendar-missing']);
    expect(refused.body.error!.message).toContain('人工确认');
    const saturday = await post('/api/windows/4/cases', {
      matterId: 'street-03',
      kind: 'promised',
      manualDate: '2027-01-09',
      manualReason: '2027年放假安排未公布',
    });
    expect(saturday.body.error!.code).toBe('manual-date-weekend');
    const c = await accept({ manualDate: '2027-01-11', manualReason: '2027年放假安排未公布，按周一至周五计' });
    expect(c.clock).toMatchObject({
      limitDays: 20,
      limitSource: 'default',
      promisedDate: '2027-01-11',
      manual: { check: 'unchecked' },
    });
    expect((await supervision()).manualDates.map((x) => x.id)).toContain(c.id);
    await post(`/api/cases/${c.id}/print`, {});
    expect(lastPrintText()).toContain('2027年01月11日（人工确认）');

    // The notice for 2027 arrives (config/holidays.json; an example with 01-01 as the only holiday): on restart the
    // server recomputes — 12-11…12-31 give 15 working days, 01-04…01-08 the other 5 — and flags the difference.
    const config = testConfig();
    config.holidays = { source: '示例通知（测试）', years: [{ year: '2027', holidays: ['2027-01-01'], workdays: [] }] };
    const dataDir = server.dataDir;
    await server.stop();
    server = await startTestServer({ clock, config, dataDir });
    await on('2026-12-10');
    expect(server.logs.join('\n')).toContain('按日历计算承诺办结日期应为 2027-01-08，与人工确认的 2027-01-11 不一致');
    const checked = (await supervision()).manualDates.find((x) => x.id === c.id)!;
    expect(checked.clock!.manual).toMatchObject({ check: 'disagrees', computedDate: '2027-01-08', date: '2027-01-11' });
    expect(checked.history.at(-1)).toMatchObject({ action: 'manual-date-checked' });
  });
});
