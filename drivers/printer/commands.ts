// ESC/POS byte values shared by the job builder, the stream parser, the simulator and the renderer.
// Values follow the Epson ESC/POS reference; the Chinese-mode commands (FS &, FS .) are the ones every
// GB18030 printer sold in China (Xprinter, Gprinter, Sunmi, HPRT, …) understands.

export const LF = 0x0a;
export const CR = 0x0d;
export const HT = 0x09;
export const DLE = 0x10;
export const EOT = 0x04;
export const ESC = 0x1b;
export const FS = 0x1c;
export const GS = 0x1d;

/** ESC @ (1B 40): initialise, clears the buffer and every mode. */
export const INIT = Uint8Array.of(ESC, 0x40);
/** FS & (1C 26): Chinese character mode on; text bytes are then read as GB18030. */
export const CHINESE_ON = Uint8Array.of(FS, 0x26);
/** FS . (1C 2E): Chinese character mode off. */
export const CHINESE_OFF = Uint8Array.of(FS, 0x2e);

export type Align = 'left' | 'center' | 'right';
/** ESC a n (1B 61 n): 0 left, 1 centre, 2 right. */
export const ALIGN_CODES: Record<Align, number> = { left: 0, center: 1, right: 2 };

/** GS V m: 00 full cut, 01 partial cut; 41/42 n: feed n dots, then full/partial cut. */
export const CUT_FULL = 0x00;
export const CUT_PARTIAL = 0x01;
export const CUT_FEED_FULL = 0x41;
export const CUT_FEED_PARTIAL = 0x42;

/** GS ( k (1D 28 6B pL pH cn fn …) with cn = 31 ('1'): QR Code functions. */
export const QR_CN = 0x31;
export const QR_FN_MODEL = 0x41; // fn 65: select model (n1 = 31 model 1, 32 model 2, n2 = 00)
export const QR_FN_SIZE = 0x43; // fn 67: module size in dots (1–16)
export const QR_FN_EC = 0x45; // fn 69: error correction 30 L, 31 M, 32 Q, 33 H
export const QR_FN_STORE = 0x50; // fn 80: store data (m = 30)
export const QR_FN_PRINT = 0x51; // fn 81: print the stored symbol (m = 30)

export type QrErrorLevel = 'L' | 'M' | 'Q' | 'H';
export const QR_EC_CODES: Record<QrErrorLevel, number> = { L: 0x30, M: 0x31, Q: 0x32, H: 0x33 };

/** DLE EOT n (10 04 n): real-time status request; the printer answers one byte at once. */
export const STATUS_PRINTER = 1;
export const STATUS_OFFLINE_CAUSE = 2;
export const STATUS_ERROR_CAUSE = 3;
export const STATUS_PAPER = 4;
export type StatusRequest =
  | typeof STATUS_PRINTER
  | typeof STATUS_OFFLINE_CAUSE
  | typeof STATUS_ERROR_CAUSE
  | typeof STATUS_PAPER;

export function statusRequest(n: StatusRequest): Uint8Array {
  return Uint8Array.of(DLE, EOT, n);
}

/** Print area width in dots at 203 dpi: 58 mm paper → 384, 80 mm paper → 576. */
export const DOTS_58MM = 384;
export const DOTS_80MM = 576;
/** The standard font A cell: 12×24 dots half width; Chinese characters are 24×24. */
export const CELL_WIDTH = 12;
export const CELL_HEIGHT = 24;

/** Columns of the standard font: 32 on 58 mm paper, 48 on 80 mm paper. */
export function dotsForColumns(columns: number): number {
  return columns * CELL_WIDTH;
}
