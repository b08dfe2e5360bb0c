// A streaming ESC/POS parser: bytes in (in chunks of any size), commands out. The simulator uses it to
// find status requests and cuts in what the driver writes; the renderer uses it to draw the paper.
// Every command of the Epson reference with a known length is skipped correctly even when it is not
// understood, so an unknown command never swallows the text after it. Declared data blocks larger than
// MAX_BUFFERED (and user-defined characters, ESC &, past that size) are discarded as they stream past
// instead of being buffered (a printer does the same): the parser never holds more than MAX_BUFFERED.
import { DLE, EOT, ESC, FS, GS, type Align } from './commands.ts';

export type EscPosCommand = { raw: Uint8Array } & (
  | { op: 'text'; bytes: Uint8Array }
  | { op: 'lf' }
  | { op: 'cr' }
  | { op: 'ht' }
  | { op: 'init' }
  | { op: 'align'; align: Align }
  | { op: 'bold'; on: boolean }
  | { op: 'underline'; n: number }
  /** ESC ! n: bit 3 bold, bit 4 double height, bit 5 double width, bit 7 underline. */
  | { op: 'print-mode'; n: number }
  /** GS ! n: width and height multipliers. */
  | { op: 'size'; width: number; height: number }
  | { op: 'chinese'; on: boolean }
  /** FS ! n: Chinese character mode: bit 2 double width, bit 3 double height. */
  | { op: 'chinese-mode'; n: number }
  | { op: 'feed-lines'; n: number }
  | { op: 'feed-dots'; n: number }
  | { op: 'line-spacing'; dots: number | null }
  | { op: 'cut'; partial: boolean; feedDots: number }
  | { op: 'status-request'; n: number }
  /** GS ( k with cn = 49: QR Code function fn with its parameters (for fn 80, m then the data). */
  | { op: 'qr'; fn: number; params: Uint8Array }
  | { op: 'unknown'; bytes: Uint8Array }
);

/** Data blocks up to this size are buffered whole; larger ones are skipped as they arrive. */
export const MAX_BUFFERED = 64 * 1024;

const NEED_MORE = -1;

export class EscPosParser {
  #pending: Uint8Array = new Uint8Array(0);
  #discard = 0;
  /** Skipping an oversized ESC & (user-defined characters): y bytes per column, characters left, bytes
   * left of the current one (-1: its width byte x comes next). */
  #userChars: { y: number; chars: number; left: number } | null = null;

  /** Feeds bytes; returns every command completed by them. */
  push(chunk: Uint8Array): EscPosCommand[] {
    const buf = this.#pending.length ? concat(this.#pending, chunk) : chunk;
    this.#pending = new Uint8Array(0);
    const out: EscPosCommand[] = [];
    let i = 0;
    while (i < buf.length) {
      if (this.#userChars) {
        i = this.#skipUserChars(buf, i);
        continue;
      }
      if (this.#discard > 0) {
        const n = Math.min(this.#discard, buf.length - i);
        this.#discard -= n;
        i += n;
        continue;
      }
      const b = buf[i]!;
      if (b >= 0x20) {
        let j = i + 1;
        while (j < buf.length && buf[j]! >= 0x20) j++;
        const bytes = buf.slice(i, j);
        out.push({ op: 'text', bytes, raw: bytes });
        i = j;
        continue;
      }
      const len = commandLength(buf, i);
      if (len === NEED_MORE) {
        const declared = declaredLength(buf, i);
        if (declared !== null && declared.total > MAX_BUFFERED) {
          // A huge block: pass its header on as unknown and drop the data as it streams in. Only the
          // header, so the result is the same however the stream is cut into chunks.
          const header = buf.slice(i, i + declared.header);
          out.push({ op: 'unknown', bytes: header, raw: header });
          this.#discard = declared.total - declared.header;
          i += declared.header;
          continue;
        }
        if (buf[i] === ESC && buf[i + 1] === 0x26 && buf.length - i > MAX_BUFFERED) {
          // ESC & declares no total: its size is known only character by character. Past the limit,
          // pass the header on and skip the characters structurally as they arrive.
          const header = buf.slice(i, i + 5);
          out.push({ op: 'unknown', bytes: header, raw: header });
          this.#userChars = { y: buf[i + 2]!, chars: Math.max(0, buf[i + 4]! - buf[i + 3]! + 1), left: -1 };
          i += 5;
          continue;
        }
        this.#pending = buf.slice(i);
        break;
      }
      out.push(decode(buf.slice(i, i + len)));
      i += len;
    }
    return out;
  }

  /** Consumes the bytes of an oversized ESC & from buf[i]; returns where its reading stopped. */
  #skipUserChars(buf: Uint8Array, i: number): number {
    const u = this.#userChars!;
    while (i < buf.length && u.chars > 0) {
      if (u.left < 0) {
        u.left = u.y * buf[i]!;
        i++;
      } else {
        const n = Math.min(u.left, buf.length - i);
        u.left -= n;
        i += n;
        if (u.left === 0) {
          u.chars--;
          u.left = -1;
        }
      }
    }
    if (u.chars === 0) this.#userChars = null;
    return i;
  }

  /** End of the stream: a command cut short is returned as unknown. */
  end(): EscPosCommand[] {
    const rest = this.#pending;
    this.#pending = new Uint8Array(0);
    this.#discard = 0;
    this.#userChars = null;
    return rest.length ? [{ op: 'unknown', bytes: rest, raw: rest }] : [];
  }

  /** Bytes held back waiting for the rest of a command. */
  get pendingBytes(): number {
    return this.#pending.length;
  }
}

/** Parses a complete byte stream. */
export function parseEscPos(bytes: Uint8Array): EscPosCommand[] {
  const p = new EscPosParser();
  return [...p.push(bytes), ...p.end()];
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

const u16 = (buf: Uint8Array, at: number): number => buf[at]! | (buf[at + 1]! << 8);

/**
 * The full length of a command that declares a data block, once its header is in; null otherwise.
 * Used only to decide whether to buffer or stream past a block.
 */
function declaredLength(buf: Uint8Array, i: number): { total: number; header: number } | null {
  const avail = buf.length - i;
  const b1 = buf[i + 1];
  const at = (header: number, data: number) => ({ total: header + data, header });
  if (buf[i] === GS && b1 === 0x28 && avail >= 5) return at(5, u16(buf, i + 3));
  if (buf[i] === GS && b1 === 0x76 && avail >= 8) return at(8, u16(buf, i + 4) * u16(buf, i + 6));
  if (buf[i] === GS && b1 === 0x38 && avail >= 7)
    return at(7, (buf[i + 3]! | (buf[i + 4]! << 8) | (buf[i + 5]! << 16)) + buf[i + 6]! * 0x1000000);
  if (buf[i] === ESC && b1 === 0x2a && avail >= 5) return at(5, u16(buf, i + 3) * (buf[i + 2]! <= 1 ? 1 : 3));
  if (buf[i] === ESC && b1 === 0x5a && avail >= 7) return at(7, u16(buf, i + 5));
  if (buf[i] === GS && b1 === 0x2a && avail >= 4) return at(4, buf[i + 2]! * buf[i + 3]! * 8);
  return null;
}

// Commands of the form ESC x with a fixed number of parameter bytes.
const ESC_PARAMS: Record<number, number> = {
  0x20: 1,
  0x21: 1,
  0x24: 2,
  0x25: 1,
  0x2d: 1,
  0x32: 0,
  0x33: 1,
  0x34: 0,
  0x35: 0,
  0x3c: 0,
  0x3d: 1,
  0x3f: 1,
  0x40: 0,
  0x42: 2,
  0x44: -1,
  0x45: 1,
  0x47: 1,
  0x4a: 1,
  0x4b: 1,
  0x4c: 0,
  0x4d: 1,
  0x52: 1,
  0x53: 0,
  0x54: 1,
  0x55: 1,
  0x56: 1,
  0x57: 8,
  0x5c: 2,
  0x61: 1,
  0x63: 2,
  0x64: 1,
  0x65: 1,
  0x69: 0,
  0x6d: 0,
  0x70: 3,
  0x72: 1,
  0x74: 1,
  0x75: 1,
  0x76: 0,
  0x7b: 1,
};
// GS x with a fixed number of parameter bytes.
const GS_PARAMS: Record<number, number> = {
  0x21: 1,
  0x24: 2,
  0x2f: 1,
  0x3a: 0,
  0x42: 1,
  0x45: 1,
  0x48: 1,
  0x49: 1,
  0x4c: 2,
  0x50: 2,
  0x54: 1,
  0x57: 2,
  0x5c: 2,
  0x5e: 3,
  0x61: 1,
  0x62: 1,
  0x66: 1,
  0x68: 1,
  0x72: 1,
  0x77: 1,
  0x7a: 1,
};
// FS x with a fixed number of parameter bytes.
const FS_PARAMS: Record<number, number> = {
  0x21: 1,
  0x26: 0,
  0x2d: 1,
  0x2e: 0,
  0x43: 1,
  0x53: 2,
  0x57: 1,
  0x32: 74,
  0x70: 2,
};

/** Length of the command starting at buf[i] (a byte below 0x20), or NEED_MORE. Always ≥ 1. */
function commandLength(buf: Uint8Array, i: number): number {
  const avail = buf.length - i;
  const b0 = buf[i]!;
  if (b0 !== ESC && b0 !== GS && b0 !== FS && b0 !== DLE) return 1;
  if (avail < 2) return NEED_MORE;
  const b1 = buf[i + 1]!;
  const fixed = (params: number): number => (avail >= 2 + params ? 2 + params : NEED_MORE);
  if (b0 === DLE) {
    if (b1 === EOT || b1 === 0x05) return fixed(1);
    if (b1 === 0x14) {
      // DLE DC4 fn …: fn 8 (clear buffers) has 7 parameters, the others 3.
      if (avail < 3) return NEED_MORE;
      return fixed(buf[i + 2] === 8 ? 8 : 3);
    }
    return 1; // a lone DLE is not a command
  }
  if (b0 === ESC) {
    if (b1 === 0x2a) {
      // ESC * m nL nH d…: bit image, 1 byte per column (8-dot modes) or 3 (24-dot modes).
      if (avail < 5) return NEED_MORE;
      return fixed(3 + u16(buf, i + 3) * (buf[i + 2]! <= 1 ? 1 : 3));
    }
    if (b1 === 0x5a) {
      // ESC Z m n k dL dH d… (what the escpos package sends for qrcode())
      if (avail < 7) return NEED_MORE;
      return fixed(5 + u16(buf, i + 5));
    }
    if (b1 === 0x44) {
      // ESC D n1 … NUL: tab positions, at most 32 of them.
      for (let j = i + 2; j < buf.length && j < i + 35; j++) if (buf[j] === 0) return j - i + 1;
      return avail >= 35 ? 35 : NEED_MORE;
    }
    if (b1 === 0x26) {
      // ESC & y c1 c2 [x d1…d(y×x)]…: user-defined characters.
      if (avail < 5) return NEED_MORE;
      const y = buf[i + 2]!;
      const count = Math.max(0, buf[i + 4]! - buf[i + 3]! + 1);
      let j = i + 5;
      for (let k = 0; k < count; k++) {
        if (j >= buf.length) return NEED_MORE;
        j += 1 + y * buf[j]!;
      }
      return j <= buf.length ? j - i : NEED_MORE;
    }
    const p = ESC_PARAMS[b1];
    return p === undefined ? 2 : fixed(p);
  }
  if (b0 === GS) {
    if (b1 === 0x28) {
      // GS ( x pL pH …: every GS ( function carries its length.
      if (avail < 5) return NEED_MORE;
      return fixed(3 + u16(buf, i + 3));
    }
    if (b1 === 0x56) {
      // GS V m [n]: m 00/01/30/31 cut now; 41/42/61/62/67/68 take a feed amount.
      if (avail < 3) return NEED_MORE;
      const m = buf[i + 2]!;
      return fixed([0x41, 0x42, 0x61, 0x62, 0x67, 0x68].includes(m) ? 2 : 1);
    }
    if (b1 === 0x76) {
      // GS v 0 m xL xH yL yH d…: raster image, xL+xH×256 bytes per row.
      if (avail < 8) return NEED_MORE;
      return fixed(6 + u16(buf, i + 4) * u16(buf, i + 6));
    }
    if (b1 === 0x38) {
      // GS 8 L p1 p2 p3 p4 …: like GS ( L with a 32-bit length.
      if (avail < 7) return NEED_MORE;
      const len = buf[i + 3]! + buf[i + 4]! * 0x100 + buf[i + 5]! * 0x10000 + buf[i + 6]! * 0x1000000;
      return fixed(5 + len);
    }
    if (b1 === 0x6b) {
      // GS k m d… NUL (m 0–6) or GS k m n d1…dn (m 65–79): barcodes.
      if (avail < 3) return NEED_MORE;
      const m = buf[i + 2]!;
      if (m <= 6) {
        for (let j = i + 3; j < buf.length; j++) if (buf[j] === 0) return j - i + 1;
        return avail > 258 ? 258 : NEED_MORE;
      }
      if (avail < 4) return NEED_MORE;
      return fixed(2 + buf[i + 3]!);
    }
    if (b1 === 0x2a) {
      // GS * x y d…: downloaded bit image, x×y×8 bytes.
      if (avail < 4) return NEED_MORE;
      return fixed(2 + buf[i + 2]! * buf[i + 3]! * 8);
    }
    const p = GS_PARAMS[b1];
    return p === undefined ? 2 : fixed(p);
  }
  // FS
  const p = FS_PARAMS[b1];
  return p === undefined ? 2 : fixed(p);
}

/** Turns one complete command's bytes into a typed command. */
function decode(raw: Uint8Array): EscPosCommand {
  const b0 = raw[0]!;
  const b1 = raw[1];
  const n = raw[2] ?? 0;
  if (raw.length === 1) {
    if (b0 === 0x0a) return { op: 'lf', raw };
    if (b0 === 0x0d) return { op: 'cr', raw };
    if (b0 === 0x09) return { op: 'ht', raw };
    return { op: 'unknown', bytes: raw, raw };
  }
  if (b0 === ESC) {
    switch (b1) {
      case 0x40:
        return { op: 'init', raw };
      case 0x61: {
        const a = n & 0x0f; // both 00–02 and '0'–'2' are valid
        return { op: 'align', align: a === 1 ? 'center' : a === 2 ? 'right' : 'left', raw };
      }
      case 0x45:
        return { op: 'bold', on: (n & 1) === 1, raw };
      case 0x47:
        return { op: 'bold', on: (n & 1) === 1, raw }; // double strike looks like bold
      case 0x2d:
        return { op: 'underline', n: n & 0x0f, raw };
      case 0x21:
        return { op: 'print-mode', n, raw };
      case 0x64:
        return { op: 'feed-lines', n, raw };
      case 0x4a:
        return { op: 'feed-dots', n, raw };
      case 0x32:
        return { op: 'line-spacing', dots: null, raw };
      case 0x33:
        return { op: 'line-spacing', dots: n, raw };
      case 0x69:
        return { op: 'cut', partial: false, feedDots: 0, raw };
      case 0x6d:
        return { op: 'cut', partial: true, feedDots: 0, raw };
      default:
        return { op: 'unknown', bytes: raw, raw };
    }
  }
  if (b0 === GS) {
    if (b1 === 0x21) return { op: 'size', width: ((n >> 4) & 0x07) + 1, height: (n & 0x07) + 1, raw };
    if (b1 === 0x56) {
      const feed = raw.length > 3 ? raw[3]! : 0;
      // 01/31 partial now; 42/62/68 partial after feeding; 00/30/41/61/67 full.
      return { op: 'cut', partial: [0x01, 0x31, 0x42, 0x62, 0x68].includes(n), feedDots: feed, raw };
    }
    if (b1 === 0x28 && raw[2] === 0x6b && raw.length >= 7 && raw[5] === 0x31) {
      return { op: 'qr', fn: raw[6]!, params: raw.slice(7), raw };
    }
    return { op: 'unknown', bytes: raw, raw };
  }
  if (b0 === FS) {
    if (b1 === 0x26) return { op: 'chinese', on: true, raw };
    if (b1 === 0x2e) return { op: 'chinese', on: false, raw };
    if (b1 === 0x21) return { op: 'chinese-mode', n, raw };
    return { op: 'unknown', bytes: raw, raw };
  }
  if (b0 === DLE && b1 === EOT) return { op: 'status-request', n, raw };
  return { op: 'unknown', bytes: raw, raw };
}
