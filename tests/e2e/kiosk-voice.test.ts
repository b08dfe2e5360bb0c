// The kiosk's read-aloud (elderly mode) on a machine without a local Chinese voice: it speaks with the hall
// display's recorded clips (no network, no browser voice), never through a voice that is not local (an
// online engine); with a local voice it uses that. In Chromium against the whole server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { artifact, launchBrowser } from '../helpers/browser.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

/** Only an online (not localService) Chinese voice: it records anything asked of it, which must be nothing. */
const ONLINE_ONLY = `
  window.__spoken = [];
  window.SpeechSynthesisUtterance = class { constructor(text) { this.text = text; } };
  Object.defineProperty(window, 'speechSynthesis', { configurable: true, value: {
    getVoices: () => [{ name: 'Online zh-CN', lang: 'zh-CN', localService: false, default: true, voiceURI: 'online-zh' }],
    speak(u) { window.__spoken.push(u.text); }, cancel() {}, addEventListener() {}, removeEventListener() {},
  } });
`;
const LOCAL = ONLINE_ONLY.replace(
  'getVoices: () => [',
  "getVoices: () => [{ name: 'Local zh-CN', lang: 'zh-CN', localService: true, voiceURI: 'local-zh' }, ",
);

let server: TestServer;
let browser: Browser;

async function kiosk(script: string): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 1080, height: 1920 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    hasTouch: true,
  });
  await context.addInitScript(script);
  const page = await context.newPage();
  await page.goto(`${server.url}/kiosk`);
  await page.locator('button[data-category]').first().waitFor();
  await page.getByRole('button', { name: '长辈模式' }).click();
  await page.locator('html.elderly').waitFor({ state: 'attached' });
  return page;
}

const said = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll('#speech-log li')].map((li) => ({
      mode: (li as HTMLElement).dataset.mode,
      text: li.textContent,
      clips: (li as HTMLElement).dataset.clips?.split('|') ?? [],
      missing: (li as HTMLElement).dataset.missing ?? '',
    })),
  );

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('kiosk read-aloud', () => {
  it('without a local Chinese voice: the recorded clips, never the online voice', async () => {
    const page = await kiosk(ONLINE_ONLY);
    await expect.poll(async () => (await said(page)).at(-1)?.text, { timeout: 8000 }).toBe('请选择要办理的业务');
    const home = (await said(page)).at(-1)!;
    expect(home.mode).toBe('clips');
    expect(home.clips).toEqual(['请选择要办理的业务']);
    expect(home.missing).toBe('');

    // Take a number: the result is read with phrases, the category and the number digit by digit.
    await page.locator('button[data-category="civil"]').click();
    await page.getByTestId('result').waitFor();
    await expect.poll(async () => (await said(page)).at(-1)?.text ?? '', { timeout: 8000 }).toContain('取号成功');
    const result = (await said(page)).at(-1)!;
    expect(result.mode).toBe('clips');
    expect(result.clips.slice(0, 6)).toEqual(['取号成功', '您的号码是', 'B', '零', '零', '一']);
    expect(result.clips).toContain('民政');
    expect(result.clips).toContain('前面还有');
    expect(result.missing).toBe('');
    expect(await page.evaluate(() => (window as unknown as { __spoken: string[] }).__spoken)).toEqual([]);
    // The clips really were fetched from this server (no network beyond the kiosk's own server).
    expect(
      await page.evaluate(
        () => performance.getEntriesByType('resource').filter((e) => e.name.includes('/voice/k-home.wav')).length,
      ),
    ).toBe(1);
    await page.screenshot({ path: artifact('kiosk-voice-clips-result.png') });
    await page.context().close();
  }, 40_000);

  it('with a local Chinese voice: speechSynthesis with that voice', async () => {
    const page = await kiosk(LOCAL);
    await expect.poll(async () => (await said(page)).at(-1)?.mode, { timeout: 8000 }).toBe('speech');
    expect(await page.evaluate(() => (window as unknown as { __spoken: string[] }).__spoken)).toContain(
      '请选择要办理的业务',
    );
    await page.context().close();
  }, 30_000);
});
