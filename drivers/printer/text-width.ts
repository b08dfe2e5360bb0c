// Widths and wrapping in printer columns. In Chinese mode (FS &) the printer prints every single-byte
// (ASCII) character in a half-width 12×24 cell and every multi-byte GB18030 character (all of CJK, but
// also ×, ·, —, ①, 【】, full-width punctuation) in a full-width 24×24 cell. Every non-ASCII character
// encodes to more than one GB18030 byte, so "non-ASCII = 2 columns" is exactly what lands on paper.

/** Columns one character takes: 0 for control characters, 1 for ASCII, 2 for everything else. */
export function charWidth(ch: string): number {
  const cp = ch.codePointAt(0) ?? 0;
  if (cp < 0x20 || cp === 0x7f) return 0;
  return cp < 0x80 ? 1 : 2;
}

export function textWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += charWidth(ch);
  return w;
}

// Characters a line must not start with (行首禁则): closing punctuation stays with what it closes.
const NO_LINE_START = new Set([...'，。、；：？！）》」』】〕,.;:?!)]}%、…']);
// Characters a line must not end with (行尾禁则): opening brackets go with what they open.
const NO_LINE_END = new Set([...'（《「『【〔([{']);

export interface WrapOptions {
  /** Spaces before the first line (e.g. for a label already printed on the line, use prefix instead). */
  firstIndent?: number;
  /** Spaces before every continuation line (hanging indent under a label or list number). */
  indent?: number;
}

/**
 * Breaks text into lines no wider than `columns`. Chinese breaks between any two characters; ASCII
 * words (numbers, phone numbers, short URLs) are kept whole when they fit on a line. Explicit newlines
 * are kept. Indents are returned as leading spaces, so each line can be printed as it is.
 */
export function wrapText(text: string, columns: number, options: WrapOptions = {}): string[] {
  const firstIndent = options.firstIndent ?? 0;
  const indent = options.indent ?? 0;
  const cols = Math.max(1, Math.floor(columns));
  const out: string[] = [];
  for (const paragraph of text.replace(/\r\n?/g, '\n').split('\n')) {
    const lines = wrapParagraph(
      paragraph,
      cols,
      Math.min(firstIndent, cols - 1),
      Math.min(indent, cols - 1),
      out.length === 0,
    );
    out.push(...lines);
  }
  return out;
}

function wrapParagraph(paragraph: string, cols: number, firstIndent: number, indent: number, first: boolean): string[] {
  const tokens = tokenize(paragraph);
  const lines: string[][] = [];
  let line: string[] = [];
  let width = 0;
  let limit = cols - (first ? firstIndent : indent);
  const newLine = (): void => {
    lines.push(line);
    line = [];
    width = 0;
    limit = cols - indent;
  };
  for (const token of tokens) {
    const w = textWidth(token);
    if (token === ' ' && line.length === 0 && lines.length > 0) continue;
    // Closing punctuation right after a break at a space: the word before the space comes down with it.
    const prevLine = lines[lines.length - 1];
    // What comes down may itself be closing punctuation ("3）" before "，"): keep pulling until the new
    // line starts with something else, or pull nothing when that cannot be done.
    if (line.length === 0 && prevLine && prevLine.length > 1 && NO_LINE_START.has([...token][0]!)) {
      let keep = prevLine.length;
      let carried = w;
      let head = [...token][0]!;
      while (keep > 1 && NO_LINE_START.has(head)) {
        const back = prevLine[keep - 1]!;
        if (back === ' ' || carried + textWidth(back) > limit) break;
        carried += textWidth(back);
        head = [...back][0]!;
        keep--;
      }
      if (!NO_LINE_START.has(head)) {
        for (const back of prevLine.splice(keep)) {
          line.push(back);
          width += textWidth(back);
        }
        while (prevLine.length > 1 && prevLine[prevLine.length - 1] === ' ') prevLine.pop();
      }
    }
    if (width + w <= limit) {
      line.push(token);
      width += w;
      continue;
    }
    if (token === ' ') {
      newLine();
      continue;
    }
    if (w > limit || [...token].length === 1) {
      // A single character, or a word longer than a whole line: break it character by character.
      for (const ch of token) {
        const cw = charWidth(ch);
        if (width + cw > limit && line.length > 0) {
          kinsoku(line, ch, newLine);
        }
        line.push(ch);
        width += cw;
      }
      continue;
    }
    // An ASCII word (")," or "3)") that starts with closing punctuation takes the character before it along.
    if (line.length > 0) kinsoku(line, token, newLine);
    if (width + w > limit) {
      // Wider than the continuation line (a hanging indent makes it narrower): broken by character.
      for (const ch of token) {
        if (width + charWidth(ch) > limit && line.length > 0) newLine();
        line.push(ch);
        width += charWidth(ch);
      }
      continue;
    }
    line.push(token);
    width += w;
  }
  lines.push(line);
  // No lone character on the last line (孤字): take one more from the line above, if it is a CJK one.
  const last = lines[lines.length - 1]!;
  const prev = lines[lines.length - 2];
  if (prev && last.length === 1 && textWidth(last[0]!) <= 2 && prev.length >= 4) {
    const moved = prev[prev.length - 1]!;
    if ([...moved].length === 1 && charWidth(moved) === 2 && !NO_LINE_START.has(moved)) last.unshift(prev.pop()!);
  }
  return lines.map((l, i) => ' '.repeat(i === 0 && first ? firstIndent : indent) + trimEnd(l.join('')));

  function kinsoku(current: string[], next: string, breakLine: () => void): void {
    // `next`: the character or ASCII word that did not fit.
    // Pull characters down while the next line would start with closing punctuation, or this line would
    // end with an opening bracket: "书)" goes down together before "、", never ")、" alone. A line is
    // never emptied doing it.
    const carry: string[] = [];
    let head = [...next][0]!;
    let carried = textWidth(next);
    while (current.length > 1) {
      const last = current[current.length - 1]!;
      if (last === ' ' && NO_LINE_START.has(head)) {
        current.pop(); // a space before closing punctuation goes; the word before it comes down
        continue;
      }
      const end = [...last].at(-1)!;
      // Only around full-width text: inside an ASCII word broken for length (a URL) a '.' may start a line.
      const cjk = charWidth(head) === 2 || charWidth(end) === 2;
      // A number stays with the Chinese unit after it (1份, 2寸合影), so "（1" / "份）" is not printed.
      const numberBeforeUnit = /^[0-9]+$/.test(last) && charWidth(head) === 2 && !NO_LINE_START.has(head);
      if (!cjk || !(NO_LINE_START.has(head) || NO_LINE_END.has(end) || numberBeforeUnit)) break;
      // What goes down must fit on the continuation line (it may be narrower: a hanging indent); an
      // ASCII word too long to come down whole gives its last character.
      if (carried + textWidth(last) > cols - indent) {
        if ([...last].length < 2) break;
        current[current.length - 1] = last.slice(0, last.length - end.length);
        carry.unshift(end);
        carried += charWidth(end);
        head = end;
        continue;
      }
      carry.unshift(current.pop()!);
      carried += textWidth(last);
      head = [...carry[0]!][0]!;
    }
    breakLine();
    for (const token of carry) {
      line.push(token);
      width += textWidth(token);
    }
  }
}

/** ASCII words stay together; every other character is its own token; spaces are their own tokens. */
function tokenize(text: string): string[] {
  const tokens: string[] = [];
  let word = '';
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    if (cp > 0x20 && cp < 0x7f) {
      word += ch;
      continue;
    }
    if (word) tokens.push(word);
    word = '';
    if (charWidth(ch) > 0) tokens.push(ch === '\t' ? ' ' : ch);
  }
  if (word) tokens.push(word);
  return tokens;
}

function trimEnd(s: string): string {
  return s.replace(/ +$/, '');
}

/** Pads with spaces to exactly `columns` (cuts when too wide). */
export function padEnd(text: string, columns: number): string {
  const fitted = truncate(text, columns);
  return fitted + ' '.repeat(columns - textWidth(fitted));
}

/** Cuts text to at most `columns`, never splitting a full-width character. */
export function truncate(text: string, columns: number): string {
  let out = '';
  let w = 0;
  for (const ch of text) {
    const cw = charWidth(ch);
    if (w + cw > columns) break;
    out += ch;
    w += cw;
  }
  return out;
}

/** `left` and `right` on one line, right-aligned to `columns`; null when they do not fit together. */
export function spread(left: string, right: string, columns: number): string | null {
  const gap = columns - textWidth(left) - textWidth(right);
  return gap >= 1 ? left + ' '.repeat(gap) + right : null;
}
