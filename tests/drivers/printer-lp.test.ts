// The ESC/POS printer driver over a character device opened as a file (Linux usblp, /dev/usb/lp0): the
// real driver and FileLink on one end of a socat pty pair, the test playing the printer on the other end
// (reading the job, answering DLE EOT). FileLink opens it with plain fs, not serialport, exactly as it
// opens /dev/usb/lp0. Killing socat is the printer unplugged (its node leaves /dev, reads fail).
import { autoDetect } from '@serialport/bindings-cpp';
import { afterEach, describe, expect, it } from 'vitest';
import { SerialPrinter } from '../../drivers/printer/serial-printer.ts';
import { EscPosParser } from '../../drivers/printer/escpos-parser.ts';
import { encodeStatus } from '../../drivers/printer/status-codec.ts';
import { JobBuilder } from '../../drivers/printer/job-builder.ts';
import type { StatusRequest } from '../../drivers/printer/commands.ts';
import { linkFactory } from '../../drivers/transport/create-link.ts';
import { PtyCable, SOCAT } from '../helpers/pty.ts';
import { until, waitForState } from '../helpers/device-wait.ts';

const cable = new PtyCable(`/tmp/kiosk-lp-${process.pid}-a`, `/tmp/kiosk-lp-${process.pid}-b`);
const state = { paper: 'ok' as 'ok' | 'near-end' | 'out', coverOpen: false };
const received: Buffer[] = [];

async function plugIn(): Promise<void> {
  const parser = new EscPosParser();
  await cable.up((chunk) => {
    for (const cmd of parser.push(chunk)) {
      if (cmd.op === 'status-request') cable.write(Buffer.of(encodeStatus(cmd.n as StatusRequest, state)));
      else received.push(Buffer.from(cmd.raw));
    }
  });
}

let printer: SerialPrinter | null = null;
afterEach(async () => {
  await printer?.stop();
  await cable.down();
});

if (!SOCAT) console.warn('跳过设备文件打印机测试：未找到 socat（apt-get install socat）');

describe.skipIf(!SOCAT)('printer on a character device (usblp-style file)', () => {
  it('writes the job, reads status back from the same device, survives unplug/replug within 2 s / 3 s', async () => {
    await plugIn();
    const logs: string[] = [];
    printer = new SerialPrinter({
      path: cable.hostEnd,
      baudRate: 115200,
      binding: autoDetect(),
      columns: 32,
      pollMs: 150,
      responseTimeoutMs: 400,
      log: (l) => logs.push(l),
      createLink: linkFactory(
        { transport: 'file', path: cable.hostEnd },
        { retryMs: 100, maxRetryMs: 500, log: (l) => logs.push(l) },
      ),
    });
    await printer.start();
    await waitForState(printer, 'ready', 2000);
    const job = new JobBuilder(32)
      .init()
      .chineseMode(true)
      .line('城关镇便民服务中心')
      .line('B007')
      .cut('partial', 48)
      .bytes();
    await printer.print(job);
    await until(() => Buffer.concat(received).length >= job.length, 2000, '打印数据写到设备');
    expect(Buffer.concat(received).toString('hex')).toBe(Buffer.from(job).toString('hex'));

    state.paper = 'near-end';
    await waitForState(printer, 'paper-near-end', 2000);
    state.paper = 'ok';
    await waitForState(printer, 'ready', 2000);

    await cable.down();
    expect(await waitForState(printer, 'unplugged', 2000)).toBeLessThan(2000);
    await expect(printer.print(job)).rejects.toMatchObject({ state: 'unplugged' });
    received.length = 0;
    await plugIn();
    expect(await waitForState(printer, 'ready', 3000)).toBeLessThan(3000);
    await printer.print(job);
    await until(() => Buffer.concat(received).length >= job.length, 2000, '重新插上后打印数据写到设备');
    expect(logs.filter((l) => l.includes('不可用'))).toHaveLength(1);
  });
});
