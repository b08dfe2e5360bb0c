// The rating tablet and the admin pages against the whole server in Chromium: a resident rates at
// /rate/3, the admin sees the charts, exports the monthly report, records the follow-up of a bad rating,
// edits the configuration live; window staff get 403 on every admin route. Screenshots: tests/artifacts/.
import { copyTestConfig } from '../helpers/config.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { artifact, launchBrowser, signInConsole } from '../helpers/browser.ts';
import { testConfig } from '../helpers/config.ts';
import {
  getJson,
  pairTablet,
  postJson,
  rateAs,
  staffToken,
  startTestServer,
  WsRecorder,
  type TestServer,
} from '../helpers/server.ts';
import type { Ticket } from '../../server/contract/queue.ts';

let server: TestServer;
let browser: Browser;
let configDir: string;
let staff3: string;

async function serveAt(windowNo: number, categoryId: string, token: string): Promise<Ticket> {
  const r = await postJson<{ ticket: Ticket }>(`${server.url}/api/tickets`, { categoryId });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  expect((await postJson(`${server.url}/api/windows/${windowNo}/call-next`, {}, token)).status).toBe(200);
  expect((await postJson(`${server.url}/api/windows/${windowNo}/finish`, {}, token)).status).toBe(200);
  return r.body.ticket;
}

async function put(path: string, body: unknown, token?: string) {
  const res = await fetch(`${server.url}${path}`, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as any };
}

beforeAll(async () => {
  for (const page of ['admin', 'rate']) {
    if (!existsSync(new URL(`../../dist/${page}.html`, import.meta.url).pathname))
      throw new Error(`dist/${page}.html 不存在：请先运行 npx vite build`);
  }
  // Admin edits write the config folder: a copy, never the repository's config/.
  configDir = mkdtempSync(join(tmpdir(), 'admin-e2e-config-'));
  copyTestConfig(new URL('../../config', import.meta.url).pathname, configDir);
  server = await startTestServer({
    config: { ...testConfig(), dir: configDir },
    clock: () => new Date(Date.now() + offset),
  });
  await busyYesterday();
  // A promised case accepted on a fixed past day with one working day: overdue now (限时办结 supervision).
  // A fixed day inside the holiday calendar's years, so the test does not depend on today's year.
  offset = Date.parse('2026-11-09T02:00:00Z') - Date.now();
  const civil = await staffToken(server.url, 4);
  const overdue = await postJson(
    `${server.url}/api/windows/4/cases`,
    { matterId: 'street-03', kind: 'promised', promisedDays: 1 },
    civil,
  );
  expect(overdue.status, JSON.stringify(overdue.body)).toBe(201);
  offset = 0;
  browser = await launchBrowser();
  staff3 = await staffToken(server.url, 3);
}, 120_000);

/** The server's clock runs `offset` ms from real time: yesterday's history is made by moving it back. */
let offset = 0;
const chinaDate = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
const yesterday = chinaDate(new Date(Date.now() - 86_400_000));

/**
 * A realistic day for the charts, through the real HTTP routes: tickets arrive minute by minute with a
 * morning and an afternoon peak; windows 1–4 call, serve 6–20 minutes, finish; most residents rate.
 */
async function busyYesterday(): Promise<void> {
  const at = (minute: number) => (offset = Date.parse(`${yesterday}T08:00:00+08:00`) + minute * 60_000 - Date.now());
  at(30);
  const windows = [
    { no: 1, category: 'consult' },
    { no: 2, category: 'health' },
    { no: 3, category: 'labor' },
    { no: 4, category: 'civil' },
  ];
  const tokens = new Map<number, string>();
  for (const w of windows) tokens.set(w.no, await staffToken(server.url, w.no));
  // Each window's rating tablet, paired once by its staff.
  const tablets = new Map<number, string>();
  for (const w of windows) tablets.set(w.no, await pairTablet(server.url, w.no, tokens.get(w.no)!));
  // Tickets per hour from 09:00 to 17:00: a morning peak at 10, an afternoon one at 15.
  const perHour = [6, 18, 12, 5, 2, 6, 15, 9, 3];
  const busyUntil = new Map<number, number>();
  const current = new Map<number, string>();
  const verdicts = [
    'very-satisfied',
    'very-satisfied',
    'satisfied',
    'very-satisfied',
    'basic',
    'satisfied',
    null,
    'very-satisfied',
    'dissatisfied',
    'satisfied',
    'very-satisfied',
    'very-dissatisfied',
  ];
  let served = 0;
  let issued = 0;
  for (let minute = 60; minute <= 12 * 60; minute++) {
    at(minute);
    const hour = Math.floor(minute / 60) - 1;
    const count = perHour[hour] ?? 0;
    // Spread the hour's tickets evenly over its first 50 minutes.
    const slots = new Set(Array.from({ length: count }, (_, k) => Math.floor((k * 50) / count)));
    if (slots.has(minute % 60)) {
      const w = windows[issued++ % windows.length]!;
      expect((await postJson(`${server.url}/api/tickets`, { categoryId: w.category })).status).toBe(201);
    }
    for (const w of windows) {
      const token = tokens.get(w.no)!;
      if (current.has(w.no) && minute >= busyUntil.get(w.no)!) {
        expect((await postJson(`${server.url}/api/windows/${w.no}/finish`, {}, token)).status).toBe(200);
        const verdict = verdicts[served++ % verdicts.length];
        if (verdict) {
          const body = {
            ticketId: current.get(w.no),
            value: verdict,
            ...(verdict.endsWith('dissatisfied') ? { reasons: ['等候时间太长'] } : {}),
          };
          expect((await rateAs(server.url, w.no, body, tablets.get(w.no))).status).toBe(200);
        }
        current.delete(w.no);
      }
      if (!current.has(w.no)) {
        const r = await postJson<{ call?: { ticketId: string } }>(
          `${server.url}/api/windows/${w.no}/call-next`,
          {},
          token,
        );
        if (r.status === 200 && r.body.call) {
          current.set(w.no, r.body.call.ticketId);
          busyUntil.set(w.no, minute + 6 + ((served * 7 + w.no * 5) % 15));
        }
      }
    }
  }
  expect(current.size).toBe(0);
}

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('rating tablet (/rate/3)', () => {
  let tablet: Page;

  it('a new tablet asks for the pairing code from the window console; a wrong code is refused, the right one pairs it', {
    timeout: 60_000,
  }, async () => {
    tablet = await (await browser.newContext({ viewport: { width: 1024, height: 600 }, locale: 'zh-CN' })).newPage();
    await tablet.goto(`${server.url}/rate/3`);
    await tablet.locator('[data-testid=rate-pair]').waitFor();
    // The clerk presses 评价器配对 on her console and reads the code off it.
    const consolePage = await (
      await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' })
    ).newPage();
    await signInConsole(consolePage, server.url, 3);
    await consolePage.locator('[data-testid=pairing-button]').click();
    const shown = consolePage.locator('[data-testid=pairing-code]');
    await shown.waitFor();
    await consolePage.screenshot({ path: artifact('console-3-pairing-code.png') });
    const code = { body: { code: await shown.locator('b').innerText() } };
    expect(code.body.code).toMatch(/^\d{6}$/);
    await consolePage.context().close();
    const wrong = code.body.code === '000000' ? '111111' : '000000';
    for (const d of wrong) await tablet.getByRole('button', { name: d, exact: true }).click();
    await tablet.locator('[data-testid=rate-pair-submit]').click();
    await tablet.getByRole('alert').filter({ hasText: '配对码不正确' }).waitFor();
    for (const d of code.body.code) await tablet.getByRole('button', { name: d, exact: true }).click();
    await tablet.screenshot({ path: artifact('rate-3-pair.png') });
    await tablet.locator('[data-testid=rate-pair-submit]').click();
    // The tablet's own 确认 (issue #23 item 6): the window number, then the pairing is stored.
    await tablet.locator('[data-testid=rate-pair-confirm]').filter({ hasText: '号窗口配对' }).waitFor();
    await tablet.screenshot({ path: artifact('rate-3b-pair-confirm.png') });
    await tablet.locator('[data-testid=rate-pair-confirm-button]').click();
    await tablet.locator('[data-testid=rate-idle]').waitFor();
    expect((await tablet.context().cookies()).map((c) => c.name)).toContain('rate_device');
  });

  it('shows the finished ticket with five buttons and a countdown; a bad rating asks for reasons, then thanks', {
    timeout: 60_000,
  }, async () => {
    await tablet.locator('[data-testid=rate-idle]').waitFor();
    await tablet.screenshot({ path: artifact('rate-3-idle.png') });

    const t1 = await serveAt(3, 'labor', staff3);
    await tablet.locator('[data-testid=rate-number]', { hasText: t1.number }).waitFor();
    for (const name of ['非常满意', '满意', '基本满意', '不满意', '非常不满意'])
      await tablet.getByRole('button', { name, exact: true }).waitFor();
    const seconds = Number(await tablet.locator('[data-testid=rate-countdown] b').innerText());
    expect(seconds).toBeGreaterThan(50);
    expect(seconds).toBeLessThanOrEqual(60);
    await tablet.screenshot({ path: artifact('rate-3-ask.png') });

    await tablet.locator('[data-testid=rate-very-dissatisfied]').click();
    await tablet.locator('[data-testid=rate-reasons]').waitFor();
    await tablet.getByRole('button', { name: '等候时间太长' }).click();
    await tablet.getByRole('button', { name: '办事效率低' }).click();
    await tablet.screenshot({ path: artifact('rate-3-reasons.png') });
    await tablet.locator('[data-testid=rate-submit]').click();
    await tablet.locator('[data-testid=rate-thanks]').waitFor();
    await tablet.screenshot({ path: artifact('rate-3-thanks.png') });
    const row = server.app.ctx.db
      .prepare('SELECT value, reasons, staff_id FROM ratings WHERE ticket_id = ?')
      .get(t1.id) as { value: string; reasons: string; staff_id: string };
    expect(row).toEqual({
      value: 'very-dissatisfied',
      reasons: JSON.stringify(['等候时间太长', '办事效率低']),
      staff_id: 'w3a',
    });
  });

  it('a good rating is one tap; a reload while pending shows the pending ticket again', {
    timeout: 30_000,
  }, async () => {
    const t2 = await serveAt(3, 'labor', staff3);
    await tablet.locator('[data-testid=rate-number]', { hasText: t2.number }).waitFor();
    await tablet.reload();
    await tablet.locator('[data-testid=rate-number]', { hasText: t2.number }).waitFor();
    await tablet.locator('[data-testid=rate-satisfied]').click();
    await tablet.locator('[data-testid=rate-thanks]').waitFor();
    expect(
      (server.app.ctx.db.prepare('SELECT value FROM ratings WHERE ticket_id = ?').get(t2.id) as { value: string })
        .value,
    ).toBe('satisfied');
  });

  it('refuses a verdict for a ticket that is not pending at that window', async () => {
    const staff4 = await staffToken(server.url, 4);
    const tablet4 = await pairTablet(server.url, 4, staff4);
    const t = await serveAt(4, 'civil', staff4);
    const wrongWindow = await rateAs(server.url, 4, { ticketId: 'no-such-ticket', value: 'very-satisfied' }, tablet4);
    expect(wrongWindow.status).toBe(404);
    expect(wrongWindow.body.error.message).toMatch(/没有该号码的待评价记录/);
    const good = await rateAs(server.url, 4, { ticketId: t.id, value: 'basic', reasons: ['其他'] }, tablet4);
    expect(good.status).toBe(400);
    expect((await rateAs(server.url, 4, { ticketId: t.id, value: 'basic' }, tablet4)).status).toBe(200);
    const again = await rateAs(server.url, 4, { ticketId: t.id, value: 'very-dissatisfied' }, tablet4);
    expect(again.status).toBe(409);
    expect(again.body.error.message).toMatch(/已经评价过了/);
  });
});

describe('admin pages (/admin)', () => {
  let page: Page;

  it('logs in as admin and shows the dashboard charts', { timeout: 60_000 }, async () => {
    page = await (
      await browser.newContext({ viewport: { width: 1440, height: 1000 }, locale: 'zh-CN', acceptDownloads: true })
    ).newPage();
    await page.goto(`${server.url}/admin`);
    await page.fill('input[name=staffId]', 'w3a');
    await page.fill('input[name=pin]', '246810');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('[data-testid=login-error]').innerText()).toContain('不是管理员账号');
    await page.fill('input[name=staffId]', 'admin');
    await page.fill('input[name=pin]', 'admin2026');
    await page.keyboard.press('Enter');
    await page.locator('[data-testid=chart-hours]').waitFor();
    await page.locator('[data-testid=chart-load]').waitFor();
    await page.locator('[data-testid=chart-ratings]').waitFor();
    await expect.poll(() => page.locator('[data-testid=supervision]').innerText()).toContain('超期未办结 1 件');
    expect(await page.locator('[data-testid=supervision]').innerText()).toMatch(
      /最低生活保障[\s\S]*4号窗口[\s\S]*已超期/,
    );
    // Yesterday's busy day, for the charts.
    await page.fill('input[name=from]', yesterday);
    await page.fill('input[name=to]', yesterday);
    await expect.poll(() => page.locator('[data-testid=kpi-issued] b').innerText()).toBe('76');
    expect(await page.locator('[data-testid=chart-hours] rect.bar').count()).toBeGreaterThan(8);
    await page.screenshot({ path: artifact('admin-dashboard.png'), fullPage: true });
    // Two labor tickets and one civil ticket were issued and finished above.
    await page.getByRole('button', { name: '今天' }).click();
    await expect.poll(() => page.locator('[data-testid=kpi-issued] b').innerText()).toBe('3');
    // Ratings: 非常不满意, 满意, 基本满意 → 2 of 3 satisfied.
    await expect.poll(() => page.locator('[data-testid=kpi-satisfaction] b').innerText()).toBe('66.7%');
    expect(await page.locator('[data-testid=table-category]').innerText()).toContain('劳动保障·社保');
    await page.screenshot({ path: artifact('admin-dashboard-today.png'), fullPage: true });
  });

  it('exports the monthly report as CSV (BOM, Chinese headers) and as a printable page', {
    timeout: 60_000,
  }, async () => {
    await page.locator('[data-testid=tab-reports]').click();
    // The month of yesterday's busy day (on the 1st of a month that is last month, up to its last day).
    const today = (await getJson<{ serviceDate: string }>(`${server.url}/api/health`)).body.serviceDate;
    const month = yesterday.slice(0, 7);
    await page.fill('input[name=month]', month);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('[data-testid=export-month-csv]').click(),
    ]);
    expect(download.suggestedFilename()).toBe(`便民服务办理情况统计表-${month}.csv`);
    const bytes = readFileSync((await download.path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8').slice(1);
    expect(text.split('\r\n')[0]).toBe(
      `顾力木图街道便民服务中心便民服务办理情况统计表（${month.slice(0, 4)}年${Number(month.slice(5))}月）`,
    );
    expect(text).toContain('业务类别,取号数,办结数,过号数,转办数,过号未办数');
    // The same figures as the statistics API for the month (yesterday's busy day, and today's tickets if in it).
    const monthRange = { from: `${month}-01`, to: today.startsWith(month) ? today : yesterday, period: 'day' };
    const stats = (await (
      await page.request.get(`${server.url}/api/admin/stats?${new URLSearchParams(monthRange)}`)
    ).json()) as { report: { byCategory: { key: string; figures: { issued: number; served: number } }[] } };
    const labor = stats.report.byCategory.find((g) => g.key === 'labor')!.figures;
    expect(labor.issued).toBeGreaterThan(2);
    expect(text).toContain(`\r\n劳动保障·社保,${labor.issued},${labor.served},0,0,0,`);
    const [printable] = await Promise.all([
      page.waitForEvent('popup'),
      page.locator('[data-testid=export-month-html]').click(),
    ]);
    await printable.locator('h1').waitFor();
    expect(await printable.locator('h1').innerText()).toContain('便民服务办理情况统计表');
    await printable.setViewportSize({ width: 1200, height: 900 });
    await printable.screenshot({ path: artifact('admin-report-month.png') });
    await printable.close();
  });

  it('lists the bad rating until the follow-up is recorded', { timeout: 30_000 }, async () => {
    await page.locator('[data-testid=tab-ratings]').click();
    // The tablet's 非常不满意 from today, among yesterday's bad ratings.
    const t1 = server.app.ctx.db
      .prepare("SELECT number FROM ratings WHERE value = 'very-dissatisfied' AND reasons LIKE '%办事效率低%'")
      .get() as { number: string };
    const item = page.locator('[data-testid=bad-rating]', { hasText: t1.number }).filter({ hasText: '办事效率低' });
    await item.waitFor();
    expect(await page.locator('[data-testid=bad-rating]').count()).toBeGreaterThan(1);
    expect(await item.innerText()).toContain('非常不满意');
    expect(await item.innerText()).toContain('等候时间太长');
    await page.screenshot({ path: artifact('admin-bad-ratings.png') });
    await item.locator('textarea').fill('已约谈3号窗口A岗，电话回访群众并致歉');
    await item.getByRole('button', { name: '登记整改' }).click();
    await item.waitFor({ state: 'detached' });
    expect(
      (
        server.app.ctx.db
          .prepare("SELECT follow_up FROM ratings WHERE value = 'very-dissatisfied' AND reasons LIKE '%办事效率低%'")
          .get() as { follow_up: string }
      ).follow_up,
    ).toBe('已约谈3号窗口A岗，电话回访群众并致歉');
    const all = await getJson<{ error?: unknown }>(`${server.url}/api/admin/ratings/bad`);
    expect(all.status).toBe(401);
  });

  it('edits a category, a window and the notice live, with validation and an audit trail', {
    timeout: 60_000,
  }, async () => {
    const display = new WsRecorder(server.url, 'display');
    await display.opened;
    await page.locator('[data-testid=tab-settings]').click();
    const row = page.locator('[data-testid=category-labor]');
    await row.locator('input[name=name]').fill('社保就业');
    await row.locator('input[name=dailyQuota]').fill('120');
    await row.getByRole('button', { name: '保存' }).click();
    await expect.poll(() => page.locator('[data-testid=settings-message]').innerText()).toContain('已保存');
    const updated = await display.waitFor('categories.updated', (m) =>
      m.categories.some((c) => c.id === 'labor' && c.name === '社保就业'),
    );
    expect(updated.categories.find((c) => c.id === 'labor')!.dailyQuota).toBe(120);
    const saved = JSON.parse(readFileSync(join(configDir, 'categories.json'), 'utf8')) as {
      id: string;
      name: string;
      dailyQuota: number;
    }[];
    expect(saved.find((c) => c.id === 'labor')).toMatchObject({ name: '社保就业', dailyQuota: 120 });

    await page.locator('[data-testid=window-3] input[name=name]').fill('社保就业窗口');
    await page.locator('[data-testid=window-3]').getByRole('button', { name: '保存' }).click();
    await display.waitFor('window.updated', (m) => m.window.no === 3 && m.window.name === '社保就业窗口');

    await page.locator('textarea[name=notice]').fill('今日下午16:00起办理养老认证。');
    await page.getByRole('button', { name: '保存公告' }).click();
    await display.waitFor('snapshot', (m) => m.snapshot.center.notice === '今日下午16:00起办理养老认证。');
    await expect.poll(() => page.locator('[data-testid=audit]').innerText()).toContain('修改公告');
    expect(await page.locator('[data-testid=audit]').innerText()).toContain('修改业务类别');
    await page.screenshot({ path: artifact('admin-settings.png'), fullPage: true });
    display.close();

    // The server checks too: an invalid quota is refused in Chinese and nothing is written.
    const admin = (await postJson<{ token: string }>(`${server.url}/api/login`, { staffId: 'admin', pin: 'admin2026' }))
      .body.token;
    const bad = await put('/api/admin/categories/labor', { dailyQuota: 0 }, admin);
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/应在 1 到 9999 之间/);
    const empty = await put('/api/admin/windows/3', { name: '' }, admin);
    expect(empty.status).toBe(400);
    expect(
      JSON.parse(readFileSync(join(configDir, 'categories.json'), 'utf8')).find((c: { id: string }) => c.id === 'labor')
        .dailyQuota,
    ).toBe(120);
    const audit = server.app.ctx.db
      .prepare("SELECT actor, data FROM events WHERE type = 'admin.category.updated'")
      .all() as { actor: string; data: string }[];
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.data)).toMatchObject({
      id: 'labor',
      before: { name: '劳动保障·社保', dailyQuota: 150 },
      after: { name: '社保就业', dailyQuota: 120 },
    });
  });

  it("resets a window clerk's password (old one refused, open sessions ended), moves them to another window, adds a clerk", {
    timeout: 60_000,
  }, async () => {
    const login = (staffId: string, pin: string, windowNo?: number) =>
      postJson<{ token: string; error?: { code: string } }>(`${server.url}/api/login`, {
        staffId,
        pin,
        ...(windowNo ? { windowNo } : {}),
      });
    const before = (await login('w3b', '246810', 3)).body.token;
    const row = page.locator('[data-testid=staff-w3b]');
    await row.locator('input[name=pin]').fill('1357');
    expect(await row.getByRole('button', { name: '保存' }).isDisabled()).toBe(true); // shorter than 6
    await row.locator('input[name=pin]').fill('572913');
    await row.locator('input[name=windows]').fill('3, 5');
    await row.getByRole('button', { name: '保存' }).click();
    await expect
      .poll(() => page.locator('[data-testid=settings-message]').innerText())
      .toContain('已保存：工作人员 w3b');
    expect((await login('w3b', '246810', 3)).status).toBe(401);
    expect((await login('w3b', '572913', 5)).status).toBe(200);
    expect((await getJson(`${server.url}/api/session`, before)).status).toBe(401); // the old session ended
    const saved = JSON.parse(readFileSync(join(configDir, 'staff.json'), 'utf8')) as {
      id: string;
      windows: number[];
      pinHash: string;
    }[];
    expect(saved.find((m) => m.id === 'w3b')!.windows).toEqual([3, 5]);
    expect(JSON.stringify(saved)).not.toContain('572913');

    const add = page.locator('[data-testid=staff-new]');
    await add.locator('input[name=id]').fill('w3c');
    await add.locator('input[name=name]').fill('3号窗口C岗');
    await add.locator('input[name=windows]').fill('3');
    await add.locator('input[name=pin]').fill('864209');
    await add.getByRole('button', { name: '新增' }).click();
    await page.locator('[data-testid=staff-w3c]').waitFor();
    expect((await login('w3c', '864209', 3)).status).toBe(200);
    expect((await login('w3c', '864209', 4)).status).toBe(403);
    await expect.poll(() => page.locator('[data-testid=audit]').innerText()).toContain('新增工作人员');
    const audit = JSON.stringify(
      (
        server.app.ctx.db.prepare("SELECT data FROM events WHERE type LIKE 'admin.staff.%'").all() as { data: string }[]
      ).map((r) => JSON.parse(r.data) as unknown),
    );
    expect(audit).toContain('"passwordReset":true');
    expect(audit).not.toContain('572913');
    expect(audit).not.toContain('scrypt');
    await page.screenshot({ path: artifact('admin-staff.png'), fullPage: true });
  });

  it('window staff get 403 and strangers 401 on every admin route', async () => {
    const routes: [string, string, unknown?][] = [
      ['GET', '/api/admin/stats'],
      ['GET', '/api/admin/report?kind=month&key=2026-11&format=csv'],
      ['GET', '/api/admin/report?kind=quarter&key=2026-Q4&format=html'],
      ['GET', '/api/admin/ratings/bad'],
      ['POST', '/api/admin/ratings/1/follow-up', { text: '越权' }],
      ['GET', '/api/admin/config'],
      ['PUT', '/api/admin/categories/labor', { name: '越权' }],
      ['PUT', '/api/admin/windows/3', { name: '越权' }],
      ['PUT', '/api/admin/notice', { notice: '越权' }],
      ['PUT', '/api/admin/staff/w3a', { pin: '999999' }],
      ['POST', '/api/admin/staff', { id: 'evil', name: '越权', role: 'admin', windows: [], pin: '999999' }],
      ['GET', '/api/admin/audit'],
    ];
    for (const [method, path, body] of routes) {
      for (const [token, status] of [
        [staff3, 403],
        [undefined, 401],
      ] as const) {
        const res = await fetch(`${server.url}${path}`, {
          method,
          headers: {
            ...(body ? { 'Content-Type': 'application/json' } : {}),
            ...(token ? { Authorization: `Bearer ${token}` } : {}),
          },
          body: body ? JSON.stringify(body) : undefined,
        });
        expect(res.status, `${method} ${path} ${token ? 'staff' : 'anonymous'}`).toBe(status);
        const err = ((await res.json()) as { error: { message: string } }).error.message;
        expect(err).toMatch(/管理员/);
      }
    }
    expect(server.app.ctx.config.center.notice).not.toBe('越权');
  });
});
