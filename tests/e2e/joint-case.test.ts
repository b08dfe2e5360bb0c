// 联办件 in Chromium (issue 28 item 3): the lead window's console sets up the participating windows' steps
// (一次性告知制度 第四条 "所办事项涉及多个部门"; 限时办结制度 第六条 "逐环节、逐岗位明确责任人和办理时限"), the
// participating window's console shows its step and marks it done, and the resident's phone (/c/:id) shows
// the steps' progress in plain Chinese; a late step shows on the leader's supervision. Consoles at 1920×1080,
// the phone at 360×740; screenshots kept.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { artifact, launchBrowser, signInConsole } from '../helpers/browser.ts';
import { getJson, postJson, staffToken, startTestServer, type TestServer } from '../helpers/server.ts';
import type { CaseRecord } from '../../server/contract/cases.ts';
import type { PublicJoint } from '../../server/contract/joint.ts';

let server: TestServer;
let browser: Browser;
const started = Date.now();
let offset = 0;
beforeAll(async () => {
  // Monday 2026-11-23 10:00 in China, moving with real time.
  server = await startTestServer({
    clock: () => new Date(Date.parse('2026-11-23T02:00:00Z') + (Date.now() - started) + offset),
  });
  browser = await launchBrowser();
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('联办件 at the consoles and on the phone', () => {
  it('lead console sets up two steps, window 5 marks its step done, /c/:id shows the progress', {
    timeout: 120_000,
  }, async () => {
    const w4 = await staffToken(server.url, 4);
    const accepted = await postJson<{ case: CaseRecord }>(
      `${server.url}/api/windows/4/cases`,
      { matterId: 'street-05' },
      w4,
    );
    expect(accepted.status).toBe(201);
    const c = accepted.body.case;

    // ---- the lead window (4, 民政) -------------------------------------------------------------------
    const lead = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await signInConsole(lead, server.url, 4);
    const desk = lead.getByTestId('joint-desk');
    await desk.getByRole('button', { name: '设为联办' }).click();
    const form = desk.getByTestId('joint-form');
    await form.getByLabel('办件').selectOption(c.id);
    await form.getByLabel('第1步窗口').waitFor();
    await form.getByLabel('第1步窗口').selectOption('5');
    await form.getByLabel('第1步环节').selectOption('入户核实');
    await form.getByLabel('第1步时限').fill('2026-11-25');
    await form.getByRole('button', { name: '加一步' }).click();
    await form.getByLabel('第2步窗口').selectOption('1');
    await form.getByLabel('第2步环节').selectOption('材料审核');
    // Past the promised date first: the console shows the server's refusal in Chinese.
    await form.getByLabel('第2步时限').fill('2027-03-01');
    await lead.screenshot({ path: artifact('joint-lead-console-setup-1920x1080.png') });
    await form.getByRole('button', { name: '确定联办' }).click();
    await desk.getByText(/晚于本件承诺办结日期/).waitFor();
    await form.getByLabel('第2步时限').fill('2026-11-27');
    await form.getByRole('button', { name: '确定联办' }).click();
    await desk.getByText(/已设为联办件/).waitFor();
    await desk.getByTestId('joint-leading').waitFor();
    const leading = (await desk.getByTestId('joint-leading').textContent()) ?? '';
    expect(leading).toContain('第1步 5号窗口 残联：入户核实');
    expect(leading).toContain('第2步 1号窗口 综合咨询：材料审核');
    await lead.screenshot({ path: artifact('joint-lead-console-1920x1080.png') });

    // ---- a participating window (5, 残联) ---------------------------------------------------------
    const part = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await signInConsole(part, server.url, 5);
    const mine = part.getByTestId('joint-desk').getByTestId('joint-mine');
    await mine.waitFor();
    const text = (await mine.textContent()) ?? '';
    expect(text).toContain(c.caseNo);
    expect(text).toContain('第1步：入户核实，2026-11-25 前完成（4号窗口牵头）');
    await part.screenshot({ path: artifact('joint-participant-console-1920x1080.png') });
    await mine.getByRole('button', { name: '本步办结' }).click();
    await part.getByTestId('joint-desk').getByText('没有待办的联办步骤').waitFor();
    await part.screenshot({ path: artifact('joint-participant-console-done-1920x1080.png') });

    const pub = await getJson<{ joint: PublicJoint }>(`${server.url}/api/cases/${c.id}/joint`);
    expect(pub.body.joint.steps.map((s) => s.state)).toEqual(['done', 'open']);

    // ---- the resident's phone ---------------------------------------------------------------------
    const phone = await browser.newPage({ viewport: { width: 360, height: 740 } });
    await phone.goto(`${server.url}/c/${c.id}`);
    const progress = phone.getByTestId('joint-progress');
    await progress.waitFor();
    const words = (await progress.textContent()) ?? '';
    expect(words).toContain('本件由 4号窗口 民政 牵头受理');
    expect(words).toContain('已完成 1/2 项');
    expect(words).toContain('5号窗口 残联入户核实已完成（11月23日）');
    expect(words).toContain('1号窗口 综合咨询材料审核办理中，11月27日前完成');
    expect(words).not.toMatch(/w\d[ab]|undefined|null/);
    await phone.screenshot({ path: artifact('joint-case-page-360x740.png'), fullPage: true });
    await Promise.all([lead.close(), part.close(), phone.close()]);

    // ---- supervision (/admin, the 分管领导): on 11-28, window 1's step (due 11-27) is late -----------
    offset = 5 * 86_400_000;
    const admin = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    await admin.goto(`${server.url}/admin`);
    await admin.fill('input[name=staffId]', 'leader');
    await admin.fill('input[name=pin]', '246810');
    await admin.keyboard.press('Enter');
    const late = admin.getByTestId('late-joint-steps');
    await late.waitFor();
    const row = (await late.locator('tbody tr').allTextContents()).join('|');
    expect(row).toContain(c.caseNo);
    expect(row).toContain('1号窗口 综合咨询');
    expect(row).toContain('材料审核');
    expect(row).toContain('2026-11-27');
    expect(row).not.toContain('入户核实'); // done on time
    await late.scrollIntoViewIfNeeded();
    await admin.screenshot({ path: artifact('joint-supervision-late-1440x1000.png'), fullPage: true });
    await admin.close();
  });
});
