// Characters "written" from independent stroke data: hanzi-writer-data's stroke medians (from Make Me a
// Hanzi, 1024 units, y up), put on a kiosk pad the way a resident writes — smaller than the pad and off
// centre — with small seeded random jitter on every point.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { HandwritingRequest } from '../../server/handwriting/recognizer.ts';

const require = createRequire(import.meta.url);
export const CONFIG = new URL('../../config', import.meta.url).pathname;

/** mulberry32: a small seeded generator, so a run can be repeated. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function medians(ch: string): number[][][] {
  return (require(`hanzi-writer-data/${ch}.json`) as { medians: number[][][] }).medians;
}

/** One character on a 480 × 480 pad: scale 0.35, offset (60, 40), jitter ±`jitter` pad pixels. */
export function written(ch: string, rnd: () => number, jitter = 4): HandwritingRequest {
  const j = () => (rnd() - 0.5) * 2 * jitter;
  const strokes = medians(ch).map((s) =>
    s.map(([x, y]) => [Math.round(60 + x! * 0.35 + j()), Math.round(40 + (900 - y!) * 0.35 + j())]),
  );
  return { width: 480, height: 480, strokes };
}

/** The `n` characters most frequent in the matter names of the shipped catalogue (centre + templates). */
export function frequentCatalogueChars(n: number): string[] {
  const freq = new Map<string, number>();
  for (const f of ['center', 'township', 'street', 'village']) {
    for (const r of JSON.parse(readFileSync(join(CONFIG, 'matters', `${f}.json`), 'utf8')).matters as {
      name: string;
    }[]) {
      for (const ch of r.name) if (/[\u4e00-\u9fff]/.test(ch)) freq.set(ch, (freq.get(ch) ?? 0) + 1);
    }
  }
  return [...freq]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, n)
    .map(([c]) => c);
}
