// /admin 节假日安排 (issue 24 ⑪): the administrator enters the State Council's notice for a year the calendar
// package lacks (2027 here: the package carries up to 2026). Admin only; hostile input refused with Chinese
// messages and stable codes, nothing written; a valid notice is written to config/holidays.json (checked by the
// loader's own validator), audited, applied without a restart, and the hand-set promised dates (待核对) of open
// cases are counted again on it, with the change in each case's history. Its own file: the calendar is
// module state. The 2027 days below are the statutory days plus test bridging days — not the real notice.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { copyTestConfig, manualClock, testConfig } from '../helpers/config.ts';
import { getJson, postJson, staffToken, startTestServer, type TestServer } from '../helpers/server.ts';
import { loadConfig } from '../../server/config/load.ts';
import type { CaseRecord } from '../../server/contract/cases.ts';
import type { HolidaySaved, HolidaysView } from '../../server/contract/holidays.ts';

/** 10:00 in China on that day. */
const day = (d: string) => `${d}T02:00:00Z`;
const clock = manualClock(day('2026-12-10'));
let server: TestServer;
let configDir: string;
let admin: string;
let w4: string;

const STATUTORY_2027 = [
  '2027-01-01',
  '2027-02-05',
  '2027-02-06',
  '2027-02-07',
  '2027-02-08',
  '2027-04-05',
  '2027-05-01',
  '2027-05-02',
  '2027-06-09',
  '2027-09-15',
  '2027-10-01',
  '2027-10-02',
  '2027-10-03',
];
const NOTICE = {
  notice: '国务院办公厅关于2027年部分节假日安排的通知',
  documentNo: '国办发明电〔2026〕9号',
  holidays: [...STATUTORY_2027, '2027-02-09', '2027-02-10', '2027-10-04'],
  workdays: ['2027-01-30', '2027-02-20'],
};

async function put<T = { error?: { code: string; message: string } }>(path: string, body: unknown, token?: string) {
  const res = await fetch(`${server.url}${path}`, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as T & { error?: { code: string; message: string } } };
}
const getCase = async (id: string) =>
  (await getJson<{ case: CaseRecord }>(`${server.url}/api/cases/${id}`, w4)).body.case;

let manualCase: CaseRecord;

beforeAll(async () => {
  configDir = mkdtempSync(join(tmpdir(), 'holiday-notice-config-'));
  copyTestConfig(new URL('../../config', import.meta.url).pathname, configDir);
  server = await startTestServer({ config: { ...testConfig(), dir: configDir }, clock });
  admin = (await postJson<{ token: string }>(`${server.url}/api/login`, { staffId: 'admin', pin: 'admin2026' })).body
    .token;
  w4 = await staffToken(server.url, 4);
  // 20 working days from 12-10 reach 2027, which the calendar lacks: the window confirms a date by hand.
  const r = await postJson<{ case: CaseRecord }>(
    `${server.url}/api/windows/4/cases`,
    {
      matterId: 'street-03',
      kind: 'promised',
      manualDate: '2027-01-11',
      manualReason: '2027年放假安排未公布，按周一至周五计',
    },
    w4,
  );
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  manualCase = r.body.case;
  expect(manualCase.clock).toMatchObject({ promisedDate: '2027-01-11', manual: { check: 'unchecked' } });
});
afterAll(async () => server?.stop());

describe('PUT /api/admin/holidays/:year', () => {
  it('the calendar-missing refusal tells where the notice is entered', async () => {
    const r = await postJson<{ error: { code: string; message: string } }>(
      `${server.url}/api/windows/4/cases`,
      { matterId: 'street-03', kind: 'promised' },
      w4,
    );
    expect([r.status, r.body.error.code]).toEqual([503, 'calendar-missing']);
    expect(r.body.error.message).toContain('请管理员在管理后台“节假日安排”录入国务院办公厅该年的放假通知');
  });

  it('is for the administrator only', async () => {
    expect((await put('/api/admin/holidays/2027', NOTICE)).status).toBe(401);
    const refused = await put('/api/admin/holidays/2027', NOTICE, w4);
    expect(refused.status).toBe(403);
    const view = await getJson(`${server.url}/api/admin/holidays`, w4);
    expect(view.status).toBe(403);
  });

  it('refuses hostile or mistyped notices with a Chinese message and a stable code, writing nothing', async () => {
    const cases: [string, unknown, number, string, RegExp][] = [
      ['abcd', NOTICE, 400, 'bad-year', /只能录入今年（2026）或明年（2027）/],
      ['2029', NOTICE, 400, 'bad-year', /只能录入/],
      ['2026', NOTICE, 409, 'calendar-carried', /2026 年的放假安排日历数据已经收录/],
      ['2027', { ...NOTICE, documentNo: 'DROP TABLE' }, 400, 'invalid-body', /文号/],
      ['2027', { ...NOTICE, holidays: ['2027-13-01'] }, 400, 'notice-incomplete', /缺少法定节假日/],
      ['2027', { ...NOTICE, holidays: [...NOTICE.holidays, '2027-02-30'] }, 400, 'invalid-config', /不是有效日期/],
      ['2027', { ...NOTICE, holidays: [...NOTICE.holidays, '2028-01-03'] }, 400, 'invalid-config', /不在 2027 年/],
      ['2027', { ...NOTICE, workdays: ['2027-01-06'] }, 400, 'invalid-config', /不是周末/],
      ['2027', { ...NOTICE, workdays: ['2027-02-06'] }, 400, 'invalid-config', /同时写在放假和上班两处/],
      [
        '2027',
        { ...NOTICE, notice: '国务院办公厅关于2028年部分节假日安排的通知' },
        400,
        'invalid-config',
        /不是 2027 年的放假安排/,
      ],
      ['2027', { ...NOTICE, notice: '<script>alert(1)</script>的通知' }, 400, 'invalid-config', /不是国务院办公厅/],
      [
        '2027',
        { ...NOTICE, holidays: STATUTORY_2027.filter((d) => d !== '2027-06-09') },
        400,
        'notice-incomplete',
        /2027-06-09（端午节）/,
      ],
      ['2027', { ...NOTICE, holidays: Array(61).fill('2027-01-01') }, 400, 'invalid-body', /.+/],
      ['2027', '{"notice":', 400, 'invalid-json', /有效的 JSON/],
    ];
    for (const [year, body, status, code, message] of cases) {
      const r = await put(`/api/admin/holidays/${year}`, body, admin);
      expect([year, r.status, r.body.error?.code], JSON.stringify(r.body)).toEqual([year, status, code]);
      expect(r.body.error!.message).toMatch(message);
    }
    expect(existsSync(join(configDir, 'holidays.json'))).toBe(false);
    expect((await getCase(manualCase.id)).clock).toMatchObject({ promisedDate: '2027-01-11' });
  });

  it('saves a valid notice: file, audit, live calendar, and the hand-set date counted again with its history', async () => {
    const before = await getJson<HolidaysView>(`${server.url}/api/admin/holidays`, admin);
    expect(before.body.years.map((y) => [y.year, y.calendar?.from ?? null])).toEqual([
      ['2026', 'package'],
      ['2027', null],
    ]);
    expect(before.body.manualCases).toBe(1);

    const r = await put<HolidaySaved>('/api/admin/holidays/2027', NOTICE, admin);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.saved).toMatchObject({
      year: '2027',
      from: 'notice',
      notice: NOTICE.notice,
      documentNo: NOTICE.documentNo,
      workdays: NOTICE.workdays,
    });
    expect(r.body.saved.holidays).toEqual([...NOTICE.holidays].sort());
    // 12-11…12-31: 15 working days; 01-01 off; 01-04…01-08 the other 5 → 2027-01-08, not the 01-11 set by hand.
    expect(r.body.recomputed).toEqual([
      { caseNo: manualCase.caseNo, before: '2027-01-11', after: '2027-01-08', wasManual: true },
    ]);
    expect(r.body.view.manualCases).toBe(0);

    // The file is what the loader accepts at the next start.
    const file = JSON.parse(readFileSync(join(configDir, 'holidays.json'), 'utf8'));
    expect(file.years[0]).toMatchObject({ year: '2027', notice: NOTICE.notice, documentNo: NOTICE.documentNo });
    expect(loadConfig(configDir).holidays!.years[0]!.holidays).toEqual([...NOTICE.holidays].sort());

    const c = await getCase(manualCase.id);
    expect(c.clock).toMatchObject({ promisedDate: '2027-01-08', manual: null });
    expect(c.history.at(-1)).toMatchObject({ action: 'manual-date-checked' });
    expect(c.history.at(-1)!.note).toBe(
      '已录入《国务院办公厅关于2027年部分节假日安排的通知》（国办发明电〔2026〕9号），按官方日历重新计算：人工确认的承诺办结日期 2027-01-11（待核对） 改为 2027-01-08，请告知申请人',
    );

    // Audited in the event log with before and after.
    const ev = server.app.ctx.db
      .prepare<[], { actor: string; data: string }>(
        "SELECT actor, data FROM events WHERE type = 'admin.holidays.updated' ORDER BY id DESC LIMIT 1",
      )
      .get()!;
    expect(ev.actor).toBe('admin');
    expect(JSON.parse(ev.data)).toMatchObject({
      year: '2027',
      before: null,
      after: { year: '2027', documentNo: NOTICE.documentNo },
      recomputed: [{ caseNo: manualCase.caseNo, before: '2027-01-11', after: '2027-01-08' }],
    });

    // The running server counts 2027 now: a new case needs no date by hand.
    w4 = await staffToken(server.url, 4);
    const fresh = await postJson<{ case: CaseRecord }>(
      `${server.url}/api/windows/4/cases`,
      { matterId: 'street-03', kind: 'promised' },
      w4,
    );
    expect(fresh.status, JSON.stringify(fresh.body)).toBe(201);
    expect(fresh.body.case.clock).toMatchObject({ promisedDate: '2027-01-08', manual: null });
  });

  it('a corrected notice replaces the year live and moves the dates counted on the first one', async () => {
    const corrected = { ...NOTICE, holidays: [...NOTICE.holidays, '2027-01-04'] };
    const r = await put<HolidaySaved>('/api/admin/holidays/2027', corrected, admin);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.recomputed.map((c) => [c.before, c.after, c.wasManual])).toEqual([
      ['2027-01-08', '2027-01-11', false],
      ['2027-01-08', '2027-01-11', false],
    ]);
    const c = await getCase(manualCase.id);
    expect(c.clock!.promisedDate).toBe('2027-01-11');
    expect(c.history.at(-1)!.note).toContain('承诺办结日期 2027-01-08 改为 2027-01-11');
    const view = await getJson<HolidaysView>(`${server.url}/api/admin/holidays`, admin);
    expect(view.body.years[1]!.calendar!.holidays).toContain('2027-01-04');
    // Same year saved again: still one entry in the file.
    expect(loadConfig(configDir).holidays!.years.map((y) => y.year)).toEqual(['2027']);
  });
});
