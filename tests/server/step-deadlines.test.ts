// Issue 22 ⑨: steps with a deadline in the guide become tracked steps on the case — seed 004 附件2 ㈠
// “服务中心在受理申请后15天内完成联动机制核查和入户核实”, ㈤ “服务中心在受理2个工作日内组织人员入户核实信息”,
// ㈥ “服务中心在受理2个工作日内入户核实信息” — with a due date, who did it and when, and on supervision
// when late (限时办结制度 第十条: 检查督促).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getJson, postJson, staffToken, startTestServer, type TestServer } from '../helpers/server.ts';
import { manualClock } from '../helpers/config.ts';

interface Step {
  id: number;
  step: string;
  dueDate: string | null;
  doneBy: string | null;
  doneOn: string | null;
}

const clock = manualClock('2026-11-23T02:00:00Z'); // Monday 10:00 in China
let server: TestServer;
let token: string;
beforeAll(async () => {
  server = await startTestServer({ clock });
  token = await staffToken(server.url, 4);
});
afterAll(async () => server?.stop());

const accept = async (matterId: string) =>
  (
    await postJson<{ case: { id: string } }>(
      `${server.url}/api/windows/4/cases`,
      { matterId, kind: 'promised', promisedDays: 20 },
      token,
    )
  ).body.case.id;
const steps = async (id: string) =>
  (await getJson<{ case: { steps?: Step[] } }>(`${server.url}/api/cases/${id}`, token)).body.case.steps;
const late = async () =>
  (
    await getJson<{ lateSteps: (Step & { caseId: string; caseNo: string })[] }>(
      `${server.url}/api/cases/supervision`,
      token,
    )
  ).body.lateSteps;

describe('step deadlines from the guide', () => {
  let medical: string;
  let dibao: string;
  it('a 医疗救助 case gets 入户核实 due in 2 working days; 低保 its 15-day check; a guide without one none', async () => {
    medical = await accept('gl-04');
    dibao = await accept('street-03');
    expect(await steps(medical)).toEqual([
      { id: expect.any(Number), step: '组织人员入户核实信息', dueDate: '2026-11-25', doneBy: null, doneOn: null },
    ]);
    expect(await steps(dibao)).toEqual([
      { id: expect.any(Number), step: '完成联动机制核查和入户核实', dueDate: '2026-12-08', doneBy: null, doneOn: null },
    ]);
    expect(await steps(await accept('gl-01'))).toEqual([]);
    expect(await late()).toEqual([]);
  });

  it('late steps appear on supervision; a step marked done leaves it, with who and when', async () => {
    clock.set('2026-11-26T02:00:00Z');
    token = await staffToken(server.url, 4); // a new working day: a new sign-in
    const lateNow = await late();
    expect(lateNow.map((s) => [s.caseId, s.step])).toEqual([[medical, '组织人员入户核实信息']]);
    const [step] = (await steps(medical))!;
    const done = await postJson(`${server.url}/api/cases/${medical}/steps/${step!.id}/done`, {}, token);
    expect(done.status).toBe(200);
    expect(await late()).toEqual([]);
    expect((await steps(medical))![0]).toMatchObject({ doneBy: expect.any(String), doneOn: '2026-11-26' });
    const again = await postJson<{ error: { code: string } }>(
      `${server.url}/api/cases/${medical}/steps/${step!.id}/done`,
      {},
      token,
    );
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('step-done');
  });

  it('another case’s step or an unknown step is not found', async () => {
    const [step] = (await steps(dibao))!;
    const wrong = await postJson(`${server.url}/api/cases/${medical}/steps/${step!.id}/done`, {}, token);
    expect(wrong.status).toBe(404);
  });
});
