// A centre that entered next year's official notice in config/holidays.json accepts promised cases whose
// date falls in that year, instead of refusing them (its own file: the calendar is module state).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postJson, staffToken, startTestServer, type TestServer } from '../helpers/server.ts';
import { manualClock, testConfig } from '../helpers/config.ts';

let server: TestServer;
beforeAll(async () => {
  const config = { ...testConfig(), holidays: { source: '（测试用通知）', years: [{ year: '2027', holidays: ['2027-01-01', '2027-01-02', '2027-01-03'], workdays: [] }] } };
  server = await startTestServer({ config, clock: manualClock('2026-12-28T02:00:00Z') }); // Monday 10:00 in China
});
afterAll(async () => server?.stop());

describe('config/holidays.json at start-up', () => {
  it('is logged and used for promised dates in that year', async () => {
    expect(server.logs.some((l) => l.includes('节假日日历：2027 年按 config/holidays.json 计算（（测试用通知））'))).toBe(true);
    const token = await staffToken(server.url, 4);
    const r = await postJson<{ case: { promisedDate: string } }>(`${server.url}/api/windows/4/cases`, { matterId: 'street-03', kind: 'promised', promisedDays: 5 }, token);
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    // 12-29, 12-30, 12-31, (01-01…01-03 off), 01-04, 01-05.
    expect(r.body.case.promisedDate).toBe('2027-01-05');
  });
});
