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

/**
 * Waits for the event instead of a fixed time. With a predicate: resolves as soon as it holds (checked
 * now, then every 5 ms). With an emitter and an event name: resolves with the event's arguments at the
 * first emit that `match` accepts. Either way a clear Chinese error names what did not happen in time.
 */
export function waitFor(predicate: () => boolean, timeoutMs: number, what: string): Promise<number>;
export function waitFor(
  emitter: EventSource,
  event: string,
  timeoutMs: number,
  match?: (...args: unknown[]) => boolean,
): Promise<unknown[]>;
export function waitFor(
  source: (() => boolean) | EventSource,
  a: number | string,
  b: number | string,
  match?: (...args: unknown[]) => boolean,
): Promise<number | unknown[]> {
  const t0 = Date.now();
  if (typeof source === 'function') {
    const [timeoutMs, what] = [a as number, b as string];
    return new Promise((resolve, reject) => {
      const check = (): void => {
        if (source()) return resolve(Date.now() - t0);
        if (Date.now() - t0 > timeoutMs) return reject(new Error(`${timeoutMs} ms 内未等到：${what}`));
        setTimeout(check, 5);
      };
      check();
    });
  }
  const [event, timeoutMs] = [a as string, b as number];
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      source.off(event, on);
      reject(new Error(`${timeoutMs} ms 内未收到事件：${event}`));
    }, timeoutMs);
    const on = (...args: unknown[]): void => {
      if (match && !match(...args)) return;
      clearTimeout(timer);
      source.off(event, on);
      resolve(args);
    };
    source.on(event, on);
  });
}

export interface EventSource {
  on(event: string, listener: (...args: never[]) => void): unknown;
  off(event: string, listener: (...args: never[]) => void): unknown;
}

/** Waits until `count()` (polls answered, frames written, open attempts) has grown by `n` from now. */
export function waitForMore(count: () => number, n: number, what: string, timeoutMs = 3000): Promise<number> {
  const start = count();
  return waitFor(() => count() >= start + n, timeoutMs, `${what}（再 ${n} 次）`);
}

/** Only for asserting that nothing happens during a time (no event to wait for). */
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
