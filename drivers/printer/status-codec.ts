// Real-time status DLE EOT n (10 04 n): the printer answers one byte at once, even while busy.
// Every answer byte has fixed bits: bit 1 and bit 4 set, bit 0 and bit 7 clear (xxx1 xx10 → & 0x93 = 0x12),
// which is how an answer is told apart from noise or an ASB packet. Pure: no I/O.
import type { DeviceState } from '../../server/contract/devices.ts';
import {
  STATUS_ERROR_CAUSE,
  STATUS_OFFLINE_CAUSE,
  STATUS_PAPER,
  STATUS_PRINTER,
  type StatusRequest,
} from './commands.ts';

export const FIXED_MASK = 0x93; // 1001 0011: bits 0, 1, 4, 7
export const FIXED_VALUE = 0x12; // 0001 0010: bits 1 and 4 set

// n = 1, printer status
export const PRINTER_DRAWER_HIGH = 0x04; // bit 2: drawer kick connector pin 3 high
export const PRINTER_OFFLINE = 0x08; // bit 3: offline
export const PRINTER_WAITING_RECOVERY = 0x20; // bit 5: waiting for online recovery
// n = 2, offline cause
export const OFFLINE_COVER_OPEN = 0x04; // bit 2: cover open
export const OFFLINE_FEED_BUTTON = 0x08; // bit 3: paper being fed with the FEED button
export const OFFLINE_PAPER_END = 0x20; // bit 5: printing stopped because the paper ran out
export const OFFLINE_ERROR = 0x40; // bit 6: an error occurred
// n = 3, error cause
export const ERROR_CUTTER = 0x08; // bit 3: auto-cutter error
export const ERROR_UNRECOVERABLE = 0x20; // bit 5: unrecoverable error
export const ERROR_AUTO_RECOVERABLE = 0x40; // bit 6: auto-recoverable error (e.g. head overheated)
// n = 4, roll paper sensor (each condition sets two bits)
export const PAPER_NEAR_END = 0x0c; // bits 2–3: roll paper near end
export const PAPER_OUT = 0x60; // bits 5–6: roll paper end (no paper)

/** The answer a printer in good order gives to every n: 0x12 (0001 0010). */
export const STATUS_ALL_CLEAR = FIXED_VALUE;

export type StatusAnswer =
  | { n: typeof STATUS_PRINTER; offline: boolean; waitingRecovery: boolean; drawerHigh: boolean }
  | { n: typeof STATUS_OFFLINE_CAUSE; coverOpen: boolean; feedButton: boolean; paperEnd: boolean; error: boolean }
  | { n: typeof STATUS_ERROR_CAUSE; cutter: boolean; unrecoverable: boolean; autoRecoverable: boolean }
  | { n: typeof STATUS_PAPER; nearEnd: boolean; paperOut: boolean };

/** True when `byte` has the fixed bits of a DLE EOT answer. */
export function isStatusByte(byte: number): boolean {
  return Number.isInteger(byte) && byte >= 0 && byte <= 0xff && (byte & FIXED_MASK) === FIXED_VALUE;
}

/** Decodes the answer to DLE EOT n; null when the byte is not a status answer (wrong fixed bits). */
export function decodeStatus(n: StatusRequest, byte: number): StatusAnswer | null {
  if (!isStatusByte(byte)) return null;
  switch (n) {
    case STATUS_PRINTER:
      return {
        n,
        offline: (byte & PRINTER_OFFLINE) !== 0,
        waitingRecovery: (byte & PRINTER_WAITING_RECOVERY) !== 0,
        drawerHigh: (byte & PRINTER_DRAWER_HIGH) !== 0,
      };
    case STATUS_OFFLINE_CAUSE:
      return {
        n,
        coverOpen: (byte & OFFLINE_COVER_OPEN) !== 0,
        feedButton: (byte & OFFLINE_FEED_BUTTON) !== 0,
        paperEnd: (byte & OFFLINE_PAPER_END) !== 0,
        error: (byte & OFFLINE_ERROR) !== 0,
      };
    case STATUS_ERROR_CAUSE:
      return {
        n,
        cutter: (byte & ERROR_CUTTER) !== 0,
        unrecoverable: (byte & ERROR_UNRECOVERABLE) !== 0,
        autoRecoverable: (byte & ERROR_AUTO_RECOVERABLE) !== 0,
      };
    case STATUS_PAPER:
      // Either bit of a pair counts: some clones set only one of them.
      return { n, nearEnd: (byte & PAPER_NEAR_END) !== 0, paperOut: (byte & PAPER_OUT) !== 0 };
    default:
      return null;
  }
}

/** What one status poll found; fields not asked in this poll are undefined. */
export interface StatusReport {
  printer?: Extract<StatusAnswer, { n: 1 }>;
  offlineCause?: Extract<StatusAnswer, { n: 2 }>;
  errorCause?: Extract<StatusAnswer, { n: 3 }>;
  paper?: Extract<StatusAnswer, { n: 4 }>;
}

export type PrinterCondition = Extract<
  DeviceState,
  'ready' | 'paper-near-end' | 'paper-out' | 'cover-open' | 'offline' | 'error'
>;

/**
 * One state from the answers, most serious first: cover open and paper out (staff can fix them) before
 * a generic error, then offline, then the near-end warning (still printable).
 */
export function conditionOf(report: StatusReport): PrinterCondition {
  const { printer, offlineCause, errorCause, paper } = report;
  if (offlineCause?.coverOpen) return 'cover-open';
  if (paper?.paperOut || offlineCause?.paperEnd) return 'paper-out';
  if (offlineCause?.error || errorCause?.cutter || errorCause?.unrecoverable || errorCause?.autoRecoverable)
    return 'error';
  if (printer?.offline) return 'offline';
  if (paper?.nearEnd) return 'paper-near-end';
  return 'ready';
}

/** Whether a job may be sent in this condition. */
export function canPrint(condition: DeviceState): boolean {
  return condition === 'ready' || condition === 'paper-near-end';
}

/** The byte a printer in the given condition answers to DLE EOT n (used by the simulator and tests). */
export function encodeStatus(
  n: StatusRequest,
  state: { paper: 'ok' | 'near-end' | 'out'; coverOpen: boolean; error?: 'cutter' | 'unrecoverable' | null },
): number {
  const offline = state.coverOpen || state.paper === 'out' || !!state.error;
  switch (n) {
    case STATUS_PRINTER:
      return FIXED_VALUE | (offline ? PRINTER_OFFLINE : 0);
    case STATUS_OFFLINE_CAUSE:
      return (
        FIXED_VALUE |
        (state.coverOpen ? OFFLINE_COVER_OPEN : 0) |
        (state.paper === 'out' ? OFFLINE_PAPER_END : 0) |
        (state.error ? OFFLINE_ERROR : 0)
      );
    case STATUS_ERROR_CAUSE:
      return (
        FIXED_VALUE |
        (state.error === 'cutter' ? ERROR_CUTTER : 0) |
        (state.error === 'unrecoverable' ? ERROR_UNRECOVERABLE : 0)
      );
    case STATUS_PAPER:
      // A printer out of paper also reports near end: the near-end sensor sits before the end sensor.
      return FIXED_VALUE | (state.paper !== 'ok' ? PAPER_NEAR_END : 0) | (state.paper === 'out' ? PAPER_OUT : 0);
    default:
      return FIXED_VALUE;
  }
}
