// A test configuration: the shipped config/ with a few rule values overridden, no hours limit.
import { loadConfig, type Config } from '../../server/config/load.ts';

let cached: Config | null = null;

export function testConfig(overrides: Partial<Pick<Config, 'hours' | 'priority' | 'queue' | 'security'>> = {}): Config {
  cached ??= loadConfig(new URL('../../config', import.meta.url).pathname);
  const base = structuredClone(cached);
  return {
    ...base,
    hours: { ...base.hours, enforce: false, ...overrides.hours },
    priority: { ...base.priority, ...overrides.priority },
    queue: { ...base.queue, minRecallIntervalSeconds: 0, ...overrides.queue },
    // Tests issue thousands of tickets from loopback; the kiosk rate limit has its own test.
    // Tests sign in with the first-use PINs; tests/auth/first-login*.test.ts turn the forced change back on.
    security: {
      ...base.security,
      ticketsPerMinute: 1_000_000,
      ticketsPerHour: 1_000_000,
      firstLoginPasswordChange: false,
      ...overrides.security,
    },
  };
}

/** A clock the test moves by hand. */
export function manualClock(startIso: string) {
  let t = Date.parse(startIso);
  const clock = () => new Date(t);
  clock.advance = (ms: number) => {
    t += ms;
  };
  clock.set = (iso: string) => {
    t = Date.parse(iso);
  };
  return clock;
}
