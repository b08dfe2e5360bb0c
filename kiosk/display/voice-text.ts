// How an announcement is said. Pure functions, unit-tested (tests/display/voice-text.test.ts).
// A ticket number is read digit by digit, as halls do (A012 → A零一二: nobody hears "A十二" as A012);
// a window number is an ordinary number (3号窗口 → 三号窗口, 12号窗口 → 十二号窗口).

const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'] as const;

/** 0–9 each as its own syllable: "012" → 零一二. */
export function digitsToChinese(digits: string): string {
  return [...digits].map((d) => DIGITS[Number(d)] ?? d).join('');
}

/** A natural Chinese number for 0–9999: 3 → 三, 10 → 十, 12 → 十二, 105 → 一百零五, 2010 → 二千零一十. */
export function naturalChinese(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 9999) throw new RangeError(`naturalChinese: ${n} is outside 0–9999`);
  if (n === 0) return '零';
  const units = ['千', '百', '十', ''] as const;
  const parts = String(n).padStart(4, '0').split('').map(Number);
  let out = '';
  let pendingZero = false;
  parts.forEach((d, i) => {
    if (d === 0) {
      if (out) pendingZero = true;
      return;
    }
    if (pendingZero) out += '零';
    pendingZero = false;
    out += DIGITS[d] + units[i]!;
  });
  // 10–19 are said 十, 十一 … not 一十, 一十一.
  return out.startsWith('一十') ? out.slice(1) : out;
}

/**
 * The text as it should be spoken:
 * - letters followed by digits (a ticket number: A012, C1234) → the letters, then each digit;
 * - other digit runs → a natural number, unless they have a leading zero or more than four digits
 *   (then they are codes, read digit by digit).
 * Everything else is left as it is.
 */
export function spokenText(text: string): string {
  return text.replace(
    /([A-Za-z]+)(\d+)|(\d+)/g,
    (_m, letters: string | undefined, code: string | undefined, bare: string | undefined) => {
      if (letters !== undefined && code !== undefined) return letters.toUpperCase() + digitsToChinese(code);
      const run = bare!;
      if ((run.length > 1 && run.startsWith('0')) || run.length > 4) return digitsToChinese(run);
      return naturalChinese(Number(run));
    },
  );
}

export interface ClipManifest {
  chime: { file: string; ms: number };
  clips: Record<string, { file: string; ms: number }>;
}

export interface ClipPlan {
  /** The clip keys in the order they are played. */
  keys: string[];
  /** Characters that have no clip (said nothing for them; logged so a missing clip is noticed). */
  missing: string[];
}

/**
 * The clips that say `spoken`, matched greedily longest-first (窗口办理 before 窗口 before 窗), so
 * one recorded phrase is preferred over stitched syllables. Spaces and punctuation are pauses, not clips.
 */
export function clipSequence(spoken: string, clipKeys: Iterable<string>): ClipPlan {
  const keys = [...new Set(clipKeys)].sort((a, b) => b.length - a.length);
  const out: string[] = [];
  const missing: string[] = [];
  let i = 0;
  while (i < spoken.length) {
    const rest = spoken.slice(i);
    const key = keys.find((k) => rest.startsWith(k));
    if (key) {
      out.push(key);
      i += key.length;
      continue;
    }
    const ch = String.fromCodePoint(rest.codePointAt(0)!);
    if (!/[\s,，。、:：;；!！?？]/u.test(ch)) missing.push(ch);
    i += ch.length;
  }
  return { keys: out, missing };
}
