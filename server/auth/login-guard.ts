// Guessing PINs: every password check (staff login, the kiosk's settings lock) goes through here.
//  - An attempt reserves its place before the secret is checked, in one synchronous SQLite write: 40 guesses
//    sent at the same moment are 40 reservations, so at most maxLoginFailures of them are ever checked and
//    the lock is set by the reservation that fills the last place (a later failure can never clear it).
//  - Locks are per account *and* address: a stranger on the hall Wi-Fi who locks "w3a" from a phone locks
//    only w3a-from-that-phone; the clerk at her own console still signs in. Each further lock of the same
//    pair lasts twice as long (progressive delay, at most a day); a success clears the pair.
//  - Per address, at most ADDRESS_ATTEMPTS checks in ADDRESS_WINDOW_MS whatever the accounts (someone
//    trying every staff id from one machine gets 429 Too Many Requests).
// Counting is in memory (synchronous, so still atomic: nothing runs between the read and the write) and only
// a lock is written to the database, so a restart does not lift it. Writing every failure would cost an fsync
// on the event loop's thread per guess: a 300-login flood then stalled every screen for seconds. The table
// is a state table of the migration registry (server/store/migrations.ts), not a numbered migration: it is only lock-out state, and losing it loses nothing but a lock.
import type { Db } from '../store/db.ts';
import type { Config } from '../config/load.ts';
import type { Clock } from '../common/clock.ts';
import { DomainError } from '../common/errors.ts';
import { passwordChecks } from './password.ts';

/** Password checks one address may start in ADDRESS_WINDOW_MS (a console PC signing in twice a day needs a few). */
export const ADDRESS_ATTEMPTS = 20;
export const ADDRESS_WINDOW_MS = 10 * 60_000;
/** Longest lock after repeated lock-outs of the same account and address. */
export const MAX_LOCK_MINUTES = 24 * 60;

interface Entry {
  failures: number;
  locks: number;
  lockedUntil: number | null;
  /** Written to login_guard (a lock was set): a success must delete the row too. */
  stored: boolean;
}

export class LoginGuard {
  readonly #byAddress = new Map<string, number[]>();
  readonly #entries = new Map<string, Entry>();

  constructor(
    private readonly db: Db,
    private readonly config: Config,
    private readonly clock: Clock,
  ) {
    for (const r of db
      .prepare<[], { key: string; locks: number; locked_until: string | null }>(
        'SELECT key, locks, locked_until FROM login_guard',
      )
      .all()) {
      this.#entries.set(r.key, {
        failures: 0,
        locks: r.locks,
        lockedUntil: r.locked_until ? Date.parse(r.locked_until) : null,
        stored: true,
      });
    }
  }

  /**
   * Run `check` (the scrypt comparison) for `subject` from `address` under the lock-out rules. `check`
   * returns a value on success or null for a wrong secret. `what` names the thing locked (账号, 设置解锁).
   */
  async attempt<T>(
    subject: string,
    address: string,
    what: string,
    wrong: string,
    check: () => Promise<T | null>,
  ): Promise<T> {
    const key = `${subject}@${address}`;
    const now = this.clock().getTime();
    // A full queue of password checks is the server's state, not a wrong guess: refuse before counting.
    if (passwordChecks.full) throw new DomainError('busy', '登录请求过多，请稍候再试');
    this.#checkAddress(address, now);
    const reservation = this.#reserve(key, now, what);
    this.#byAddress.get(address)!.push(now);
    let result: T | null = null;
    try {
      result = await check();
    } finally {
      if (result !== null) {
        if (this.#entries.get(key)?.stored) this.db.prepare('DELETE FROM login_guard WHERE key = ?').run(key);
        this.#entries.delete(key);
        this.#releaseAddress(address, now);
      }
    }
    if (result !== null) return result;
    const { maxLoginFailures } = this.config.security;
    if (reservation.lockedMinutes)
      throw new DomainError(
        'account-locked',
        `密码连续错误 ${maxLoginFailures} 次，${what}已锁定 ${reservation.lockedMinutes} 分钟（仅限本设备，其他电脑不受影响）`,
      );
    throw new DomainError('bad-credentials', `${wrong}（再错 ${maxLoginFailures - reservation.failures} 次将锁定）`);
  }

  /** Lifts every lock of a subject (a password reset by the administrator). */
  clear(subject: string): void {
    for (const key of this.#entries.keys()) if (key.startsWith(`${subject}@`)) this.#entries.delete(key);
    this.db.prepare("DELETE FROM login_guard WHERE substr(key, 1, length(?) + 1) = ? || '@'").run(subject, subject);
  }

  /** Synchronous, so no other attempt runs between the read and the write. */
  #reserve(key: string, now: number, what: string): { failures: number; lockedMinutes: number | null } {
    const entry = this.#entries.get(key) ?? { failures: 0, locks: 0, lockedUntil: null, stored: false };
    if (entry.lockedUntil !== null && entry.lockedUntil > now) {
      const minutes = Math.ceil((entry.lockedUntil - now) / 60_000);
      throw new DomainError(
        'account-locked',
        `密码错误次数过多，${what}已锁定，请 ${minutes} 分钟后再试，或到自己的窗口电脑登录、联系管理员`,
      );
    }
    const { maxLoginFailures, lockoutMinutes } = this.config.security;
    const failures = entry.failures + 1;
    let lockedMinutes: number | null = null;
    if (failures >= maxLoginFailures) {
      entry.locks += 1;
      lockedMinutes = Math.min(MAX_LOCK_MINUTES, lockoutMinutes * 2 ** (entry.locks - 1));
      entry.lockedUntil = now + lockedMinutes * 60_000;
      entry.failures = 0;
      entry.stored = true;
      this.db
        .prepare(
          'INSERT INTO login_guard (key, failures, locks, locked_until) VALUES (?, 0, ?, ?) ON CONFLICT(key) DO UPDATE SET failures = 0, locks = excluded.locks, locked_until = excluded.locked_until',
        )
        .run(key, entry.locks, new Date(entry.lockedUntil).toISOString());
    } else {
      entry.failures = failures;
    }
    this.#entries.set(key, entry);
    return { failures, lockedMinutes };
  }

  #checkAddress(address: string, now: number): void {
    if (this.#byAddress.size > 10_000) {
      for (const [a, times] of this.#byAddress)
        if (times.every((t) => now - t >= ADDRESS_WINDOW_MS)) this.#byAddress.delete(a);
    }
    // Guesses at unknown ids make entries too; each address makes at most ADDRESS_ATTEMPTS per window.
    if (this.#entries.size > 10_000) {
      for (const [k, e] of this.#entries) if (!e.stored && e.lockedUntil === null) this.#entries.delete(k);
    }
    const recent = (this.#byAddress.get(address) ?? []).filter((t) => now - t < ADDRESS_WINDOW_MS);
    this.#byAddress.set(address, recent);
    if (recent.length >= ADDRESS_ATTEMPTS) {
      const minutes = Math.ceil((ADDRESS_WINDOW_MS - (now - recent[0]!)) / 60_000);
      throw new DomainError('too-many-attempts', `本设备密码尝试过于频繁，请 ${minutes} 分钟后再试`);
    }
  }

  /** A success is not a guess: it gives its place back. */
  #releaseAddress(address: string, at: number): void {
    const recent = this.#byAddress.get(address);
    const i = recent?.indexOf(at) ?? -1;
    if (recent && i >= 0) recent.splice(i, 1);
  }
}
