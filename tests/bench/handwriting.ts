// Handwriting figures for npm run bench: recognition time per character through koffi (in process, the
// chosen way), the `zinnia` program (one process per character, the alternative), over HTTP against
// the running server, and the quality on the 300 most frequent catalogue characters (plain Zinnia call
// beside the normalised, resampled and catalogue-ranked one).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { catalogueVocabulary, createRecognizer, type HandwritingRequest } from '../../server/handwriting/recognizer.ts';
import { openZinnia, ZINNIA_MODEL } from '../../server/handwriting/zinnia.ts';
import { CONFIG, frequentCatalogueChars, seeded, written } from '../handwriting/written.ts';

function pct(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? NaN;
}
const ms = (v: number) => `${v.toFixed(2)} ms`;

/** Zinnia's S-expression input for its command-line program. */
function sexp(input: HandwritingRequest): string {
  const strokes = input.strokes.map((s) => `(${s.map(([x, y]) => `(${x} ${y})`).join('')})`).join('');
  return `(character (width ${input.width})(height ${input.height})(strokes ${strokes}))\n`;
}

export async function handwritingSection(
  serverUrl: string,
  post: (url: string, body: unknown) => Promise<{ status: number; json: unknown }>,
): Promise<string[]> {
  const out: string[] = [];
  const rows = JSON.parse(readFileSync(join(CONFIG, 'matters/center.json'), 'utf8')).matters;
  const recognizer = createRecognizer({ vocabulary: catalogueVocabulary(CONFIG, rows) });
  if (!recognizer.available) return [`handwriting: not measured — ${recognizer.reason}`];
  const plain = openZinnia();
  const chars = frequentCatalogueChars(300);
  const rnd = seeded(20261201);
  const inputs = chars.map((ch) => ({ ch, input: written(ch, rnd) }));
  const lat: number[] = [];
  let top1 = 0,
    top5 = 0,
    p1 = 0,
    p5 = 0;
  for (const { ch, input } of inputs) {
    const t = performance.now();
    const got = recognizer.recognize(input);
    lat.push(performance.now() - t);
    if (got[0] === ch) top1++;
    if (got.slice(0, 5).includes(ch)) top5++;
    const p = plain.classify(input.width, input.height, input.strokes as [number, number][][], 5).map((c) => c.char);
    if (p[0] === ch) p1++;
    if (p.includes(ch)) p5++;
  }
  const pc = (n: number) => `${((100 * n) / chars.length).toFixed(1)}%`;
  out.push(
    `handwriting recognition in process (koffi → libzinnia, nbest 200, ranked), ${chars.length} characters: p50 ${ms(pct(lat, 50))}, p95 ${ms(pct(lat, 95))} per character  [target p95 ≤ 100 ms]`,
  );
  out.push(
    `handwriting quality, 300 most frequent catalogue characters from hanzi-writer-data medians with seeded jitter: top-1 ${pc(top1)}, top-5 ${pc(top5)}; plain Zinnia call on the same input: top-1 ${pc(p1)}, top-5 ${pc(p5)}  [target top-5 ≥ 90%]`,
  );
  // The alternative: the zinnia program, one process (and one model load) per character.
  const dir = mkdtempSync(join(tmpdir(), 'zinnia-'));
  const cli: number[] = [];
  for (const { input } of inputs.slice(0, 40)) {
    const file = join(dir, 'c.s');
    writeFileSync(file, sexp(input));
    const t = performance.now();
    const r = spawnSync('zinnia', ['-m', ZINNIA_MODEL, '-n', '10', file], { encoding: 'utf8' });
    cli.push(performance.now() - t);
    if (r.status !== 0) return [...out, `zinnia program failed: ${r.stderr}`];
  }
  out.push(
    `handwriting through the zinnia program (spawn per character), 40 characters: p50 ${ms(pct(cli, 50))}, p95 ${ms(pct(cli, 95))} — not used: slower than in process`,
  );
  const http: number[] = [];
  for (const { input } of inputs.slice(0, 100)) {
    const t = performance.now();
    const r = await post(`${serverUrl}/api/handwriting`, input);
    http.push(performance.now() - t);
    if (r.status !== 200) return [...out, `POST /api/handwriting answered ${r.status}`];
  }
  out.push(
    `POST /api/handwriting against the server, 100 characters: p50 ${ms(pct(http, 50))}, p95 ${ms(pct(http, 95))}`,
  );
  recognizer.close();
  plain.close();
  return out;
}
