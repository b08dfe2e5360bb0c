// <QrCode text=…/>: a black-on-white QR code that scales with its box.
import { useMemo } from 'preact/hooks';
import { type QrPath, qrPath } from './qr-code.ts';

/**
 * The last few codes drawn, by text: a screen that comes back (the kiosk's start screen after every ticket
 * shows the same 手机扫码预约 code) does not encode it again — ~100 ms on a low-end kiosk (issue 26).
 */
const drawn = new Map<string, QrPath>();
function cachedQrPath(text: string): QrPath {
  let qr = drawn.get(text);
  if (!qr) {
    qr = qrPath(text);
    if (drawn.size >= 8) drawn.delete(drawn.keys().next().value!);
    drawn.set(text, qr);
  }
  return qr;
}

export function QrCode({ text, label, class: cls }: { text: string; label: string; class?: string }) {
  const qr = useMemo(() => cachedQrPath(text), [text]);
  return (
    <svg class={cls} viewBox={`0 0 ${qr.size} ${qr.size}`} role="img" aria-label={label} shape-rendering="crispEdges">
      <rect width={qr.size} height={qr.size} fill="#fff" />
      <path d={qr.d} fill="#000" />
    </svg>
  );
}
