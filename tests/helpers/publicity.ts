// 公示 is a required stage for a case of a 须公示 matter (issue 22 ⑦, seed 004 附件2 ㈠ 低保 “做好审核阶段的公示”):
// a test that reports or finishes such a case first holds its 公示 through the route.
import { postJson } from './server.ts';

/**
 * Holds the 公示 of case `caseId` through POST /api/cases/:id/publicity, dated so that its 公示期 (center.publicityDays)
 * ended yesterday — a 公示 posted on the 公示栏 and recorded at the window (the route takes a start date up to 30 days
 * back). `now` is the test clock; the centre's day is China time. Fails the test unless the stage is held and over.
 */
export async function holdPublicity(url: string, caseId: string, token: string, now: Date, days = 7): Promise<void> {
  const today = new Date(now.getTime() + 8 * 3_600_000);
  today.setUTCDate(today.getUTCDate() - days);
  const startDate = today.toISOString().slice(0, 10);
  const r = await postJson<{ publicity?: { over: boolean; days: number } }>(
    `${url}/api/cases/${caseId}/publicity`,
    { startDate },
    token,
  );
  if (r.status !== 201 || !r.body.publicity?.over)
    throw new Error(`公示 not held on ${caseId}: ${r.status} ${JSON.stringify(r.body)}`);
}
