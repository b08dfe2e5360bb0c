// <QrCode text=…/>: a black-on-white QR code that scales with its box.
import { useMemo } from 'preact/hooks';
import { cachedQrPath } from './qr-code.ts';

export function QrCode({ text, label, class: cls }: { text: string; label: string; class?: string }) {
  const qr = useMemo(() => cachedQrPath(text), [text]);
  return (
    <svg class={cls} viewBox={`0 0 ${qr.size} ${qr.size}`} role="img" aria-label={label} shape-rendering="crispEdges">
      <rect width={qr.size} height={qr.size} fill="#fff" />
      <path d={qr.d} fill="#000" />
    </svg>
  );
}
