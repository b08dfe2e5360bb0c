// The ID card reader driver on a real tty: socat makes a pty pair, the hardware binding
// (@serialport/bindings-cpp) opens one end, and this test plays the reader on the other end with plain
// fs, answering SDT frames with the simulator's logic.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, openSync, read, writeSync } from 'node:fs';
import { autoDetect } from '@serialport/bindings-cpp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IdCard } from '../../drivers/device.ts';
import type { DeviceState } from '../../server/wire.ts';
import { SerialIdCardReader } from '../../drivers/idcard/idcard-reader.ts';
import { IdCardSimulator } from '../../drivers/idcard/idcard-simulator.ts';
import { ZHANG_SAN } from './idcard-fixtures.ts';

const socatPath = spawnSync('sh', ['-c', 'command -v socat'], { encoding: 'utf8' }).stdout.trim();
const hostEnd = `/tmp/kiosk-idc-${process.pid}-a`;
const readerEnd = `/tmp/kiosk-idc-${process.pid}-b`;

if (!socatPath) console.warn('跳过 pty 读卡器测试：未找到 socat（apt-get install socat）');

describe.skipIf(!socatPath)('ID card reader driver over a socat pty pair', () => {
  let socat: ChildProcess;
  let fd = -1;
  let stopped = false;
  const device = new IdCardSimulator();
  const hostBytes: Buffer[] = [];

  beforeAll(async () => {
    socat = spawn(socatPath, ['-d', '-d', `pty,raw,echo=0,link=${hostEnd}`, `pty,raw,echo=0,link=${readerEnd}`], { stdio: 'ignore' });
    const t0 = Date.now();
    while (!(existsSync(hostEnd) && existsSync(readerEnd))) {
      if (Date.now() - t0 > 5000) throw new Error('socat 未在 5 秒内建立 pty');
      await new Promise((r) => setTimeout(r, 50));
    }
    fd = openSync(readerEnd, 'r+');
    device.attach((bytes) => {
      if (!stopped) writeSync(fd, bytes);
    });
    const buf = Buffer.alloc(4096);
    const loop = (): void => {
      if (stopped) return;
      read(fd, buf, 0, buf.length, null, (err, n) => {
        if (err || stopped) return;
        const chunk = Buffer.from(buf.subarray(0, n));
        hostBytes.push(chunk);
        device.receive(chunk);
        loop();
      });
    };
    loop();
  });

  afterAll(() => {
    stopped = true;
    socat?.kill('SIGTERM'); // our own child, by its handle
    if (fd >= 0) {
      try {
        closeSync(fd);
      } catch {
        /* already gone with socat */
      }
    }
  });

  it('opens the pty with the hardware binding, sends the exact find-card frame, reads one card', async () => {
    const reader = new SerialIdCardReader({ path: hostEnd, baudRate: 115200, binding: autoDetect(), pollMs: 150, responseTimeoutMs: 400 });
    const cards: IdCard[] = [];
    reader.on('card', (c) => cards.push(c));
    const waitFor = (s: DeviceState): Promise<void> =>
      new Promise((resolve, reject) => {
        if (reader.status().state === s) return resolve();
        const timer = setTimeout(() => reject(new Error(`未报告 ${s}，当前 ${reader.status().state}`)), 3000);
        reader.on('status', (st) => {
          if (st.state === s) {
            clearTimeout(timer);
            resolve();
          }
        });
      });
    try {
      await reader.start();
      await waitFor('ready');
      // AA AA AA 96 69 00 03 20 01 22: 寻卡
      expect(Buffer.concat(hostBytes).subarray(0, 10).toString('hex')).toBe('aaaaaa9669000320012' + '2');
      device.insertCard(ZHANG_SAN);
      const t0 = Date.now();
      while (cards.length === 0 && Date.now() - t0 < 3000) await new Promise((r) => setTimeout(r, 20));
      expect(cards).toEqual([ZHANG_SAN]);
      await new Promise((r) => setTimeout(r, 500));
      expect(cards).toHaveLength(1);
      device.setMode('silent');
      await waitFor('offline');
    } finally {
      await reader.stop();
    }
  });
});
