// The ESC/POS printer driver over tcp://HOST:PORT (Ethernet printers' raw port 9100): the real driver and
// TcpLink against a local TCP server speaking as the printer (tests/helpers/net-printer.ts).
import { afterEach, describe, expect, it } from 'vitest';
import { SerialPrinter } from '../../drivers/printer/serial-printer.ts';
import { JobBuilder } from '../../drivers/printer/job-builder.ts';
import { linkFactory } from '../../drivers/transport/create-link.ts';
import { parsePortSpec } from '../../drivers/transport/port-spec.ts';
import { NetPrinter } from '../helpers/net-printer.ts';
import { sleep, until, waitForState } from '../helpers/device-wait.ts';
import { autoDetect } from '@serialport/bindings-cpp';
import { spawn, spawnSync } from 'node:child_process';
import { TcpLink } from '../../drivers/transport/tcp-link.ts';

const PYTHON = spawnSync('sh', ['-c', 'command -v python3'], { encoding: 'utf8' }).stdout.trim();
const BLACKHOLE = [
  'import socket, time',
  's = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen(0)',
  'fill = [socket.socket() for _ in range(3)]',
  'for c in fill: c.setblocking(False); c.connect_ex(s.getsockname())',
  'print(s.getsockname()[1], flush=True)',
  'time.sleep(30)',
].join('\n');

const stops: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (stops.length) await stops.pop()!();
});

function netPrinterDriver(url: string, logs: string[] = []): SerialPrinter {
  const spec = parsePortSpec(url);
  const printer = new SerialPrinter({
    path: url,
    baudRate: 115200,
    binding: autoDetect(),
    columns: 48,
    pollMs: 150,
    responseTimeoutMs: 400,
    retryMs: 100,
    maxRetryMs: 500,
    log: (l) => logs.push(l),
    createLink: linkFactory(spec, { retryMs: 100, maxRetryMs: 500, log: (l) => logs.push(l) }),
  });
  stops.push(() => printer.stop());
  return printer;
}

const job = new JobBuilder(48)
  .init()
  .chineseMode(true)
  .line('城关镇便民服务中心')
  .line('A012')
  .cut('partial', 48)
  .bytes();

describe('network printer (tcp://)', () => {
  it('connects, reports ready, sends the exact job bytes and reads DLE EOT answers on the same socket', async () => {
    const net = new NetPrinter();
    await net.up();
    stops.push(() => net.down());
    const printer = netPrinterDriver(net.url);
    await printer.start();
    await waitForState(printer, 'ready', 2000);
    await printer.print(job);
    await until(() => net.receivedBytes().length >= job.length, 2000, '打印数据到达网络打印机');
    expect(net.receivedBytes().toString('hex')).toBe(Buffer.from(job).toString('hex'));
    expect(net.statusRequests).toBeGreaterThan(0);
  });

  it('reports paper out and cover open from the status answers and refuses the job', async () => {
    const net = new NetPrinter();
    await net.up();
    stops.push(() => net.down());
    const printer = netPrinterDriver(net.url);
    await printer.start();
    await waitForState(printer, 'ready', 2000);
    net.state.paper = 'out';
    await waitForState(printer, 'paper-out', 2000);
    await expect(printer.print(job)).rejects.toMatchObject({ state: 'paper-out' });
    net.state.paper = 'ok';
    net.state.coverOpen = true;
    await waitForState(printer, 'cover-open', 2000);
    expect(printer.status().message).toContain('纸仓盖');
    net.state.coverOpen = false;
    await waitForState(printer, 'ready', 2000);
  });

  it('a printer that goes silent on an open connection is offline; answering again makes it ready', async () => {
    const net = new NetPrinter();
    await net.up();
    stops.push(() => net.down());
    const printer = netPrinterDriver(net.url);
    await printer.start();
    await waitForState(printer, 'ready', 2000);
    net.silent = true;
    expect(await waitForState(printer, 'offline', 2000)).toBeLessThan(2000);
    await expect(printer.print(job)).rejects.toMatchObject({ state: 'offline' });
    net.silent = false;
    await waitForState(printer, 'ready', 2000);
  });

  it('connection dropped (printer off) → unplugged within 2 s; listening again → ready within 3 s, with capped back-off', async () => {
    const net = new NetPrinter();
    await net.up();
    stops.push(() => net.down());
    const logs: string[] = [];
    const printer = netPrinterDriver(net.url, logs);
    await printer.start();
    await waitForState(printer, 'ready', 2000);
    await net.down();
    expect(await waitForState(printer, 'unplugged', 2000)).toBeLessThan(2000);
    await expect(printer.print(job)).rejects.toMatchObject({ state: 'unplugged' });
    // Away for a while: the retries back off to maxRetryMs, and the failure is logged once.
    const before = net.connections;
    await sleep(1500);
    await net.up();
    expect(await waitForState(printer, 'ready', 3000)).toBeLessThan(3000);
    expect(net.connections).toBe(before + 1);
    expect(logs.filter((l) => l.includes('不可用'))).toHaveLength(1);
    expect(logs.some((l) => l.includes('已恢复'))).toBe(true);
    await printer.print(job);
  });

  it('nothing listening (printer switched off before start) → unplugged at once, retried until it is there', async () => {
    const net = new NetPrinter();
    await net.up();
    await net.down(); // a free port nobody listens on
    const printer = netPrinterDriver(net.url);
    await printer.start();
    await waitForState(printer, 'unplugged', 2000);
    await net.up();
    expect(await waitForState(printer, 'ready', 3000)).toBeLessThan(3000);
    stops.push(() => net.down());
  });

  it.skipIf(!PYTHON)(
    'a host that never answers the connect is given up after the connect timeout and tried again',
    async () => {
      // A listening socket that never accepts, its backlog already full: Linux drops the next SYN, so the
      // connect hangs as it does to a printer that is off the network.
      const child = spawn(PYTHON, ['-c', BLACKHOLE], { stdio: ['ignore', 'pipe', 'ignore'] });
      stops.push(async () => void child.kill());
      const port = await new Promise<number>((r) =>
        child.stdout!.once('data', (d: Buffer) => r(Number(d.toString().trim()))),
      );
      const logs: string[] = [];
      const link = new TcpLink({
        host: '127.0.0.1',
        port,
        label: '打印机',
        connectTimeoutMs: 300,
        retryMs: 100,
        maxRetryMs: 200,
        log: (l) => logs.push(l),
      });
      const closes: string[] = [];
      link.on('close', (err) => closes.push(err?.message ?? ''));
      stops.push(() => link.stop());
      link.start();
      await until(() => closes.length >= 2, 3000, '两次连接超时');
      expect(closes[0]).toMatch(/超过 300 毫秒无响应/);
      expect(link.isOpen).toBe(false);
    },
  );

  it('port forms: tcp://, usb:, sdtapi:, /dev/usb/lp0, tty paths', () => {
    expect(parsePortSpec('tcp://192.168.1.87:9100')).toEqual({ transport: 'tcp', host: '192.168.1.87', port: 9100 });
    expect(parsePortSpec('usb:0400:C35A')).toEqual({ transport: 'usb', vendorId: 0x0400, productId: 0xc35a });
    expect(parsePortSpec('sdtapi:/opt/sdt/libsdtapi.so')).toEqual({
      transport: 'sdtapi',
      library: '/opt/sdt/libsdtapi.so',
      port: 1001,
    });
    expect(parsePortSpec('sdtapi:/opt/sdt/libsdtapi.so:2')).toEqual({
      transport: 'sdtapi',
      library: '/opt/sdt/libsdtapi.so',
      port: 2,
    });
    expect(parsePortSpec('/dev/usb/lp0')).toEqual({ transport: 'file', path: '/dev/usb/lp0' });
    expect(parsePortSpec('/dev/ttyUSB0')).toEqual({ transport: 'serial', path: '/dev/ttyUSB0' });
    expect(parsePortSpec('/dev/serial/by-id/usb-Prolific-if00-port0')).toEqual({
      transport: 'serial',
      path: '/dev/serial/by-id/usb-Prolific-if00-port0',
    });
    expect(parsePortSpec('COM3')).toEqual({ transport: 'serial', path: 'COM3' });
    expect(parsePortSpec('/dev/kiosk-printer', () => false)).toEqual({ transport: 'file', path: '/dev/kiosk-printer' });
    expect(parsePortSpec('/dev/kiosk-printer', () => true)).toEqual({
      transport: 'serial',
      path: '/dev/kiosk-printer',
    });
    expect(() => parsePortSpec('tcp://printer')).toThrow(/tcp:\/\/主机:端口/);
    expect(() => parsePortSpec('usb:400:c35a')).toThrow(/usb:0400:c35a/);
    expect(() => parsePortSpec('sdtapi:/opt/sdt/libsdtapi.so:99')).toThrow(/1001–1016/);
    expect(() => parsePortSpec('sdtapi:libsdtapi.so')).toThrow(/绝对路径/);
  });
});
