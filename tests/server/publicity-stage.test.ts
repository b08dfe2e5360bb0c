// Issue 22 ⑦: seed 004 附件2 asks 公示 during 审核 — 低保 and 廉租房 “(做好审核阶段的公示、接受社会监督等工作)”,
// 资助居家托老残疾人申请 “中心和社区进行公示”. A case of a matter marked 须公示 gets a 公示 stage: the window starts
// it, the notice (masked applicant, matter, 公示期) is public at /api/announcements, an objection is a complaint
// linked to the case, and the case is not reported or finished before the 公示期 ends. The 公示期 is the centre's
// setting center.publicityDays (default 7): the seed states none. The 限时办结 clock does not stop for it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getJson, postJson, staffToken, startTestServer, type TestServer } from '../helpers/server.ts';
import { manualClock } from '../helpers/config.ts';

const clock = manualClock('2026-11-23T02:00:00Z'); // Monday 10:00 in China
let server: TestServer;
let token: string;
beforeAll(async () => {
  server = await startTestServer({ clock });
  token = await staffToken(server.url, 4);
});
afterAll(async () => server?.stop());

interface Stage {
  startDate: string;
  endDate: string;
  days: number;
  objections: string[];
  over: boolean;
}
const accept = async (matterId: string) =>
  (
    await postJson<{ case: { id: string; caseNo: string; promisedDate: string } }>(
      `${server.url}/api/windows/4/cases`,
      { matterId, kind: 'promised', promisedDays: 20 },
      token,
    )
  ).body.case;
const err = (r: { status: number; body: unknown }) => ({
  status: r.status,
  code: (r.body as { error?: { code: string } }).error?.code,
  message: (r.body as { error?: { message: string } }).error?.message ?? '',
});

describe('公示 stage of a case of a matter marked 须公示', () => {
  let dibao: { id: string; caseNo: string; promisedDate: string };
  it('the window starts 公示 on a 低保 case; 公示期 is center.publicityDays (7) days, start day included', async () => {
    dibao = await accept('street-03');
    await postJson(`${server.url}/api/registers/cases/${dibao.id}/applicant`, { name: '张小三' }, token);
    const r = await postJson<{ publicity: Stage }>(`${server.url}/api/cases/${dibao.id}/publicity`, {}, token);
    expect(r.status).toBe(201);
    expect(r.body.publicity).toMatchObject({
      startDate: '2026-11-23',
      endDate: '2026-11-29',
      days: 7,
      objections: [],
      over: false,
    });
    const again = await postJson(`${server.url}/api/cases/${dibao.id}/publicity`, {}, token);
    expect(err(again)).toMatchObject({ status: 409, code: 'publicity-started' });
  });

  it('the notice is public, the applicant masked', async () => {
    const r = await getJson<{ publicity: unknown[] }>(`${server.url}/api/announcements`);
    expect(r.body.publicity).toEqual([
      {
        caseNo: dibao.caseNo,
        matterName: '最低生活保障',
        applicant: '张*三',
        startDate: '2026-11-23',
        endDate: '2026-11-29',
        days: 7,
      },
    ]);
    expect(JSON.stringify(r.body)).not.toContain('张小三');
  });

  it('an objection is recorded as a complaint linked to the case', async () => {
    const r = await postJson<{ complaint: { id: string }; publicity: Stage }>(
      `${server.url}/api/cases/${dibao.id}/publicity/objections`,
      { content: '申请人家中有车辆', source: 'phone' },
      token,
    );
    expect(r.status).toBe(201);
    expect(r.body.publicity.objections).toEqual([r.body.complaint.id]);
    const list = await getJson<{ rows?: unknown[] }>(
      `${server.url}/api/registers/complaints?from=2026-11-23&to=2026-11-23`,
      token,
    );
    expect(JSON.stringify(list.body)).toContain(`对办件 ${dibao.caseNo}（最低生活保障）公示的异议：申请人家中有车辆`);
  });

  it('the case cannot be reported or finished before the 公示期 ends; the 限时办结 clock does not stop', async () => {
    const report = await postJson(`${server.url}/api/cases/${dibao.id}/report`, { authority: '博乐市民政局' }, token);
    expect(err(report)).toMatchObject({ status: 409, code: 'publicity-running' });
    expect(err(report).message).toContain('公示期 2026-11-23 至 2026-11-29');
    const finish = await postJson(`${server.url}/api/cases/${dibao.id}/state`, { to: 'finished' }, token);
    expect(err(finish)).toMatchObject({ status: 409, code: 'publicity-running' });

    clock.set('2026-11-29T09:00:00Z'); // Sunday 17:00: still the last day of 公示
    token = await staffToken(server.url, 4);
    const lastDay = await postJson(`${server.url}/api/cases/${dibao.id}/state`, { to: 'finished' }, token);
    expect(err(lastDay).code).toBe('publicity-running');

    clock.set('2026-11-30T02:00:00Z'); // Monday: 公示期 over
    token = await staffToken(server.url, 4);
    const gone = await getJson<{ publicity: unknown[] }>(`${server.url}/api/announcements`);
    expect(gone.body.publicity).toEqual([]);
    // The 公示 days did not move the promised date (限时办结制度 第十三条 takes out only the applicant's days).
    const held = await getJson<{ case: { promisedDate: string; publicity: Stage } }>(
      `${server.url}/api/cases/${dibao.id}`,
      token,
    );
    expect(held.body.case.promisedDate).toBe(dibao.promisedDate);
    expect(held.body.case.publicity.over).toBe(true);
    const after = await postJson<{ case: { state: string } }>(
      `${server.url}/api/cases/${dibao.id}/report`,
      { authority: '博乐市民政局' },
      token,
    );
    expect(after.status).toBe(200);
    expect(after.body.case.state).toBe('reported');
  });

  it('a matter not marked 须公示 has no 公示 stage; a bad start date is refused', async () => {
    const plain = await accept('gl-01');
    const r = await postJson(`${server.url}/api/cases/${plain.id}/publicity`, {}, token);
    expect(err(r)).toMatchObject({ status: 409, code: 'publicity-not-required' });
    const other = await accept('street-03');
    const bad = await postJson(`${server.url}/api/cases/${other.id}/publicity`, { startDate: '2026-02-31' }, token);
    expect(bad.status).toBe(400);
    const waiting = await postJson<{ case: { id: string; state: string } }>(
      `${server.url}/api/windows/4/cases`,
      { matterId: 'street-03', missingMaterials: ['书面申请报告'] },
      token,
    );
    expect(waiting.body.case.state).toBe('correction'); // not yet in 审核
    const early = await postJson(`${server.url}/api/cases/${waiting.body.case.id}/publicity`, {}, token);
    expect(err(early)).toMatchObject({ status: 409, code: 'publicity-not-required' });
    const finish = await postJson(`${server.url}/api/cases/${plain.id}/state`, { to: 'finished' }, token);
    expect(finish.status).toBe(200);
  });

  it('a 须公示 case on which 公示 was never held cannot be reported, approved or finished (publicity-required)', async () => {
    // Seed 004 附件2 ㈠ 低保: 公示 is a stage of 审核 before 上报, not an option.
    const skipped = await accept('street-03');
    const report = await postJson(`${server.url}/api/cases/${skipped.id}/report`, { authority: '博乐市民政局' }, token);
    expect(err(report)).toMatchObject({ status: 409, code: 'publicity-required' });
    expect(err(report).message).toContain('请先开始公示');
    for (const to of ['reported', 'finished', 'collected']) {
      const moved = await postJson(`${server.url}/api/cases/${skipped.id}/state`, { to }, token);
      expect(err(moved)).toMatchObject({ status: 409, code: 'publicity-required' });
    }
    const approved = await postJson(
      `${server.url}/api/cases/${skipped.id}/return`,
      { outcome: 'approved', date: '2026-11-30' },
      token,
    );
    expect(err(approved)).toMatchObject({ status: 409, code: 'publicity-required' });
    const still = await getJson<{ case: { state: string } }>(`${server.url}/api/cases/${skipped.id}`, token);
    expect(still.body.case.state).toBe('accepted');
  });

  it('a 公示 cannot be dated back so that its 公示期 has already run: today or the previous working day, never before 受理', async () => {
    // Seed 004 附件2 ㈠ asks for 公示 "审核阶段", for the public to see before the case goes on: a start date a week back
    // would let a clerk finish a 须公示 case the day the notice goes up. Accepted Friday 11-27, recorded on Tuesday 12-01.
    clock.set('2026-11-27T02:00:00Z');
    token = await staffToken(server.url, 4);
    const c = await accept('street-03');
    const future = await postJson(`${server.url}/api/cases/${c.id}/publicity`, { startDate: '2026-11-28' }, token);
    expect(err(future)).toMatchObject({ status: 400, code: 'bad-date' });
    clock.set('2026-12-01T02:00:00Z');
    token = await staffToken(server.url, 4);
    const beforeAcceptance = await postJson(
      `${server.url}/api/cases/${c.id}/publicity`,
      { startDate: '2026-11-26' },
      token,
    );
    expect(err(beforeAcceptance)).toMatchObject({ status: 400, code: 'bad-date' });
    // Friday is two days back but the weekend between: Monday 11-30 is the one working day back.
    const weekBack = await postJson(`${server.url}/api/cases/${c.id}/publicity`, { startDate: '2026-11-27' }, token);
    expect(err(weekBack)).toMatchObject({ status: 400, code: 'bad-date' });
    expect(err(weekBack).message).toContain('2026-11-30');
    const yesterday = await postJson<{ publicity: Stage }>(
      `${server.url}/api/cases/${c.id}/publicity`,
      { startDate: '2026-11-30' },
      token,
    );
    expect(yesterday.status).toBe(201);
    expect(yesterday.body.publicity).toMatchObject({ startDate: '2026-11-30', endDate: '2026-12-06', over: false });
    const finish = await postJson(`${server.url}/api/cases/${c.id}/state`, { to: 'finished' }, token);
    expect(err(finish)).toMatchObject({ status: 409, code: 'publicity-running' });
  });
});
