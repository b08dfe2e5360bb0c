// Hostile or degenerate pads: random shapes and random strokes (one point, the same point repeated,
// huge and negative coordinates, a 1 × 1 pad) never crash the server and get a 200 or a 4xx in the
// error shape; well-formed ones always get at most 10 single characters.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { fuzzRuns } from '../helpers/fuzz-runs.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.stop());

const post = async (text: string) => {
  const res = await fetch(`${server.url}/api/handwriting`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: text,
  });
  return {
    status: res.status,
    json: (await res.json()) as { candidates?: string[]; error?: { code: string; message: string } },
  };
};

const coord = fc.oneof(fc.integer({ min: -20_000, max: 20_000 }), fc.constantFrom(0, 1, 479, 480));
const stroke = fc.oneof(
  fc.array(fc.tuple(coord, coord), { minLength: 1, maxLength: 60 }),
  fc.tuple(coord, coord).chain((p) => fc.array(fc.constant(p), { minLength: 1, maxLength: 30 })), // one point, again and again
);
const wellFormed = fc.record({
  width: fc.integer({ min: 1, max: 8192 }),
  height: fc.integer({ min: 1, max: 8192 }),
  strokes: fc.array(stroke, { minLength: 1, maxLength: 12 }),
});

describe('POST /api/handwriting under random input', () => {
  it('well-formed strokes of any geometry: 200 with at most 10 single characters', async () => {
    await fc.assert(
      fc.asyncProperty(wellFormed, async (body) => {
        const r = await post(JSON.stringify(body));
        expect(r.status).toBe(200);
        expect(r.json.candidates!.length).toBeLessThanOrEqual(10);
        for (const c of r.json.candidates!) expect(Array.from(c)).toHaveLength(1);
      }),
      { numRuns: fuzzRuns(60) },
    );
  });

  it('anything else: a 4xx with a Chinese message, never a crash', async () => {
    const junk = fc.oneof(
      fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)),
      fc.string({ maxLength: 300 }),
      wellFormed.chain((b) =>
        fc
          .record({ key: fc.constantFrom('width', 'height', 'strokes'), value: fc.jsonValue({ maxDepth: 3 }) })
          .map(({ key, value }) => JSON.stringify({ ...b, [key]: value })),
      ),
    );
    await fc.assert(
      fc.asyncProperty(junk, async (text) => {
        const r = await post(text);
        expect(r.status).not.toBe(500);
        if (r.status !== 200) {
          expect(r.status).toBeGreaterThanOrEqual(400);
          expect(r.json.error!.message).toMatch(/[\u4e00-\u9fff]/);
        }
      }),
      { numRuns: fuzzRuns(150) },
    );
    expect((await post(JSON.stringify({ width: 10, height: 10, strokes: [[[5, 5]]] }))).status).toBe(200);
  });
});
