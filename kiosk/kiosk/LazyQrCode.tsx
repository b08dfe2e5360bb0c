// The kiosk's QR codes (a failed slip's, the start screen's 手机扫码预约), with the encoder loaded by dynamic
// import(): it is not part of the kiosk's first load (issue 26). App calls preloadQr() once the home screen is
// up, so when the printer runs out of paper the encoder is already in the browser's memory and the code
// appears at once, in the same render.
import { useEffect, useState } from 'preact/hooks';
import type { QrPath } from '../lib/qr-code.ts';

type Encoder = (text: string) => QrPath;
let loading: Promise<Encoder> | null = null;
/** Set once the encoder is loaded: later codes are drawn in the first render, without a blank frame. */
let loaded: Encoder | null = null;

export function preloadQr(): Promise<Encoder> {
  loading ??= import('../lib/qr-code.ts').then(
    (m) => (loaded = m.cachedQrPath),
    (err: unknown) => {
      loading = null; // try again next time
      throw err;
    },
  );
  return loading;
}

export function LazyQrCode({ text, label, class: cls }: { text: string; label: string; class?: string }) {
  const [, setReady] = useState(0);
  // cachedQrPath: the same text is not encoded again on every render.
  const qr = loaded ? loaded(text) : null;
  useEffect(() => {
    if (loaded) return;
    let live = true;
    const tryLoad = (attempt: number) => {
      preloadQr().then(
        () => live && setReady((n) => n + 1),
        () => {
          if (live && attempt < 5) setTimeout(() => tryLoad(attempt + 1), 1000);
        },
      );
    };
    tryLoad(0);
    return () => {
      live = false;
    };
  }, [text]);
  if (!qr) return <div class={cls} role="img" aria-label={label} aria-busy="true" />;
  return (
    <svg class={cls} viewBox={`0 0 ${qr.size} ${qr.size}`} role="img" aria-label={label} shape-rendering="crispEdges">
      <rect width={qr.size} height={qr.size} fill="#fff" />
      <path d={qr.d} fill="#000" />
    </svg>
  );
}
