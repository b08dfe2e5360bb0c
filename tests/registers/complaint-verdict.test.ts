// Issue 21: 投诉查实. Seed 004 一次性告知制度 第七条 "经办人再次出现《一次性告知清单》上未交代清楚的问题而被投诉的，
// 经街道查实后，即被认定为'有效投诉'，并按规定对当事人进行严肃处理": a leader records the verdict (有效投诉 naming the
// staff member, or 不属实) on a complaint of the 意见和投诉登记, once; the register shows it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getJson, postJson, startTestServer, type TestServer } from '../helpers/server.ts';
import { manualClock } from '../helpers/config.ts';
import { parseCsv } from '../../server/contract/csv.ts';
import { login, stationConfig } from './fixtures.ts';

const clock = manualClock('2026-11-23T06:00:00Z');
let server: TestServer;
let admin: string;
let leader: string;

beforeAll(async () => {
  server = await startTestServer({ clock, config: stationConfig() });
  admin = await login(server.url, 'admin', 'admin2026');
  leader = await login(server.url, 'leader', '246810');
});
afterAll(async () => server?.stop());

type Answer = { complaint: { id: string; verdict: string | null }; error?: { code: string } };

describe('投诉查实 (一次性告知制度 第七条)', () => {
  it('only a leader records 有效投诉 (naming the staff member) or 不属实, once; the register shows it', async () => {
    const add = (content: string) =>
      postJson<Answer>(`${server.url}/api/registers/complaints`, { source: 'phone', content, windowNo: 4 }, admin);
    const a = (await add('低保告知单没写清楚要交收入证明，白跑两趟')).body.complaint.id;
    const b = (await add('窗口态度不好')).body.complaint.id;
    const verdict = (id: string, body: unknown, token: string) =>
      postJson<Answer>(`${server.url}/api/registers/complaints/${id}/verdict`, body, token);

    const byAdmin = await verdict(a, { verdict: 'valid', staffId: 'w4a', note: '告知单漏列' }, admin);
    expect([byAdmin.status, byAdmin.body.error?.code]).toEqual([403, 'leader-only']);
    const noStaff = await verdict(a, { verdict: 'valid', note: '告知单漏列' }, leader);
    expect([noStaff.status, noStaff.body.error?.code]).toEqual([400, 'reason-required']);
    const ghost = await verdict(a, { verdict: 'valid', staffId: 'nobody', note: '告知单漏列' }, leader);
    expect([ghost.status, ghost.body.error?.code]).toEqual([400, 'unknown-staff']);
    const bad = await verdict(a, { verdict: 'maybe', note: 'x' }, leader);
    expect(bad.status).toBe(400);

    const ok = await verdict(
      a,
      { verdict: 'valid', staffId: 'w4a', note: '再次未在告知单上写明收入证明，经查属实' },
      leader,
    );
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body.complaint.verdict).toBe('valid');
    const twice = await verdict(a, { verdict: 'unfounded', note: '改判' }, leader);
    expect([twice.status, twice.body.error?.code]).toEqual([409, 'already-verified']);
    expect((await verdict(b, { verdict: 'unfounded', note: '调阅录像，接待用语规范' }, leader)).status).toBe(200);

    const json = await getJson<{ columns: string[]; rows: string[][] }>(
      `${server.url}/api/registers/complaints?from=2026-11-23`,
      admin,
    );
    expect(json.body.columns.slice(-5)).toEqual(['查实结论', '被投诉人', '查实情况', '查实人', '查实时间']);
    const csv = await fetch(`${server.url}/api/registers/complaints?from=2026-11-23&format=csv`, {
      headers: { Authorization: `Bearer ${admin}` },
    });
    const rows = parseCsv(await csv.text());
    const leaderName = '分管领导';
    expect(rows.slice(1).map((r) => r.fields.slice(-5))).toEqual([
      ['有效投诉', '4号窗口A岗', '再次未在告知单上写明收入证明，经查属实', leaderName, '2026-11-23 14:00'],
      ['不属实', '', '调阅录像，接待用语规范', leaderName, '2026-11-23 14:00'],
    ]);
  });
});
