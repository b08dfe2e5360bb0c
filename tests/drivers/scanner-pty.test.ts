// The code scanner driver on a real tty: socat makes a pty pair, the hardware binding
// (@serialport/bindings-cpp) opens one end, and this test plays the scanner on the other end with fs.
// Killing socat is the cable pulled; starting it again with the same link names is the cable back.
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

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.skipIf(!socatPath)('code scanner driver over a socat pty pair', () => {
  let socat: ChildProcess | null = null;
  let fd = -1;

  async function up(): Promise<void> {
    socat = spawn(socatPath, ['-d', '-d', `pty,raw,echo=0,link=${hostEnd}`, `pty,raw,echo=0,link=${scannerEnd}`], { stdio: 'ignore' });
    const t0 = Date.now();
    while (!(existsSync(hostEnd) && existsSync(scannerEnd))) {
      if (Date.now() - t0 > 5000) throw new Error('socat 未在 5 秒内建立 pty');
      await sleep(20);
    }
    fd = openSync(scannerEnd, 'r+');
  }

  /** Kill socat (our own child, by its handle) and wait until it has exited. */
  async function down(): Promise<void> {
    const child = socat;
    socat = null;
    if (child && child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
    if (fd >= 0) {
      try {
        closeSync(fd);
      } catch {
        /* already gone with socat */
      }
      fd = -1;
    }
  }

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
      writeSync(fd, Buffer.from('A01'));
      await new Promise((r) => setTimeout(r, 30));
      writeSync(fd, Buffer.from('2\r'));
      await new Promise((r) => setTimeout(r, 30));
      writeSync(fd, Buffer.concat([Buffer.from('\n'), iconv.encode('城关镇 B007', 'gb18030'), Buffer.from('\r\n')]));
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
      writeSync(fd, Buffer.from('YY:20261123-0007\r\n'));
      const t3 = Date.now();
      while (scans.length < 3 && Date.now() - t3 < 3000) await sleep(20);
      expect(scans).toEqual(['A012', '城关镇 B007', 'YY:20261123-0007']);
    } finally {
      await scanner.stop();
    }
  });
});
