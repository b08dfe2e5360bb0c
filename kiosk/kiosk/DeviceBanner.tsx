// Device problems, said in terms of what the resident can still do (a printer without paper still
// issues numbers: they are shown on screen). In Chinese the device's own message from the server is
// shown; in English our translation of the state.
import type { DeviceStatus } from '../../server/contract/devices.ts';
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
  const { t, lang } = useKiosk();
  const lines = devices.flatMap((d) => {
    const key = deviceProblemKey(d);
    return key ? [{ d, key }] : [];
  });
  if (!lines.length) return null;
  return (
    <div class="banner banner-device" role="status" data-testid="device-banner">
      {lines.map(({ d, key }) => (
        <div key={d.kind} data-device={d.kind} data-state={d.state}>
          <span class="device-message">{lang === 'zh' && d.message ? d.message : t(key)}</span>
          {d.kind === 'printer' && <strong class="device-still">{t('device.printer.stillWorks')}</strong>}
        </div>
      ))}
    </div>
  );
}
