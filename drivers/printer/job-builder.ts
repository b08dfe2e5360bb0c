// Builds one print job as ESC/POS bytes, every command written here byte by byte (commands.ts names the
// codes), text encoded GB18030 with iconv-lite. The driver sends the job over its SerialLink.
// This used the `escpos` package (2.5.2) for ESC @, ESC a, LF, GB18030 text and ESC 3 / ESC 2; it was
// dropped with those six commands because it brought 63 packages into the .deb (the deprecated `request`
// among them) and a native Bluetooth build on every install, and its successor @node-escpos/core still
// depends on get-pixels → request. The bytes are unchanged: the printing fixture tests pin them.
import iconv from 'iconv-lite';
import {
  ALIGN_CODES,
  CHINESE_OFF,
  CHINESE_ON,
  CUT_FEED_FULL,
  CUT_FEED_PARTIAL,
  ESC,
  GS,
  INIT,
  LF,
  QR_CN,
  QR_EC_CODES,
  QR_FN_EC,
  QR_FN_MODEL,
  QR_FN_PRINT,
  QR_FN_SIZE,
  QR_FN_STORE,
  type Align,
  type QrErrorLevel,
} from './commands.ts';
import { textWidth, wrapText, type WrapOptions } from './text-width.ts';

/** Largest QR payload the store command takes in one block (pL pH counts cn fn m + data). */
export const QR_MAX_BYTES = 7089;

export class JobBuilder {
  readonly #chunks: Uint8Array[] = [];
  #widthScale = 1;

  /** `columns`: characters of the standard font per line, 32 (58 mm) or 48 (80 mm). */
  constructor(readonly columns: number) {}

  /** Columns available at the current text size (double width halves them). */
  get lineColumns(): number {
    return Math.max(1, Math.floor(this.columns / this.#widthScale));
  }

  /** ESC @ (1B 40). */
  init(): this {
    this.#raw(INIT);
    this.#widthScale = 1;
    return this;
  }

  /** FS & (1C 26) / FS . (1C 2E). escpos has no Chinese-mode command; without FS & a GB18030 printer
   * prints the code page 437 glyphs of each byte. */
  chineseMode(on: boolean): this {
    this.#raw(on ? CHINESE_ON : CHINESE_OFF);
    return this;
  }

  /** ESC a n (1B 61 00/01/02). Only takes effect at the start of a line. */
  align(align: Align): this {
    this.#raw(Uint8Array.of(ESC, 0x61, ALIGN_CODES[align]));
    return this;
  }

  /** ESC E n (1B 45 01/00). Written directly: escpos' style('B') also sends ESC 4 / ESC 5 (Star italic,
   * undefined on Epson-compatible printers) and ESC - (underline off) each time. */
  bold(on: boolean): this {
    this.#raw(Uint8Array.of(ESC, 0x45, on ? 1 : 0));
    return this;
  }

  /** GS ! n (1D 21 n), width and height multipliers 1–8. Written directly: escpos' size() sends ESC ! for
   * sizes up to 2, and ESC ! 00 also switches bold off. */
  size(width: number, height: number): this {
    const w = clamp(Math.round(width), 1, 8);
    const h = clamp(Math.round(height), 1, 8);
    this.#raw(Uint8Array.of(GS, 0x21, ((w - 1) << 4) | (h - 1)));
    this.#widthScale = w;
    return this;
  }

  /** Text and LF, GB18030. The caller keeps it within lineColumns (see wrapped()). */
  line(text = ''): this {
    if (text !== '') this.#raw(iconv.encode(clean(text), 'gb18030'));
    this.#raw(Uint8Array.of(LF));
    return this;
  }

  /** Text wrapped at the current line width, one LF per line, CJK counted double width. */
  wrapped(text: string, options?: WrapOptions): this {
    for (const l of wrapText(clean(text), this.lineColumns, options)) this.line(l);
    return this;
  }

  /** `label` then `value`; continuation lines hang under the value. */
  field(label: string, value: string): this {
    const indent = Math.min(textWidth(label), Math.floor(this.lineColumns / 2));
    const lines = wrapText(clean(value), this.lineColumns - indent);
    const [first = '', ...rest] = lines;
    this.line(label + first);
    for (const l of rest) this.line(' '.repeat(indent) + l);
    return this;
  }

  /** A full-width rule of `ch` (half-width characters only, so it is exactly lineColumns wide). */
  rule(ch = '-'): this {
    return this.line(ch.repeat(this.lineColumns));
  }

  /** LF × n. */
  feed(lines = 1): this {
    if (lines > 0) this.#raw(new Uint8Array(Math.floor(lines)).fill(LF));
    return this;
  }

  /** ESC 3 n (1B 33 n) line spacing in dots; null restores the default (ESC 2, 1B 32). */
  lineSpacing(dots: number | null): this {
    this.#raw(dots === null ? Uint8Array.of(ESC, 0x32) : Uint8Array.of(ESC, 0x33, clamp(Math.round(dots), 0, 255)));
    return this;
  }

  /**
   * A native QR code: GS ( k model 2, module size, error correction, store, print. (Not ESC Z (1B 5A),
   * what the escpos package's qrcode() sent: other printer families' command, that GB18030 ESC/POS
   * printers ignore or print as garbage.)
   */
  qr(data: string, options: { moduleSize?: number; level?: QrErrorLevel } = {}): this {
    const payload = Buffer.from(data, 'utf8');
    if (payload.length === 0 || payload.length > QR_MAX_BYTES) {
      throw new RangeError(`二维码内容长度 ${payload.length} 字节，超出打印机可打印范围（1–${QR_MAX_BYTES} 字节）`);
    }
    const size = clamp(Math.round(options.moduleSize ?? 6), 1, 16);
    this.#gsk([QR_FN_MODEL, 0x32, 0x00]); // model 2
    this.#gsk([QR_FN_SIZE, size]);
    this.#gsk([QR_FN_EC, QR_EC_CODES[options.level ?? 'M']]);
    this.#gsk([QR_FN_STORE, 0x30], payload);
    this.#gsk([QR_FN_PRINT, 0x30]);
    return this;
  }

  /**
   * Feed to the cutter and cut: GS V 42 n (partial) or GS V 41 n (full), n = dots to feed first.
   * (Not LFs then GS V 00/01 like the escpos package's cut(): how far LFs feed depends on the line spacing.)
   */
  cut(mode: 'partial' | 'full' = 'partial', feedDots = 96): this {
    this.#raw(
      Uint8Array.of(
        GS,
        0x56,
        mode === 'partial' ? CUT_FEED_PARTIAL : CUT_FEED_FULL,
        clamp(Math.round(feedDots), 0, 255),
      ),
    );
    return this;
  }

  /** The job so far. */
  bytes(): Uint8Array {
    const all = Buffer.concat(this.#chunks);
    this.#chunks.length = 0;
    this.#chunks.push(all);
    return new Uint8Array(all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength));
  }

  #raw(bytes: Uint8Array): void {
    this.#chunks.push(Uint8Array.from(bytes));
  }

  /** GS ( k pL pH cn fn params data; pL pH = length of cn fn params data, little-endian. */
  #gsk(fnAndParams: number[], data: Uint8Array = new Uint8Array(0)): void {
    const len = 1 + fnAndParams.length + data.length;
    this.#raw(Uint8Array.of(GS, 0x28, 0x6b, len & 0xff, (len >> 8) & 0xff, QR_CN, ...fnAndParams));
    if (data.length) this.#raw(data);
  }
}

// Control characters inside text would be read as commands by the printer.
function clean(text: string): string {
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '').replace(/\t/g, ' ');
}

function clamp(n: number, lo: number, hi: number): number {
  return Number.isFinite(n) ? Math.min(hi, Math.max(lo, n)) : lo;
}
