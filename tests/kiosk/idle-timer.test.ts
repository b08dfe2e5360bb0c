import { describe, expect, it, vi } from 'vitest';
import { IdleTimer, idleTimeoutMs } from '../../kiosk/kiosk/idle-timer.ts';

describe('idle timer', () => {
  it('the result screen times out in 20 s, the others in 60 s', () => {
    expect(idleTimeoutMs('result')).toBe(20_000);
    for (const s of ['home', 'guide', 'status', 'camera'] as const) expect(idleTimeoutMs(s)).toBe(60_000);
  });

  it('fires once after the timeout; each touch starts the count again', () => {
    vi.useFakeTimers();
    try {
      const onIdle = vi.fn();
      const timer = new IdleTimer(onIdle);
      timer.arm(60_000);
      vi.advanceTimersByTime(59_000);
      timer.touch();
      vi.advanceTimersByTime(59_000);
      expect(onIdle).not.toHaveBeenCalled();
      vi.advanceTimersByTime(1_000);
      expect(onIdle).toHaveBeenCalledTimes(1);
      vi.advanceTimersByTime(120_000);
      expect(onIdle).toHaveBeenCalledTimes(1);
    } finally {
      vi.useRealTimers();
    }
  });

  it('re-arming changes the length; stop removes the timer; touch before arm does nothing', () => {
    const pending = new Map<number, () => void>();
    let next = 0;
    const timers = {
      set: (fn: () => void) => (pending.set(++next, fn), next),
      clear: (h: unknown) => pending.delete(h as number),
    };
    const onIdle = vi.fn();
    const timer = new IdleTimer(onIdle, timers);
    timer.touch();
    expect(pending.size).toBe(0);
    timer.arm(60_000);
    timer.arm(20_000);
    expect(pending.size).toBe(1);
    timer.stop();
    expect(pending.size).toBe(0);
    timer.touch();
    expect(pending.size).toBe(0);
    expect(onIdle).not.toHaveBeenCalled();
  });
});
