// POST /api/handwriting against the whole server: the kiosk gets candidates for what was written, other
// roles are refused, oversized or malformed input is refused with a Chinese message, and without the
// model the pad is reported unavailable and the log says why.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postJson, startTestServer, type TestServer } from '../helpers/server.ts';
import { testConfig } from '../helpers/config.ts';
import { seeded, written } from './written.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.stop());

describe('POST /api/handwriting', () => {
  it('returns up to 10 single characters, the written one first for 低 and 保', async () => {
    expect(((await (await fetch(`${server.url}/api/handwriting`)).json()) as { available: boolean }).available).toBe(
      true,
    );
    const rnd = seeded(7);
    for (const ch of ['低', '保']) {
      const r = await postJson<{ candidates: string[] }>(`${server.url}/api/handwriting`, written(ch, rnd));
      expect(r.status).toBe(200);
      expect(r.body.candidates.length).toBeLessThanOrEqual(10);
      expect(r.body.candidates.every((c) => Array.from(c).length === 1)).toBe(true);
      expect(r.body.candidates[0]).toBe(ch);
    }
  });

  it('refuses malformed and oversized input with a clear message', async () => {
    const url = `${server.url}/api/handwriting`;
    const bad = [
      {},
      { width: 480, height: 480, strokes: [] },
      { width: 0, height: 480, strokes: [[[1, 2]]] },
      { width: 480, height: 480, strokes: [[[1, 2, 3]]] },
      { width: 480, height: 480, strokes: [[['a', 2]]] },
      { width: 480, height: 480, strokes: Array.from({ length: 41 }, () => [[1, 2]]) },
      { width: 480, height: 480, strokes: [Array.from({ length: 401 }, (_, i) => [i, i])] },
      {
        width: 480,
        height: 480,
        strokes: Array.from({ length: 20 }, () => Array.from({ length: 300 }, (_, i) => [i, i])),
      },
    ];
    for (const body of bad) {
      const r = await postJson<{ error: { code: string; message: string } }>(url, body);
      expect([400, 413], JSON.stringify(body).slice(0, 80)).toContain(r.status);
      expect(r.body.error.message).toMatch(/[\u4e00-\u9fff]/);
    }
    // The server is still there.
    expect((await postJson(url, written('助', seeded(1)))).status).toBe(200);
  });
});

describe('roles and a missing model', () => {
  it('only the kiosk may use it', async () => {
    const config = testConfig({ security: { ...testConfig().security, kioskAddresses: ['10.9.9.9'] } });
    const other = await startTestServer({ config });
    try {
      const r = await postJson<{ error: { code: string } }>(`${other.url}/api/handwriting`, written('低', seeded(1)));
      expect(r.status).toBe(403);
      expect(r.body.error.code).toBe('kiosk-only');
    } finally {
      await other.stop();
    }
  });

  it('without the model: unavailable, 503, and the log says why', async () => {
    const bare = await startTestServer({ handwritingModel: '/nonexistent/handwriting-zh_CN.model' });
    try {
      expect(((await (await fetch(`${bare.url}/api/handwriting`)).json()) as { available: boolean }).available).toBe(
        false,
      );
      const r = await postJson<{ error: { code: string } }>(`${bare.url}/api/handwriting`, written('低', seeded(1)));
      expect(r.status).toBe(503);
      expect(bare.logs.join('\n')).toMatch(
        /手写输入不可用，一体机不显示手写板：无法打开手写识别模型 \/nonexistent\/handwriting-zh_CN\.model（请安装 Debian 软件包 tegaki-zinnia-simplified-chinese）/,
      );
    } finally {
      await bare.stop();
    }
  });
});
