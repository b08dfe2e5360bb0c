// Device problems, said in terms of what the resident can still do (a printer without paper still
// issues numbers: they are shown on screen).
import type { DeviceStatus } from '../../server/wire.ts';
import { useKiosk } from './kiosk-context.ts';
import type { StringKey } from './strings.ts';

/** The banner line for a device, or null when it works (paper near its end still prints). */
export function deviceProblemKey(d: DeviceStatus): StringKey | null {
  if (d.state === 'ready' || d.state === 'paper-near-end') return null;
  if (d.kind === 'printer') {
    if (d.state === 'paper-out') return 'device.printer.paper-out';
    if (d.state === 'cover-open') return 'device.printer.cover-open';
    return 'device.printer.down';
  }
  return d.kind === 'idcard' ? 'device.idcard.down' : 'device.scanner.down';
}

export function DeviceBanner({ devices }: { devices: DeviceStatus[] }) {
  const { t } = useKiosk();
  const lines = devices.map((d) => ({ kind: d.kind, key: deviceProblemKey(d) })).filter((l) => l.key !== null);
  if (!lines.length) return null;
  return (
    <div class="banner banner-device" role="status">
      {lines.map((l) => (
        <div key={l.kind}>{t(l.key!)}</div>
      ))}
    </div>
  );
}
