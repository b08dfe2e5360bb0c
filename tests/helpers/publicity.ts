// 公示 is a required stage for a case of a 须公示 matter (issue 22 ⑦, seed 004 附件2 ㈠ 低保 “做好审核阶段的公示”):
// a test that reports or finishes such a case starts its 公示 on the day of 受理, through the route, and moves its
// clock past the 公示期 (center.publicityDays) before it reports or finishes. The route takes no date more than one
// working day back, so a test cannot shorten the 公示期 either.
import { postJson } from './server.ts';

/** Starts the 公示 of case `caseId` today (POST /api/cases/:id/publicity). Fails the test unless it started. */
export async function startPublicity(url: string, caseId: string, token: string): Promise<void> {
  const r = await postJson<{ publicity?: { startDate: string } }>(`${url}/api/cases/${caseId}/publicity`, {}, token);
  if (r.status !== 201 || !r.body.publicity)
    throw new Error(`公示 not started on ${caseId}: ${r.status} ${JSON.stringify(r.body)}`);
}
