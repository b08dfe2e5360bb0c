// Which driver sits behind each device: the real serial driver on the path named by KIOSK_*_PORT, or
// the same driver over the in-process simulated cable (SimBinding) with a simulator on the far end that
// speaks the device's real protocol. Either way the same encoder, framer and parser run.
import { autoDetect } from '@serialport/bindings-cpp';
import type { BindingInterface } from '@serialport/bindings-interface';
import { SimBinding } from '../../drivers/sim/sim-binding.ts';
import { SerialPrinter } from '../../drivers/printer/serial-printer.ts';
import { PrinterSimulator } from '../../drivers/printer/printer-simulator.ts';
import { SerialIdCardReader } from '../../drivers/idcard/idcard-reader.ts';
import { IdCardSimulator } from '../../drivers/idcard/idcard-simulator.ts';
import { SerialCodeScanner } from '../../drivers/scanner/code-scanner.ts';
import { ScannerSimulator } from '../../drivers/scanner/scanner-simulator.ts';
import type { Config } from '../config/load.ts';
import type { Environment } from '../config/env.ts';
import { slipLayouts } from '../printing/index.ts';
import { DeviceHub, type DeviceSet, type SimulationControls } from './device-hub.ts';
import { simulationRoutes } from './simulation-routes.ts';
import type { DeviceKind } from '../wire.ts';

let instance = 0;

export function createDevices(config: Config, env: Pick<Environment, 'printerPort' | 'idReaderPort' | 'scannerPort'>, log: (line: string) => void): DeviceHub {
  // Several servers in one test process must not share simulated cables.
  const id = ++instance;
  const hardware = autoDetect() as unknown as BindingInterface;
  const simPath = (kind: DeviceKind) => `/sim/${process.pid}-${id}/${kind}`;
  const sims: Partial<{ printer: PrinterSimulator; idcard: IdCardSimulator; scanner: ScannerSimulator }> = {};

  const port = (kind: DeviceKind, configured: string | undefined): { path: string; binding: BindingInterface; simulated: boolean } => {
    if (configured) return { path: configured, binding: hardware, simulated: false };
    return { path: simPath(kind), binding: SimBinding, simulated: true };
  };

  const p = port('printer', env.printerPort);
  if (p.simulated) SimBinding.register(p.path, (sims.printer = new PrinterSimulator()));
  const printer = new SerialPrinter({ ...p, baudRate: config.devices.printer.baudRate, columns: config.devices.printer.columns, log });

  const r = port('idcard', env.idReaderPort);
  if (r.simulated) SimBinding.register(r.path, (sims.idcard = new IdCardSimulator()));
  const idcard = new SerialIdCardReader({ ...r, baudRate: config.devices.idcard.baudRate, pollMs: config.devices.idcard.pollMs, log });

  const s = port('scanner', env.scannerPort);
  if (s.simulated) SimBinding.register(s.path, (sims.scanner = new ScannerSimulator({ suffix: config.devices.scanner.suffix })));
  const scanner = new SerialCodeScanner({ ...s, baudRate: config.devices.scanner.baudRate, suffix: config.devices.scanner.suffix, log });

  const paths: Record<DeviceKind, string> = { printer: p.path, idcard: r.path, scanner: s.path };
  const need = <T>(device: T | undefined, what: string): T => {
    if (!device) throw new Error(`${what}接的是真实串口设备，不能模拟`);
    return device;
  };
  const simulation: SimulationControls | null =
    sims.printer || sims.idcard || sims.scanner
      ? {
          insertCard: (card) => need(sims.idcard, '身份证读卡器').insertCard(card),
          removeCard: () => need(sims.idcard, '身份证读卡器').removeCard(),
          scan: (code) => need(sims.scanner, '扫码器').scan(code),
          setPaper: (state) => need(sims.printer, '打印机').setPaper(state),
          setCover: (open) => need(sims.printer, '打印机').setCover(open),
          unplug: (kind) => {
            need(sims[kind], kind);
            SimBinding.unplug(paths[kind]);
          },
          plug: (kind) => {
            need(sims[kind], kind);
            SimBinding.plug(paths[kind]);
          },
          printedJobs: () => need(sims.printer, '打印机').printedJobs(),
          printedCount: () => need(sims.printer, '打印机').printedCount,
        }
      : null;

  const set: DeviceSet = { printer, idcard, scanner, simulation };
  return new DeviceHub(set, config, slipLayouts, simulationRoutes);
}
