// The device set-up page's routes (/admin → 设备设置), administrator only:
//   GET  /api/admin/devices               each device's state, port, where the port comes from, last problem,
//                                         and the ports found on this machine (serial by-id, usblp, USB IDs)
//   PUT  /api/admin/devices/:kind         {port, flowControl?}: validated, written to center.json atomically,
//                                         audited (admin.device.updated), applied at once (no restart)
//   POST /api/admin/devices/printer/test  print a test slip on the printer as configured now
//   POST /api/admin/devices/idcard/test   wait for the next card (masked answer; not passed to the kiosk)
//   POST /api/admin/devices/scanner/test  wait for the next scanned code (not passed to the kiosk)
import { readdirSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { literal, obj, optional, str } from '../contract/schema.ts';
import { DomainError } from '../common/errors.ts';
import type { AppContext } from '../app-context.ts';
import { editConfigFile } from '../config/edit.ts';
import { readBody, sendJson, type Router } from '../http/kit.ts';
import { maskIdNumber, maskName } from '../contract/privacy.ts';
import { DEVICE_KINDS, type DeviceKind, type DevicePortOption, type DeviceSetupView } from '../contract/devices.ts';
import { devicePort, TRANSPORT_NAMES } from '../../drivers/transport/port-spec.ts';
import { knownUsbDevice } from '../../drivers/transport/known-devices.ts';
import { loadUsb } from '../../drivers/transport/create-link.ts';
import { vidPid, type UsbLike } from '../../drivers/transport/usb-bulk-link.ts';
import { CARD_TYPE_NAMES } from '../../drivers/idcard/sdt-codec.ts';
import { deviceTestSlip } from './printing/device-test-slip.ts';
import type { DeviceHub } from './device-hub.ts';

const DeviceEdit = obj({
  /** '' = no choice on this page: KIOSK_*_PORT if set, else the simulator. */
  port: str({ max: 300, hint: '设备端口，留空表示使用环境变量或模拟设备' }),
  flowControl: optional(literal(['none', 'rtscts'] as const, { none: '无', rtscts: 'RTS/CTS 硬件流控' })),
});
const TEST_WAIT_MS = 15_000;
const KIND_NAMES: Record<DeviceKind, string> = { printer: '打印机', idcard: '身份证读卡器', scanner: '扫码器' };

export interface PortDiscovery {
  /** Root of the device tree (tests pass a temporary folder). */
  devDir?: string;
  usb?: Omit<UsbLike, 'getDevices'> & {
    getDevices?(): Promise<Array<{ vendorId: number; productId: number; productName?: string | null }>>;
  };
}

/** Ports on this machine a device could be put on; `notes` say what could not be looked at. */
export async function discoverPorts(
  options: PortDiscovery = {},
): Promise<{ options: DevicePortOption[]; notes: string[] }> {
  const dev = options.devDir ?? '/dev';
  const out: DevicePortOption[] = [];
  const notes: string[] = [];
  const seen = new Set<string>();
  const byId = join(dev, 'serial', 'by-id');
  try {
    for (const name of readdirSync(byId).sort()) {
      const path = join(byId, name);
      try {
        seen.add(realpathSync(path));
      } catch {
        /* a dangling link: the adapter is gone */
      }
      out.push({ port: path, transport: 'serial', label: `串口 ${name}`, suits: ['printer', 'idcard', 'scanner'] });
    }
  } catch {
    notes.push('没有 /dev/serial/by-id（没有接 USB 串口设备，或本机没有 udev）');
  }
  try {
    for (const name of readdirSync(dev).sort()) {
      if (!/^tty(USB|ACM)\d+$/.test(name)) continue;
      const path = join(dev, name);
      if (!seen.has(path))
        out.push({
          port: path,
          transport: 'serial',
          label: `串口 ${name}（没有 by-id 名称，拔插后编号可能变化）`,
          suits: ['printer', 'idcard', 'scanner'],
        });
    }
  } catch {
    /* no /dev */
  }
  try {
    for (const name of readdirSync(join(dev, 'usb')).sort()) {
      if (/^lp\d+$/.test(name))
        out.push({ port: join(dev, 'usb', name), transport: 'file', label: `USB 打印机 ${name}`, suits: ['printer'] });
    }
  } catch {
    /* no usblp printer */
  }
  try {
    const usb = options.usb ?? (loadUsb() as PortDiscovery['usb'])!;
    const list = (await usb.getDevices?.()) ?? [];
    for (const d of list) {
      const known = knownUsbDevice(d.vendorId, d.productId);
      const id = vidPid(d.vendorId, d.productId);
      const label = known ? `${known.label}（${id}）` : `USB 设备 ${id}${d.productName ? `（${d.productName}）` : ''}`;
      out.push({ port: `usb:${id}`, transport: 'usb', label, suits: known?.use === 'usb-idcard' ? ['idcard'] : [] });
    }
  } catch (err) {
    const msg = (err as Error).message;
    notes.push(
      /not found|ENOENT|errno 2/i.test(msg)
        ? '无法列出 USB 设备：本机看不到 USB 总线（/sys/bus/usb），常见于容器或虚拟机'
        : `无法列出 USB 设备（${msg}）`,
    );
  }
  return { options: out, notes };
}

export function deviceSetupRoutes(
  router: Router,
  ctx: AppContext,
  hub: DeviceHub,
  discovery: PortDiscovery = {},
): void {
  const kindOf = (raw: string | undefined): DeviceKind => {
    const kind = DEVICE_KINDS.find((k) => k === raw);
    if (!kind) throw new DomainError('not-found', `没有“${raw}”这种设备，应为 printer、idcard 或 scanner`);
    return kind;
  };
  const view = async (): Promise<DeviceSetupView> => {
    const statuses = hub.statuses();
    const found = await discoverPorts(discovery);
    return {
      devices: hub.sources().map((s) => ({
        kind: s.kind,
        status: statuses.find((st) => st.kind === s.kind)!,
        port: s.port,
        origin: s.origin,
        transport: s.transport,
        lastProblem: hub.problem(s.kind),
      })),
      printerFlowControl: ctx.config.devices.printer.flowControl,
      options: found.options,
      notes: found.notes,
    };
  };

  router.add('GET', '/api/admin/devices', async (req, res) => {
    ctx.access.requireAdmin(req);
    sendJson(res, 200, await view());
  });

  router.add('PUT', '/api/admin/devices/:kind', async (req, res) => {
    const session = ctx.access.requireAdmin(req);
    const kind = kindOf(req.params.kind);
    const body = await readBody(req, DeviceEdit);
    const port = body.port.trim();
    if (port) {
      try {
        devicePort(kind, port);
      } catch (err) {
        throw new DomainError('invalid-port', (err as Error).message);
      }
    }
    if (body.flowControl && kind !== 'printer') throw new DomainError('invalid-body', '只有打印机可以设置硬件流控');
    const before = {
      port: ctx.config.devices[kind].port ?? null,
      ...(kind === 'printer' ? { flowControl: ctx.config.devices.printer.flowControl } : {}),
    };
    const next = editConfigFile(
      ctx.config.dir,
      'center.json',
      (raw: { devices?: Record<string, Record<string, unknown>> }) => {
        if (!raw || typeof raw !== 'object')
          throw new DomainError('config-unreadable', 'center.json 内容不是对象，请检查配置文件');
        raw.devices ??= {};
        const d = (raw.devices[kind] ??= {});
        if (port) d.port = port;
        else delete d.port;
        if (body.flowControl) d.flowControl = body.flowControl;
      },
    );
    const after = {
      port: next.devices[kind].port ?? null,
      ...(kind === 'printer' ? { flowControl: next.devices.printer.flowControl } : {}),
    };
    ctx.store.logEvent(session.staffId, 'admin.device.updated', { device: kind, before, after });
    // The live config the drivers are built from, then the driver itself: effective without a restart.
    ctx.config.devices[kind].port = next.devices[kind].port;
    if (kind === 'printer') ctx.config.devices.printer.flowControl = next.devices.printer.flowControl;
    const source = await hub.reapply(kind);
    ctx.log?.(`设备设置：${KIND_NAMES[kind]}改为 ${source.port ?? '模拟设备'}（${session.staffId}）`);
    sendJson(res, 200, await view());
  });

  router.add('POST', '/api/admin/devices/printer/test', async (req, res) => {
    ctx.access.requireAdmin(req);
    const source = hub.sources().find((s) => s.kind === 'printer')!;
    const connection = source.port
      ? `${TRANSPORT_NAMES[source.transport as keyof typeof TRANSPORT_NAMES]} ${source.port}`
      : '模拟打印机';
    const job = deviceTestSlip({
      center: ctx.config.center,
      connection,
      columns: hub.set.printer.columns,
      printedAt: ctx.clock(),
    });
    const result = await hub.print(job);
    if (!result.ok) throw new DomainError('print-failed', result.message);
    sendJson(res, 200, { printed: true, message: '测试页已打印' });
  });

  router.add('POST', '/api/admin/devices/idcard/test', async (req, res) => {
    ctx.access.requireAdmin(req);
    const card = await hub.captureNext('idcard', TEST_WAIT_MS).catch((err: Error) => {
      throw new DomainError('test-busy', err.message);
    });
    if (!card) throw new DomainError('no-card', `${TEST_WAIT_MS / 1000} 秒内没有读到证件，请把证件放在读卡器上再试`);
    sendJson(res, 200, {
      card: {
        cardType: CARD_TYPE_NAMES[card.cardType ?? 'resident'],
        nameMasked: maskName(card.name),
        idMasked: maskIdNumber(card.idNumber),
      },
    });
  });

  router.add('POST', '/api/admin/devices/scanner/test', async (req, res) => {
    ctx.access.requireAdmin(req);
    const code = await hub.captureNext('scanner', TEST_WAIT_MS).catch((err: Error) => {
      throw new DomainError('test-busy', err.message);
    });
    if (code === null) throw new DomainError('no-scan', `${TEST_WAIT_MS / 1000} 秒内没有扫到条码，请对准扫码器再试`);
    sendJson(res, 200, { code });
  });
}
