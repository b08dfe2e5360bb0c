// A centre that entered next year's official notice in config/holidays.json accepts promised cases whose
// date falls in that year, instead of refusing them (its own file: the calendar is module state).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postJson, staffToken, startTestServer, type TestServer } from '../helpers/server.ts';
import { manualClock, testConfig } from '../helpers/config.ts';

let server: TestServer;
beforeAll(async () => {
  const config = {
    ...testConfig(),
    holidays: {
      source: '（测试用通知）',
      years: [{ year: '2027', holidays: ['2027-01-01', '2027-01-02', '2027-01-03'], workdays: [] }],
    },
  };
  server = await startTestServer({ config, clock: manualClock('2026-12-28T02:00:00Z') }); // Monday 10:00 in China
});
afterAll(async () => server?.stop());

describe('config/holidays.json at start-up', () => {
  it('is logged and used for promised dates in that year', async () => {
    expect(
      server.logs.some((l) => l.includes('节假日日历：2027 年按 config/holidays.json 计算（（测试用通知））')),
    ).toBe(true);
    const token = await staffToken(server.url, 4);
    const r = await postJson<{ case: { promisedDate: string } }>(
      `${server.url}/api/windows/4/cases`,
      { matterId: 'street-03', kind: 'promised', promisedDays: 5 },
      token,
    );
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    // 12-29, 12-30, 12-31, (01-01…01-03 off), 01-04, 01-05.
    expect(r.body.case.promisedDate).toBe('2027-01-05');
  });
});

describe('opening hours in a year the calendar does not cover', () => {
  it('takes tickets Monday to Friday and says so in the log, instead of turning everyone away', async () => {
    const clock = manualClock('2028-01-03T02:00:00Z'); // Monday 10:00 in China; no data for 2028 anywhere
    const hall = await startTestServer({
      clock,
      config: testConfig({
        hours: { enforce: true, workingDaysOnly: true, sessions: [{ from: '09:30', to: '13:30' }] },
      }),
    });
    try {
      const monday = await postJson<{ ticket: { number: string } }>(`${hall.url}/api/tickets`, { categoryId: 'civil' });
      expect(monday.status, JSON.stringify(monday.body)).toBe(201);
      expect(
        hall.logs.filter((l) => l.includes('节假日日历尚无 2028 年的数据：取号暂按周一至周五判断是否办公')),
      ).toHaveLength(1);
      clock.set('2028-01-08T02:00:00Z'); // Saturday
      const saturday = await postJson<{ error: { code: string } }>(`${hall.url}/api/tickets`, { categoryId: 'civil' });
      expect([saturday.status, saturday.body.error.code]).toEqual([409, 'closed']);
      // Promised dates are still never guessed.
      const token = await staffToken(hall.url, 4);
      clock.set('2028-01-03T02:00:00Z');
      const promised = await postJson<{ error: { code: string } }>(
        `${hall.url}/api/windows/4/cases`,
        { matterId: 'street-03', kind: 'promised', promisedDays: 5 },
        token,
      );
      expect([promised.status, promised.body.error.code]).toEqual([503, 'calendar-missing']);
    } finally {
      await hall.stop();
    }
  });
});
