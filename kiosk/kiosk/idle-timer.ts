// Returning home after a resident walks away, so the next person never sees their ticket or masked name.
// Pure (timers injected): tests/kiosk/idle-timer.test.ts.

export type ScreenName = 'home' | 'result' | 'status' | 'case' | 'camera' | 'guide' | 'opinion' | 'book';

/** The result screen holds a ticket number: it goes sooner. Everything else waits a minute. */
export function idleTimeoutMs(screen: ScreenName): number {
  return screen === 'result' ? 20_000 : 60_000;
}

export interface Timers {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

const realTimers: Timers = {
  set: (fn, ms) => setTimeout(fn, ms),
  clear: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

export class IdleTimer {
  #handle: unknown = null;
  #ms = 0;

  constructor(
    private readonly onIdle: () => void,
    private readonly timers: Timers = realTimers,
  ) {}

  /** Start (or restart) the countdown with a new length. */
  arm(ms: number): void {
    this.#ms = ms;
    this.touch();
  }

  /** Activity: start counting again from now. */
  touch(): void {
    if (this.#ms <= 0) return;
    if (this.#handle !== null) this.timers.clear(this.#handle);
    this.#handle = this.timers.set(() => {
      this.#handle = null;
      this.onIdle();
    }, this.#ms);
  }

  stop(): void {
    if (this.#handle !== null) this.timers.clear(this.#handle);
    this.#handle = null;
    this.#ms = 0;
  }
}
