import { describe, expect, it } from 'vitest';
import { TICKET_STATUSES } from '../../server/contract/queue.ts';
import { translator } from '../../kiosk/kiosk/strings.ts';
import { ticketStatusText, windowList } from '../../kiosk/kiosk/ticket-status.ts';
import { deviceProblemKey } from '../../kiosk/kiosk/DeviceBanner.tsx';
import { qrPath } from '../../kiosk/lib/qr-code.ts';

describe('ticket status in words', () => {
  const t = translator('zh');
  it('names every status in Chinese', () => {
    expect(ticketStatusText(t, { status: 'waiting', windowNo: null })).toBe('等候中');
    expect(ticketStatusText(t, { status: 'called', windowNo: 3 })).toBe('请到 3 号窗口');
    expect(ticketStatusText(t, { status: 'finished', windowNo: 3 })).toBe('已办结');
    expect(ticketStatusText(t, { status: 'skipped', windowNo: 3 })).toBe('已过号');
    for (const status of TICKET_STATUSES) expect(ticketStatusText(t, { status, windowNo: 1 })).not.toMatch(/[{}]/);
  });

  it('lists windows the Chinese way', () => {
    expect(windowList([1, 6], 'zh')).toBe('1、6');
    expect(windowList([1, 6], 'en')).toBe('1, 6');
  });
});

describe('device banner', () => {
  const d = (kind: 'printer' | 'idcard' | 'scanner', state: string) =>
    ({ kind, state, message: '', simulated: true, since: '' }) as Parameters<typeof deviceProblemKey>[0];
  it('says nothing while a device works (paper near its end still prints)', () => {
    expect(deviceProblemKey(d('printer', 'ready'))).toBeNull();
    expect(deviceProblemKey(d('printer', 'paper-near-end'))).toBeNull();
  });
  it('tells the resident what still works', () => {
    expect(deviceProblemKey(d('printer', 'paper-out'))).toBe('device.printer.paper-out');
    expect(deviceProblemKey(d('printer', 'unplugged'))).toBe('device.printer.down');
    expect(deviceProblemKey(d('idcard', 'offline'))).toBe('device.idcard.down');
  });
});

describe('QR code path', () => {
  it('draws a square code with a quiet zone', () => {
    const qr = qrPath('http://127.0.0.1:8080/t/abc123');
    expect(qr.size).toBeGreaterThanOrEqual(21 + 8);
    expect(qr.d).toMatch(/^M4 4h1v1h-1z/); // the finder pattern's corner module, after the 4-module quiet zone
  });
});
