// Which driver sits behind each device. The port comes from the device set-up page (center.json
// devices.<kind>.port), else from KIOSK_*_PORT, else the device runs on its simulator. A port's form names
// its transport (docs/design.md "Device ports"): a tty path → the serial driver over serialport (baud rate and
// RTS/CTS from config); tcp://HOST:PORT → a network printer; another path (/dev/usb/lp0) → a character
// device opened as a file; usb:VID:PID → USB bulk endpoints through node-usb; sdtapi:/lib.so[:PORT] → the
// vendor's sdtapi library through koffi. Above the transport the same codec, framer and driver run. With
// no port, the same driver runs over the in-process simulated cable (SimBinding) with a simulator on the
// far end speaking the device's real protocol.
import { autoDetect } from '@serialport/bindings-cpp';
import type { BindingInterface } from '@serialport/bindings-interface';
import { SimBinding } from '../../drivers/sim/sim-binding.ts';
import { SerialPrinter } from '../../drivers/printer/serial-printer.ts';
import { PrinterSimulator } from '../../drivers/printer/printer-simulator.ts';
import { SerialIdCardReader } from '../../drivers/idcard/idcard-reader.ts';
import { IdCardSimulator } from '../../drivers/idcard/idcard-simulator.ts';
import { SdtApiIdCardReader } from '../../drivers/idcard/sdtapi-reader.ts';
import { SerialCodeScanner } from '../../drivers/scanner/code-scanner.ts';
import { ScannerSimulator } from '../../drivers/scanner/scanner-simulator.ts';
import type { CodeScanner, IdCardReader, Printer } from '../../drivers/device.ts';
import { devicePort, isUndecidedPath } from '../../drivers/transport/port-spec.ts';
import { linkFactory, type LinkFactoryOptions } from '../../drivers/transport/create-link.ts';
import type { Config } from '../config/load.ts';
import type { Environment } from '../config/env.ts';
import { slipLayouts } from '../printing/index.ts';
import { DeviceHub, type DeviceSet, type SimulationControls, type DeviceSource } from './device-hub.ts';
import { simulationRoutes } from './simulation-routes.ts';
import { deviceSetupRoutes } from './setup-routes.ts';
import type { DeviceKind } from '../contract/devices.ts';

let instance = 0;

type Sims = Partial<{ printer: PrinterSimulator; idcard: IdCardSimulator; scanner: ScannerSimulator }>;
type AnyDevice = Printer | IdCardReader | CodeScanner;

export interface DeviceFactoryOptions {
  /** node-usb's `usb` object (tests pass a fake); loaded from the package when a usb: port is used. */
  usb?: LinkFactoryOptions['usb'];
}

export function createDevices(
  config: Config,
  env: Pick<Environment, 'printerPort' | 'idReaderPort' | 'scannerPort'>,
  log: (line: string) => void,
  factoryOptions: DeviceFactoryOptions = {},
): DeviceHub {
  // Several servers in one test process must not share simulated cables.
  const id = ++instance;
  let generation = 0;
  const hardware = autoDetect() as unknown as BindingInterface;
  const sims: Sims = {};
  const simPaths: Partial<Record<DeviceKind, string>> = {};
  const envPorts: Record<DeviceKind, string | undefined> = {
    printer: env.printerPort,
    idcard: env.idReaderPort,
    scanner: env.scannerPort,
  };

  /** Where a device's port comes from now: the set-up page's choice, then the environment. */
  const chosen = (kind: DeviceKind): DeviceSource => {
    const fromConfig = config.devices[kind].port;
    if (fromConfig)
      return { kind, port: fromConfig, origin: 'config', transport: devicePort(kind, fromConfig).transport };
    const fromEnv = envPorts[kind];
    if (fromEnv) return { kind, port: fromEnv, origin: 'env', transport: devicePort(kind, fromEnv).transport };
    return { kind, port: null, origin: 'simulator', transport: 'simulator' };
  };

  /** A fresh driver for `kind` on `port` (null → its simulator). Not started. */
  const build = (kind: DeviceKind, port: string | null): AnyDevice => {
    if (simPaths[kind]) SimBinding.unregister(simPaths[kind]!);
    delete sims[kind];
    delete simPaths[kind];
    const c = config.devices;
    if (port === null) {
      const path = `/sim/${process.pid}-${id}-${++generation}/${kind}`;
      simPaths[kind] = path;
      const base = { path, binding: SimBinding as BindingInterface, simulated: true, log };
      if (kind === 'printer') {
        SimBinding.register(path, (sims.printer = new PrinterSimulator()));
        return new SerialPrinter({ ...base, baudRate: c.printer.baudRate, columns: c.printer.columns });
      }
      if (kind === 'idcard') {
        SimBinding.register(path, (sims.idcard = new IdCardSimulator()));
        return new SerialIdCardReader({ ...base, baudRate: c.idcard.baudRate, pollMs: c.idcard.pollMs });
      }
      SimBinding.register(path, (sims.scanner = new ScannerSimulator({ suffix: c.scanner.suffix })));
      return new SerialCodeScanner({ ...base, baudRate: c.scanner.baudRate, suffix: c.scanner.suffix });
    }
    const spec = devicePort(kind, port);
    if (spec.transport === 'serial' && isUndecidedPath(port)) {
      log(
        `${kind}: ${port} 现在不存在，无法判断是串口还是设备文件，先按串口打开；若它是 USB 打印机（usblp），请插上后在设备设置中重新保存，或直接写 /dev/usb/lpN`,
      );
    }
    if (spec.transport === 'sdtapi')
      return new SdtApiIdCardReader({ library: spec.library, port: spec.port, pollMs: c.idcard.pollMs, log });
    const createLink = linkFactory(spec, { log, usb: factoryOptions.usb });
    const base = { path: port, binding: hardware, simulated: false, log, createLink };
    if (kind === 'printer')
      return new SerialPrinter({
        ...base,
        baudRate: c.printer.baudRate,
        columns: c.printer.columns,
        rtscts: c.printer.flowControl === 'rtscts',
      });
    if (kind === 'idcard')
      return new SerialIdCardReader({ ...base, baudRate: c.idcard.baudRate, pollMs: c.idcard.pollMs });
    return new SerialCodeScanner({ ...base, baudRate: c.scanner.baudRate, suffix: c.scanner.suffix });
  };

  const sources = { printer: chosen('printer'), idcard: chosen('idcard'), scanner: chosen('scanner') };
  const printer = build('printer', sources.printer.port) as Printer;
  const idcard = build('idcard', sources.idcard.port) as IdCardReader;
  const scanner = build('scanner', sources.scanner.port) as CodeScanner;

  const need = <T>(device: T | undefined, what: string): T => {
    if (!device) throw new Error(`${what}接的是真实设备，不能模拟`);
    return device;
  };
  const simulation: SimulationControls = {
    insertCard: (card) => need(sims.idcard, '身份证读卡器').insertCard(card),
    removeCard: () => need(sims.idcard, '身份证读卡器').removeCard(),
    scan: (code) => need(sims.scanner, '扫码器').scan(code),
    setPaper: (state) => need(sims.printer, '打印机').setPaper(state),
    setCover: (open) => need(sims.printer, '打印机').setCover(open),
    unplug: (kind) => SimBinding.unplug(need(simPaths[kind], kind)),
    plug: (kind) => SimBinding.plug(need(simPaths[kind], kind)),
    printedJobs: () => need(sims.printer, '打印机').printedJobs(),
    printedCount: () => need(sims.printer, '打印机').printedCount,
  };
  const anySimulated = () => Object.keys(sims).length > 0;

  const set: DeviceSet = { printer, idcard, scanner, simulation: anySimulated() ? simulation : null };
  return new DeviceHub(
    set,
    config,
    slipLayouts,
    (router, ctx, hub) => {
      simulationRoutes(router, ctx, hub);
      deviceSetupRoutes(router, ctx, hub);
    },
    {
      sources,
      rebuild: (kind, port) => {
        const device = build(kind, port);
        set.simulation = anySimulated() ? simulation : null;
        return device;
      },
      chosen,
    },
  );
}
