// ESC/POS bytes → what lands on the paper: positioned glyphs, QR symbols and cut lines, in printer dots.
// It models a 203 dpi thermal printer: 384 dots on 58 mm paper, 576 on 80 mm; font A cells of 12×24 dots
// for single-byte characters and 24×24 for GB18030 characters in Chinese mode; automatic wrapping at the
// right edge; alignment, bold, underline and size per character. Commands it does not draw are skipped
// by their declared length (see escpos-parser.ts) and counted; nothing in the input makes it throw.
import iconv from 'iconv-lite';
import QRCode from 'qrcode';
import { CELL_HEIGHT, CELL_WIDTH, QR_FN_EC, QR_FN_PRINT, QR_FN_SIZE, QR_FN_STORE, type Align } from './commands.ts';
import { parseEscPos } from './escpos-parser.ts';

export interface RenderGlyph {
  ch: string;
  /** Left edge relative to the text item's x, in dots. */
  dx: number;
  width: number;
}

export type RenderItem =
  | {
      kind: 'text';
      x: number;
      y: number;
      height: number;
      scaleX: number;
      scaleY: number;
      bold: boolean;
      underline: boolean;
      glyphs: RenderGlyph[];
    }
  | { kind: 'qr'; x: number; y: number; moduleSize: number; modules: number; dark: Uint8Array; data: string }
  | { kind: 'cut'; y: number; partial: boolean };

export interface RenderModel {
  width: number;
  height: number;
  items: RenderItem[];
  /** Text of each printed line, in order (for tests and logs). */
  lines: string[];
  cuts: number;
  unknownCommands: number;
  /** Things a real printer would silently not print (QR wider than the paper, …). */
  warnings: string[];
}

export interface RenderOptions {
  /** 384 (58 mm) or 576 (80 mm). */
  widthDots: number;
  /** A printer whose power-on default is Chinese mode (most models sold in China); default false, so
   * a job that forgets FS & shows up as garbled text. */
  chineseByDefault?: boolean;
}

/** Default line spacing (ESC 2) in dots. */
export const DEFAULT_LINE_SPACING = 30;
/** Paper fed after a cut before the next job starts, in dots. */
const AFTER_CUT = 24;

interface Style {
  align: Align;
  bold: boolean;
  underline: boolean;
  width: number;
  height: number;
  chinese: boolean;
  lineSpacing: number;
  qrModule: number;
  qrLevel: 'L' | 'M' | 'Q' | 'H';
}

interface LineGlyph {
  ch: string;
  width: number;
  height: number;
  scaleX: number;
  scaleY: number;
  bold: boolean;
  underline: boolean;
}

const initialStyle = (chinese: boolean): Style => ({
  align: 'left',
  bold: false,
  underline: false,
  width: 1,
  height: 1,
  chinese,
  lineSpacing: DEFAULT_LINE_SPACING,
  qrModule: 3,
  qrLevel: 'L',
});

export function renderModel(bytes: Uint8Array, options: RenderOptions): RenderModel {
  const W = Math.max(CELL_WIDTH * 2, Math.floor(options.widthDots));
  const chineseDefault = options.chineseByDefault ?? false;
  const model: RenderModel = { width: W, height: 0, items: [], lines: [], cuts: 0, unknownCommands: 0, warnings: [] };
  let style = initialStyle(chineseDefault);
  let y = 0;
  let line: LineGlyph[] = [];
  let lineWidth = 0;
  let lineAlign: Align = style.align;
  let qrData: Uint8Array | null = null;

  const flush = (): void => {
    if (line.length === 0) {
      y += style.lineSpacing;
      return;
    }
    const height = Math.max(...line.map((g) => g.height));
    const x0 = lineAlign === 'center' ? Math.floor((W - lineWidth) / 2) : lineAlign === 'right' ? W - lineWidth : 0;
    // One text item per run of equal style, glyphs bottom-aligned on the line.
    let dx = 0;
    let run: Extract<RenderItem, { kind: 'text' }> | null = null;
    for (const g of line) {
      const same =
        run &&
        run.scaleX === g.scaleX &&
        run.scaleY === g.scaleY &&
        run.bold === g.bold &&
        run.underline === g.underline;
      if (!same) {
        run = {
          kind: 'text',
          x: x0 + dx,
          y: y + height - g.height,
          height: g.height,
          scaleX: g.scaleX,
          scaleY: g.scaleY,
          bold: g.bold,
          underline: g.underline,
          glyphs: [],
        };
        model.items.push(run);
      }
      run!.glyphs.push({ ch: g.ch, dx: x0 + dx - run!.x, width: g.width });
      dx += g.width;
    }
    model.lines.push(
      line
        .map((g) => g.ch)
        .join('')
        .trimEnd(),
    );
    y += height + Math.max(0, style.lineSpacing - CELL_HEIGHT);
    line = [];
    lineWidth = 0;
  };

  const addGlyph = (ch: string, wide: boolean): void => {
    if (line.length === 0) lineAlign = style.align;
    const width = (wide ? CELL_WIDTH * 2 : CELL_WIDTH) * style.width;
    if (lineWidth + width > W) {
      flush(); // the printer wraps at the right edge on its own
      lineAlign = style.align;
      if (width > W) return; // a character wider than the paper is not printed
    }
    line.push({
      ch,
      width,
      height: CELL_HEIGHT * style.height,
      scaleX: style.width,
      scaleY: style.height,
      bold: style.bold,
      underline: style.underline,
    });
    lineWidth += width;
  };

  const endLineForBlock = (): void => {
    if (line.length) flush();
  };

  for (const cmd of parseEscPos(bytes)) {
    switch (cmd.op) {
      case 'text':
        for (const [ch, wide] of decodeText(cmd.bytes, style.chinese)) addGlyph(ch, wide);
        break;
      case 'lf':
        flush();
        break;
      case 'cr':
      case 'ht':
        if (cmd.op === 'ht') addGlyph(' ', false);
        break;
      case 'init':
        endLineForBlock();
        style = initialStyle(chineseDefault);
        qrData = null;
        break;
      case 'align':
        style.align = cmd.align;
        if (line.length === 0) lineAlign = cmd.align;
        break;
      case 'bold':
        style.bold = cmd.on;
        break;
      case 'underline':
        style.underline = cmd.n > 0;
        break;
      case 'print-mode':
        style.bold = (cmd.n & 0x08) !== 0;
        style.height = cmd.n & 0x10 ? 2 : 1;
        style.width = cmd.n & 0x20 ? 2 : 1;
        style.underline = (cmd.n & 0x80) !== 0;
        break;
      case 'size':
        style.width = cmd.width;
        style.height = cmd.height;
        break;
      case 'chinese':
        style.chinese = cmd.on;
        break;
      case 'chinese-mode':
        style.width = cmd.n & 0x04 ? 2 : 1;
        style.height = cmd.n & 0x08 ? 2 : 1;
        style.underline = (cmd.n & 0x80) !== 0;
        break;
      case 'feed-lines':
        endLineForBlock();
        y += cmd.n * style.lineSpacing;
        break;
      case 'feed-dots':
        endLineForBlock();
        y += cmd.n;
        break;
      case 'line-spacing':
        style.lineSpacing = cmd.dots ?? DEFAULT_LINE_SPACING;
        break;
      case 'cut':
        endLineForBlock();
        y += cmd.feedDots;
        model.items.push({ kind: 'cut', y, partial: cmd.partial });
        model.cuts++;
        y += AFTER_CUT;
        break;
      case 'qr': {
        if (cmd.fn === QR_FN_SIZE && cmd.params.length >= 1) style.qrModule = Math.min(16, Math.max(1, cmd.params[0]!));
        else if (cmd.fn === QR_FN_EC && cmd.params.length >= 1)
          style.qrLevel = (['L', 'M', 'Q', 'H'] as const)[cmd.params[0]! - 0x30] ?? style.qrLevel;
        else if (cmd.fn === QR_FN_STORE && cmd.params.length >= 1) qrData = cmd.params.slice(1);
        else if (cmd.fn === QR_FN_PRINT) {
          endLineForBlock();
          y = drawQr(model, qrData, style, y);
        }
        break;
      }
      case 'status-request':
        break;
      case 'unknown':
        model.unknownCommands++;
        break;
    }
  }
  if (line.length) flush();
  model.height = Math.max(CELL_HEIGHT, y + 8);
  return model;
}

function drawQr(model: RenderModel, data: Uint8Array | null, style: Style, y: number): number {
  if (!data || data.length === 0) {
    model.warnings.push('打印二维码前未存入数据（GS ( k fn 80），打印机不打印');
    return y;
  }
  let symbol: ReturnType<typeof QRCode.create>;
  try {
    symbol = QRCode.create([{ data: data, mode: 'byte' }], { errorCorrectionLevel: style.qrLevel });
  } catch {
    model.warnings.push(`二维码数据 ${data.length} 字节无法编码，打印机不打印`);
    return y;
  }
  const n = symbol.modules.size;
  const sizeDots = n * style.qrModule;
  if (sizeDots > model.width) {
    model.warnings.push(`二维码宽 ${sizeDots} 点，超出纸宽 ${model.width} 点，打印机不打印`);
    return y;
  }
  const x =
    style.align === 'center'
      ? Math.floor((model.width - sizeDots) / 2)
      : style.align === 'right'
        ? model.width - sizeDots
        : 0;
  const dark = new Uint8Array(n * n);
  for (let r = 0; r < n; r++) for (let c = 0; c < n; c++) dark[r * n + c] = symbol.modules.get(r, c) ? 1 : 0;
  model.items.push({
    kind: 'qr',
    x,
    y,
    moduleSize: style.qrModule,
    modules: n,
    dark,
    data: Buffer.from(data).toString('latin1'),
  });
  return y + sizeDots;
}

/** Splits text bytes into characters as the printer reads them: [character, full width?]. */
export function decodeText(bytes: Uint8Array, chinese: boolean): Array<[string, boolean]> {
  const out: Array<[string, boolean]> = [];
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (!chinese || b < 0x81 || b === 0xff) {
      // Single byte: ASCII, or (outside Chinese mode) code page 437.
      out.push([b < 0x80 ? String.fromCharCode(b) : iconv.decode(Buffer.of(b), 'cp437'), false]);
      i += 1;
      continue;
    }
    const b1 = bytes[i + 1];
    let len = 0;
    if (b1 !== undefined && b1 >= 0x40 && b1 <= 0xfe && b1 !== 0x7f) len = 2;
    else if (b1 !== undefined && b1 >= 0x30 && b1 <= 0x39) {
      const b2 = bytes[i + 2];
      const b3 = bytes[i + 3];
      if (b2 !== undefined && b2 >= 0x81 && b2 <= 0xfe && b3 !== undefined && b3 >= 0x30 && b3 <= 0x39) len = 4;
    }
    if (len === 0) {
      out.push(['?', false]); // a lead byte without a valid trail byte
      i += 1;
      continue;
    }
    out.push([iconv.decode(Buffer.from(bytes.subarray(i, i + len)), 'gb18030'), true]);
    i += len;
  }
  return out;
}
