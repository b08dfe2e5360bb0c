// The issue's smaller holes, one test each: CSV formulas, report years, purge leftovers in the file and
// WAL, database file mode, the public case page, schema prototype keys, check-in in one transaction, CSP.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, statSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { csvCell, parseCsv } from '../../server/contract/csv.ts';
import { csvField } from '../../server/stats/report.ts';
import { catalogueFromCsv, catalogueToCsv } from '../../server/matters/catalogue-csv.ts';
import { openDb } from '../../server/store/db.ts';
import { QueueStore } from '../../server/queue/store.ts';
import { CaseStore } from '../../server/cases/store.ts';
import { purgePersonalData } from '../../server/store/retention.ts';
import { isWorkingDay } from '../../server/calendar/working-days.ts';
import { obj, optional, parse, record, str } from '../../server/contract/schema.ts';
import { manualClock, testConfig } from '../helpers/config.ts';
import { getJson, postJson, requestJson, startTestServer, staffToken, type TestServer } from '../helpers/server.ts';

describe('one formula-guarded CSV writer', () => {
  it('quotes a leading = + - @ tab so Excel and WPS show text, and parseCsv takes the mark off again', () => {
    for (const evil of ['=HYPERLINK("http://evil.example","点我")', '+1+1', '-2+3', '@SUM(A1)', '\t=1']) {
      const cell = csvCell(evil);
      expect(cell.replace(/^"/, '')[0]).toBe("'");
      expect(parseCsv(`a,${cell}\n`)[0]!.fields[1]).toBe(evil);
    }
    expect(csvCell('张*三')).toBe('张*三');
    expect(csvField(-3)).toBe('-3'); // a number in a report is data
    expect(csvField('=1')).toBe("'=1");
  });

  it('the catalogue export guards a formula in a matter name and re-imports it unchanged', () => {
    const csv = catalogueToCsv([
      { id: 'x-01', name: '=cmd|"/c calc"!A1', type: '公共服务', body: '街道', department: '民政', categoryId: null },
    ]);
    expect(csv).toContain(`"'=cmd|""/c calc""!A1"`);
    expect(catalogueFromCsv(csv, 'street').rows[0]!.name).toBe('=cmd|"/c calc"!A1');
  });
});

describe('schema keys', () => {
  it('constructor, __proto__ and toString are unknown fields like any other', () => {
    const schema = obj({ a: optional(str()) });
    for (const key of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
      const r = parse(schema, JSON.parse(`{"${key}": {"x": 1}}`));
      expect(r.ok, key).toBe(false);
    }
    const rec = parse(record(str()), JSON.parse('{"__proto__": "x"}'));
    expect(rec.ok && Object.getPrototypeOf(rec.value)).toBe(Object.prototype);
    expect(rec.ok && Object.keys(rec.value)).toEqual(['__proto__']);
  });
});

describe('retention purge leaves nothing in the file or the WAL', () => {
  it('secure_delete and a truncating checkpoint: the old names, IDs and notes are gone from the bytes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'purge-bytes-'));
    const file = join(dir, 'kiosk.sqlite');
    const clock = manualClock('2026-09-01T02:00:00Z');
    const db = openDb(file);
    const config = testConfig();
    const store = new QueueStore(db, config, clock, () => true);
    const cases = new CaseStore(db, clock, 'Asia/Shanghai', isWorkingDay);
    const marker = 'QQXXMARKERNAME';
    const note = 'NOTE-CALL-13800001111';
    const t = store.issue(
      { categoryId: 'civil', idHash: 'HASH-MARKER-0001', idMasked: '6527**********9999', nameMasked: marker },
      'kiosk',
    ).ticket;
    const matter = { id: 'street-03', name: '测试事项', categoryId: 'civil', guide: null } as never;
    const c = cases.accept({
      matter,
      windowNo: 4,
      staffId: 'w4a',
      ticketId: t.id,
      applicantMasked: marker,
      kind: 'promised',
      promisedDays: 3,
    });
    // The 限时办结 facts carry free text too: an authority's note, an extension's reason, an applicant delay's.
    cases.report(c.id, { authority: '市民政局' }, 'w4a');
    cases.returnFromAuthority(c.id, { outcome: 'returned', note: `${note}-return` }, 'w4a');
    cases.requestExtension(c.id, { days: 2, reason: `${note}-extension` }, 'w4a');
    cases.applicantDelay(c.id, { days: 1, reason: `${note}-delay` }, 'w4a');
    cases.advance(c.id, 'finished', `${note}-history`, 'w4a');
    cases.accept({
      matter,
      windowNo: 4,
      staffId: 'w4a',
      ticketId: null,
      applicantMasked: null,
      rejectReason: `${note}-reason`,
    });
    const bytes = () =>
      [file, `${file}-wal`]
        .filter(existsSync)
        .map((f) => readFileSync(f).toString('latin1'))
        .join('');
    expect(bytes()).toContain(marker);
    expect(bytes()).toContain(note);
    const result = purgePersonalData(db, '2026-10-01', clock().toISOString());
    expect(result.tickets).toBe(1);
    expect(result.text).toBeGreaterThanOrEqual(3);
    expect(bytes()).not.toContain(marker);
    expect(bytes()).not.toContain(note);
    expect(bytes()).not.toContain('HASH-MARKER-0001');
    // 0600: the database is the server user's alone.
    expect(statSync(file).mode & 0o777).toBe(0o600);
    db.close();
  });
});

describe('over HTTP', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => server?.stop());

  it('a report for year 0000 (or 9999) is refused at once instead of blocking the server', async () => {
    const admin = (await postJson<{ token: string }>(`${server.url}/api/login`, { staffId: 'admin', pin: 'admin2026' }))
      .body.token;
    for (const key of ['0000-01', '0001-12', '9999-12', '1899-01']) {
      const r = await getJson<any>(`${server.url}/api/admin/report?kind=month&key=${key}&format=csv`, admin);
      expect(r.status, key).toBe(400);
    }
    expect((await getJson<any>(`${server.url}/api/admin/report?kind=quarter&key=0000-Q1`, admin)).status).toBe(400);
    expect(
      (
        await fetch(`${server.url}/api/admin/report?kind=month&key=2026-11&format=csv`, {
          headers: { Authorization: `Bearer ${admin}` },
        })
      ).status,
    ).toBe(200);
  });

  it("the public case page shows the state history but not staff's internal notes", async () => {
    const token = await staffToken(server.url, 4);
    const c = (
      await postJson<any>(
        `${server.url}/api/windows/4/cases`,
        { matterId: 'gl-04', kind: 'promised', promisedDays: 3 },
        token,
      )
    ).body.case;
    expect(
      (
        await postJson(
          `${server.url}/api/cases/${c.id}/state`,
          { to: 'finished', note: '内部：申请人电话13800001111，材料待核' },
          token,
        )
      ).status,
    ).toBe(200);
    const pub = await requestJson<any>(server.url, 'GET', `/api/cases/${c.id}`, { from: '127.0.0.2' });
    expect(pub.status).toBe(200);
    expect(pub.body.case.history.map((h: { state: string }) => h.state)).toContain('finished');
    expect(JSON.stringify(pub.body)).not.toContain('13800001111');
  });

  it('check-in writes the ticket and the checked-in mark in one transaction: if the mark fails, no ticket', async () => {
    const token = await staffToken(server.url, 4);
    const date = server.app.ctx.store.today();
    const a = (
      await postJson<any>(
        `${server.url}/api/appointments`,
        { categoryId: 'civil', date, slotFrom: '00:00', slotTo: '23:59' },
        token,
      )
    ).body.appointment;
    const db = server.app.ctx.db;
    const before = (db.prepare('SELECT COUNT(*) AS n FROM tickets').get() as { n: number }).n;
    db.exec(
      "CREATE TRIGGER fail_checkin BEFORE UPDATE OF status ON appointments BEGIN SELECT RAISE(ABORT, 'simulated failure'); END",
    );
    const r = await postJson<any>(`${server.url}/api/appointments/check-in`, { code: a.code });
    expect(r.status).toBe(500);
    expect((db.prepare('SELECT COUNT(*) AS n FROM tickets').get() as { n: number }).n).toBe(before);
    db.exec('DROP TRIGGER fail_checkin');
    const ok = await postJson<any>(`${server.url}/api/appointments/check-in`, { code: a.code });
    expect(ok.status).toBe(201);
    expect(db.prepare('SELECT status, ticket_id FROM appointments WHERE id = ?').get(a.id)).toEqual({
      status: 'checked-in',
      ticket_id: ok.body.ticket.id,
    });
  });

  it('appointments are bounded to the next 90 days', async () => {
    const token = await staffToken(server.url, 4);
    const r = await postJson<any>(
      `${server.url}/api/appointments`,
      { categoryId: 'civil', date: '2099-12-31', slotFrom: '10:00', slotTo: '10:30' },
      token,
    );
    expect(r.status).toBe(400);
    expect(r.body.error.message).toMatch(/90 天/);
  });

  it('pages and API answers carry a Content-Security-Policy with frame-ancestors none', async () => {
    for (const path of ['/kiosk', '/console/3', '/api/health']) {
      const res = await fetch(`${server.url}${path}`);
      expect(res.headers.get('content-security-policy'), path).toMatch(/frame-ancestors 'none'/);
      expect(res.headers.get('content-security-policy')).toMatch(/script-src 'self'/);
      expect(res.headers.get('x-frame-options')).toBe('DENY');
    }
  });
});
