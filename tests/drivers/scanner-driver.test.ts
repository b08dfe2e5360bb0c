// The code scanner driver against the simulator, through SimBinding and the real SerialPortStream.
import { afterEach, describe, expect, it } from 'vitest';
import { SerialCodeScanner, type ScannerSuffix } from '../../drivers/scanner/code-scanner.ts';
import { ScannerSimulator } from '../../drivers/scanner/scanner-simulator.ts';
import { SimBinding } from '../../drivers/sim/sim-binding.ts';
import { waitForState, until, sleep, waitForMore } from '../helpers/device-wait.ts';

let seq = 0;
const running: { scanner: SerialCodeScanner; path: string }[] = [];

function setup(suffix: ScannerSuffix = 'CR', interByteTimeoutMs = 50) {
  const path = `/sim/scanner-test-${process.pid}-${++seq}`;
  const sim = new ScannerSimulator({ suffix });
  SimBinding.register(path, sim);
  const logs: string[] = [];
  const scanner = new SerialCodeScanner({
    path,
    baudRate: 9600,
    binding: SimBinding,
    simulated: true,
    suffix,
    interByteTimeoutMs,
    retryMs: 100,
    maxRetryMs: 400,
    log: (l) => logs.push(l),
  });
  const scans: string[] = [];
  scanner.on('scan', (c) => scans.push(c));
  running.push({ scanner, path });
  return { path, sim, scanner, scans, logs };
}

afterEach(async () => {
  for (const { scanner, path } of running.splice(0)) {
    await scanner.stop();
    SimBinding.unregister(path);
  }
});

describe('code scanner driver with the simulator (SimBinding)', () => {
  it('constructor does nothing; start() → ready (port open)', async () => {
    const { sim, scanner } = setup();
    expect(sim.scan('A012')).toBe(false); // nothing attached before start()
    expect(scanner.status().state).toBe('reconnecting');
    await scanner.start();
    await waitForState(scanner, 'ready', 2000);
    expect(scanner.status().message).toBe('扫码器正常');
  });

  for (const suffix of ['CR', 'LF', 'CRLF', 'timeout'] as const) {
    it(`suffix ${suffix}: one scan → one event`, async () => {
      const { sim, scanner, scans } = setup(suffix);
      await scanner.start();
      await waitForState(scanner, 'ready', 2000);
      sim.scan('http://10.0.0.5/q?t=A012');
      sim.scan('预约号 20240105-07', 'gb18030');
      await until(() => scans.length === 2 || (suffix === 'timeout' && scans.length === 1), 2000, '扫码事件');
      if (suffix === 'timeout') {
        // Two scans back to back without a pause are one code; with a pause they are two.
        expect(scans).toHaveLength(1);
        sim.scan('B007');
        await sleep(120);
        sim.scan('C008');
        await until(() => scans.length === 3, 2000, '间隔后的两次扫码');
        expect(scans.slice(1)).toEqual(['B007', 'C008']);
      } else {
        expect(scans).toEqual(['http://10.0.0.5/q?t=A012', '预约号 20240105-07']);
      }
    });
  }

  it('over-long garbage is dropped with a log line; the next code comes through', async () => {
    const { sim, scanner, scans, logs } = setup('CR');
    await scanner.start();
    await waitForState(scanner, 'ready', 2000);
    sim.sendRaw(Buffer.concat([Buffer.alloc(2000, 0x41), Buffer.of(0x0d)]));
    sim.sendRaw(Buffer.of(0x0d, 0x0d)); // empty lines
    sim.scan('A012');
    await until(() => scans.length === 1, 2000, '扫码事件');
    expect(scans).toEqual(['A012']);
    expect(logs.some((l) => l.includes('超过 512 字节'))).toBe(true);
  });

  it('unplug → unplugged within 2 s; plug → ready within 3 s, scans work again', async () => {
    const { path, sim, scanner, scans } = setup('CR');
    await scanner.start();
    await waitForState(scanner, 'ready', 2000);
    const gone = waitForState(scanner, 'unplugged', 2000);
    SimBinding.unplug(path);
    expect(await gone).toBeLessThan(2000);
    expect(scanner.status().message).toContain('扫码器未连接');
    await waitForMore(() => SimBinding.openAttempts(path), 3, '拔出后的重连尝试');
    SimBinding.plug(path);
    expect(await waitForState(scanner, 'ready', 3000)).toBeLessThan(3000);
    sim.scan('A012');
    await until(() => scans.length === 1, 2000, '重连后扫码');
  });

  it('stop() closes the port and leaves no timers', async () => {
    const timeouts = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
    await sleep(50);
    const before = timeouts();
    const { sim, scanner, scans } = setup('timeout');
    await scanner.start();
    await waitForState(scanner, 'ready', 2000);
    sim.scan('A0'); // leaves an inter-byte timer running
    await sleep(5);
    await scanner.stop();
    expect(sim.scan('A012')).toBe(false);
    await sleep(100);
    expect(scans).toHaveLength(0);
    expect(timeouts()).toBeLessThanOrEqual(before);
  });
});
