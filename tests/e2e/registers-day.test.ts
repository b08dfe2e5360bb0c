// A day at a street centre with one village station, in Chromium against the whole server (simulated
// devices at the byte level): a resident swipes an ID card and asks at window 1, who transfers him with his
// materials to window 4 (首问登记, 第七条); a phone consultation (第十条); the village 代办员 registers a
// resident's 低保 with 授权委托, prints the 报送联系单 and forwards it; window 4 accepts it from the 代办件 inbox,
// finishes it and hands the result over (办结签收); the station records the reply (上门); the administrator
// books a home visit, a resident leaves a complaint at the kiosk's 意见簿, and both go through their steps; the 办结公告 shows on the hall
// display. Then every register's CSV is read back cell by cell and the A4 pages are rendered to PNG.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { artifact, launchBrowser, signInConsole } from '../helpers/browser.ts';
import { getJson, postJson, requestJson, startTestServer, WsRecorder, type TestServer } from '../helpers/server.ts';
import { parseCsv } from '../../server/contract/csv.ts';
import { REGISTER_COLUMNS } from '../../server/registers/format.ts';
import { ZHANG_SAN } from '../drivers/idcard-fixtures.ts';
import { login, stationConfig } from '../registers/fixtures.ts';
import { startPublicity } from '../helpers/publicity.ts';

const DAY = '2026-11-23'; // a Monday
const NEXT_WEEK = '2026-11-30'; // the Monday after, when the 低保 case's 公示 is over
const TIME = /^2026-11-(23|30) \d\d:\d\d$/;
/** The server's clock runs from DAY 10:00; a test moves it on a whole week at once. */
let skippedMs = 0;
let server: TestServer;
let browser: Browser;
const contexts: BrowserContext[] = [];
let admin: string;

async function page(viewport = { width: 1366, height: 900 }): Promise<Page> {
  const context = await browser.newContext({ viewport, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  contexts.push(context);
  return context.newPage();
}

async function registerCsv(kind: string): Promise<string[][]> {
  const res = await fetch(`${server.url}/api/registers/${kind}?from=${DAY}&to=${NEXT_WEEK}&format=csv`, {
    headers: { Authorization: `Bearer ${admin}` },
  });
  expect(res.status).toBe(200);
  const bytes = Buffer.from(await res.arrayBuffer());
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const rows = parseCsv(bytes.toString('utf8')).map((r) => r.fields);
  expect(rows[0]).toEqual(REGISTER_COLUMNS[kind as keyof typeof REGISTER_COLUMNS]);
  return rows;
}

/** Cell by cell: a RegExp for the times (the clock runs), the exact text for everything else. */
function expectRow(actual: string[] | undefined, expected: (string | RegExp)[]): void {
  expect(actual, '缺少这一行').toBeDefined();
  expect(actual!.length).toBe(expected.length);
  expected.forEach((e, i) => {
    if (e instanceof RegExp) expect(actual![i], `第 ${i + 1} 列`).toMatch(e);
    else expect(actual![i], `第 ${i + 1} 列`).toBe(e);
  });
}

beforeAll(async () => {
  if (!existsSync(new URL('../../dist/station.html', import.meta.url).pathname))
    throw new Error('dist/station.html 不存在：请先运行 npm run build');
  const started = Date.now();
  server = await startTestServer({
    config: stationConfig(),
    clock: () => new Date(Date.parse(`${DAY}T02:00:00Z`) + (Date.now() - started) + skippedMs),
  });
  browser = await launchBrowser();
  admin = await login(server.url, 'admin', 'admin2026');
});

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close();
  await server?.stop();
});

describe('a day at a street centre with one village station', () => {
  it("turns the day's work into the registers, the notices and the reports", { timeout: 120_000 }, async () => {
    // ---- 1. A resident swipes his ID card at the kiosk and takes a number for 低保 ------------------------
    const kioskWs = new WsRecorder(server.url, 'kiosk');
    await kioskWs.opened;
    server.sim.insertCard({ ...ZHANG_SAN, name: '王小明' });
    const read = await kioskWs.waitFor('idcard.read');
    kioskWs.close();
    expect(read.card.nameMasked).toBe('王*明');
    const ticket = await postJson<{ ticket: { id: string; number: string } }>(`${server.url}/api/tickets`, {
      categoryId: 'consult',
      readToken: read.card.readToken,
      matterIds: ['street-03'],
    });
    expect(ticket.status).toBe(201);

    // ---- 2. Window 1 serves him, finishes, and the console asks what it was --------------------------
    const w1 = await page();
    await signInConsole(w1, server.url, 1);
    await w1.keyboard.press('F1');
    await w1.locator('[data-testid=current] .ticket-number', { hasText: ticket.body.ticket.number }).waitFor();
    await w1.keyboard.press('F5');
    const fc = w1.locator('[data-testid=first-contact]');
    await fc.waitFor();
    // What the system knew: the kiosk's matter and the card's (masked) name.
    await expect.poll(() => fc.locator('input[name=matterText]').inputValue()).toBe('最低生活保障');
    expect(await fc.locator('input[name=name]').inputValue()).toBe('王*明');
    await fc.locator('input[value=transfer]').check();
    await fc.locator('select[name=toWindowNo]').selectOption('4');
    await fc.locator('input[name=materials]').fill('书面申请报告、户口簿复印件');
    await fc.locator('input[name=unit]').fill('青山村');
    await fc.locator('input[name=phone]').fill('13800001111');
    await w1.screenshot({ path: artifact('registers-first-contact.png'), fullPage: true });
    await fc.getByRole('button', { name: '登记' }).click();
    await expect
      .poll(() => w1.locator('[data-testid=console-message]').innerText())
      .toContain(`首问登记：${ticket.body.ticket.number} 已登记`);

    // A phone consultation (第十条), from the same console.
    await w1.getByRole('button', { name: '来电登记' }).click();
    await fc.waitFor();
    await fc.locator('input[name=matterText]').fill('临时救助需要什么材料');
    await fc.locator('input[name=name]').fill('赵六');
    await fc.locator('input[name=phone]').fill('0909-1234567');
    await fc.getByRole('button', { name: '登记' }).click();
    await expect.poll(() => w1.locator('[data-testid=console-message]').innerText()).toContain('来电咨询已登记');
    // The same caller complains: window staff enter it from the console (意见和投诉登记).
    await w1.getByRole('button', { name: '登记意见投诉' }).click();
    const cf = w1.locator('[data-testid=complaint-form]');
    await cf.locator('select[name=source]').selectOption('phone');
    await cf.locator('input[name=name]').fill('赵六');
    await cf.locator('input[name=content]').fill('上次来办事排队太久');
    await cf.getByRole('button', { name: '登记' }).click();
    await expect.poll(() => w1.locator('[data-testid=console-message]').innerText()).toContain('已登记意见或投诉');
    await expect.poll(() => cf.count()).toBe(0);

    // ---- 3. Window 4 signs for the materials left with window 1 --------------------------------------
    const w4 = await page();
    await signInConsole(w4, server.url, 4);
    const handed = w4.locator('[data-testid=handed-item]');
    await expect.poll(() => handed.count()).toBe(1);
    expect(await handed.innerText()).toContain('书面申请报告、户口簿复印件');
    await handed.getByRole('button', { name: '签收' }).click();
    await expect.poll(() => handed.count()).toBe(0);

    // A case accepted at window 4 for a ticket: 办结 then asks with 受理 already chosen, the case linked.
    const t4 = await postJson<{ ticket: { number: string } }>(`${server.url}/api/tickets`, {
      categoryId: 'civil',
      matterIds: ['gl-01'],
    });
    await w4.keyboard.press('F1');
    await w4.locator('[data-testid=current] .ticket-number', { hasText: t4.body.ticket.number }).waitFor();
    await w4.keyboard.press('F7');
    await w4.locator('[data-testid=case-desk] .matter-pick button', { hasText: '低保金发放' }).first().click();
    // 低保金发放's guide names no kind: a 承诺件 of 20 working days (限时办结制度 第六条, issue 21).
    // The applicant, asked at acceptance (issue 24 ⑦).
    await w4.locator('input[name=applicantName]').fill('孙大妈');
    await w4.locator('input[name=applicantPhone]').fill('13800001234');
    await w4.getByRole('button', { name: '受理并生成回执' }).click();
    await w4.locator('[data-testid=case-latest]').waitFor();
    await w4.keyboard.press('F5');
    const fc4 = w4.locator('[data-testid=first-contact]');
    await fc4.waitFor();
    await expect.poll(() => fc4.locator('input[value=accept]').isChecked()).toBe(true);
    expect(await fc4.locator('input[name=matterText]').inputValue()).toBe('低保金发放');
    await fc4.locator('input[name=name]').fill('孙大妈');
    await fc4.getByRole('button', { name: '登记' }).click();
    await expect
      .poll(() => w4.locator('[data-testid=console-message]').innerText())
      .toContain(`首问登记：${t4.body.ticket.number} 已登记`);

    // ---- 4. The village station registers and forwards a 代办 --------------------------------------------
    const st = await page();
    await st.goto(`${server.url}/station`);
    await st.fill('input[name=staffId]', 'qs-agent');
    await st.fill('input[name=pin]', '246810');
    await st.keyboard.press('Enter');
    const form = st.locator('[data-testid=station-register]');
    await form.waitFor();
    await form.locator('input[name=residentName]').fill('陈老伯');
    await form.locator('input[name=residentPhone]').fill('13900002222');
    await form.locator('input[name=matterSearch]').fill('低保');
    await form.locator('.matches button', { hasText: '最低生活保障' }).click();
    await form.locator('[data-testid=station-matter]').waitFor();
    await form.locator('.materials li', { hasText: '书面申请报告' }).locator('input').check();
    await form.locator('.materials li', { hasText: '居民户口簿和所有成员身份证' }).locator('input').check();
    await st.screenshot({ path: artifact('station-register.png'), fullPage: true });
    await form.getByRole('button', { name: '登记' }).click();
    const row = st.locator('[data-testid=station-items] tbody tr').first();
    await expect.poll(() => row.innerText()).toContain('已登记，待入户核实');
    await row.getByRole('button', { name: '入户核实完成' }).click();
    await expect.poll(() => row.innerText()).toContain('已入户核实，待报送');
    const [slip] = await Promise.all([
      st.context().waitForEvent('page'),
      row.getByRole('button', { name: '报送联系单' }).click(),
    ]);
    await slip.waitForLoadState();
    const slipText = await slip.locator('body').innerText();
    expect(slipText).toContain('报送联系单');
    expect(slipText).toContain('青山村便民服务站');
    expect(slipText).toContain('陈*伯');
    expect(slipText).not.toContain('陈老伯');
    await slip.screenshot({ path: artifact('daiban-slip-a4.png'), fullPage: true });
    await slip.close();
    await row.getByRole('button', { name: '报送街道' }).click();
    await expect.poll(() => row.innerText()).toContain('已报送，待街道受理');

    // ---- 5. Window 4 accepts it from the 代办件 inbox, finishes it, and the result is collected ---------------
    const item = w4.locator('[data-testid=daiban-item]');
    await w4.locator('[data-testid=window-inbox]').getByRole('button', { name: '刷新' }).click();
    await expect.poll(() => item.count()).toBe(1);
    expect(await item.innerText()).toContain('青山村便民服务站·李代办');
    await item.locator('input[name=promisedDays]').fill('15');
    await item.getByRole('button', { name: '受理' }).click();
    await expect
      .poll(() => w4.locator('[data-testid=console-message]').innerText())
      .toContain('代办件已受理：最低生活保障');
    // 低保 is 须公示 (seed 004 附件2 ㈠ “做好审核阶段的公示”): its 公示 goes up the day of 受理, and the case is
    // finished only after the 公示期 (7 days) — a week later, when everyone signs in again.
    const listed = await getJson<{ cases: { id: string; matterName: string }[] }>(
      `${server.url}/api/cases?window=4`,
      admin,
    );
    const dibao = listed.body.cases.find((c) => c.matterName === '最低生活保障')!;
    await startPublicity(server.url, dibao.id, admin);
    skippedMs = Date.parse(`${NEXT_WEEK}T02:00:00Z`) - Date.parse(`${DAY}T02:00:00Z`);
    admin = await login(server.url, 'admin', 'admin2026');
    await w4.context().clearCookies();
    await w4.evaluate(() => {
      localStorage.clear();
      sessionStorage.clear();
    });
    await signInConsole(w4, server.url, 4);
    const caseRow = w4.locator('[data-testid=case-list] li', { hasText: '最低生活保障' });
    await caseRow.getByRole('button', { name: '办结' }).click();
    await expect.poll(() => caseRow.innerText()).toContain('已办结');
    w4.once('dialog', (d) => void d.accept('陈小妹'));
    await caseRow.getByRole('button', { name: '群众已领取' }).click();
    await expect.poll(() => w4.locator('[data-testid=case-message]').innerText()).toContain('领取人 陈小妹');

    // ---- 6. The station records how the resident was told --------------------------------------------
    // A week on, the agent signs in again.
    await st.context().clearCookies();
    await st.evaluate(() => {
      localStorage.clear();
      sessionStorage.clear();
    });
    await st.goto(`${server.url}/station`);
    await st.fill('input[name=staffId]', 'qs-agent');
    await st.fill('input[name=pin]', '246810');
    await st.keyboard.press('Enter');
    await expect.poll(() => row.innerText()).toContain('已领取');
    await row.locator('select[name=replyMethod]').selectOption('visit');
    await row.getByRole('button', { name: '登记回复' }).click();
    await expect.poll(() => row.innerText()).toContain('已回复（上门）');
    await st.screenshot({ path: artifact('station-replied.png'), fullPage: true });

    // ---- 7. The administrator: a home visit and a complaint, through their steps -------------------------
    const ad = await page({ width: 1500, height: 1000 });
    await ad.goto(`${server.url}/admin#registers`);
    await ad.fill('input[name=staffId]', 'admin');
    await ad.fill('input[name=pin]', 'admin2026');
    await ad.keyboard.press('Enter');
    await ad.locator('[data-testid=tab-registers]').click();
    await ad.locator('[data-testid=register-home-visits]').click();
    const hv = ad.locator('[data-testid=home-visit-form]');
    await hv.locator('input[name=name]').fill('周奶奶');
    await hv.locator('input[name=phone]').fill('13600004444');
    await hv.locator('input[name=address]').fill('青山村三组12号');
    await hv.locator('input[name=matterText]').fill('高龄津贴资格认证');
    await hv.getByRole('button', { name: '登记' }).click();
    const table = ad.locator('[data-testid=register-table] tbody tr').first();
    await expect.poll(() => table.innerText()).toContain('周奶奶');
    ad.once('dialog', (d) => void d.accept('w4b'));
    await table.getByRole('button', { name: '指派' }).click();
    await expect.poll(() => table.innerText()).toContain('已指派');
    ad.once('dialog', (d) => void d.accept('已上门完成资格认证'));
    await table.getByRole('button', { name: '完成' }).click();
    await expect.poll(() => table.innerText()).toContain('已完成');

    // A resident leaves an opinion at the kiosk's 意见簿 (taps only); staff take it through.
    const kiosk = await page({ width: 1080, height: 1920 });
    await kiosk.goto(`${server.url}/kiosk`);
    await kiosk.locator('[data-testid=home-opinion]').click();
    const op = kiosk.locator('[data-testid=opinion-screen]');
    await op.locator('[data-topic="opinion.topic.absent"]').click();
    await op.locator('[data-topic="opinion.topic.wait"]').click();
    await op.locator('.opinion-windows [data-window="6"]').click();
    for (const d of '13500005555') await op.locator(`[data-digit="${d}"]`).click();
    await kiosk.screenshot({ path: artifact('kiosk-opinion.png') });
    await op.getByRole('button', { name: '提交意见' }).click();
    await expect.poll(() => op.innerText()).toContain('已收到您的意见');
    // Only the kiosk machine may leave one this way.
    expect(
      (await requestJson(server.url, 'POST', '/api/kiosk/complaints', { body: { content: 'x' }, from: '127.0.0.2' }))
        .status,
    ).toBe(403);
    await ad.locator('[data-testid=register-complaints]').click();
    const kioskRow = ad.locator('[data-testid=register-table] tbody tr', { hasText: '自助机留言' });
    await expect.poll(() => kioskRow.innerText()).toContain('窗口无人、等候时间太长');
    ad.once('dialog', (d) => void d.accept('中心主任'));
    await kioskRow.getByRole('button', { name: '指派' }).click();
    await expect.poll(() => kioskRow.innerText()).toContain('已指派');
    ad.once('dialog', (d) => void d.accept('已安排午间值班'));
    await kioskRow.getByRole('button', { name: '答复' }).click();
    await expect.poll(() => kioskRow.innerText()).toContain('已答复');
    await kioskRow.getByRole('button', { name: '办结' }).click();
    await expect.poll(() => kioskRow.innerText()).toContain('已办结');
    await ad.screenshot({ path: artifact('admin-registers.png'), fullPage: true });

    // ---- 8. The 办结公告 on the hall display ----------------------------------------------------------------
    const hall = await page({ width: 1920, height: 1080 });
    await hall.goto(`${server.url}/display?voice=off`);
    const notice = hall.locator('[data-testid=hall-notice]');
    await expect.poll(() => notice.innerText()).toContain('办结公告：最低生活保障　陈*伯　11月30日已办结');
    // Hold the scrolling band still for the picture (the band scrolls on the real screen).
    await hall.addStyleTag({ content: '.marquee span { animation: none !important; padding-left: 0 !important; }' });
    await hall.screenshot({ path: artifact('hall-announcement.png') });

    // ---- 9. The exports, cell by cell -------------------------------------------------------------------
    const first = await registerCsv('first-contact');
    expect(first).toHaveLength(4);
    expectRow(first[1], [
      '1',
      TIME,
      '来访',
      '王*明',
      '青山村',
      '13800001111',
      '最低生活保障',
      '转交',
      '4号窗口（民政）',
      '',
      '书面申请报告、户口簿复印件',
      '4号窗口A岗',
      TIME,
      '1号窗口A岗',
      '1号窗口（综合咨询）',
    ]);
    expectRow(first[2], [
      '2',
      TIME,
      '来电',
      '赵六',
      '',
      '0909-1234567',
      '临时救助需要什么材料',
      '咨询',
      '',
      '',
      '',
      '',
      '',
      '1号窗口A岗',
      '1号窗口（综合咨询）',
    ]);
    expectRow(first[3], [
      '3',
      TIME,
      '来访',
      '孙大妈',
      '',
      '',
      '低保金发放',
      '受理',
      '',
      '',
      '',
      '',
      '',
      '4号窗口A岗',
      '4号窗口（民政）',
    ]);

    const cases = await registerCsv('cases');
    expect(cases).toHaveLength(3);
    // The applicant named at acceptance (and again in the first-contact step) reaches the 办件台账.
    expectRow(cases[1], [
      '1',
      '20261123-0001',
      TIME,
      '孙大妈',
      '13800001234',
      '低保金发放',
      '承诺件',
      '窗口受理',
      '4号窗口（民政）',
      '4号窗口A岗',
      '2026-12-21',
      '已受理',
      '',
      '承诺 20 个工作日内办结（第六条默认），2026-12-21 前',
    ]);
    expectRow(cases[2], [
      '2',
      '20261123-0002',
      TIME,
      '陈老伯',
      '13900002222',
      '最低生活保障',
      '承诺件',
      '村（社区）代办',
      '4号窗口（民政）',
      '4号窗口A岗',
      /^2026-12-\d\d$/,
      '已领取',
      TIME,
      '已签收领取',
    ]);

    const daiban = await registerCsv('daiban');
    expectRow(daiban[1], [
      '1',
      'DB20261123-001',
      TIME,
      '青山村便民服务站',
      '李代办',
      '陈老伯',
      '13900002222',
      '最低生活保障',
      '当事人签署授权委托书',
      /^齐全 2 项；缺：/,
      TIME,
      TIME,
      TIME,
      '20261123-0002',
      '已领取',
      '上门',
      TIME,
    ]);

    const collection = await registerCsv('collection');
    expectRow(collection[1], ['1', '20261123-0002', '最低生活保障', '陈老伯', TIME, '陈小妹', '', TIME, '4号窗口A岗']);

    const visits = await registerCsv('home-visits');
    expectRow(visits[1], [
      '1',
      TIME,
      '周奶奶',
      '13600004444',
      '青山村三组12号',
      '年迈行动不便',
      '高龄津贴资格认证',
      NEXT_WEEK,
      '4号窗口B岗',
      TIME,
      TIME,
      '已上门完成资格认证',
      '已完成',
    ]);

    const complaints = await registerCsv('complaints');
    // The last five columns: 查实 (一次性告知制度 第七条), none recorded here.
    expectRow(complaints[1], [
      ...['1', TIME, '来电', '赵六', '', '上次来办事排队太久', '', '', '', '', '', '已登记'],
      ...['待查实', '', '', '', ''],
    ]);
    expectRow(complaints[2], [
      '2',
      TIME,
      '自助机留言',
      '',
      '13500005555',
      '窗口无人、等候时间太长',
      '6号窗口（综合受理·出证）',
      '中心主任',
      '已安排午间值班',
      TIME,
      TIME,
      '已办结',
      ...['待查实', '', '', '', ''],
    ]);

    // The station's monthly table and the month report carry the seeds' case-type columns.
    const station = (await (
      await fetch(`${server.url}/api/registers/reports/station-month?key=2026-11`, {
        headers: { Authorization: `Bearer ${admin}` },
      })
    ).json()) as { tables: { rows: (string | number)[][] }[] };
    expect(station.tables[0]!.rows[0]).toEqual(['青山村便民服务站', 1, 1, 1, 0, 1, 1, 0, 1, 0, 0, 0, 1, 0]);

    // ---- 10. The A4 pages, rendered and kept as PNGs ----------------------------------------------------
    const a4 = await page({ width: 1123, height: 794 }); // A4 landscape at 96 dpi
    await a4.context().addCookies([{ name: 'kiosk_session', value: admin, url: server.url }]);
    const pages: [string, string][] = [
      [`/api/registers/first-contact?from=${DAY}&to=${NEXT_WEEK}&format=html`, 'register-first-contact-a4.png'],
      [`/api/registers/cases?from=${DAY}&to=${NEXT_WEEK}&format=html`, 'register-cases-a4.png'],
      [`/api/registers/daiban?from=${DAY}&to=${NEXT_WEEK}&format=html`, 'register-daiban-a4.png'],
      [`/api/registers/reports/station-month?key=2026-11&format=html`, 'report-station-month-a4.png'],
      [`/api/registers/reports/month?key=2026-11&format=html`, 'report-month-a4.png'],
      [`/api/announcements/quarter?key=2026-Q4&format=html`, 'announcement-quarter-a4.png'],
    ];
    for (const [path, png] of pages) {
      const res = await a4.goto(`${server.url}${path}`);
      expect(res?.status(), path).toBe(200);
      await a4.locator('h1').waitFor();
      await a4.screenshot({ path: artifact(png), fullPage: true });
      // Printed as the office printer would: one A4 PDF page at least, no error.
      const pdf = await a4.pdf({ format: 'A4', landscape: true });
      expect(pdf.subarray(0, 4).toString()).toBe('%PDF');
    }
    const month = await a4.locator('body').innerText();
    expect(month).toContain('联办件');
  });
});
