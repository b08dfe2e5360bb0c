// Issue 22 ⑦ through the hall display: a 低保 and a 廉租房 case in 公示 (seed 004 附件2 “做好审核阶段的公示、
// 接受社会监督等工作”) appear on the hall display's notice band — matter, masked applicant, 公示期 — and the full
// name never reaches the page. A case not in 公示 does not appear. Screenshot: tests/artifacts/hall-display-publicity.png.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { artifact, launchBrowser } from '../helpers/browser.ts';
import { postJson, staffToken, startTestServer, type TestServer } from '../helpers/server.ts';
import { manualClock } from '../helpers/config.ts';

const clock = manualClock('2026-11-23T02:00:00Z'); // Monday 10:00 in China
let server: TestServer;
let browser: Browser;
beforeAll(async () => {
  server = await startTestServer({ clock });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('hall display: 公示 in the notice band', () => {
  it('shows each case in its 公示期 with the masked applicant and the 公示期, nothing else', async () => {
    const accept = async (matterId: string, name: string, token: string) => {
      const r = await postJson<{ case: { id: string } }>(
        `${server.url}/api/windows/4/cases`,
        { matterId, kind: 'promised', promisedDays: 20 },
        token,
      );
      expect(r.status).toBe(201);
      const id = r.body.case.id;
      await postJson(`${server.url}/api/registers/cases/${id}/applicant`, { name }, token);
      return id;
    };
    // 廉租房 accepted on Friday 11-20, its notice posted that day and recorded on Monday (one working day back).
    clock.set('2026-11-20T02:00:00Z');
    const housing = await accept('gl-02', '李四', await staffToken(server.url, 4));
    clock.set('2026-11-23T02:00:00Z');
    const token = await staffToken(server.url, 4);
    const dibao = await accept('street-03', '张小三', token);
    await accept('street-03', '王五', token); // accepted, not (yet) in 公示
    expect((await postJson(`${server.url}/api/cases/${dibao}/publicity`, {}, token)).status).toBe(201);
    expect(
      (await postJson(`${server.url}/api/cases/${housing}/publicity`, { startDate: '2026-11-20' }, token)).status,
    ).toBe(201);

    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await page.goto(`${server.url}/display?voice=off`);
    const band = page.getByTestId('hall-notice');
    await band.waitFor();
    await expect.poll(() => band.innerText(), { timeout: 10_000 }).toContain('公示：');
    const text = await band.innerText();
    expect(text).toContain('最低生活保障　张*三　公示期11月23日至11月29日');
    expect(text).toContain('城市困难家庭廉租房申请　李*　公示期11月20日至11月26日');
    expect(text).not.toContain('王');
    const html = await page.content();
    for (const full of ['张小三', '李四', '王五']) expect(html).not.toContain(full);
    // The band scrolls (40 s a turn): for the picture, the running animation is moved to where the notice's
    // first words have just come in at the left edge, as a resident sees it some seconds after it starts.
    await page.evaluate(() => {
      const span = document.querySelector('[data-testid="hall-notice"] span') as HTMLElement;
      const c = (span.parentElement as HTMLElement).clientWidth;
      const w = span.offsetWidth;
      for (const a of span.getAnimations()) a.currentTime = (40_000 * (c - 30)) / w;
    });
    await page.screenshot({ path: artifact('hall-display-publicity.png') });
    await page.close();
  });
});
