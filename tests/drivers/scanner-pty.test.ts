// The code scanner driver on a real tty: socat makes a pty pair, the hardware binding
// (@serialport/bindings-cpp) opens one end, and this test plays the scanner on the other end with fs.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, openSync, writeSync } from 'node:fs';
import { autoDetect } from '@serialport/bindings-cpp';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeviceState } from '../../server/wire.ts';
import { SerialCodeScanner } from '../../drivers/scanner/code-scanner.ts';

const socatPath = spawnSync('sh', ['-c', 'command -v socat'], { encoding: 'utf8' }).stdout.trim();
const hostEnd = `/tmp/kiosk-scn-${process.pid}-a`;
const scannerEnd = `/tmp/kiosk-scn-${process.pid}-b`;

if (!socatPath) console.warn('跳过 pty 扫码器测试：未找到 socat（apt-get install socat）');

describe.skipIf(!socatPath)('code scanner driver over a socat pty pair', () => {
  let socat: ChildProcess;
  let fd = -1;

  beforeAll(async () => {
    socat = spawn(socatPath, ['-d', '-d', `pty,raw,echo=0,link=${hostEnd}`, `pty,raw,echo=0,link=${scannerEnd}`], { stdio: 'ignore' });
    const t0 = Date.now();
    while (!(existsSync(hostEnd) && existsSync(scannerEnd))) {
      if (Date.now() - t0 > 5000) throw new Error('socat 未在 5 秒内建立 pty');
      await new Promise((r) => setTimeout(r, 50));
    }
    fd = openSync(scannerEnd, 'r+');
  });

  afterAll(() => {
    socat?.kill('SIGTERM'); // our own child, by its handle
    if (fd >= 0) {
      try {
        closeSync(fd);
      } catch {
        /* already gone with socat */
      }
    }
  });

  it('opens the pty with the hardware binding, reports ready, splits CRLF scans in pieces', async () => {
    const scanner = new SerialCodeScanner({ path: hostEnd, baudRate: 9600, binding: autoDetect(), suffix: 'CRLF' });
    const scans: string[] = [];
    scanner.on('scan', (c) => scans.push(c));
    const waitFor = (s: DeviceState): Promise<void> =>
      new Promise((resolve, reject) => {
        if (scanner.status().state === s) return resolve();
        const timer = setTimeout(() => reject(new Error(`未报告 ${s}，当前 ${scanner.status().state}`)), 3000);
        scanner.on('status', (st) => {
          if (st.state === s) {
            clearTimeout(timer);
            resolve();
          }
        });
      });
    try {
      await scanner.start();
      await waitFor('ready');
      writeSync(fd, Buffer.from('A01'));
      await new Promise((r) => setTimeout(r, 30));
      writeSync(fd, Buffer.from('2\r'));
      await new Promise((r) => setTimeout(r, 30));
      writeSync(fd, Buffer.concat([Buffer.from('\n'), iconv.encode('城关镇 B007', 'gb18030'), Buffer.from('\r\n')]));
      const t0 = Date.now();
      while (scans.length < 2 && Date.now() - t0 < 3000) await new Promise((r) => setTimeout(r, 20));
      expect(scans).toEqual(['A012', '城关镇 B007']);
    } finally {
      await scanner.stop();
    }
  });
});
