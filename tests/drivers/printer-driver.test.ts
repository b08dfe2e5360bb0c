// The serial printer driver against the simulator, through SimBinding and the real SerialPortStream:
// every byte goes through the same encoder, parser and status codec as on hardware.
import { SerialPortMock } from 'serialport';
import type { BindingInterface, OpenOptions } from '@serialport/bindings-interface';
import { afterEach, describe, expect, it } from 'vitest';
import type { DeviceStatus } from '../../server/contract/devices.ts';
import { PrinterError, SerialPrinter } from '../../drivers/printer/serial-printer.ts';
import { PrinterSimulator } from '../../drivers/printer/printer-simulator.ts';
import { SimBinding } from '../../drivers/sim/sim-binding.ts';
import { JobBuilder } from '../../drivers/printer/job-builder.ts';
import { renderModel } from '../../drivers/printer/render-model.ts';
import { waitFor, waitForMore, waitForState } from '../helpers/device-wait.ts';

// Through serialport's own re-export: @serialport/binding-mock's package exports carry no types.
const MockBinding = SerialPortMock.binding;

let seq = 0;
const running: SerialPrinter[] = [];

function setup(options: { pollMs?: number; responseTimeoutMs?: number } = {}) {
  const path = `/sim/printer-test-${++seq}`;
  const sim = new PrinterSimulator();
  SimBinding.register(path, sim);
  const printer = new SerialPrinter({
    path,
    baudRate: 9600,
    binding: SimBinding,
    columns: 32,
    simulated: true,
    pollMs: options.pollMs ?? 200,
    responseTimeoutMs: options.responseTimeoutMs ?? 300,
    retryMs: 100,
    maxRetryMs: 400,
  });
  const events: DeviceStatus[] = [];
  printer.on('status', (s) => events.push(s));
  running.push(printer);
  return { path, sim, printer, events };
}

const sampleJob = (): Uint8Array =>
  new JobBuilder(32)
    .init()
    .chineseMode(true)
    .align('center')
    .line('城关镇便民服务中心')
    .size(2, 2)
    .line('A012')
    .size(1, 1)
    .qr('http://x/t/1')
    .cut('partial', 48)
    .bytes();

afterEach(async () => {
  await Promise.all(running.splice(0).map((p) => p.stop()));
});

describe('serial printer driver with the simulator (SimBinding)', () => {
  it('constructor does nothing; start() opens, polls and reports ready', async () => {
    const { sim, printer, events } = setup();
    await new Promise((r) => setTimeout(r, 50));
    expect(sim.statusRequests).toBe(0); // nothing happened before start()
    expect(printer.status().state).toBe('reconnecting');
    await printer.start();
    await waitForState(printer, 'ready', 2000);
    expect(events.at(-1)).toMatchObject({ kind: 'printer', state: 'ready', message: '打印机正常', simulated: true });
  });

  it('prints a job: the simulator holds exactly the bytes sent, split at the cut, without the status polls', async () => {
    const { sim, printer } = setup();
    await printer.start();
    await waitForState(printer, 'ready', 2000);
    const job = sampleJob();
    await printer.print(job);
    await printer.print(job);
    await waitFor(() => sim.printedJobs().length >= 2, 2000, '两张小票到达打印机');
    const jobs = sim.printedJobs();
    expect(jobs.length).toBe(2);
    expect(Buffer.from(jobs[0]!).equals(Buffer.from(job))).toBe(true);
    expect(renderModel(jobs[1]!, { widthDots: 384 }).lines).toEqual(['城关镇便民服务中心', 'A012']);
  });

  it('paper out: status event paper-out, print refused with PrinterError, nothing printed', async () => {
    const { sim, printer } = setup();
    await printer.start();
    await waitForState(printer, 'ready', 2000);
    sim.setPaper('out');
    await waitForState(printer, 'paper-out', 2000);
    expect(printer.status().message).toBe('打印机缺纸，暂时无法打印小票，请联系工作人员');
    const err = await printer.print(sampleJob()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PrinterError);
    expect((err as PrinterError).state).toBe('paper-out');
    expect((err as PrinterError).message).toMatch(/缺纸/);
    expect(sim.printedJobs()).toEqual([]);
    sim.setPaper('ok');
    await waitForState(printer, 'ready', 2000);
    await printer.print(sampleJob());
    await waitFor(() => sim.printedJobs().length >= 1, 2000, '小票到达打印机');
    expect(sim.printedJobs().length).toBe(1);
  });

  it('paper out in the middle of a job: the job is refused after it (not reported as printed), nothing half printed kept', async () => {
    const { sim, printer } = setup();
    await printer.start();
    await waitForState(printer, 'ready', 2000);
    // The paper ends as the job's first bytes arrive (status requests are single DLE EOT n commands).
    const receive = sim.receive.bind(sim);
    sim.receive = (bytes: Buffer) => {
      if (bytes[0] !== 0x10) sim.setPaper('out');
      receive(bytes);
    };
    await expect(printer.print(sampleJob())).rejects.toMatchObject({
      state: 'paper-out',
      message: expect.stringContaining('可能没有打印完整'),
    });
    expect(sim.printedJobs()).toEqual([]);
    expect(sim.discardedJobs).toBe(1);
    expect(printer.status().state).toBe('paper-out');
  });

  it('paper near end: still prints, and says so', async () => {
    const { sim, printer } = setup();
    sim.setPaper('near-end');
    await printer.start();
    await waitForState(printer, 'paper-near-end', 2000);
    await printer.print(sampleJob());
    await waitFor(() => sim.printedJobs().length >= 1, 2000, '小票到达打印机');
    expect(sim.printedJobs().length).toBe(1);
  });

  it('cover open is found before the job (not only by the interval poll) and refused', async () => {
    const { sim, printer } = setup({ pollMs: 60_000 });
    await printer.start();
    await waitForState(printer, 'ready', 2000);
    sim.setCover(true);
    const err = await printer.print(sampleJob()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PrinterError);
    expect((err as PrinterError).state).toBe('cover-open');
    expect((err as PrinterError).message).toBe('打印机纸仓盖未关好，暂时无法打印，请联系工作人员');
    expect(printer.status().state).toBe('cover-open');
  });

  it('cutter error is reported as error', async () => {
    const { sim, printer } = setup();
    await printer.start();
    sim.setError('cutter');
    await waitForState(printer, 'error', 2000);
    await expect(printer.print(sampleJob())).rejects.toMatchObject({ state: 'error' });
  });

  it('unplug: unplugged within 2 s, print refused; plug: ready again within 3 s without a restart', async () => {
    const { path, sim, printer, events } = setup({ pollMs: 1000 });
    await printer.start();
    await waitForState(printer, 'ready', 2000);
    SimBinding.unplug(path);
    const tookUnplug = await waitForState(printer, 'unplugged', 2000);
    expect(tookUnplug).toBeLessThan(2000);
    await expect(printer.print(sampleJob())).rejects.toMatchObject({
      name: 'PrinterError',
      state: 'unplugged',
      message: '打印机未连接，暂时无法打印小票',
    });
    await waitForMore(() => SimBinding.openAttempts(path), 3, '拔出后的重连尝试');
    SimBinding.plug(path);
    const tookPlug = await waitForState(printer, 'ready', 3000);
    expect(tookPlug).toBeLessThan(3000);
    await printer.print(sampleJob());
    await waitFor(() => sim.printedJobs().length >= 1, 2000, '小票到达打印机');
    expect(sim.printedJobs().length).toBe(1);
    // One event per change, not one per failed reopen.
    const states = events.map((e) => e.state);
    expect(states.filter((s) => s === 'unplugged').length).toBe(1);
  });

  it('a printer switched off with the port still open times out to offline, with the command named', async () => {
    const { sim, printer } = setup({ pollMs: 100, responseTimeoutMs: 150 });
    await printer.start();
    await waitForState(printer, 'ready', 2000);
    sim.setPower(false);
    await waitForState(printer, 'offline', 2000);
    expect(printer.status().message).toMatch(/打印机离线.*DLE EOT 1（10 04 01）150 毫秒内没有回答/);
    await expect(printer.print(sampleJob())).rejects.toMatchObject({ state: 'offline' });
    sim.setPower(true);
    await waitForState(printer, 'ready', 2000);
  });

  it('one request in flight: concurrent jobs and polls never interleave on the wire', async () => {
    const { sim, printer } = setup({ pollMs: 20 });
    await printer.start();
    await waitForState(printer, 'ready', 2000);
    const jobs = [0, 1, 2, 3].map((i) => new JobBuilder(32).init().line(`JOB ${i}`).cut('full', 0).bytes());
    await Promise.all(jobs.map((j) => printer.print(j)));
    await waitFor(() => sim.printedJobs().length >= jobs.length, 2000, '四张小票到达打印机');
    expect(sim.printedJobs().map((j) => Buffer.from(j).toString('hex'))).toEqual(
      jobs.map((j) => Buffer.from(j).toString('hex')),
    );
  });

  it('stop() ends polling and closes the port', async () => {
    const { sim, printer } = setup({ pollMs: 30 });
    await printer.start();
    await waitForState(printer, 'ready', 2000);
    await printer.stop();
    const before = sim.statusRequests;
    await new Promise((r) => setTimeout(r, 150));
    expect(sim.statusRequests).toBe(before);
    await expect(printer.print(sampleJob())).rejects.toBeInstanceOf(PrinterError);
  });
});

describe('serial printer driver with MockBinding (a port where nothing answers, then a printer that does)', () => {
  it('reports offline after the response timeout; skips garbage before an answer and becomes ready', async () => {
    const path = '/dev/ttyMOCKPRN';
    MockBinding.createPort(path, { echo: false, record: true });
    let answering = false;
    // Answer each DLE EOT n with line noise first ('A' 41, NUL 00), then the all-clear byte 12.
    const binding: BindingInterface = {
      ...MockBinding,
      async open(options: OpenOptions) {
        const port = await MockBinding.open(options);
        const write = port.write.bind(port);
        port.write = async (buffer: Buffer) => {
          await write(buffer);
          if (answering && buffer[0] === 0x10 && buffer[1] === 0x04)
            setImmediate(() => port.isOpen && port.emitData(Buffer.of(0x41, 0x00, 0x12)));
        };
        return port;
      },
    };
    const printer = new SerialPrinter({
      path,
      baudRate: 9600,
      binding,
      columns: 48,
      pollMs: 100,
      responseTimeoutMs: 120,
    });
    running.push(printer);
    try {
      await printer.start();
      await waitForState(printer, 'offline', 2000);
      answering = true;
      await waitForState(printer, 'ready', 2000);
    } finally {
      await printer.stop();
      MockBinding.reset();
    }
  });
});
