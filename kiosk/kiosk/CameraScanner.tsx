// The camera as a QR scanner, loaded on demand (dynamic import) so @zxing/library is not in the kiosk's
// first load. Optional: a kiosk without a camera just says so.
import { useEffect, useRef, useState } from 'preact/hooks';
import { BrowserQRCodeReader } from '@zxing/library';
import { useKiosk, useSpokenHeading } from './kiosk-context.ts';

export function CameraScanner({ onCode, onClose }: { onCode(code: string): void; onClose(): void }) {
  const { t } = useKiosk();
  const video = useRef<HTMLVideoElement>(null);
  const [error, setError] = useState('');
  useSpokenHeading(t('camera.heading'));

  useEffect(() => {
    const reader = new BrowserQRCodeReader();
    let done = false;
    reader
      .decodeFromVideoDevice(null, video.current!, (result) => {
        if (result && !done) {
          done = true;
          onCode(result.getText());
        }
      })
      .catch((err: unknown) =>
        setError(t('camera.failed', { reason: err instanceof Error ? err.message : String(err) })),
      );
    return () => reader.reset(); // stops the camera stream
  }, []);

  return (
    <div class="camera">
      <h1 class="heading">{t('camera.heading')}</h1>
      {error ? <p class="error-text">{error}</p> : <video ref={video} class="camera-video" muted playsInline />}
      <div class="actions">
        <button class="btn btn-primary" onClick={onClose}>
          {t('app.back')}
        </button>
      </div>
    </div>
  );
}
