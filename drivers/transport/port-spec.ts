// The forms a KIOSK_*_PORT value takes (docs/design.md "Device ports"): a tty path is serial; tcp://HOST:PORT
// a network printer; usb:VID:PID a USB bulk device; sdtapi:/path/lib.so[:PORT] a vendor's sdtapi library;
// any other path a character device opened as a file (/dev/usb/lp0). Pure parsing, no I/O except the
// tty check of a path that exists.
import { closeSync, existsSync, openSync, constants, realpathSync } from 'node:fs';
import { isatty } from 'node:tty';
import { DEVICE_TRANSPORT_NAMES } from '../../server/contract/devices.ts';

export type PortSpec =
  | { transport: 'serial'; path: string }
  | { transport: 'tcp'; host: string; port: number }
  | { transport: 'file'; path: string }
  | { transport: 'usb'; vendorId: number; productId: number }
  | { transport: 'sdtapi'; library: string; port: number };

export type Transport = PortSpec['transport'];

/** Names that are serial ports whether or not they exist yet (an unplugged adapter has no node). */
const SERIAL_NAME = /^(COM\d+|\\\\\.\\COM\d+)$|^\/dev\/(tty[A-Za-z]*\d*|serial\/|cu\.|rfcomm\d|pts\/)/i;
/** Linux printer-class character devices. */
const PRINTER_NAME = /^\/dev\/(usb\/)?lp\d+$/;

/** sdtapi port numbers: 1–16 serial (COM1–COM16), 1001–1016 USB. */
export function isSdtapiPort(n: number): boolean {
  return Number.isInteger(n) && ((n >= 1 && n <= 16) || (n >= 1001 && n <= 1016));
}

/** Reads one KIOSK_*_PORT value; throws with a Chinese message saying which form was expected. */
export function parsePortSpec(value: string, isTty: (path: string) => boolean | null = ttyCheck): PortSpec {
  const v = value.trim();
  if (/^tcp:/i.test(v)) {
    const m = /^tcp:\/\/(\[[0-9a-f:.]+\]|[A-Za-z0-9.-]+):(\d{1,5})\/?$/i.exec(v);
    const port = m ? Number(m[2]) : NaN;
    if (!m || port < 1 || port > 65535)
      throw new Error(`“${v}”不是有效的网络打印机地址，应写成 tcp://主机:端口，例如 tcp://192.168.1.87:9100`);
    return { transport: 'tcp', host: m[1]!.replace(/^\[|\]$/g, ''), port };
  }
  if (/^usb:/i.test(v)) {
    const m = /^usb:([0-9a-f]{4}):([0-9a-f]{4})$/i.exec(v);
    if (!m)
      throw new Error(`“${v}”不是有效的 USB 设备，应写成 usb:厂商号:产品号（各 4 位十六进制），例如 usb:0400:c35a`);
    return { transport: 'usb', vendorId: parseInt(m[1]!, 16), productId: parseInt(m[2]!, 16) };
  }
  if (/^sdtapi:/i.test(v)) {
    const rest = v.slice('sdtapi:'.length);
    const m = /^(.+?)(?::(\d{1,4}))?$/.exec(rest);
    const library = m?.[1] ?? '';
    const port = m?.[2] === undefined ? 1001 : Number(m[2]);
    if (!library.startsWith('/') || !/\.so(\.\d+)*$/.test(library)) {
      throw new Error(`“${v}”中的动态库应为绝对路径的 .so 文件，例如 sdtapi:/opt/sdt/libsdtapi.so:1001`);
    }
    if (!isSdtapiPort(port)) throw new Error(`“${v}”中的端口号 ${port} 无效：USB 读卡器为 1001–1016，串口为 1–16`);
    return { transport: 'sdtapi', library, port };
  }
  if (!v) throw new Error('设备端口为空');
  if (SERIAL_NAME.test(v)) return { transport: 'serial', path: v };
  if (PRINTER_NAME.test(v)) return { transport: 'file', path: v };
  // A udev name (/dev/kiosk-printer …): what it points at decides; a tty stays serial.
  const tty = isTty(v);
  if (tty === false) return { transport: 'file', path: v };
  return { transport: 'serial', path: v };
}

/** true/false for an existing path, null when it cannot be told (absent, no permission). */
function ttyCheck(path: string): boolean | null {
  if (!existsSync(path)) return null;
  try {
    const real = realpathSync(path);
    if (SERIAL_NAME.test(real)) return true;
    if (PRINTER_NAME.test(real)) return false;
    const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY);
    try {
      return isatty(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    return null;
  }
}

/** How the admin page and the logs name a transport (one list, in server/contract/devices.ts, for the pages too). */
export const TRANSPORT_NAMES: Record<Transport, string> = DEVICE_TRANSPORT_NAMES;

/** Which transports each device can sit behind (sdtapi is an ID-reader library; USB bulk is the 部标 reader). */
export const TRANSPORTS_FOR: Record<'printer' | 'idcard' | 'scanner', readonly Transport[]> = {
  printer: ['serial', 'tcp', 'file'],
  idcard: ['serial', 'usb', 'sdtapi', 'file'],
  scanner: ['serial', 'tcp', 'file'],
};

const DEVICE_NAMES = { printer: '打印机', idcard: '身份证读卡器', scanner: '扫码器' } as const;

/** parsePortSpec plus the rule above; throws with a Chinese message naming the device. */
export function devicePort(
  kind: 'printer' | 'idcard' | 'scanner',
  value: string,
  isTty?: (path: string) => boolean | null,
): PortSpec {
  const spec = isTty ? parsePortSpec(value, isTty) : parsePortSpec(value);
  if (!TRANSPORTS_FOR[kind].includes(spec.transport)) {
    const allowed = TRANSPORTS_FOR[kind].map((t) => TRANSPORT_NAMES[t]).join('、');
    throw new Error(
      `${DEVICE_NAMES[kind]}不能接在“${value}”（${TRANSPORT_NAMES[spec.transport]}）上，可用的连接方式：${allowed}`,
    );
  }
  return spec;
}

/**
 * True for a path whose name does not say serial or printer and that does not exist now (a udev name such
 * as /dev/kiosk-printer with the device unplugged): parsePortSpec then takes it for serial, which is wrong
 * if it will point at a usblp printer. The caller says so in the log.
 */
export function isUndecidedPath(value: string): boolean {
  const v = value.trim();
  return v.startsWith('/') && !SERIAL_NAME.test(v) && !PRINTER_NAME.test(v) && !existsSync(v);
}
