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

/**
 * A keyboard-wedge scanner "types" a whole code within milliseconds and ends it with Enter. The kiosk has
 * no keyboard, but this also keeps a stray key from being taken as a code: characters must follow each
 * other within `maxGapMs` and the code must be at least `minLength` long.
 */
export class WedgeReader {
  #buffer = '';
  #last = -Infinity;

  constructor(
    private readonly maxGapMs = 80,
    private readonly minLength = 4,
  ) {}

  /** Feed one KeyboardEvent.key with its time; returns the code when Enter completes a fast burst. */
  feed(key: string, atMs: number): string | null {
    // Shift and other modifiers (sent for capitals) neither count as characters nor as timing.
    if (key !== 'Enter' && key.length !== 1) return null;
    const gap = atMs - this.#last;
    this.#last = atMs;
    if (key === 'Enter') {
      const code = gap <= this.maxGapMs && this.#buffer.length >= this.minLength ? this.#buffer : null;
      this.#buffer = '';
      return code;
    }
    this.#buffer = gap <= this.maxGapMs ? this.#buffer + key : key;
    return null;
  }
}
