// The display above a counter on strip screens (1920×540, 1920×360) and the usual 1920×1080: nothing
// clipped, and the staff on duty by name and 工号 from config (issue 17), serving and paused. A centre that
// has not named its staff (the shipped "6号窗口A岗") gets the window's name, not a post and a 工号 (issue 24 ⑬).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { artifact, launchBrowser } from '../helpers/browser.ts';
import { postJson, staffToken, startTestServer, type TestServer } from '../helpers/server.ts';
import { testConfig } from '../helpers/config.ts';

/** The centre named its window 6 staff (A post 李晓梅); the other server keeps the shipped placeholders. */
let server: TestServer;
let unnamed: TestServer;
let browser: Browser;
beforeAll(async () => {
  const config = testConfig();
  config.staff = config.staff.map((s) => (s.id === 'w6a' ? { ...s, name: '李晓梅' } : s));
  server = await startTestServer({ config });
  unnamed = await startTestServer();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await unnamed?.stop();
});

/** Every element inside its cell (head, main, foot) and the screen, and no cell with hidden overflow. */
function clipped(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const vw = window.innerWidth;
    const vh = window.innerHeight;
    for (const cell of document.querySelectorAll<HTMLElement>('.win-head, .win-main, .win-foot')) {
      const box = cell.getBoundingClientRect();
      if (cell.scrollWidth > cell.clientWidth + 1 || cell.scrollHeight > cell.clientHeight + 1)
        problems.push(`${cell.className} overflows`);
      for (const el of cell.querySelectorAll<HTMLElement>('*')) {
        const r = el.getBoundingClientRect();
        if (!r.width) continue;
        if (r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1 || r.bottom > box.bottom + 1)
          problems.push(`${el.className || el.tagName} "${el.textContent}" leaves ${cell.className}`);
        if (r.right > vw + 1 || r.bottom > vh + 1) problems.push(`${el.className} off screen`);
      }
    }
    return problems;
  });
}

describe('window display on strip screens', () => {
  it('fits 1920×360, 1920×540 and 1920×1080 serving and paused, with the staff name and 工号', async () => {
    const token = await staffToken(server.url, 6); // window 6: the longest name (综合受理·出证)
    await postJson(`${server.url}/api/tickets`, { categoryId: 'general' });
    await postJson(`${server.url}/api/windows/6/call-next`, {}, token);
    for (const [width, height] of [
      [1920, 360],
      [1920, 540],
      [1920, 1080],
    ] as const) {
      const page = await browser.newPage({ viewport: { width, height } });
      await page.goto(`${server.url}/display/6`);
      await page.getByTestId('window-state').getByText('F001').waitFor();
      const staff = await page.getByTestId('window-staff').innerText();
      expect(staff).toContain('李晓梅');
      expect(staff).toContain('工号 w6a');
      expect(staff).toContain('A岗');
      expect(staff).not.toContain('（A岗）');
      expect(await clipped(page)).toEqual([]);
      await page.screenshot({ path: artifact(`window-display-${width}x${height}-serving.png`) });
      await page.close();
    }
    await postJson(`${server.url}/api/windows/6/pause`, { reason: '系统维护，请到1号窗口' }, token);
    for (const [width, height] of [
      [1920, 360],
      [1920, 540],
    ] as const) {
      const page = await browser.newPage({ viewport: { width, height } });
      await page.goto(`${server.url}/display/6`);
      await page.getByText('系统维护，请到1号窗口').waitFor();
      expect(await clipped(page)).toEqual([]);
      await page.screenshot({ path: artifact(`window-display-${width}x${height}-paused.png`) });
      await page.close();
    }
  });

  it('shows the window name, not "6号窗口A岗" and a 工号, when the centre has not named its staff', async () => {
    const token = await staffToken(unnamed.url, 6);
    await postJson(`${unnamed.url}/api/tickets`, { categoryId: 'general' });
    await postJson(`${unnamed.url}/api/windows/6/call-next`, {}, token);
    for (const [width, height] of [
      [1920, 360],
      [1920, 1080],
    ] as const) {
      const page = await browser.newPage({ viewport: { width, height } });
      await page.goto(`${unnamed.url}/display/6`);
      await page.getByTestId('window-state').getByText('F001').waitFor();
      const foot = await page.locator('.win-foot').innerText();
      expect(foot).toContain('综合受理·出证');
      const all = await page.locator('.win').innerText();
      expect(all).not.toContain('窗口A岗');
      expect(all).not.toContain('工号');
      expect(await clipped(page)).toEqual([]);
      await page.screenshot({ path: artifact(`window-display-${width}x${height}-unnamed-staff.png`) });
      await page.close();
    }
  });
});
