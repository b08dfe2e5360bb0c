// End to end: a real hall server (tests/helpers/server.ts) with center.json `district` set ships to a district
// server (PGlite); the hall never waits for the district (down or up); the district page shows the hall.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import { rmSync } from 'node:fs';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { testConfig } from '../helpers/config.ts';
import { launchBrowser, artifact } from '../helpers/browser.ts';
import type { DistrictDb } from '../../server/district/database.ts';
import { startDistrictServer, type RunningDistrict } from '../../server/district/http.ts';
import { addHall, setPassword } from '../../server/district/accounts.ts';
import type { DistrictHall } from '../../server/contract/district.ts';
import { freePort, freshDistrictDb } from './postgres.ts';
import { openDb } from '../../server/store/db.ts';
import { DistrictShipper } from '../../server/district-link/shipper.ts';
import { addCase, hallDay, logEvent } from './hall-events.ts';

describe('a hall shipping to the district, and the district page', () => {
  let db: DistrictDb;
  let district: RunningDistrict | null = null;
  let hall: TestServer;
  let districtPort: number;
  let token: string;
  let dataDir: string | undefined;

  beforeAll(async () => {
    ({ db, dataDir } = await freshDistrictDb('pglite', null));
    token = await addHall(db, 'qiaotou', '桥头镇便民服务中心', '乡镇', null);
    await setPassword(db, 'jiancha', 'district-pass-1');
    districtPort = await freePort();
    // The hall starts while the district is down.
    const config = { ...testConfig(), district: { url: `http://127.0.0.1:${districtPort}`, hallId: 'qiaotou', token } };
    hall = await startTestServer({ config });
  }, 60_000);

  afterAll(async () => {
    await hall?.stop();
    await district?.stop();
    await db?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('the hall serves at full speed with the district down, and catches up once it is up', async () => {
    const started = performance.now();
    for (let i = 0; i < 5; i++) {
      const res = await fetch(`${hall.url}/api/tickets`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ categoryId: 'civil' }),
      });
      expect(res.status).toBe(201);
    }
    expect(performance.now() - started).toBeLessThan(3000);
    hall.sim.setPaper('out');
    district = await startDistrictServer({
      db,
      port: districtPort,
      host: '127.0.0.1',
      distDir: resolve(import.meta.dirname, '../../dist'),
    });
    const deadline = Date.now() + 60_000;
    let a: DistrictHall | undefined;
    const login = await fetch(`${district.url}/api/district/login`, {
      method: 'POST',
      body: JSON.stringify({ user: 'jiancha', password: 'district-pass-1' }),
    });
    const session = ((await login.json()) as { token: string }).token;
    // The shipper's back-off after the failures is at most a few seconds here (first failures back off from 1 s).
    while (Date.now() < deadline) {
      const r = await fetch(`${district.url}/api/district/halls`, { headers: { Authorization: `Bearer ${session}` } });
      a = ((await r.json()) as { halls: DistrictHall[] }).halls[0];
      if (a?.ticketsToday === 5 && a.deviceFaults.length) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(a).toMatchObject({ hallId: 'qiaotou', online: true, ticketsToday: 5, waiting: 5 });
    expect(a!.deviceFaults).toEqual([expect.objectContaining({ kind: 'printer', state: 'paper-out' })]);
    expect(hall.logs.some((l) => l.includes('区级上报暂不可用'))).toBe(true);
  }, 90_000);

  it('the district page shows the hall, its detail, and the reports (Chinese, nothing personal)', async () => {
    // A second hall (a village station) with an overdue case and bad ratings, shipped by its own shipper.
    const station = openDb(':memory:');
    const now = Date.now();
    hallDay(station, new Date(now - 3 * 3_600_000), 12, 's');
    addCase(station, 'sc1', '20261101-0003', '赵*', '2026-01-05', new Date(now - 3_600_000));
    logEvent(station, new Date(now - 3_600_000), 'li', 'case.accepted', null, 1, null, {
      caseId: 'sc1',
      matterId: 'dibao',
      kind: 'promised',
      promisedDate: '2026-01-05',
    });
    const stationToken = await addHall(db, 'xincun', '新村便民服务站', '村', 'qiaotou');
    const shipper = new DistrictShipper({
      db: station,
      url: district!.url,
      hallId: 'xincun',
      token: stationToken,
      timezone: 'Asia/Shanghai',
      categories: [{ id: 'civil', name: '民政' }],
    });
    expect(await shipper.runOnce()).toBe('idle');
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
      await page.goto(`${district!.url}/district`);
      await page.fill('input[autocomplete=username]', 'jiancha');
      await page.fill('input[type=password]', 'district-pass-1');
      await page.click('button[type=submit]');
      const row = page.locator('[data-testid=halls] tbody tr', { hasText: '桥头镇便民服务中心' });
      await row.waitFor();
      expect(await row.textContent()).toContain('打印机缺纸');
      // Categories by the hall's own Chinese names.
      expect(await row.textContent()).toContain('民政 5');
      await page.locator('[data-testid=chart-waiting]').waitFor();
      await page.screenshot({ path: artifact('district-halls.png'), fullPage: true });
      await row.click();
      await page.getByText('今日各时段取号').waitFor();
      await page.screenshot({ path: artifact('district-hall-detail.png'), fullPage: true });
      await page.getByRole('button', { name: '限时办结监察' }).click();
      await page.getByText('按中心和事项').waitFor();
      await page.getByText('20261101-0003').waitFor();
      expect(await page.locator('main').textContent()).toContain('赵*');
      await page.screenshot({ path: artifact('district-cases.png'), fullPage: true });
      await page.getByRole('button', { name: '好差评' }).click();
      await page.getByText('差评待整改').waitFor();
      await page.getByText('等候时间太长').first().waitFor();
      await page.screenshot({ path: artifact('district-ratings.png'), fullPage: true });
      await page.getByRole('button', { name: '报表' }).click();
      await page.locator('[data-testid=report]').waitFor();
      expect(await page.locator('[data-testid=report]').textContent()).toContain('全区合计');
      await page.screenshot({ path: artifact('district-report.png'), fullPage: true });
    } finally {
      await browser.close();
    }
  }, 60_000);
});
