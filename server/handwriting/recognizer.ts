// Offline handwriting input for the kiosk search: strokes from the pad → up to 10 candidate characters.
// Zinnia gives the shape's candidates; characters that occur in the centre's matter names (what residents
// write at this kiosk) are ranked higher, which lifts the right character into the first five for most
// catalogue characters (tests/handwriting/quality.test.ts). Where the library or model is missing the
// recognizer is unavailable with a reason for the log, and the kiosk hides the pad.
import { array, int, obj, type Infer } from '../contract/schema.ts';
import { CENTER_LEVELS } from '../contract/matters.ts';
import { readCatalogue } from '../matters/load.ts';
import { BOX, prepareStrokes } from './strokes.ts';
import { checkZinnia, openZinnia, type Zinnia } from './zinnia.ts';

export const MAX_CANDIDATES = 10;
/** How many of Zinnia's candidates are re-ranked (a catalogue character further down is rarely right). */
const NBEST = 200;
/** Added to Zinnia's score for a catalogue character; Zinnia's scores of good candidates lie within ±1. */
const CATALOGUE_BONUS = 1.2;
export const MAX_STROKES = 40;
export const MAX_POINTS_PER_STROKE = 400;
export const MAX_POINTS = 4000;

const coord = int({ min: -20_000, max: 20_000 });
export const HandwritingRequestSchema = obj({
  width: int({ min: 1, max: 8192 }),
  height: int({ min: 1, max: 8192 }),
  strokes: array(array(array(coord, { min: 2, max: 2 }), { min: 1, max: MAX_POINTS_PER_STROKE }), {
    min: 1,
    max: MAX_STROKES,
  }),
});
export type HandwritingRequest = Infer<typeof HandwritingRequestSchema>;

export interface Recognizer {
  /** False where Zinnia or its model is missing; `reason` says why (for the log). */
  readonly available: boolean;
  readonly reason: string | null;
  /** Candidates, best first (at most MAX_CANDIDATES, distinct single characters). */
  recognize(input: HandwritingRequest): string[];
  close(): void;
}

/** The characters to favour: every CJK character of the given texts (matter names, keywords). */
export function vocabularyOf(texts: Iterable<string>): Set<string> {
  const out = new Set<string>();
  for (const t of texts) for (const ch of t) if (/[\u3400-\u9fff]/.test(ch)) out.add(ch);
  return out;
}

/**
 * The centre's matter names and keywords, and the names of the district's template lists (the names
 * residents know from notices): the characters the kiosk favours.
 */
export function catalogueVocabulary(
  configDir: string,
  rows: readonly { name: string; keywords: readonly string[] }[],
): Set<string> {
  const texts = rows.flatMap((r) => [r.name, ...r.keywords]);
  for (const level of CENTER_LEVELS)
    texts.push(...(readCatalogue(configDir, level, []) ?? { rows: [] }).rows.map((r) => r.name));
  return vocabularyOf(texts);
}

/** The model is closed again after this long without a character (its memory goes back; issue 26). */
export const HANDWRITING_IDLE_MS = 5 * 60_000;

/**
 * The model (27 MB) is opened on the first character written, not at start, and closed after
 * `idleMs` without use: a day of tickets without handwriting never holds it (RSS target ≤ 100 MB, issue 26).
 * Availability is decided at start from the library and the model file (checkZinnia).
 */
export function createRecognizer(opts: {
  vocabulary: ReadonlySet<string>;
  model?: string;
  library?: string;
  idleMs?: number;
}): Recognizer {
  try {
    checkZinnia(opts.model, opts.library);
  } catch (err) {
    const reason = (err as Error).message;
    return {
      available: false,
      reason,
      recognize: () => [],
      close: () => {},
    };
  }
  let zinnia: Zinnia | null = null;
  let idle: NodeJS.Timeout | null = null;
  let failure: string | null = null;
  const release = () => {
    if (idle) clearTimeout(idle);
    idle = null;
    zinnia?.close();
    zinnia = null;
  };
  const model = (): Zinnia | null => {
    if (failure) return null;
    try {
      zinnia ??= openZinnia(opts.model, opts.library);
    } catch (err) {
      // The file is there but Zinnia cannot read it: the pad is withdrawn from now on, with the reason.
      failure = (err as Error).message;
      return null;
    }
    if (idle) clearTimeout(idle);
    idle = setTimeout(release, opts.idleMs ?? HANDWRITING_IDLE_MS);
    idle.unref();
    return zinnia;
  };
  return {
    get available() {
      return failure === null;
    },
    get reason() {
      return failure;
    },
    recognize(input) {
      if (input.strokes.reduce((n, s) => n + s.length, 0) > MAX_POINTS) return [];
      const strokes = prepareStrokes(input.strokes.map((s) => s.map(([x, y]) => [x!, y!] as const)));
      const open = model();
      if (!open) return [];
      const ranked = open
        .classify(BOX, BOX, strokes, NBEST)
        .filter((c) => Array.from(c.char).length === 1)
        .map((c) => ({ char: c.char, score: c.score + (opts.vocabulary.has(c.char) ? CATALOGUE_BONUS : 0) }))
        .sort((a, b) => b.score - a.score);
      return [...new Set(ranked.map((c) => c.char))].slice(0, MAX_CANDIDATES);
    },
    close: release,
  };
}
