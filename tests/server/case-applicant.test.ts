// Issue 24 ⑦: accepting a case names the applicant — typed at the console (name, phone, ID number optional)
// or from the ID card read at the kiosk for the ticket served. The receipt and the A4 page show it masked
// (张*三, 3201**********1232, 138****1234), the 办件台账 keeps the name and phone the resident gave, nothing
// reaches the log, hostile input is refused with a Chinese message, and the retention purge erases it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getJson, postJson, staffToken, startTestServer, WsRecorder, type TestServer } from '../helpers/server.ts';
import { manualClock } from '../helpers/config.ts';
import { renderModel } from '../../drivers/printer/render-model.ts';
import { dotsForColumns } from '../../drivers/printer/commands.ts';
import type { CaseRecord } from '../../server/contract/cases.ts';
import { purgePersonalData } from '../../server/store/retention.ts';
import { ZHANG_SAN } from '../drivers/idcard-fixtures.ts';

const ID = '320102199001011232'; // a valid check digit (GB 11643)
const clock = manualClock('2026-11-02T02:00:00Z');
let server: TestServer;
let w4: string;
type Answer = { case: CaseRecord; error?: { code: string; message: string } };
const accept = (body: Record<string, unknown>) =>
  postJson<Answer>(`${server.url}/api/windows/4/cases`, { matterId: 'street-03', kind: 'promised', ...body }, w4);
const printed = () =>
  renderModel(server.sim.printedJobs().at(-1)!, {
    widthDots: dotsForColumns(server.app.devices.set.printer.columns),
  })
    .lines.map((l) => l.trim())
    .join('\n');

beforeAll(async () => {
  server = await startTestServer({ clock });
  w4 = await staffToken(server.url, 4);
});
afterAll(async () => server?.stop());

describe('the applicant at acceptance', () => {
  it('typed: masked on the receipt and the A4 page, whole in the 办件台账, never in the log', async () => {
    const r = await accept({ applicant: { name: ' 张小三 ', phone: '138 1234 1234', idNumber: ID.toLowerCase() } });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body.case).toMatchObject({
      applicantMasked: '张*三',
      applicantIdMasked: '3201**********1232',
      applicantPhoneMasked: '138****1234',
    });
    expect((await postJson(`${server.url}/api/cases/${r.body.case.id}/print`, {}, w4)).status).toBe(200);
    const receipt = printed();
    expect(receipt).toContain('张*三');
    expect(receipt).toContain('3201**********1232');
    expect(receipt).toContain('138****1234');
    expect(receipt).not.toContain('未登记');
    const page = await (
      await fetch(`${server.url}/api/cases/${r.body.case.id}/document`, { headers: { Authorization: `Bearer ${w4}` } })
    ).text();
    expect(page).toContain('张*三');
    expect(page).toContain('3201**********1232');
    expect(page).toContain('138****1234');
    expect(page).not.toContain('未登记');
    for (const text of [receipt, page]) {
      expect(text).not.toContain('张小三');
      expect(text).not.toContain('13812341234');
      expect(text).not.toContain(ID);
    }
    // The 办件台账 (seed 002 篇1) keeps what the resident gave; never the ID number.
    const reg = await getJson<{ rows: unknown[][] }>(
      `${server.url}/api/registers/cases?from=2026-11-02&to=2026-11-02&format=json`,
      w4,
    );
    expect(reg.status).toBe(200);
    const csv = await (
      await fetch(`${server.url}/api/registers/cases?from=2026-11-02&to=2026-11-02&format=csv`, {
        headers: { Authorization: `Bearer ${w4}` },
      })
    ).text();
    const row = csv.split('\r\n').find((l) => l.includes(r.body.case.caseNo))!;
    expect(row).toContain('张小三');
    expect(row).toContain('13812341234');
    expect(csv).not.toContain(ID);
    const logs = server.logs.join('\n');
    for (const secret of ['张小三', '13812341234', '138 1234 1234', ID, ID.toLowerCase()])
      expect(logs).not.toContain(secret);
  });

  it('from the ID card read at the kiosk for the ticket being served', async () => {
    const kiosk = new WsRecorder(server.url, 'kiosk');
    await kiosk.opened;
    server.sim.insertCard(ZHANG_SAN);
    const read = await kiosk.waitFor('idcard.read');
    kiosk.close();
    const t = await postJson<{ ticket: { id: string } }>(`${server.url}/api/tickets`, {
      categoryId: 'civil',
      readToken: read.card.readToken,
    });
    expect(t.status).toBe(201);
    expect((await postJson(`${server.url}/api/windows/4/call-next`, {}, w4)).status).toBe(200);
    const r = await accept({ applicant: { phone: '0909-2345678' } });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body.case).toMatchObject({
      ticketId: t.body.ticket.id,
      applicantMasked: '张*',
      applicantIdMasked: '6527**********1233',
      applicantPhoneMasked: '********5678',
    });
    await postJson(`${server.url}/api/windows/4/finish`, {}, w4);
  });

  it('refuses hostile or malformed applicants with invalid-applicant and a Chinese message', async () => {
    const bad: [unknown, string][] = [
      [{ name: '<script>alert(1)</script>' }, 'invalid-applicant'],
      [{ name: '张三3' }, 'invalid-applicant'],
      [{ name: '张\u0000三' }, 'invalid-applicant'],
      [{ name: '张三', phone: '12345' }, 'invalid-applicant'],
      [{ name: '张三', phone: '138123412345' }, 'invalid-applicant'],
      [{ name: '张三', idNumber: '320102199001011233' }, 'invalid-applicant'], // wrong check digit
      [{ idNumber: ID }, 'invalid-applicant'], // whose number?
      [{ name: '张'.repeat(61) }, 'invalid-body'],
      [{ name: '张三', extra: 'x' }, 'invalid-body'],
      [{ name: 12 }, 'invalid-body'],
      ['张三', 'invalid-body'],
    ];
    for (const [applicant, code] of bad) {
      const r = await accept({ applicant });
      expect(r.status, JSON.stringify(applicant)).toBe(400);
      expect(r.body.error?.code, JSON.stringify(applicant)).toBe(code);
      expect(r.body.error?.message).toMatch(/[\u4e00-\u9fff]/);
    }
    // 古丽米拉·阿不都 (a minority name with its middle dot) is a name.
    expect((await accept({ applicant: { name: '古丽米拉·阿不都' } })).body.case.applicantMasked).toBe('古******都');
  });

  it('is erased by the retention purge with the rest of the case’s personal data', async () => {
    const r = await accept({ applicant: { name: '李四', phone: '13900001111', idNumber: ID } });
    const id = r.body.case.id;
    purgePersonalData(server.app.ctx.db, '2026-11-03', '2026-12-03T02:00:00Z');
    const after = await getJson<{ case: CaseRecord }>(`${server.url}/api/cases/${id}`, w4);
    expect(after.body.case).toMatchObject({
      applicantMasked: null,
      applicantIdMasked: null,
      applicantPhoneMasked: null,
    });
  });
});
