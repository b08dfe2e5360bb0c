// Matter search for the kiosk: Chinese substring, full pinyin, pinyin initials, and mixtures
// ("zuidish", "dbsq"). Everything pinyin is computed once when the index is built; a query only
// compares strings, so it stays far below a millisecond for a catalogue of a few hundred matters.
import { pinyin, polyphonic } from 'pinyin-pro';
import type { Matter, MatterSummary, MatterType } from '../contract/matters.ts';

export interface SearchFilter {
  department?: string;
  type?: MatterType;
}

/** Per character, its readings (toneless, ü as v); the context reading first. */
type Syllables = string[][];

interface IndexedText {
  text: string;
  syllables: Syllables;
  /** The character each entry of `syllables` reads (for queries that mix characters and pinyin). */
  chars: string[];
  /** Context readings joined, e.g. zuidishenghuobaozhang. */
  full: string;
  /** First letters of the context readings, e.g. zdshbz. */
  initials: string;
  /** Some character has more than one reading: the fast path may miss a match. */
  polyphonic: boolean;
}

interface Entry {
  matter: Matter;
  summary: MatterSummary;
  order: number;
  name: IndexedText;
  /** Keywords and the guide's title: found, but ranked after matches in the name. */
  extras: IndexedText[];
}

const CJK = /[\u3400-\u9fff]/;

function indexText(text: string): IndexedText {
  const chars = Array.from(text);
  // The context reading (pinyin-pro segments words, so 重度 → zhong, 单位 → dan)…
  const context = pinyin(text, { toneType: 'none', type: 'array', v: true, nonZh: 'spaced' });
  // …and every reading of each character, for the cases the segmenter gets wrong (低保长寿 → zhang).
  const all = polyphonic(text, { toneType: 'none', type: 'array', v: true });
  const syllables: Syllables = [];
  const readChars: string[] = [];
  chars.forEach((ch, i) => {
    if (CJK.test(ch)) {
      const primary = context.length === chars.length ? context[i]! : (all[i]?.[0] ?? ch);
      const readings = [primary, ...(all[i] ?? []).filter((r) => r !== primary)]
        .map((r) => r.toLowerCase())
        .filter((r) => /^[a-z]+$/.test(r));
      if (readings.length) {
        syllables.push(readings);
        readChars.push(ch);
      }
    } else if (/[a-z0-9]/i.test(ch)) {
      syllables.push([ch.toLowerCase()]);
      readChars.push(ch.toLowerCase());
    }
    // Punctuation (、，()) is skipped: "jiuyedengjishiyedengji" runs across 就业登记、失业登记.
  });
  return {
    text,
    syllables,
    chars: readChars,
    full: syllables.map((s) => s[0]).join(''),
    initials: syllables.map((s) => s[0]![0]).join(''),
    polyphonic: syllables.some((s) => s.length > 1),
  };
}

/**
 * Does `q` (lowercase letters/digits) match consecutive characters, each given by a full reading or by
 * its initial (zh/ch/sh count as initials too), the last one possibly cut short? Returns the start
 * character of the first match, or -1. A table over (query position, character) keeps it linear.
 */
function matchSyllables(q: string, syl: Syllables, chars: readonly string[]): number {
  const n = syl.length;
  const memo = new Int8Array((q.length + 1) * (n + 1)); // 0 unknown, 1 yes, 2 no
  const can = (pos: number, j: number): boolean => {
    if (pos === q.length) return true;
    if (j === n) return false;
    const k = pos * (n + 1) + j;
    if (memo[k]) return memo[k] === 1;
    let ok = false;
    const rest = q.length - pos;
    // A character in the query (handwritten, then pinyin typed after it) must be that very character.
    if (CJK.test(q[pos]!)) {
      ok = chars[j] === q[pos] && can(pos + 1, j + 1);
      memo[k] = ok ? 1 : 2;
      return ok;
    }
    for (const r of syl[j]!) {
      if (q.startsWith(r, pos) && can(pos + r.length, j + 1)) ok = true;
      else if (rest < r.length && r.startsWith(q.slice(pos)))
        ok = true; // the query ends inside this syllable
      else if (r[0] === q[pos] && can(pos + 1, j + 1)) ok = true;
      else if (r.length > 2 && /^[zcs]h/.test(r) && q.startsWith(r.slice(0, 2), pos) && can(pos + 2, j + 1)) ok = true;
      if (ok) break;
    }
    memo[k] = ok ? 1 : 2;
    return ok;
  };
  for (let j = 0; j < n; j++) if (can(0, j)) return j;
  return -1;
}

/** Where `q` matches in the text: 0 exact, 1 prefix, 2 inside, -1 nowhere. */
function rankIn(t: IndexedText, q: string, pinyinQuery: boolean): number {
  if (t.text === q) return 0;
  if (t.text.startsWith(q)) return 1;
  if (t.text.includes(q)) return 2;
  if (!pinyinQuery) return -1;
  if (t.full === q || t.initials === q) return 0;
  if (t.full.startsWith(q) || t.initials.startsWith(q)) return 1;
  if (t.full.includes(q) || t.initials.includes(q)) return 2;
  // Mixed full/initials ("zuidish") or another reading of a polyphonic character.
  const at = matchSyllables(q, t.syllables, t.chars);
  if (at < 0) return -1;
  return at === 0 ? 1 : 2;
}

/** Normalise what the resident typed: full-width to half-width, lower case, no spaces or apostrophes. */
export function normalizeQuery(q: string): string {
  return q
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s'’]+/g, '');
}

export class MatterIndex {
  readonly #entries: Entry[];
  readonly #byId = new Map<string, Matter>();
  readonly #departments: string[];

  /** `extras(matter)` gives more words to find a matter by (keywords, the guide's title). */
  constructor(matters: readonly Matter[], extras: (m: Matter) => string[] = () => []) {
    this.#entries = matters.map((matter, order) => {
      this.#byId.set(matter.id, matter);
      return {
        matter,
        order,
        summary: {
          id: matter.id,
          name: matter.name,
          type: matter.type,
          department: matter.department,
          categoryId: matter.categoryId,
          hasGuide: matter.guide !== null,
        },
        name: indexText(matter.name),
        extras: [...new Set(extras(matter))].filter((x) => x && x !== matter.name).map(indexText),
      };
    });
    this.#departments = [...new Set(matters.map((m) => m.department))];
  }

  get(id: string): Matter | null {
    return this.#byId.get(id) ?? null;
  }

  /** Departments in catalogue order, for the browse buttons. */
  departments(): string[] {
    return [...this.#departments];
  }

  /**
   * Matters matching `query` and the filter, best first: exact name, name prefix, inside the name, then
   * matches only in keywords or the guide title; catalogue order within a rank. An empty query lists all.
   */
  search(query: string, filter: SearchFilter = {}): MatterSummary[] {
    const q = normalizeQuery(query);
    // Pinyin, or characters and pinyin mixed (低 written on the pad, then "b" on the keypad).
    const pinyinQuery = /[a-z]/.test(q) && [...q].every((ch) => /[a-z0-9]/.test(ch) || CJK.test(ch));
    const hits: { entry: Entry; rank: number }[] = [];
    for (const entry of this.#entries) {
      if (filter.department !== undefined && entry.matter.department !== filter.department) continue;
      if (filter.type !== undefined && entry.matter.type !== filter.type) continue;
      if (!q) {
        hits.push({ entry, rank: 0 });
        continue;
      }
      let rank = rankIn(entry.name, q, pinyinQuery);
      if (rank < 0) {
        for (const extra of entry.extras) {
          const r = rankIn(extra, q, pinyinQuery);
          if (r >= 0 && (rank < 0 || 3 + r < rank)) rank = 3 + r;
        }
      }
      if (rank >= 0) hits.push({ entry, rank });
    }
    hits.sort((a, b) => a.rank - b.rank || a.entry.order - b.entry.order);
    return hits.map((h) => ({ ...h.entry.summary }));
  }
}
