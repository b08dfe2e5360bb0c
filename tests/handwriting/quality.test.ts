// Recognition quality on the characters residents write here: the 300 most frequent characters of the
// catalogue's matter names, written from hanzi-writer-data's stroke medians with seeded jitter (±4 pad
// pixels ≈ ±1% of the character). The right character must be among the first five for ≥ 90%.
// (npm run bench prints the same figures beside a plain Zinnia call on the same input.)
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { catalogueVocabulary, createRecognizer } from '../../server/handwriting/recognizer.ts';
import { CONFIG, frequentCatalogueChars, seeded, written } from './written.ts';

const rows = JSON.parse(readFileSync(join(CONFIG, 'matters/center.json'), 'utf8')).matters;
const recognizer = createRecognizer({ vocabulary: catalogueVocabulary(CONFIG, rows) });
afterAll(() => recognizer.close());

describe('handwriting quality (Zinnia, Debian zh_CN model)', () => {
  it('the 300 most frequent catalogue characters: right character in the top 5 for at least 90%', () => {
    expect(recognizer.available).toBe(true);
    const chars = frequentCatalogueChars(300);
    expect(chars).toHaveLength(300);
    const rnd = seeded(20261201);
    let top1 = 0,
      top5 = 0;
    const missed: string[] = [];
    for (const ch of chars) {
      const input = written(ch, rnd);
      const got = recognizer.recognize(input);
      if (got[0] === ch) top1++;
      if (got.slice(0, 5).includes(ch)) top5++;
      else missed.push(ch);
    }
    const pc = (n: number) => `${((100 * n) / chars.length).toFixed(1)}%`;
    console.log(`handwriting quality: top-1 ${pc(top1)}, top-5 ${pc(top5)}; missed: ${missed.join('')}`);
    expect(top5 / chars.length).toBeGreaterThanOrEqual(0.9);
  });
});
