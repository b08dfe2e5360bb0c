// 联办件 through the real HTTP routes (issue 28 item 3), on the State Council's 2026 calendar with the server's
// injectable clock.
//   一次性告知制度 第四条 "对服务对象所办事项涉及多个部门…经办人应及时帮助其咨询了解或请示报告，并将结果告知服务对象"
//   seed 004 四㈡ "实行一个窗口受理，一次性告知，一条龙服务，一站式办结"
//   首问首办责任制度 第二条 "首位业务受理人即为首问责任人"; 第八条 "涉及交叉业务…协调有关业务部门一同解决"
//   限时办结制度 第六条 "逐环节、逐岗位明确责任人和办理时限"
//   seed 004 四㈣ "了解即办件、退回件、承诺件、联办件、补办件和代理件的办理要求" (the reports count it)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { getJson, postJson, staffToken, startTestServer, type TestServer } from '../helpers/server.ts';
import { manualClock } from '../helpers/config.ts';
import { renderModel } from '../../drivers/printer/render-model.ts';
import { receiptRaster } from '../../drivers/printer/receipt-image.ts';
import { dotsForColumns } from '../../drivers/printer/commands.ts';
import { parseCsv } from '../../server/contract/csv.ts';
import { artifact } from '../helpers/browser.ts';
import type { JointStepView, PublicJoint } from '../../server/contract/joint.ts';
import type { Matter } from '../../server/contract/matters.ts';
import { openDb } from '../../server/store/db.ts';
import { CaseStore } from '../../server/cases/store.ts';
import { JointStore } from '../../server/joint/store.ts';
import { purgePersonalData } from '../../server/store/retention.ts';

/** 10:00 in China on that day. */
const day = (d: string) => `${d}T02:00:00Z`;
const clock = manualClock(day('2026-11-23')); // Monday
let server: TestServer;
let w4: string; // the lead window (民政): accepts and hands out
let w5: string; // 残联
let w1: string; // 综合咨询
let caseId: string;
let promisedDate: string;

type Err = { error: { code: string; message: string } };
const post = <T = Err>(path: string, body: unknown, token?: string) => postJson<T>(`${server.url}${path}`, body, token);

async function on(date: string): Promise<void> {
  clock.set(day(date));
  w4 = await staffToken(server.url, 4);
  w5 = await staffToken(server.url, 5);
  w1 = await staffToken(server.url, 1);
}

beforeAll(async () => {
  server = await startTestServer({ clock });
  await on('2026-11-23');
  // street-05 临时救助给付: a 承诺件 by its guide (限时办结制度 第六条), accepted at window 4.
  const r = await post<{ case: { id: string; promisedDate: string } }>(
    '/api/windows/4/cases',
    { matterId: 'street-05' },
    w4,
  );
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  caseId = r.body.case.id;
  promisedDate = r.body.case.promisedDate;
});
afterAll(async () => server?.stop());

const steps = (over: Partial<{ windowNo: number; step: string; dueDate: string }>[] = [{}, {}]) => ({
  steps: [
    { windowNo: 5, step: '入户核实', dueDate: '2026-11-25', ...over[0] },
    { windowNo: 1, step: '材料审核', dueDate: '2026-11-27', ...over[1] },
  ].slice(0, over.length),
});

describe('联办件: one lead window, participating windows with steps inside one promised date', () => {
  it('refuses steps that do not fit the one promised date, free text, the lead itself and hostile bodies', async () => {
    expect(promisedDate > '2026-11-27').toBe(true);
    const cases: [unknown, number, string][] = [
      // 第六条: the sequence cannot run past the case's promised date.
      [steps([{}, { dueDate: '2026-12-31' }]), 400, 'joint-beyond-promise'],
      // What a window does comes from the list or the guide's own steps: never free text on the resident's paper.
      [steps([{ step: '随便处理一下' }, {}]), 400, 'unknown-joint-step'],
      // 首问首办: the lead accepts and hands out; it is not a participating window.
      [steps([{ windowNo: 4 }, {}]), 400, 'joint-lead-window'],
      [steps([{ windowNo: 99 }, {}]), 400, 'unknown-window'],
      // 2026-11-28 is a Saturday on the official calendar.
      [steps([{}, { dueDate: '2026-11-28' }]), 400, 'bad-date'],
      // Steps follow one another: the second cannot be due before the first.
      [steps([{ dueDate: '2026-11-27' }, { dueDate: '2026-11-25' }]), 400, 'bad-date'],
      [steps([{ dueDate: '2026-11-20' }, {}]), 400, 'bad-date'],
      [steps([{ dueDate: '2026-02-30' }, {}]), 400, 'bad-date'],
      [{ steps: [] }, 400, 'invalid-body'],
      [{ steps: 'all' }, 400, 'invalid-body'],
      [{ steps: [{ windowNo: '5', step: '入户核实', dueDate: '2026-11-25' }] }, 400, 'invalid-body'],
      [{ steps: [{ windowNo: 5, step: 'x'.repeat(5000), dueDate: '2026-11-25' }] }, 400, 'invalid-body'],
      [{ ...steps(), admin: true }, 400, 'invalid-body'],
    ];
    for (const [body, status, code] of cases) {
      const r = await post(`/api/cases/${caseId}/joint`, body, w4);
      expect([r.status, r.body.error?.code], JSON.stringify(body).slice(0, 120)).toEqual([status, code]);
      expect(r.body.error.message).toMatch(/[\u4e00-\u9fa5]/);
    }
    // Another window cannot set up window 4's case.
    const other = await post(`/api/cases/${caseId}/joint`, steps(), w1);
    expect([other.status, other.body.error.code]).toEqual([403, 'other-window']);
    const anonymous = await post(`/api/cases/${caseId}/joint`, steps());
    expect(anonymous.status).toBe(401);
    // Only a running 承诺件 shares out its promised date: a case waiting for 补正 has no running clock.
    const waiting = await post<{ case: { id: string; state: string } }>(
      '/api/windows/4/cases',
      { matterId: 'street-05', missingMaterials: ['户口簿'] },
      w4,
    );
    expect(waiting.body.case.state).toBe('correction');
    const r = await post(`/api/cases/${waiting.body.case.id}/joint`, steps(), w4);
    expect([r.status, r.body.error.code]).toEqual([409, 'joint-not-running']);
  });

  it('sets the steps up once; each participating window sees its own step in its console inbox', async () => {
    const r = await post<{ steps: JointStepView[] }>(`/api/cases/${caseId}/joint`, steps(), w4);
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body.steps.map((s) => [s.seq, s.windowNo, s.step, s.dueDate, s.state])).toEqual([
      [1, 5, '入户核实', '2026-11-25', 'open'],
      [2, 1, '材料审核', '2026-11-27', 'open'],
    ]);
    const again = await post(`/api/cases/${caseId}/joint`, steps(), w4);
    expect([again.status, again.body.error.code]).toEqual([409, 'joint-exists']);

    const inbox5 = await getJson<{ mine: JointStepView[] }>(`${server.url}/api/windows/5/joint`, w5);
    expect(inbox5.body.mine.map((s) => [s.caseId, s.windowNo, s.step, s.leadWindowNo])).toEqual([
      [caseId, 5, '入户核实', 4],
    ]);
    const inbox1 = await getJson<{ mine: JointStepView[] }>(`${server.url}/api/windows/1/joint`, w1);
    expect(inbox1.body.mine.map((s) => s.step)).toEqual(['材料审核']);
    // A window reads only its own inbox.
    expect((await getJson(`${server.url}/api/windows/5/joint`, w1)).status).toBe(403);
  });

  it('the lead cannot hand out (办结) while a step is open; a window acts only on its own step', async () => {
    const finish = await post(`/api/cases/${caseId}/state`, { to: 'finished' }, w4);
    expect([finish.status, finish.body.error.code]).toEqual([409, 'joint-steps-open']);
    const inbox5 = await getJson<{ mine: JointStepView[] }>(`${server.url}/api/windows/5/joint`, w5);
    const step5 = inbox5.body.mine[0]!;
    const wrong = await post(`/api/joint/steps/${step5.id}/done`, {}, w1);
    expect([wrong.status, wrong.body.error.code]).toEqual([403, 'wrong-window']);
    for (const bad of ['0', '-1', '1e3', 'abc', '99999999999'])
      expect((await post(`/api/joint/steps/${bad}/done`, {}, w5)).status).toBe(404);
  });

  it('a late step shows on supervision; done and returned steps reach the lead; the resident sees plain Chinese', async () => {
    await on('2026-11-26'); // window 5's step was due on the 25th
    const sup = await getJson<{ lateJointSteps: JointStepView[] }>(`${server.url}/api/cases/supervision`, w4);
    expect(sup.body.lateJointSteps.map((s) => [s.windowNo, s.step, s.dueDate, s.late])).toEqual([
      [5, '入户核实', '2026-11-25', true],
    ]);
    const inbox5 = await getJson<{ mine: JointStepView[] }>(`${server.url}/api/windows/5/joint`, w5);
    const done = await post<{ step: JointStepView }>(`/api/joint/steps/${inbox5.body.mine[0]!.id}/done`, {}, w5);
    expect([done.body.step.state, done.body.step.doneOn]).toEqual(['done', '2026-11-26']);
    const twice = await post(`/api/joint/steps/${inbox5.body.mine[0]!.id}/done`, {}, w5);
    expect(twice.body.error.code).toBe('bad-transition');

    // Window 1 returns its step to the lead with a reason (首问首办: the lead resolves it).
    const inbox1 = await getJson<{ mine: JointStepView[] }>(`${server.url}/api/windows/1/joint`, w1);
    const id1 = inbox1.body.mine[0]!.id;
    const noReason = await post(`/api/joint/steps/${id1}/return`, { reason: '   ' }, w1);
    expect(noReason.body.error.code).toBe('reason-required');
    const back = await post<{ step: JointStepView }>(
      `/api/joint/steps/${id1}/return`,
      { reason: '缺少社区出具的家庭情况说明' },
      w1,
    );
    expect(back.body.step.state).toBe('returned');
    const lead = await getJson<{ returned: JointStepView[] }>(`${server.url}/api/windows/4/joint`, w4);
    expect(lead.body.returned.map((s) => [s.windowNo, s.returnReason])).toEqual([[1, '缺少社区出具的家庭情况说明']]);

    // The resident's status: windows, steps, dates and states; no staff names, no internal reasons.
    const pub = await getJson<{ joint: PublicJoint }>(`${server.url}/api/cases/${caseId}/joint`);
    expect(pub.status).toBe(200);
    expect(pub.body.joint.leadWindowName).toBe('4号窗口 民政');
    expect(pub.body.joint.steps.map((s) => [s.windowName, s.step, s.dueDate, s.stateName])).toEqual([
      ['5号窗口 残联', '入户核实', '2026-11-25', '已完成'],
      ['1号窗口 综合咨询', '材料审核', '2026-11-27', '退回牵头窗口处理'],
    ]);
    const raw = JSON.stringify(pub.body);
    expect(raw).not.toContain('家庭情况说明');
    expect(raw).not.toMatch(/w[0-9][ab]/);

    // The lead sends it back with a deadline still inside the promise.
    const tooLate = await post(`/api/joint/steps/${id1}/reopen`, { dueDate: '2027-03-01' }, w4);
    expect(tooLate.body.error.code).toBe('joint-beyond-promise');
    const reopened = await post<{ step: JointStepView }>(
      `/api/joint/steps/${id1}/reopen`,
      { dueDate: '2026-11-30' },
      w4,
    );
    expect([reopened.body.step.state, reopened.body.step.dueDate]).toEqual(['open', '2026-11-30']);
    const done1 = await post<{ step: JointStepView }>(`/api/joint/steps/${id1}/done`, {}, w1);
    expect(done1.body.step.state).toBe('done');
    // Every step done: the lead still sees the case (to hand it out) until it is finished.
    const leading = await getJson<{ leading: JointStepView[] }>(`${server.url}/api/windows/4/joint`, w4);
    expect(leading.body.leading.map((s) => [s.caseId, s.state])).toEqual([
      [caseId, 'done'],
      [caseId, 'done'],
    ]);
  });

  it('one receipt lists the lead window and every step; the lead hands out once all are done', async () => {
    const printed = await post(`/api/cases/${caseId}/print`, {}, w4);
    expect(printed.status, JSON.stringify(printed.body)).toBe(200);
    const job = server.sim.printedJobs().at(-1)!;
    const model = renderModel(job, { widthDots: dotsForColumns(server.app.devices.set.printer.columns) });
    writeFileSync(artifact('joint-case-receipt.png'), receiptRaster(model).png);
    const text = model.lines.map((l) => l.trim()).join('');
    expect(text).toContain('【联办事项】');
    expect(text).toContain('牵头窗口：4号窗口民政（受理、出件）'.replace('4号窗口民政', '4号窗口 民政'));
    expect(text).toContain('5号窗口 残联：入户核实，2026年11月25日前完成');
    expect(text).toContain('1号窗口 综合咨询：材料审核，2026年11月30日前完成');

    const finish = await post<{ case: { state: string } }>(`/api/cases/${caseId}/state`, { to: 'finished' }, w4);
    expect(finish.body.case.state).toBe('finished');
    const after = await getJson<{ leading: JointStepView[] }>(`${server.url}/api/windows/4/joint`, w4);
    expect(after.body.leading).toEqual([]);
  });

  it('every action is in the event log, without names or reasons', () => {
    const db = new Database(join(server.dataDir, 'kiosk.sqlite'), { readonly: true, fileMustExist: true });
    try {
      const rows = db
        .prepare("SELECT type, actor, window_no AS windowNo, data FROM events WHERE type LIKE 'joint.%' ORDER BY id")
        .all() as { type: string; actor: string; windowNo: number; data: string }[];
      expect(rows.map((r) => [r.type, r.actor, r.windowNo])).toEqual([
        ['joint.created', 'w4a', 4],
        ['joint.step-done', 'w5a', 5],
        ['joint.step-returned', 'w1a', 1],
        ['joint.step-reopened', 'w4a', 4],
        ['joint.step-done', 'w1a', 1],
      ]);
      expect(rows.map((r) => r.data).join('')).not.toContain('家庭情况说明');
    } finally {
      db.close();
    }
  });

  it('the reports count it as 联办件 (seed 004 四㈣), the admin report and the register report alike', async () => {
    await on('2026-12-01');
    const admin = await postJson<{ token: string }>(`${server.url}/api/login`, { staffId: 'admin', pin: 'admin2026' });
    const token = admin.body.token;
    const reg = await getJson<{ tables: { columns: string[]; rows: (string | number)[][] }[] }>(
      `${server.url}/api/registers/reports/month?key=2026-11&format=json`,
      token,
    );
    expect(reg.status).toBe(200);
    const t = reg.body.tables[0]!;
    const total = t.rows.find((r) => r[0] === '合计')!;
    expect(total[t.columns.indexOf('联办件')]).toBe(1);
    const res = await fetch(`${server.url}/api/admin/report?kind=month&key=2026-11&format=csv`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    const rows = parseCsv((await res.text()).replace(/^\uFEFF/, '')).map((r) => r.fields);
    const at = rows.findIndex((r) => r[0] === '六、办件统计（按事项）');
    const header = rows[at + 1]!;
    const sum = rows.slice(at + 2).find((r) => r[0] === '合计')!;
    expect(sum[header.indexOf('联办件')]).toBe('1');
    // 办件管理台账 (seed 002 五有记录 "解决途径"): the case's way is 多窗口联办, with the lead window.
    const register = await getJson<{ columns: string[]; rows: string[][] }>(
      `${server.url}/api/registers/cases?from=2026-11-23&to=2026-11-23&format=json`,
      token,
    );
    const ways = register.body.rows.map((r) => r[register.body.columns.indexOf('解决途径')]);
    expect(ways).toEqual(['窗口受理、多窗口联办（4号窗口牵头，5、1号窗口协办）', '窗口受理']);
  });
});

describe('retention', () => {
  it('erases the return reason of a 联办 step after the retention period, keeping windows, steps and dates', () => {
    const db = openDb(':memory:');
    try {
      const c = manualClock('2026-03-02T02:00:00Z');
      const cases = new CaseStore(db, c, 'Asia/Shanghai', () => true);
      const joint = new JointStore(db, c, 'Asia/Shanghai', () => true);
      const matter = {
        id: 'm',
        name: '临时救助给付',
        type: '行政给付',
        body: '街道',
        levels: ['street'],
        department: '民政',
        categoryId: 'civil',
        guide: null,
      } as unknown as Matter;
      const accepted = cases.accept({ matter, windowNo: 4, staffId: 'w4a', ticketId: null, applicantMasked: null });
      const [step] = joint.create(accepted, [{ windowNo: 5, step: '入户核实', dueDate: '2026-03-04' }], {
        staffId: 'w4a',
        allowedSteps: ['入户核实'],
        windows: [4, 5],
      });
      joint.returnToLead(step!.id, 5, 'w5a', '张三家无人');
      purgePersonalData(db, '2026-03-02', c().toISOString());
      expect(joint.get(step!.id)!.return_reason).toBe('张三家无人');
      purgePersonalData(db, '2026-04-01', c().toISOString());
      expect(joint.get(step!.id)).toMatchObject({
        return_reason: '（已按保存期限清除）',
        state: 'returned',
        window_no: 5,
        step: '入户核实',
        due_date: '2026-03-04',
      });
    } finally {
      db.close();
    }
  });
});
