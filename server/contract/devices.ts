// The wire protocol (devices): types that cross HTTP or the WebSocket, shared by the server and the pages.
// No Node imports and nothing outside server/contract/ (docs/architecture.md, "the contract rule").

// ---- devices --------------------------------------------------------------------------------------

export const DEVICE_KINDS = ['printer', 'idcard', 'scanner'] as const;
export type DeviceKind = (typeof DEVICE_KINDS)[number];
export const DEVICE_STATES = [
  'ready',
  'paper-near-end',
  'paper-out',
  'cover-open',
  'offline',
  'unplugged',
  'reconnecting',
  'error',
] as const;
export type DeviceState = (typeof DEVICE_STATES)[number];

export interface DeviceStatus {
  kind: DeviceKind;
  state: DeviceState;
  /** Chinese message for the screens, e.g. 打印机缺纸，请联系工作人员. */
  message: string;
  simulated: boolean;
  since: string;
}

/** What the kiosk receives after a card swipe: masked, plus what the kiosk needs (age for green channel). */
export interface IdCardRead {
  nameMasked: string;
  idMasked: string;
  age: number;
  /** Opaque per-read token the kiosk passes back when taking a ticket; the server keeps the full number. */
  readToken: string;
}

// ---- device set-up page (/admin, issue 13) -------------------------------------------------------------

export type DeviceTransport = 'serial' | 'tcp' | 'file' | 'usb' | 'sdtapi' | 'simulator';
export const DEVICE_TRANSPORT_NAMES: Record<DeviceTransport, string> = {
  serial: '串口',
  tcp: '网络（TCP）',
  file: '设备文件',
  usb: 'USB 批量传输',
  sdtapi: '厂商 sdtapi 动态库',
  simulator: '模拟设备',
};

export interface DeviceSetupDevice {
  kind: DeviceKind;
  status: DeviceStatus;
  /** The KIOSK_*_PORT form in use; null = the simulator. */
  port: string | null;
  /** config: chosen on this page; env: KIOSK_*_PORT; simulator: neither. */
  origin: 'config' | 'env' | 'simulator';
  transport: DeviceTransport;
  /** The last trouble reported (kept after recovery), or null. */
  lastProblem: { message: string; at: string } | null;
}

/** A port found on this machine that a device could be put on. */
export interface DevicePortOption {
  /** The value to choose (a by-id path, /dev/usb/lp0, usb:0400:c35a …). */
  port: string;
  transport: DeviceTransport;
  /** What it is, in words (厂商/型号 from the USB IDs when known). */
  label: string;
  /** Which devices it suits. */
  suits: DeviceKind[];
}

export interface DeviceSetupView {
  devices: DeviceSetupDevice[];
  printerFlowControl: 'none' | 'rtscts';
  options: DevicePortOption[];
  /** Why a kind of port could not be listed (no udev, no USB bus), in words; empty when all were. */
  notes: string[];
}

/** A test read's answer: masked, as everywhere. */
export interface DeviceTestCard {
  cardType: string;
  nameMasked: string;
  idMasked: string;
}

// ---- what the staff do about a device (issue 24 ⑬) --------------------------------------------------------

const DEVICE_NAMES: Record<DeviceKind, string> = {
  printer: '取号机打印机',
  idcard: '取号机身份证读卡器',
  scanner: '取号机扫码器',
};

const STAFF_ADVICE: Record<DeviceKind, Partial<Record<DeviceState, string>>> = {
  printer: {
    'paper-near-end': '打印纸将用完：请备好新纸卷，纸用完前更换',
    'paper-out': '缺纸：请打开纸仓盖换上新纸卷，纸头拉出纸口后合上纸仓盖',
    'cover-open': '纸仓盖未合上：请把纸仓盖按下直到合紧',
    offline: '无响应：请检查打印机电源是否打开、指示灯是否亮，连接线是否插紧',
    unplugged: '未连接：请检查打印机的连接线（USB、串口或网线）两头是否插紧，电源是否打开',
    reconnecting: '正在重新连接：若一分钟后仍未恢复，请检查连接线和电源',
    error: '故障：请关闭打印机电源再打开；仍未恢复时在管理后台“设备设置”打印测试页查看原因',
  },
  idcard: {
    offline: '无响应：请把读卡器的 USB 线拔下再插上；居民仍可直接点选业务取号',
    unplugged: '未连接：请检查读卡器的 USB 连接线是否插紧；居民仍可直接点选业务取号',
    reconnecting: '正在重新连接：若一分钟后仍未恢复，请检查读卡器的 USB 连接线',
    error: '故障：请把读卡器的 USB 线拔下再插上；仍未恢复时在管理后台“设备设置”读卡测试查看原因',
  },
  scanner: {
    offline: '无响应：请把扫码器的连接线拔下再插上；居民可在屏幕上输入号码',
    unplugged: '未连接：请检查扫码器的连接线是否插紧；居民可在屏幕上输入号码',
    reconnecting: '正在重新连接：若一分钟后仍未恢复，请检查扫码器的连接线',
    error: '故障：请把扫码器的连接线拔下再插上；仍未恢复时在管理后台“设备设置”扫码测试查看原因',
  },
};

/**
 * The console's 设备提醒 for the window's staff. The device's own message is written for residents at the
 * kiosk ("请联系工作人员"); the staff reading the console are those people, so this says what to do.
 */
export function deviceStaffAdvice(d: Pick<DeviceStatus, 'kind' | 'state'>): string {
  const advice = STAFF_ADVICE[d.kind][d.state];
  if (advice) return `${DEVICE_NAMES[d.kind]}${advice}`;
  return d.state === 'ready' ? `${DEVICE_NAMES[d.kind]}正常` : `${DEVICE_NAMES[d.kind]}异常：请检查电源和连接线`;
}
