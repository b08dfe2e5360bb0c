// The kiosk touchscreen (/kiosk) and the phone page (/t/:id) in Chromium against the whole server with
// simulated devices: tap a category and find the slip's bytes at the printer, swipe a 75-year-old's
// (synthetic) card and take the green channel, search DBSQ and print a notice slip, paper out → the
// number with its QR on screen. Screenshots of every screen, portrait and landscape, normal and elderly,
// go to tests/artifacts/kiosk-*.png.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import iconv from 'iconv-lite';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { artifact, launchBrowser } from '../helpers/browser.ts';
import { getJson, postJson, staffToken, startTestServer, type TestServer } from '../helpers/server.ts';
import type { CategoryView, Ticket } from '../../server/contract/queue.ts';

const DIST = new URL('../../dist/', import.meta.url).pathname;
const PORTRAIT = { width: 1080, height: 1920 };
const LANDSCAPE = { width: 1920, height: 1080 };

/** Records what the kiosk reads aloud (headless Chromium has no voices): one local zh-CN voice. Without one the
 * kiosk plays the recorded clips instead (tests/e2e/kiosk-voice.test.ts). */
const FAKE_SPEECH = `
  window.__spoken = [];
  window.SpeechSynthesisUtterance = class { constructor(text) { this.text = text; } };
  Object.defineProperty(window, 'speechSynthesis', { configurable: true, value: {
    getVoices: () => [{ name: 'test zh-CN', lang: 'zh-CN', localService: true, default: true, voiceURI: 'test-zh' }], speak(u) { window.__spoken.push(u.text); }, cancel() {},
    addEventListener() {}, removeEventListener() {},
  } });
`;

/** GB 11643-1999 check digit: weights 2^(17-i) mod 11, remainder mapped through 1 0 X 9 8 7 6 5 4 3 2. */
function gb11643(first17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((s, d, i) => s + Number(d) * weights[i]!, 0);
  return first17 + '10X98765432'[sum % 11]!;
}

/** A synthetic resident born `age` years (and a few days) ago, with a valid 18-digit number. */
function syntheticCard(age: number) {
  const d = new Date();
  d.setFullYear(d.getFullYear() - age);
  d.setDate(d.getDate() - 10);
  const ymd = d.toISOString().slice(0, 10);
  return { name: '张三', birthDate: ymd, idNumber: gb11643(`652701${ymd.replaceAll('-', '')}123`), sex: '男' as const };
}

let server: TestServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;

/** Every screen four ways: portrait and landscape, normal and elderly (the elderly class is what CSS keys on). */
async function shots(name: string): Promise<void> {
  const wasElderly = await page.evaluate(() => document.documentElement.classList.contains('elderly'));
  for (const [orientation, size] of [
    ['portrait', PORTRAIT],
    ['landscape', LANDSCAPE],
  ] as const) {
    await page.setViewportSize(size);
    for (const elderly of [false, true]) {
      await page.evaluate((on) => document.documentElement.classList.toggle('elderly', on), elderly);
      await page.waitForTimeout(50);
      await page.screenshot({ path: artifact(`kiosk-${name}-${orientation}${elderly ? '-elderly' : ''}.png`) });
    }
  }
  await page.evaluate((on) => document.documentElement.classList.toggle('elderly', on), wasElderly);
  await page.setViewportSize(PORTRAIT);
}

/** Take any card off the reader and put this one on: the reader reads once per placement. */
async function swipe(card: ReturnType<typeof syntheticCard>): Promise<void> {
  expect((await postJson(`${server.url}/api/sim/idcard`, { remove: true })).status).toBe(200);
  await new Promise((r) => setTimeout(r, 1_200)); // the reader polls (devices.idcard.pollMs): let it see the card gone
  expect((await postJson(`${server.url}/api/sim/idcard`, card)).status).toBe(200);
}

const printedJobs = () => server.sim.printedJobs();
const gbText = (bytes: Uint8Array) => iconv.decode(Buffer.from(bytes), 'gb18030');

async function home(): Promise<void> {
  const homeButton = page.getByRole('button', { name: '返回首页' });
  if (await homeButton.isVisible()) await homeButton.click();
  await page.getByRole('heading', { name: '请选择要办理的业务' }).waitFor();
}

beforeAll(async () => {
  if (!existsSync(`${DIST}kiosk.html`) || !existsSync(`${DIST}ticket.html`))
    throw new Error('dist/kiosk.html 不存在：请先运行 npx vite build（npm test 会自动构建）');
  server = await startTestServer();
  browser = await launchBrowser();
  context = await browser.newContext({
    viewport: PORTRAIT,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    hasTouch: true,
  });
  await context.addInitScript(FAKE_SPEECH);
  page = await context.newPage();
  page.setDefaultTimeout(8_000); // a step that hangs fails on that step, not on the test's timeout
  // A controllable clock, so the idle timeout can be checked without waiting a minute.
  await page.clock.install();
  page.on('pageerror', (e) => console.error('kiosk page error:', e.message));
  await page.goto(`${server.url}/kiosk`);
  await page.locator('button[data-category]').first().waitFor();
}, 60_000);

// Each test starts at home, whatever the previous one left on screen.
beforeEach(async () => {
  await home();
});

afterEach(async (ctx) => {
  // A failed step leaves a picture of what the kiosk showed.
  if (ctx.task.result?.state === 'fail')
    await page
      ?.screenshot({
        path: artifact(`kiosk-FAILED-${ctx.task.name.slice(0, 40).replace(/[^\w\u4e00-\u9fff]+/g, '-')}.png`),
      })
      .catch(() => undefined);
});

afterAll(async () => {
  await context?.close().catch(() => undefined);
  await browser?.close();
  await server?.stop();
});

describe('kiosk touchscreen', () => {
  it('home shows every category from the API with waiting count and estimate', async () => {
    const { body } = await getJson<{ categories: CategoryView[] }>(`${server.url}/api/categories`);
    expect(body.categories.length).toBeGreaterThan(0);
    for (const c of body.categories) {
      const button = page.locator(`button[data-category="${c.id}"]`);
      await expect(button.textContent()).resolves.toContain(c.name);
      await expect(button.textContent()).resolves.toContain(`等候 ${c.waiting} 人`);
      await expect(button.textContent()).resolves.toContain(
        c.noServiceReason ?? (c.estimatedWaitMinutes === null ? '暂无估计' : `约 ${c.estimatedWaitMinutes} 分钟`),
      );
    }
    await expect(page.locator('.center-name').textContent()).resolves.toBe('顾力木图街道便民服务中心');
    await shots('home');
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Choose a service' }).waitFor();
    await shots('home-en');
    await page.getByRole('button', { name: '中文' }).click();
  });

  it('a tap takes one ticket (a double tap does not take two) and its slip reaches the printer', async () => {
    const jobsBefore = printedJobs().length;
    // Two clicks in the same task, before the screen can re-render: only one request may go out.
    await page.evaluate(() => {
      const b = document.querySelector<HTMLButtonElement>('button[data-category="consult"]')!;
      b.click();
      b.click();
    });
    const result = page.getByTestId('result');
    await result.waitFor();
    const number = (await page.getByTestId('ticket-number').textContent())!;
    expect(number).toMatch(/^A\d{3}$/);
    await page.locator('[data-print="ok"]').waitFor();
    await expect(page.getByText('请取走小票').isVisible()).resolves.toBe(true);
    await expect(page.getByTestId('take-card').count()).resolves.toBe(0); // no card was read
    await shots('result-printed');

    const { body } = await getJson<{ categories: CategoryView[] }>(`${server.url}/api/categories`);
    expect(body.categories.find((c) => c.id === 'consult')!.waiting).toBe(1);
    const jobs = printedJobs();
    expect(jobs.length).toBe(jobsBefore + 1);
    const slip = gbText(jobs.at(-1)!);
    expect(slip).toContain(number);
    expect(slip).toMatch(/\/t\/[A-Za-z0-9_-]+/); // the slip's QR leads to the phone page
    const fromApi = await getJson<{ jobs: { bytes: string }[] }>(`${server.url}/api/sim/printer/jobs`);
    expect(gbText(Buffer.from(fromApi.body.jobs.at(-1)!.bytes, 'base64'))).toContain(number);

    await page.getByRole('button', { name: '完成' }).click();
    await page.getByRole('heading', { name: '请选择要办理的业务' }).waitFor();
  });

  it('a 75-year-old swipes a card: greeting, green-channel offer, ticket with priority elderly; idle forgets them', async () => {
    const card = syntheticCard(75);
    await swipe(card);
    await page.getByRole('dialog').getByText('张* 您好').waitFor();
    await expect(page.getByText('您已年满 60 周岁').isVisible()).resolves.toBe(true);
    await shots('elderly-offer');
    await page.getByRole('button', { name: '使用老年人绿色通道' }).click();
    await page.getByTestId('identity').getByText('已选绿色通道：老年人').waitFor();
    await shots('identified');

    // Never the full name or number on screen.
    const html = await page.content();
    expect(html).not.toContain('张三');
    expect(html).not.toContain(card.idNumber);

    await page.locator('button[data-category="civil"]').click();
    await page.getByTestId('result').waitFor();
    await page.getByText('绿色通道：老年人').waitFor();
    await page.getByTestId('take-card').getByText('请取回身份证').waitFor();
    await shots('result-take-card');
    const number = (await page.getByTestId('ticket-number').textContent())!;
    const { body } = await getJson<{ categories: CategoryView[] }>(`${server.url}/api/categories`);
    expect(body.categories.find((c) => c.id === 'civil')!.waiting).toBe(1);
    const open = await getJson<{ ticket: Ticket }>(`${server.url}/api/tickets/${await ticketIdOf(number)}`);
    expect(open.body.ticket.priority).toBe('elderly');
    expect(open.body.ticket.priorityConfirmed).toBe(true);

    // 20 s untouched on the result screen: home, and the masked name is gone.
    await page.clock.fastForward(21_000);
    await page.getByRole('heading', { name: '请选择要办理的业务' }).waitFor();
    await expect(page.getByTestId('identity').count()).resolves.toBe(0);
    await expect(page.content()).resolves.not.toContain('张*');
  });

  it('the same person again: already-has-ticket, kindly, with 补打', async () => {
    await swipe(syntheticCard(75));
    await page.getByRole('button', { name: '不用，正常排队' }).click();
    await page.locator('button[data-category="civil"]').click();
    await page.getByRole('alertdialog').waitFor();
    await expect(page.getByTestId('error-message').textContent()).resolves.toContain('无需重复取号');
    await shots('already-has-ticket');
    const jobsBefore = printedJobs().length;
    await page.getByRole('button', { name: '补打小票' }).click();
    await page.locator('[data-print="ok"]').waitFor();
    expect(printedJobs().length).toBe(jobsBefore + 1);
    expect(gbText(printedJobs().at(-1)!)).toContain('补打');
    await page.getByRole('button', { name: '完成' }).click();
    await expect(page.getByTestId('identity').count()).resolves.toBe(0);
  });

  it('the green channel can be chosen without a card (staff confirm)', async () => {
    await page.getByRole('button', { name: /绿色通道/ }).click();
    await page.getByRole('dialog').getByText('工作人员将核验').first().waitFor();
    await shots('green-channel');
    await page.getByRole('dialog').getByRole('button', { name: /孕妇/ }).click();
    await page.locator('button[data-category="health"]').click();
    await page.getByText('绿色通道：孕妇（请到窗口出示证件，工作人员将核验）').waitFor();
    await page.getByRole('button', { name: '完成' }).click();
  });

  it('DBSQ on the pinyin keypad finds 最低生活保障; its guide shows every element and prints a notice slip', async () => {
    await page.getByRole('button', { name: /办事指南/ }).click();
    await page.getByRole('heading', { name: '办事指南' }).waitFor();
    await shots('guide-start');
    for (const key of 'DBSQ') await page.locator(`button[data-key="${key}"]`).click();
    await expect(page.getByTestId('query').textContent()).resolves.toBe('DBSQ');
    const item = page.locator('button[data-matter]', { hasText: '最低生活保障' }).first();
    await item.waitFor();
    await shots('guide-search');
    await item.click();
    await page.getByTestId('matter').waitFor();
    // 咨询电话 only where the guide gives one (none of the shipped guides does).
    for (const label of [
      '事项类型',
      '实施主体',
      '设定依据',
      '办理条件',
      '申请材料',
      '办理流程',
      '办理时限',
      '收费标准',
      '办理地点',
      '办理窗口',
    ]) {
      await expect(page.locator('.field-label', { hasText: label }).count()).resolves.toBeGreaterThan(0);
    }
    await shots('matter');
    const jobsBefore = printedJobs().length;
    await page.locator('button[data-action="notice"]').click();
    await page.getByTestId('notice-printed').waitFor();
    expect(printedJobs().length).toBe(jobsBefore + 1);
    expect(gbText(printedJobs().at(-1)!)).toContain('最低生活保障');

    // Browsing by department and by category tree.
    await page.getByRole('button', { name: '返回', exact: true }).first().click();
    await page.getByRole('tab', { name: '按部门' }).click();
    await page.locator('.chip', { hasText: '民政' }).click();
    await page.locator('button[data-matter]', { hasText: '最低生活保障' }).first().waitFor();
    await shots('guide-department');
    await page.getByRole('tab', { name: '按业务类别' }).click();
    await page.locator('.chip', { hasText: '民政' }).click();
    await page.locator('.tree-head').first().waitFor();
    await page.locator('button[data-matter]', { hasText: '最低生活保障' }).first().waitFor();
    await shots('guide-category');
    await home();
  });

  it('elderly mode doubles text and targets and reads the heading aloud', async () => {
    const size = () =>
      page.evaluate(() => parseFloat(getComputedStyle(document.querySelector('.category-name')!).fontSize));
    const target = () =>
      page.evaluate(() => document.querySelector('button[data-category]')!.getBoundingClientRect().height);
    const normal = await size();
    expect(await target()).toBeGreaterThanOrEqual(64);
    await page.getByRole('button', { name: '长辈模式' }).click();
    await page.locator('html.elderly').waitFor({ state: 'attached' });
    expect(await size()).toBe(normal * 2);
    expect(await target()).toBeGreaterThanOrEqual(128);
    const spoken = await page.evaluate(() => (window as unknown as { __spoken: string[] }).__spoken);
    expect(spoken).toContain('请选择要办理的业务');
    await page.getByRole('button', { name: '退出长辈模式' }).click();
  });

  it('printer out of paper: banner, and the number stays large on screen with its QR code', async () => {
    server.sim.setPaper('out');
    const banner = page.getByTestId('device-banner');
    await banner.getByText('仍可取号，号码会显示在屏幕上').waitFor();
    // The printer's own Chinese message from the server, then what the resident can still do.
    const message = (
      await getJson<{ devices: { kind: string; message: string }[] }>(`${server.url}/api/health`)
    ).body.devices.find((d) => d.kind === 'printer')!.message;
    expect(message).toContain('缺纸');
    await banner.getByText(message).waitFor();
    await shots('home-paper-out');
    await page.locator('button[data-category="labor"]').click();
    await page.locator('[data-print="failed"]').waitFor();
    await page.getByText('请记下号码或拍照，已通知工作人员').waitFor();
    // The QR encoder is loaded on demand (prefetched), so its drawing can follow the number by a moment.
    await page.locator('svg.qr path').first().waitFor();
    await expect(page.locator('svg.qr path').count()).resolves.toBe(1);
    const number = (await page.getByTestId('ticket-number').textContent())!;
    expect(number).toMatch(/^C\d{3}$/);
    await shots('result-print-failed');
    server.sim.setPaper('ok');
    await page.getByRole('button', { name: '完成' }).click();
    await page.getByTestId('device-banner').waitFor({ state: 'detached' });
  });

  it('a scanned ticket QR (scanner event or keyboard wedge) shows that ticket', async () => {
    const taken = await postJson<{ ticket: Ticket }>(`${server.url}/api/tickets`, {
      categoryId: 'disabled',
      idempotencyKey: 'k-e2e-scan-0001',
    });
    const url = `${server.url}/t/${taken.body.ticket.id}`;
    await postJson(`${server.url}/api/sim/scan`, { code: url });
    await page.getByTestId('status').getByText(taken.body.ticket.number).waitFor();
    await page.getByTestId('status').getByText('等候中').waitFor();
    await shots('scan-status');
    await page.getByTestId('status').getByRole('button', { name: '返回' }).click();
    await page.keyboard.type(url); // as fast as a scanner
    await page.keyboard.press('Enter');
    await page.getByTestId('status').getByText(taken.body.ticket.number).waitFor();
    await home();
  });

  it('the phone page /t/:id follows the ticket live at 360 px', async () => {
    const taken = await postJson<{ ticket: Ticket }>(`${server.url}/api/tickets`, {
      categoryId: 'consult',
      idempotencyKey: 'k-e2e-phone-0001',
    });
    const phone = await browser.newContext({
      viewport: { width: 360, height: 740 },
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
      isMobile: true,
      hasTouch: true,
    });
    const p = await phone.newPage();
    await p.goto(`${server.url}/t/${taken.body.ticket.id}`);
    await p.getByTestId('phone-status').getByText('等候中').waitFor();
    await p.getByTestId('phone-ahead').waitFor();
    const ahead = Number(await p.locator('.ahead-n').textContent());
    expect(ahead).toBe(taken.body.ticket.ahead);
    await p.screenshot({ path: artifact('ticket-phone-waiting.png'), fullPage: true });
    // Window 1 calls the next consult tickets until ours: the page must follow without a reload.
    const token = await staffToken(server.url, 1);
    for (let i = 0; i <= ahead; i++)
      expect((await postJson(`${server.url}/api/windows/1/call-next`, {}, token)).status).toBe(200);
    await p.getByTestId('phone-status').getByText('请到 1 号窗口').waitFor();
    await p.screenshot({ path: artifact('ticket-phone-called.png'), fullPage: true });
    expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await phone.close();
  });

  it('the kiosk page loads at most 60 KB of gzipped JavaScript', () => {
    const html = readFileSync(`${DIST}kiosk.html`, 'utf8');
    const files = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]!);
    const total = files.reduce((s, f) => s + gzipSync(readFileSync(DIST + f), { level: 9 }).length, 0);
    console.log(`kiosk JS (initial, gzip -9): ${(total / 1024).toFixed(1)} KB in ${files.length} files`);
    expect(total).toBeLessThanOrEqual(60 * 1024);
  });
});

/** The ticket id for a number, from the open tickets a window console sees. */
async function ticketIdOf(number: string): Promise<string> {
  const token = await staffToken(server.url, 4);
  const r = await getJson<{ tickets: Ticket[] }>(`${server.url}/api/tickets?status=open`, token);
  const t = r.body.tickets.find((x) => x.number === number);
  if (!t) throw new Error(`没有找到号码 ${number}`);
  return t.id;
}
