// What every device driver is, seen from the server: explicit start/stop, health as data, typed events.
// Drivers know bytes and ports, nothing about queues (see docs/architecture.md).
import { EventEmitter } from 'node:events';
import type { DeviceKind, DeviceState, DeviceStatus } from '../server/contract/devices.ts';

/** Everything read off a resident ID card. Server-side only: never sent, logged or stored whole. */
export interface IdCard {
  name: string;
  sex: '男' | '女' | '未知';
  nation: string;
  /** YYYY-MM-DD */
  birthDate: string;
  address: string;
  idNumber: string;
  authority: string;
  validFrom: string;
  /** YYYY-MM-DD, or 长期 */
  validTo: string;
  /** Which card the reader returned (by its type mark); absent = 居民身份证. */
  cardType?: 'resident' | 'hmt-residence' | 'foreign-permanent';
  /** 外国人永久居留身份证: the English name and the nationality code (GB/T 2659, e.g. CAN). */
  englishName?: string;
  nationality?: string;
}

export type DeviceEvents = { status: [DeviceStatus] };

/** A typed EventEmitter: `on('status', (s) => …)` is checked against the event map. */
export class TypedEmitter<E extends Record<string, unknown[]>> {
  readonly #emitter = new EventEmitter();
  on<K extends keyof E & string>(event: K, listener: (...args: E[K]) => void): this {
    this.#emitter.on(event, listener as (...args: unknown[]) => void);
    return this;
  }
  off<K extends keyof E & string>(event: K, listener: (...args: E[K]) => void): this {
    this.#emitter.off(event, listener as (...args: unknown[]) => void);
    return this;
  }
  protected emit<K extends keyof E & string>(event: K, ...args: E[K]): void {
    this.#emitter.emit(event, ...args);
  }
  protected removeAllListeners(): void {
    this.#emitter.removeAllListeners();
  }
}

export interface Device<E extends DeviceEvents & Record<keyof E, unknown[]> = DeviceEvents> {
  readonly kind: DeviceKind;
  start(): Promise<void>;
  /** Removes every timer and listener the device owns and closes its port. */
  stop(): Promise<void>;
  status(): DeviceStatus;
  on<K extends keyof E & string>(event: K, listener: (...args: E[K]) => void): unknown;
  off<K extends keyof E & string>(event: K, listener: (...args: E[K]) => void): unknown;
}

export interface Printer extends Device {
  /** Send one complete job (ESC/POS bytes). Rejects with a PrinterError when it cannot be printed. */
  print(job: Uint8Array): Promise<void>;
  /** Printer line width in characters of the standard font: 32 (58 mm) or 48 (80 mm). */
  readonly columns: number;
}

export type IdCardReaderEvents = DeviceEvents & { card: [IdCard] };
export interface IdCardReader extends Device<IdCardReaderEvents> {}

export type CodeScannerEvents = DeviceEvents & { scan: [string] };
export interface CodeScanner extends Device<CodeScannerEvents> {}

/** Chinese messages the screens show for each device state. */
export const STATE_MESSAGES: Record<DeviceKind, Partial<Record<DeviceState, string>>> & {
  default: Record<DeviceState, string>;
} = {
  default: {
    ready: '正常',
    'paper-near-end': '纸将用完，请及时更换',
    'paper-out': '缺纸，请联系工作人员换纸',
    'cover-open': '纸仓盖未关好，请联系工作人员',
    offline: '设备离线',
    unplugged: '设备未连接，请检查连接线',
    reconnecting: '正在重新连接设备…',
    error: '设备故障，请联系工作人员',
  },
  printer: {
    ready: '打印机正常',
    'paper-near-end': '打印纸将用完，请工作人员及时更换',
    'paper-out': '打印机缺纸，暂时无法打印小票，请联系工作人员',
    'cover-open': '打印机纸仓盖未关好，暂时无法打印，请联系工作人员',
    offline: '打印机离线，暂时无法打印小票',
    unplugged: '打印机未连接，暂时无法打印小票',
  },
  idcard: {
    ready: '身份证读卡器正常',
    unplugged: '身份证读卡器未连接，可直接点选业务取号',
    offline: '身份证读卡器无响应，可直接点选业务取号',
  },
  scanner: {
    ready: '扫码器正常',
    unplugged: '扫码器未连接，可在屏幕上输入或使用摄像头扫码',
    offline: '扫码器无响应',
  },
};

export function deviceStatus(kind: DeviceKind, state: DeviceState, simulated: boolean, detail?: string): DeviceStatus {
  const base = STATE_MESSAGES[kind][state] ?? STATE_MESSAGES.default[state];
  return { kind, state, message: detail ? `${base}（${detail}）` : base, simulated, since: new Date().toISOString() };
}
