// The camera as a QR scanner, loaded on demand (dynamic import) so @zxing/library is not in the kiosk's
// first load. Optional: a kiosk without a camera says, in Chinese, to hold the slip under the scanner —
// never the browser's English error (issue 24: "Requested device not found").
import { useEffect, useRef, useState } from 'preact/hooks';
import { BrowserQRCodeReader } from '@zxing/library';
import { useKiosk, useSpokenHeading } from './kiosk-context.ts';
import type { StringKey } from './strings.ts';

/** A getUserMedia / enumerateDevices failure as one of the kiosk's own sentences. */
export function cameraErrorKey(err: unknown): StringKey {
  const name = err instanceof Error || err instanceof DOMException ? err.name : '';
  if (name === 'NotAllowedError' || name === 'SecurityError') return 'camera.denied';
  if (name === 'NotFoundError' || name === 'OverconstrainedError' || name === 'NoCamera') return 'camera.none';
  return 'camera.busy';
}

async function hasCamera(): Promise<boolean> {
  const md = typeof navigator !== 'undefined' ? navigator.mediaDevices : undefined;
  if (!md?.getUserMedia || !md.enumerateDevices) return false;
  try {
    return (await md.enumerateDevices()).some((d) => d.kind === 'videoinput');
  } catch {
    return false;
  }
}

export function CameraScanner({ onCode, onClose }: { onCode(code: string): void; onClose(): void }) {
  const { t } = useKiosk();
  const video = useRef<HTMLVideoElement>(null);
  const [error, setError] = useState<StringKey | null>(null);
  useSpokenHeading(error ? t(error) : t('camera.heading'));

  useEffect(() => {
    const reader = new BrowserQRCodeReader();
    let done = false;
    let stopped = false;
    void (async () => {
      if (!(await hasCamera())) {
        if (!stopped) setError('camera.none');
        return;
      }
      if (stopped) return;
      await reader
        .decodeFromVideoDevice(null, video.current!, (result) => {
          if (result && !done) {
            done = true;
            onCode(result.getText());
          }
        })
        .catch((err: unknown) => !stopped && setError(cameraErrorKey(err)));
    })();
    return () => {
      stopped = true;
      reader.reset(); // stops the camera stream
    };
  }, []);

  return (
    <div class="camera" data-testid="camera">
      <h1 class="heading">{error ? t('camera.scannerHeading') : t('camera.heading')}</h1>
      {error ? (
        <p class="camera-instead" role="status" data-testid="camera-instead">
          {t(error)}
        </p>
      ) : (
        <video ref={video} class="camera-video" muted playsInline />
      )}
      <div class="actions">
        <button class="btn btn-primary" onClick={onClose}>
          {t('app.back')}
        </button>
      </div>
    </div>
  );
}
