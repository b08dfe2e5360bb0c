// Serial hardware flow control for printers that need it (新北洋 BK-T680 class): devices.printer.flowControl
// 'rtscts' opens the port with RTS/CTS, seen on the real tty's termios (stty: crtscts); 'none' leaves it off.
import { spawnSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { autoDetect } from '@serialport/bindings-cpp';
import { SerialPrinter } from '../../drivers/printer/serial-printer.ts';
import { EscPosParser } from '../../drivers/printer/escpos-parser.ts';
import { encodeStatus } from '../../drivers/printer/status-codec.ts';
import type { StatusRequest } from '../../drivers/printer/commands.ts';
import { PtyCable, SOCAT } from '../helpers/pty.ts';
import { waitForState } from '../helpers/device-wait.ts';

const cable = new PtyCable(`/tmp/kiosk-rts-${process.pid}-a`, `/tmp/kiosk-rts-${process.pid}-b`);
let printer: SerialPrinter | null = null;
afterEach(async () => {
  await printer?.stop();
  printer = null;
  await cable.down();
});

const stty = (path: string): string => spawnSync('stty', ['-F', path, '-a'], { encoding: 'utf8' }).stdout;

describe.skipIf(!SOCAT)('printer RTS/CTS flow control', () => {
  for (const rtscts of [true, false]) {
    it(`flowControl ${rtscts ? 'rtscts → crtscts set' : 'none → crtscts clear'} on the opened tty`, async () => {
      const parser = new EscPosParser();
      await cable.up((chunk) => {
        for (const cmd of parser.push(chunk))
          if (cmd.op === 'status-request')
            cable.write(Buffer.of(encodeStatus(cmd.n as StatusRequest, { paper: 'ok', coverOpen: false })));
      });
      printer = new SerialPrinter({
        path: cable.hostEnd,
        baudRate: 9600,
        binding: autoDetect(),
        columns: 48,
        pollMs: 200,
        responseTimeoutMs: 400,
        rtscts,
      });
      await printer.start();
      await waitForState(printer, 'ready', 3000);
      const flags = stty(cable.hostEnd).split(/\s+/);
      expect(flags).toContain(rtscts ? 'crtscts' : '-crtscts');
    });
  }
});
