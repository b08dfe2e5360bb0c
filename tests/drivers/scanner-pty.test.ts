// The code scanner driver on a real tty: socat makes a pty pair, the hardware binding
// (@serialport/bindings-cpp) opens one end, and this test plays the scanner on the other end with fs.
// Killing socat is the cable pulled; starting it again with the same link names is the cable back.
import { autoDetect } from '@serialport/bindings-cpp';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeviceState } from '../../server/contract/devices.ts';
import { SerialCodeScanner } from '../../drivers/scanner/code-scanner.ts';
import { PtyCable, SOCAT } from '../helpers/pty.ts';

const cable = new PtyCable(`/tmp/kiosk-scn-${process.pid}-a`, `/tmp/kiosk-scn-${process.pid}-b`);
const hostEnd = cable.hostEnd;

if (!SOCAT) console.warn('跳过 pty 扫码器测试：未找到 socat（apt-get install socat）');

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.skipIf(!SOCAT)('code scanner driver over a socat pty pair', () => {
  const up = () => cable.up();
  const down = () => cable.down();
  beforeAll(up);
  afterAll(down);

  it('hardware binding: ready, CRLF scans in pieces, GB18030; socat killed → unplugged, restarted → ready', async () => {
    const scanner = new SerialCodeScanner({ path: hostEnd, baudRate: 9600, binding: autoDetect(), suffix: 'CRLF' });
    const scans: string[] = [];
    scanner.on('scan', (c) => scans.push(c));
    const waitFor = (s: DeviceState): Promise<void> =>
      new Promise((resolve, reject) => {
        if (scanner.status().state === s) return resolve();
        const timer = setTimeout(() => {
          scanner.off('status', on);
          reject(new Error(`未报告 ${s}，当前 ${scanner.status().state}`));
        }, 3000);
        const on = (st: { state: DeviceState }): void => {
          if (st.state !== s) return;
          clearTimeout(timer);
          scanner.off('status', on);
          resolve();
        };
        scanner.on('status', on);
      });
    try {
      await scanner.start();
      await waitFor('ready');
      cable.write(Buffer.from('A01'));
      await new Promise((r) => setTimeout(r, 30));
      cable.write(Buffer.from('2\r'));
      await new Promise((r) => setTimeout(r, 30));
      cable.write(Buffer.concat([Buffer.from('\n'), iconv.encode('城关镇 B007', 'gb18030'), Buffer.from('\r\n')]));
      const t0 = Date.now();
      while (scans.length < 2 && Date.now() - t0 < 3000) await new Promise((r) => setTimeout(r, 20));
      expect(scans).toEqual(['A012', '城关镇 B007']);

      // Cable pulled and put back: unplugged within 2 s, ready within 3 s, scans flow again.
      const gone = waitFor('unplugged');
      const t1 = Date.now();
      await down();
      await gone;
      expect(Date.now() - t1).toBeLessThan(2000);
      await sleep(1200);
      const back = waitFor('ready');
      const t2 = Date.now();
      await up();
      await back;
      expect(Date.now() - t2).toBeLessThan(3000);
      cable.write(Buffer.from('YY:20261123-0007\r\n'));
      const t3 = Date.now();
      while (scans.length < 3 && Date.now() - t3 < 3000) await sleep(20);
      expect(scans).toEqual(['A012', '城关镇 B007', 'YY:20261123-0007']);
    } finally {
      await scanner.stop();
    }
  });
});
