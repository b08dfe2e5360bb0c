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
      // The test hall's window consoles (tests sign in from these loopback addresses with first-use PINs;
      // anything else is a stranger's phone: tests/security/first-use-remote.test.ts).
      consoleAddresses: [
        '127.0.0.2',
        '127.0.0.3',
        '127.0.0.4',
        '127.0.0.5',
        '127.0.0.6',
        '127.0.0.7',
        '127.0.0.8',
        '127.0.0.9',
      ],
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
