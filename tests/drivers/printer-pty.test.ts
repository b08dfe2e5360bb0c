// The driver on a real tty: socat makes a pty pair, the hardware binding (@serialport/bindings-cpp) opens
// one end, and this test plays the printer on the other end with plain fs, answering DLE EOT bytes.
import { autoDetect } from '@serialport/bindings-cpp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SerialPrinter } from '../../drivers/printer/serial-printer.ts';
import { EscPosParser } from '../../drivers/printer/escpos-parser.ts';
import { encodeStatus } from '../../drivers/printer/status-codec.ts';
import { JobBuilder } from '../../drivers/printer/job-builder.ts';
import type { DeviceState } from '../../server/contract/devices.ts';
import type { StatusRequest } from '../../drivers/printer/commands.ts';
import { PtyCable, SOCAT } from '../helpers/pty.ts';

const cable = new PtyCable(`/tmp/kiosk-prn-${process.pid}-a`, `/tmp/kiosk-prn-${process.pid}-b`);
const hostEnd = cable.hostEnd;

if (!SOCAT) console.warn('跳过 pty 打印机测试：未找到 socat（apt-get install socat）');

describe.skipIf(!SOCAT)('serial printer driver over a socat pty pair', () => {
  const received: Buffer[] = [];
  const state = { paper: 'ok' as 'ok' | 'near-end' | 'out', coverOpen: false };

  // The printer: read what the host writes, answer status requests from `state`.
  beforeAll(async () => {
    const parser = new EscPosParser();
    await cable.up((chunk) => {
      for (const cmd of parser.push(chunk)) {
        if (cmd.op === 'status-request') cable.write(Buffer.of(encodeStatus(cmd.n as StatusRequest, state)));
        else received.push(Buffer.from(cmd.raw));
      }
    });
  });

  afterAll(() => cable.down());

  it('opens the pty with the hardware binding, reports ready, prints, and sees paper out', async () => {
    const printer = new SerialPrinter({
      path: hostEnd,
      baudRate: 9600,
      binding: autoDetect(),
      columns: 32,
      pollMs: 150,
      responseTimeoutMs: 400,
    });
    const waitFor = (s: DeviceState): Promise<void> =>
      new Promise((resolve, reject) => {
        if (printer.status().state === s) return resolve();
        const timer = setTimeout(() => reject(new Error(`未报告 ${s}，当前 ${printer.status().state}`)), 3000);
        printer.on('status', (st) => {
          if (st.state === s) {
            clearTimeout(timer);
            resolve();
          }
        });
      });
    try {
      await printer.start();
      await waitFor('ready');
      const job = new JobBuilder(32).init().chineseMode(true).line('城关镇便民服务中心').cut('partial', 48).bytes();
      await printer.print(job);
      const t0 = Date.now();
      while (Buffer.concat(received).length < job.length && Date.now() - t0 < 2000)
        await new Promise((r) => setTimeout(r, 20));
      expect(Buffer.concat(received).toString('hex')).toBe(Buffer.from(job).toString('hex'));
      state.paper = 'out';
      await waitFor('paper-out');
      await expect(printer.print(job)).rejects.toMatchObject({ state: 'paper-out' });
    } finally {
      await printer.stop();
    }
  });
});
