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
