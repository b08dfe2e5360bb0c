// Waiting on a device driver in tests: for a state it reports, or for any condition, with a clear
// Chinese failure naming what did not happen in time.
import type { DeviceState, DeviceStatus } from '../../server/contract/devices.ts';

/** What every driver offers: its current status and 'status' events. */
export interface StatusSource {
  status(): DeviceStatus;
  on(event: 'status', listener: (s: DeviceStatus) => void): unknown;
  off(event: 'status', listener: (s: DeviceStatus) => void): unknown;
}

/** Resolves with the time it took for the device to report `state`. */
export function waitForState(device: StatusSource, state: DeviceState, timeoutMs: number): Promise<number> {
  const t0 = Date.now();
  if (device.status().state === state) return Promise.resolve(0);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      device.off('status', on);
      reject(new Error(`${timeoutMs} ms 内未报告 ${state}，当前 ${device.status().state}`));
    }, timeoutMs);
    const on = (s: DeviceStatus): void => {
      if (s.state !== state) return;
      clearTimeout(timer);
      device.off('status', on);
      resolve(Date.now() - t0);
    };
    device.on('status', on);
  });
}

export async function until(cond: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const t0 = Date.now();
  while (!cond()) {
    if (Date.now() - t0 > timeoutMs) throw new Error(`${timeoutMs} ms 内未等到：${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
