// Issue 22 ⑧: 低保 and 廉租房 are received 每月1-10日, 《就业失业登记证》年审 每年3-5月 (seed 004 附件2).
// The kiosk and the 一次性告知单 say when; a window accepting outside it is warned, not blocked (the
// centre may still take the application), and the case keeps that it was accepted outside the window.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderModel } from '../../drivers/printer/render-model.ts';
import { getJson, postJson, staffToken, startTestServer, type TestServer } from '../helpers/server.ts';
import { manualClock } from '../helpers/config.ts';
import { intakeOpen } from '../../server/contract/matters.ts';
import { noticeSlip } from '../../server/printing/index.ts';
import { loadConfig } from '../../server/config/load.ts';
import { openCatalogue } from '../../server/matters/open-catalogue.ts';

const CONFIG = new URL('../../config', import.meta.url).pathname;

describe('intake windows as the guide gives them', () => {
  const config = loadConfig(CONFIG);
  const catalogue = openCatalogue(CONFIG, config);

  it('the guides of 低保, 廉租房 and 年审 carry their windows; others none', () => {
    expect(catalogue.get('street-03')!.guide!.intake).toEqual({
      text: '每月1-10日',
      monthDays: { from: 1, to: 10 },
      months: null,
    });
    expect(catalogue.get('gl-02')!.guide!.intake?.text).toBe('每月1-10日');
    expect(catalogue.get('gl-16')!.guide!.intake).toEqual({
      text: '每年3-5月',
      monthDays: null,
      months: { from: 3, to: 5 },
    });
    expect(catalogue.get('gl-04')!.guide!.intake ?? null).toBeNull();
  });

  it('intakeOpen counts the first and last days in', () => {
    const dibao = catalogue.get('street-03')!.guide!.intake!;
    expect(intakeOpen(dibao, '2026-12-01')).toBe(true);
    expect(intakeOpen(dibao, '2026-12-10')).toBe(true);
    expect(intakeOpen(dibao, '2026-12-11')).toBe(false);
    const review = catalogue.get('gl-16')!.guide!.intake!;
    expect(intakeOpen(review, '2027-03-01')).toBe(true);
    expect(intakeOpen(review, '2027-05-31')).toBe(true);
    expect(intakeOpen(review, '2027-06-01')).toBe(false);
    expect(intakeOpen(review, '2027-02-28')).toBe(false);
  });

  it('the 一次性告知单 says when', () => {
    const job = noticeSlip({
      matter: catalogue.get('street-03')!,
      center: config.center,
      columns: 48,
      printedAt: '2026-11-23T02:00:00Z',
    });
    const flat = renderModel(job, { widthDots: 576 }).lines.join('').replace(/\s+/g, '');
    expect(flat).toContain('【受理时间】每月1-10日');
  });
});

describe.each([
  ['2026-11-23T02:00:00Z', false],
  ['2026-12-02T02:00:00Z', true],
])('a 低保 case accepted on %s (inside the window: %s)', (now, inside) => {
  let server: TestServer;
  let token: string;
  beforeAll(async () => {
    server = await startTestServer({ clock: manualClock(now) });
    token = await staffToken(server.url, 4);
  });
  afterAll(async () => server?.stop());

  it('the kiosk is told the window and whether it is open today', async () => {
    const r = await getJson<{ intake: { text: string; open: boolean } | null }>(`${server.url}/api/matters/street-03`);
    expect(r.body.intake).toEqual({ text: '每月1-10日', open: inside });
    const none = await getJson<{ intake: unknown }>(`${server.url}/api/matters/gl-04`);
    expect(none.body.intake).toBeNull();
  });

  it('the window is warned, not blocked, and the case records it', async () => {
    const made = await postJson<{ case: { id: string }; intakeWarning: string | null }>(
      `${server.url}/api/windows/4/cases`,
      { matterId: 'street-03', kind: 'promised' },
      token,
    );
    expect(made.status).toBe(201);
    if (inside) expect(made.body.intakeWarning).toBeNull();
    else expect(made.body.intakeWarning).toContain('每月1-10日');
    const got = await getJson<{ case: { intakeOutside?: string | null } }>(
      `${server.url}/api/cases/${made.body.case.id}`,
      token,
    );
    if (inside) expect(got.body.case.intakeOutside).toBeNull();
    else expect(got.body.case.intakeOutside).toMatch(/每月1-10日/);
    // the public view (the receipt's QR) does not carry the window's note
    const pub = await getJson<{ case: Record<string, unknown> }>(`${server.url}/api/cases/${made.body.case.id}`);
    expect(pub.body.case).not.toHaveProperty('intakeOutside');
  });
});
