// A QR code as one SVG path (no canvas, no fonts): sharp at any size, cheap to render.
// Uses only the encoder of the `qrcode` package so the kiosk bundle stays small.
import { create } from 'qrcode/lib/core/qrcode.js';

export interface QrPath {
  /** Modules per side, quiet zone included. */
  size: number;
  /** SVG path data, one unit per module. */
  d: string;
}

export function qrPath(text: string, quiet = 4): QrPath {
  const { modules } = create(text, { errorCorrectionLevel: 'M' });
  const n = modules.size;
  let d = '';
  for (let row = 0; row < n; row++) {
    for (let col = 0; col < n; col++) {
      if (modules.get(row, col)) d += `M${col + quiet} ${row + quiet}h1v1h-1z`;
    }
  }
  return { size: n + 2 * quiet, d };
}

/**
 * qrPath of the last few texts drawn: a screen that comes back (the kiosk's start screen after every ticket
 * shows the same 手机扫码预约 code) does not encode it again — ~100 ms on a low-end kiosk (issue 26).
 */
const drawn = new Map<string, QrPath>();
export function cachedQrPath(text: string): QrPath {
  let qr = drawn.get(text);
  if (!qr) {
    qr = qrPath(text);
    if (drawn.size >= 8) drawn.delete(drawn.keys().next().value!);
    drawn.set(text, qr);
  }
  return qr;
}
