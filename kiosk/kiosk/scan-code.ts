// What a scanned code means, and how to tell a keyboard-wedge scanner from a person typing.
// Pure (no DOM): tests/kiosk/scan-code.test.ts.

export type ScanCode =
  | { kind: 'ticket'; ticketId: string }
  | { kind: 'case'; caseId: string }
  | { kind: 'appointment'; code: string }
  | { kind: 'unknown'; code: string };

/**
 * A ticket slip's QR is `<origin>/t/<id>`, a case receipt's (受理回执) `<origin>/c/<id>`: any URL (or path)
 * ending in /t/<id> or /c/<id>, optional trailing slash.
 */
export function parseScanCode(raw: string): ScanCode {
  const code = raw.trim();
  // An appointment QR (预约码) holds YY:<code>, as the server's POST /api/appointments answers.
  const appointment = /^YY:([A-Z0-9]{4,40})$/i.exec(code);
  if (appointment) return { kind: 'appointment', code: `YY:${appointment[1]!.toUpperCase()}` };
  const m = /(?:^|\/)([tc])\/([A-Za-z0-9_-]{1,80})\/?$/.exec(code.split(/[?#]/)[0] ?? '');
  if (m) return m[1] === 't' ? { kind: 'ticket', ticketId: m[2]! } : { kind: 'case', caseId: m[2]! };
  return { kind: 'unknown', code };
}

/** What WedgeReader needs of a KeyboardEvent (keydown and keyup). */
export interface WedgeKey {
  type: 'keydown' | 'keyup';
  key: string;
  code: string;
  shiftKey: boolean;
  altKey: boolean;
}

// The US layout every scanner emulates by default: KeyboardEvent.code → [unshifted, shifted]. Used when the
// browser cannot say which character a key made: key 'Unidentified' (some HID scanners, remote desktops) or
// 'Process' (an input method is composing). The physical key is known even then.
const CODE_CHARS: Readonly<Record<string, readonly [string, string]>> = (() => {
  const map: Record<string, readonly [string, string]> = {};
  for (let c = 65; c <= 90; c++)
    map[`Key${String.fromCharCode(c)}`] = [String.fromCharCode(c + 32), String.fromCharCode(c)];
  ')!@#$%^&*('.split('').forEach((shifted, d) => (map[`Digit${d}`] = [String(d), shifted]));
  for (let d = 0; d <= 9; d++) map[`Numpad${d}`] = [String(d), String(d)];
  const pairs: Array<[string, string, string]> = [
    ['Minus', '-', '_'],
    ['Equal', '=', '+'],
    ['BracketLeft', '[', '{'],
    ['BracketRight', ']', '}'],
    ['Backslash', '\\', '|'],
    ['Semicolon', ';', ':'],
    ['Quote', "'", '"'],
    ['Comma', ',', '<'],
    ['Period', '.', '>'],
    ['Slash', '/', '?'],
    ['Backquote', '`', '~'],
    ['Space', ' ', ' '],
    ['NumpadDecimal', '.', '.'],
    ['NumpadAdd', '+', '+'],
    ['NumpadSubtract', '-', '-'],
    ['NumpadMultiply', '*', '*'],
    ['NumpadDivide', '/', '/'],
  ];
  for (const [code, a, b] of pairs) map[code] = [a, b];
  return map;
})();

/**
 * A keyboard-wedge scanner "types" a whole code within milliseconds and ends it with Enter. The kiosk has
 * no keyboard, but this also keeps a stray key from being taken as a code: the characters must come at
 * `maxGapMs` each or faster on average, and the code must be at least `minLength` long. One late key (the
 * machine busy for a moment) does not break a code: only a pause over `pauseMs` starts afresh.
 *
 * Besides plain keys it reads what scanners send when the keyboard is not plain: keys the browser reports
 * as 'Unidentified' or 'Process' (an input method active) by their physical code, and Alt+Numpad
 * sequences (Alt held, decimal digits on the numpad, Alt released = that character; scanners use this
 * for characters a layout cannot type). A key that cannot be read at all marks the code as unreliable:
 * then the text the hidden input received is taken instead, if any.
 */
export class WedgeReader {
  #buffer = '';
  #last = -Infinity;
  /** When the burst's first key came, and how many keys it has had (Alt+Numpad digits count each). */
  #start = 0;
  #keys = 0;
  #alt: string | null = null;
  #unreadable = 0;

  constructor(
    private readonly maxGapMs = 80,
    private readonly minLength = 4,
    private readonly pauseMs = 500,
  ) {}

  /** Feed one KeyboardEvent.key with its time; returns the code when Enter completes a fast burst. */
  feed(key: string, atMs: number): string | null {
    return this.feedKey({ type: 'keydown', key, code: '', shiftKey: false, altKey: false }, atMs);
  }

  /**
   * Feed one keydown or keyup; returns the code when Enter completes a fast burst. `typed` gives the text
   * the hidden input holds, used when some key of the burst could not be read.
   */
  feedKey(ev: WedgeKey, atMs: number, typed?: () => string): string | null {
    if (ev.type === 'keyup') {
      if (ev.key === 'Alt' && this.#alt !== null) {
        const digits = this.#alt;
        this.#alt = null;
        const n = digits ? parseInt(digits, 10) : NaN;
        if (Number.isInteger(n) && n > 0 && n <= 0x10ffff) this.#push(String.fromCodePoint(n), atMs);
      }
      return null;
    }
    if (ev.key === 'Alt') {
      this.#key(atMs);
      this.#alt = '';
      return null;
    }
    if (this.#alt !== null && ev.altKey && /^Numpad\d$/.test(ev.code)) {
      this.#key(atMs);
      this.#alt += ev.code.slice(6);
      return null;
    }
    if (ev.key === 'Enter' || ev.code === 'Enter' || ev.code === 'NumpadEnter') {
      const gap = atMs - this.#last;
      this.#last = atMs;
      const fast = this.#keys > 0 && (atMs - this.#start) / this.#keys <= this.maxGapMs;
      let code: string | null =
        gap <= this.pauseMs && fast && this.#buffer.length + this.#unreadable >= this.minLength ? this.#buffer : null;
      if (code !== null && this.#unreadable > 0) {
        const text = typed?.() ?? '';
        code = text.length >= this.minLength ? text : null;
      }
      this.#buffer = '';
      this.#unreadable = 0;
      this.#keys = 0;
      return code;
    }
    let ch: string | null = null;
    if (ev.key.length === 1 || (ev.key.length === 2 && ev.key.codePointAt(0)! > 0xffff)) ch = ev.key;
    else if (ev.key === 'Unidentified' || ev.key === 'Process') {
      const pair = CODE_CHARS[ev.code];
      if (pair) ch = ev.shiftKey ? pair[1] : pair[0];
      else {
        // Nothing tells which character this was: keep the burst's timing, but do not trust its text.
        this.#key(atMs);
        this.#unreadable++;
        return null;
      }
    }
    // Shift and other modifiers (sent for capitals) neither count as characters nor as timing.
    if (ch === null) return null;
    this.#push(ch, atMs);
    return null;
  }

  #push(ch: string, atMs: number): void {
    this.#key(atMs);
    this.#buffer += ch;
  }

  /** One key of a burst; a pause over pauseMs before it starts a new burst. */
  #key(atMs: number): void {
    const gap = atMs - this.#last;
    this.#last = atMs;
    if (gap > this.pauseMs || this.#keys === 0) {
      this.#buffer = '';
      this.#unreadable = 0;
      this.#keys = 0;
      this.#start = atMs;
    }
    this.#keys++;
  }
}
