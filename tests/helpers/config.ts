// A test configuration: the shipped config/ with a few rule values overridden, no hours limit.
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig, type Config } from '../../server/config/load.ts';

/**
 * The shipped config/staff.json holds no password ("firstUse": a random one is generated at the first
 * start, issue #23 item 2). Tests sign in with known PINs instead, set explicitly here: 246810 for every
 * account but the administrator's admin2026 (hashes made once, with their own salts).
 */
export const TEST_PIN_HASHES = {
  pin: 'scrypt$16384$8$1$pCvdXgB34Wm771YFYRtHQQ==$QT/6G+vFktuKqUFBptHNQVabzbTLRx9wlXIEdPDnXPk=',
  admin: 'scrypt$16384$8$1$qMS4VHkGAc9DDO3Gc22BVg==$hR4f+VqG+hdpeT8DUyKmL2VIKvGTNatdSYvKwYWrZCM=',
} as const;

function testPinHash(s: { role: string; pinHash: string }): string {
  if (s.pinHash !== 'firstUse') return s.pinHash;
  return s.role === 'admin' ? TEST_PIN_HASHES.admin : TEST_PIN_HASHES.pin;
}

/** A copy of a config folder whose first-use accounts get the tests' known PINs. */
export function copyTestConfig(from: string, to: string): void {
  cpSync(from, to, { recursive: true });
  const file = join(to, 'staff.json');
  const staff = JSON.parse(readFileSync(file, 'utf8')) as { role: string; pinHash: string }[];
  for (const s of staff) s.pinHash = testPinHash(s);
  writeFileSync(file, JSON.stringify(staff, null, 2) + '\n');
}

let cached: Config | null = null;

export function testConfig(overrides: Partial<Pick<Config, 'hours' | 'priority' | 'queue' | 'security'>> = {}): Config {
  cached ??= loadConfig(new URL('../../config', import.meta.url).pathname);
  const base = structuredClone(cached);
  return {
    ...base,
    staff: base.staff.map((s) => ({ ...s, pinHash: testPinHash(s) })),
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
