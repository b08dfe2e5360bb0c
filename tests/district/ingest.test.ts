// The district server against a real PostgreSQL (a throwaway cluster) and the embedded one (PGlite): a hall's
// shipper fills it; a resend is a no-op; bad input from one hall gets a clear error and touches nobody else.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDb, type Db } from '../../server/store/db.ts';
import type { DistrictDb } from '../../server/district/database.ts';
import { startDistrictServer, type RunningDistrict } from '../../server/district/http.ts';
import { addHall, setPassword } from '../../server/district/accounts.ts';
import { DistrictShipper } from '../../server/district-link/shipper.ts';
import type { DistrictBatch, DistrictHall } from '../../server/contract/district.ts';
import { BACKENDS, freshDistrictDb, startCluster, type TestCluster } from './postgres.ts';
import { addCase, hallDay, logEvent } from './hall-events.ts';

describe.each(BACKENDS)('district server on %s', (backend) => {
  let cluster: TestCluster | null = null;
  let db: DistrictDb;
  let app: RunningDistrict;
  let hallA: Db;
  const tokens: Record<string, string> = {};
  let session = '';
  let dataDir: string | undefined;

  const post = (hallId: string, body: unknown, token = tokens[hallId]) =>
    fetch(`${app.url}/api/district/halls/${hallId}/events`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  const get = async (path: string) => {
    const res = await fetch(`${app.url}${path}`, { headers: { Authorization: `Bearer ${session}` } });
    expect(res.status, await res.clone().text()).toBe(200);
    return res.json();
  };
  const count = async (hallId: string) =>
    (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM events WHERE hall_id = $1', [hallId]))[0]!.n;
  const ship = async (hall: Db, hallId: string, caseClock?: (caseId: string) => string | null) => {
    const shipper = new DistrictShipper({
      db: hall,
      url: app.url,
      hallId,
      token: tokens[hallId]!,
      timezone: 'Asia/Shanghai',
      batchSize: 40,
      caseClock,
    });
    expect(await shipper.runOnce()).toBe('idle');
    return shipper;
  };

  beforeAll(async () => {
    if (backend === 'postgres') cluster = await startCluster();
    ({ db, dataDir } = await freshDistrictDb(backend, cluster));
    app = await startDistrictServer({
      db,
      port: 0,
      host: '127.0.0.1',
      distDir: mkdtempSync(join(tmpdir(), 'district-dist-')),
    });
    tokens.qiaotou = await addHall(db, 'qiaotou', '桥头镇便民服务中心', '乡镇', null);
    tokens.xincun = await addHall(db, 'xincun', '新村便民服务站', '村', 'qiaotou');
    await setPassword(db, 'jiancha', 'district-pass-1');
    const login = await fetch(`${app.url}/api/district/login`, {
      method: 'POST',
      body: JSON.stringify({ user: 'jiancha', password: 'district-pass-1' }),
    });
    expect(login.status).toBe(200);
    session = ((await login.json()) as { token: string }).token;
    hallA = openDb(':memory:');
  }, 120_000);

  afterAll(async () => {
    await app?.stop();
    await db?.close();
    cluster?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('takes a hall day in order and answers with the hall’s own figures for its day', async () => {
    const now = Date.now();
    const start = new Date(now - 30 * 60_000);
    const written = hallDay(hallA, start, 20);
    // Three still waiting, one window signed in, a printer out of paper, a case past its promised date.
    for (let i = 0; i < 3; i++)
      logEvent(hallA, new Date(now - (10 - i) * 60_000), 'kiosk', 'ticket.issued', `w${i}`, null, 'social', {
        number: `B00${i + 1}`,
      });
    logEvent(hallA, new Date(now - 40 * 60_000), 'zhang', 'window.signed-in', null, 1, null, {
      staffId: 'zhang',
      post: 'A',
    });
    hallA
      .prepare(
        "INSERT INTO events (at, actor, type, data) VALUES (?, 'system', 'device.status', json_object('kind', 'printer', 'state', 'paper-out'))",
      )
      .run(new Date(now - 5 * 60_000).toISOString());
    addCase(hallA, 'case-1', '20261101-0001', '王*', '2026-01-05', new Date(now - 60 * 60_000));
    logEvent(hallA, new Date(now - 60 * 60_000), 'zhang', 'case.accepted', null, 1, null, {
      caseId: 'case-1',
      matterId: 'dibao',
      kind: 'promised',
      promisedDate: '2026-01-05',
    });
    logEvent(hallA, new Date(now - 59 * 60_000), 'zhang', 'case.extension-approved', null, 1, null, {
      caseId: 'case-1',
      matterId: 'dibao',
      kind: 'promised',
      promisedDate: '2026-01-05',
    });
    // A 补正 after acceptance (第八条) counts; one asked at intake (收件 → 补正) does not.
    logEvent(hallA, new Date(now - 58 * 60_000), 'zhang', 'case.omission', null, 1, null, {
      caseId: 'case-1',
      matterId: 'dibao',
      kind: 'promised',
      promisedDate: '2026-01-05',
    });
    logEvent(hallA, new Date(now - 57 * 60_000), 'zhang', 'case.accepted', null, 1, null, {
      caseId: 'case-1',
      matterId: 'dibao',
      kind: 'promised',
      promisedDate: '2026-01-05',
    });
    // The leader's 超时查实 of the overdue case: its cause reaches the district, its measure's words do not.
    logEvent(hallA, new Date(now - 56.5 * 60_000), 'leader', 'case.verified', null, 1, null, {
      caseId: 'case-1',
      matterId: 'dibao',
      kind: 'promised',
      promisedDate: '2026-01-05',
      cause: 'centre',
      measure: '批评教育',
    });
    addCase(hallA, 'case-2', '20261101-0002', '李*', null, new Date(now - 60 * 60_000));
    logEvent(hallA, new Date(now - 56 * 60_000), 'zhang', 'case.received', null, 1, null, {
      caseId: 'case-2',
      matterId: 'dibao',
      kind: 'promised',
      promisedDate: null,
    });
    logEvent(hallA, new Date(now - 55 * 60_000), 'zhang', 'case.correction', null, 1, null, {
      caseId: 'case-2',
      matterId: 'dibao',
      kind: 'promised',
      promisedDate: null,
    });
    // The hall's clock moved case-1's date by the days it spent at the higher authority (第九条).
    const shipper = await ship(hallA, 'qiaotou', (id) => (id === 'case-1' ? '2026-01-09' : null));
    const max = (hallA.prepare('SELECT max(id) AS m FROM events').get() as { m: number }).m;
    expect(shipper.state.acknowledged).toBe(max);
    // rating.requested stays in the hall (not on the allow-list); everything else arrives once.
    expect(await count('qiaotou')).toBe(written - 20 + 3 + 1 + 1 + 6 + 1);

    const { halls } = (await get('/api/district/halls')) as { halls: DistrictHall[] };
    const a = halls.find((h) => h.hallId === 'qiaotou')!;
    expect(a).toMatchObject({
      name: '桥头镇便民服务中心',
      level: '乡镇',
      online: true,
      ticketsToday: 23,
      waiting: 3,
      windowsOpen: 2,
      overdueCases: 1,
    });
    // Window 2 never logged a sign-in today but called tickets: it counts as open (staffed).
    expect(a.waitingByCategory).toEqual([{ categoryId: 'social', waiting: 3 }]);
    expect(a.longestWaitMinutes).toBeGreaterThanOrEqual(9);
    expect(a.deviceFaults).toEqual([expect.objectContaining({ kind: 'printer', state: 'paper-out' })]);
    const b = halls.find((h) => h.hallId === 'xincun')!;
    expect(b).toMatchObject({ online: false, lastEventAt: null, ticketsToday: 0, waiting: 0 });

    const cases = await get('/api/district/cases');
    expect(cases.overdue).toEqual([
      expect.objectContaining({
        hallId: 'qiaotou',
        caseNo: '20261101-0001',
        applicantMasked: '王*',
        matterName: '最低生活保障',
        promisedDate: '2026-01-09',
        extensions: 1,
        corrections: 1,
        verifiedCause: 'centre',
      }),
    ]);
    const [verified] = await db.query<{ data: Record<string, unknown> }>(
      "SELECT data FROM events WHERE hall_id = 'qiaotou' AND type = 'case.verified'",
    );
    expect(verified?.data).toMatchObject({ cause: 'centre' });
    expect(verified?.data).not.toHaveProperty('measure');
    const [intake] = await db.query<{ corrections: number; state: string }>(
      "SELECT corrections, state FROM case_status WHERE case_no = '20261101-0002'",
    );
    expect(intake).toEqual({ corrections: 0, state: 'correction' });
    const ratings = await get('/api/district/ratings');
    expect(ratings.byHall).toEqual([{ hallId: 'qiaotou', total: 20, satisfied: 16, bad: 4, notRated: 0 }]);
    expect(ratings.awaitingFollowUp).toHaveLength(4);
    const detail = await get('/api/district/halls/qiaotou');
    expect(detail.windows.find((w: { windowNo: number }) => w.windowNo === 1)).toMatchObject({
      open: true,
      served: 10,
    });
  });

  it('a resend is a no-op; a gap gets out-of-order with the district’s lastSeq', async () => {
    const before = await count('qiaotou');
    const events = (
      await db.query<{ seq: number }>("SELECT seq FROM events WHERE hall_id = 'qiaotou' ORDER BY seq LIMIT 3")
    ).map((r) => r.seq);
    const resend: DistrictBatch = {
      after: 0,
      through: events[2]!,
      timezone: 'Asia/Shanghai',
      events: events.map((seq) => ({
        seq,
        at: new Date().toISOString(),
        type: 'ticket.issued',
        windowNo: null,
        categoryId: 'civil',
        ticketKey: 'resendresend1',
        caseKey: null,
        matterId: null,
        data: {},
      })),
    };
    const res = await post('qiaotou', resend);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { inserted: number }).inserted).toBe(0);
    expect(await count('qiaotou')).toBe(before);
    const [{ last_seq }] = (await db.query<{ last_seq: number }>(
      "SELECT last_seq FROM halls WHERE hall_id = 'qiaotou'",
    )) as [{ last_seq: number }];
    const gap = await post('qiaotou', {
      after: last_seq + 5,
      through: last_seq + 6,
      timezone: 'Asia/Shanghai',
      events: [],
    });
    expect(gap.status).toBe(409);
    expect(await gap.json()).toEqual({
      error: { code: 'out-of-order', message: expect.stringContaining('不连续'), lastSeq: last_seq },
    });
    const backwards = await post('qiaotou', {
      after: last_seq,
      through: last_seq + 3,
      timezone: 'Asia/Shanghai',
      events: [
        {
          seq: last_seq + 2,
          at: new Date().toISOString(),
          type: 'ticket.called',
          windowNo: 1,
          categoryId: null,
          ticketKey: null,
          caseKey: null,
          matterId: null,
          data: {},
        },
        {
          seq: last_seq + 1,
          at: new Date().toISOString(),
          type: 'ticket.called',
          windowNo: 1,
          categoryId: null,
          ticketKey: null,
          caseKey: null,
          matterId: null,
          data: {},
        },
      ],
    });
    expect(backwards.status).toBe(409);
    expect(((await backwards.json()) as { error: { code: string } }).error.code).toBe('out-of-order');
    expect(await count('qiaotou')).toBe(before);
  });

  it('a district restored from an older backup gets the missing events again from the running shipper', async () => {
    const shipper = await ship(hallA, 'qiaotou');
    const all = await db.query<{ seq: number }>("SELECT seq FROM events WHERE hall_id = 'qiaotou' ORDER BY seq");
    const keep = all[Math.floor(all.length / 2)]!.seq;
    // What a restore looks like to this hall: the district's cursor and events end earlier.
    await db.run("DELETE FROM events WHERE hall_id = 'qiaotou' AND seq > $1", [keep]);
    await db.run("UPDATE halls SET last_seq = $1 WHERE hall_id = 'qiaotou'", [keep]);
    logEvent(hallA, new Date(), 'kiosk', 'ticket.issued', 'after-restore', null, 'civil', { number: 'A998' });
    expect(await shipper.runOnce()).toBe('failed'); // 409 out-of-order: the shipper takes the district's lastSeq
    expect(shipper.state.acknowledged).toBe(keep);
    expect(await shipper.runOnce()).toBe('idle');
    const again = await db.query<{ seq: number }>("SELECT seq FROM events WHERE hall_id = 'qiaotou' ORDER BY seq");
    expect(again.map((r) => r.seq)).toEqual([...all.map((r) => r.seq), again[again.length - 1]!.seq]);
  });

  it('a token is valid for its own hall only', async () => {
    const empty = { after: 0, through: 0, timezone: 'Asia/Shanghai', events: [] };
    const none = await post('xincun', empty, '');
    expect(none.status).toBe(401);
    expect(((await none.json()) as { error: { code: string } }).error.code).toBe('no-token');
    const unknown = await post('xincun', empty, 'h_not-a-token');
    expect(unknown.status).toBe(401);
    const other = await post('xincun', empty, tokens.qiaotou);
    expect(other.status).toBe(403);
    expect(await other.json()).toEqual({ error: { code: 'wrong-hall', message: '此令牌只能上报本中心的数据' } });
    expect(await count('xincun')).toBe(0);
    const unauth = await fetch(`${app.url}/api/district/halls`);
    expect(unauth.status).toBe(401);
  });

  it('malformed batches, personal data and oversized requests get a Chinese message and a stable code', async () => {
    const cases: [unknown, number, string][] = [
      ['{not json', 400, 'bad-json'],
      [{ after: 0, through: 0, timezone: 'Asia/Shanghai', events: 'x' }, 400, 'malformed-batch'],
      [{ after: 0, through: 1, timezone: 'Mars/Base', events: [] }, 400, 'malformed-batch'],
      [
        {
          after: 0,
          through: 1,
          timezone: 'Asia/Shanghai',
          events: [
            {
              seq: 1,
              at: 'yesterday',
              type: 'ticket.issued',
              windowNo: null,
              categoryId: null,
              ticketKey: null,
              caseKey: null,
              matterId: null,
              data: {},
            },
          ],
        },
        400,
        'malformed-batch',
      ],
      [
        {
          after: 0,
          through: 1,
          timezone: 'Asia/Shanghai',
          events: [
            {
              seq: 1,
              at: new Date().toISOString(),
              type: 'admin.staff.updated',
              windowNo: null,
              categoryId: null,
              ticketKey: null,
              caseKey: null,
              matterId: null,
              data: {},
            },
          ],
        },
        422,
        'unknown-event-type',
      ],
      [
        {
          after: 0,
          through: 1,
          timezone: 'Asia/Shanghai',
          events: [
            {
              seq: 1,
              at: new Date().toISOString(),
              type: 'ticket.issued',
              windowNo: null,
              categoryId: null,
              ticketKey: null,
              caseKey: null,
              matterId: null,
              data: { note: '110101199003071234' },
            },
          ],
        },
        422,
        'personal-data',
      ],
      [
        {
          after: 0,
          through: 1,
          timezone: 'Asia/Shanghai',
          events: [
            {
              seq: 1,
              at: new Date().toISOString(),
              type: 'ticket.issued',
              windowNo: null,
              categoryId: null,
              ticketKey: null,
              caseKey: null,
              matterId: null,
              data: { x: '电话13812345678' },
            },
          ],
        },
        422,
        'personal-data',
      ],
      [
        {
          after: 0,
          through: 2000,
          timezone: 'Asia/Shanghai',
          events: Array.from({ length: 1001 }, (_, i) => ({
            seq: i + 1,
            at: new Date().toISOString(),
            type: 'ticket.called',
            windowNo: 1,
            categoryId: null,
            ticketKey: null,
            caseKey: null,
            matterId: null,
            data: {},
          })),
        },
        413,
        'batch-too-large',
      ],
      ['x'.repeat(1_100_000), 413, 'body-too-large'],
    ];
    for (const [body, status, code] of cases) {
      const res = await post('xincun', body);
      const json = (await res.json()) as { error: { code: string; message: string } };
      expect([res.status, json.error.code], JSON.stringify(json)).toEqual([status, code]);
      expect(json.error.message).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(await count('xincun')).toBe(0);
  });

  it('a flooding hall is slowed down (429) while another hall keeps shipping', async () => {
    const empty = { after: 0, through: 0, timezone: 'Asia/Shanghai', events: [] };
    const flood = await Promise.all(
      Array.from({ length: 120 }, () =>
        post('xincun', empty).then(async (r) => ({
          status: r.status,
          body: (await r.json()) as { error?: { code: string } },
        })),
      ),
    );
    const slowed = flood.filter((r) => r.status === 429);
    expect(slowed.length).toBeGreaterThan(0);
    expect(slowed[0]!.body.error!.code).toBe('too-many-requests');
    // The other hall is not affected.
    const t = Date.now();
    logEvent(hallA, new Date(t), 'kiosk', 'ticket.issued', 'after-flood', null, 'civil', { number: 'A999' });
    await ship(hallA, 'qiaotou');
    expect(
      (
        await db.query(
          "SELECT 1 FROM events WHERE hall_id = 'qiaotou' AND type = 'ticket.issued' AND data->>'number' = 'A999'",
        )
      ).length,
    ).toBe(1);
  });

  it('reports: each hall and the district total, and who has not submitted a due report', async () => {
    const hallB = openDb(':memory:');
    // Last month: hall B served 4 tickets and generated its month report in its register; hall A did not.
    const lastMonth = new Date();
    lastMonth.setUTCDate(1);
    lastMonth.setUTCMonth(lastMonth.getUTCMonth() - 1);
    lastMonth.setUTCHours(2, 0, 0, 0);
    const key = lastMonth.toISOString().slice(0, 7);
    const monthEnd = new Date(Date.UTC(lastMonth.getUTCFullYear(), lastMonth.getUTCMonth() + 1, 0))
      .toISOString()
      .slice(0, 10);
    hallDay(hallB, lastMonth, 4, 'b');
    hallB
      .prepare(
        "INSERT INTO events (at, actor, type, data) VALUES (?, 'li', 'register.viewed', json_object('kind', 'report:month', 'format', 'pdf', 'from', ?, 'to', ?, 'rows', 0))",
      )
      .run(new Date().toISOString(), `${key}-01`, monthEnd);
    await new Promise((r) => setTimeout(r, 1100)); // let the flood test's bucket refill
    await ship(hallB, 'xincun');
    const report = await get(`/api/district/reports/month?key=${key}`);
    expect(report.from).toBe(`${key}-01`);
    expect(report.rows.find((r: { hallId: string }) => r.hallId === 'xincun')).toMatchObject({
      tickets: 4,
      served: 4,
      ratings: 4,
      bad: 1,
      submitted: true,
    });
    expect(report.missing).toEqual(['qiaotou']);
    expect(report.total.tickets).toBe(report.rows.reduce((s: number, r: { tickets: number }) => s + r.tickets, 0));
    const bad = await fetch(`${app.url}/api/district/reports/month?key=2026-13`, {
      headers: { Authorization: `Bearer ${session}` },
    });
    expect(bad.status).toBe(400);
  });
});
