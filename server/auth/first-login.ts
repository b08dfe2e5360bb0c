// First start: the published first-use PINs (246810 for window staff, admin2026 for the administrator, in
// README) must be replaced at each account's first login before anything else is allowed. An account is
// "still on a default" when its stored hash matches one of them; a PIN set with `npm run set-pin` or on
// /admin (never a default: both refuse them) counts as changed. Kept apart from the login throttling in
// sessions.ts: the login route and the session checks (Access) each call in here once.
import type { Config } from '../config/load.ts';
import type { StaffConfig } from '../config/schema.ts';
import { DomainError } from '../common/errors.ts';
import { hashSecret, verifySecret } from './password.ts';
import type { Session } from './sessions.ts';
import { editConfigFile } from '../config/edit.ts';

/** The first-use secrets shipped in config/staff.json and printed in README. */
export const DEFAULT_SECRETS: readonly string[] = ['246810', 'admin2026'];
export const MIN_PIN_LENGTH = 6;

/** PINs on every "most common PINs" list (issue #23 item 3): refused whatever the account. */
const COMMON_PINS = new Set([
  '123456',
  '654321',
  '000000',
  '111111',
  '666666',
  '888888',
  '123123',
  '112233',
  '121212',
  '123321',
  '520520',
  '131415',
  '147258',
  '159753',
  '246810',
  '135790',
  '11223344',
  '12345678',
  '87654321',
  'password',
  'admin123',
  'admin2026',
  'qwerty',
  'abc123',
  'a123456',
]);

/** Every step +1 or every step −1 (012345, 987654, abcdef). */
function sequential(pin: string): boolean {
  if (pin.length < 3) return false;
  const codes = [...pin].map((c) => c.charCodeAt(0));
  const steps = codes.slice(1).map((c, i) => c - codes[i]!);
  return steps.every((d) => d === 1) || steps.every((d) => d === -1);
}

/** A short block repeated (111111, 121212, 123123). */
function repeated(pin: string): boolean {
  for (let n = 1; n <= pin.length / 2; n++)
    if (pin.length % n === 0 && pin.slice(0, n).repeat(pin.length / n) === pin) return true;
  return false;
}

/**
 * Why a new PIN is refused (Chinese, for the person typing it), or null when it is acceptable. Besides the
 * length and the published first-use secrets: common PINs, one digit repeated or a repeated block,
 * sequential digits, and anything built from the account's 工号 (issue #23 item 3).
 */
export function pinRefusal(pin: string, staffId?: string): string | null {
  if (pin.length < MIN_PIN_LENGTH) return `新密码至少 ${MIN_PIN_LENGTH} 位`;
  if (pin.length > 64) return '新密码不能超过 64 位';
  if (DEFAULT_SECRETS.includes(pin)) return '不能使用初始密码，请换一个只有您知道的密码';
  const lower = pin.toLowerCase();
  if (COMMON_PINS.has(lower)) return '这个密码太常见，很容易被猜到，请换一个';
  if (repeated(lower)) return '密码不能是重复的数字或字符（如 111111、121212），请换一个';
  if (sequential(lower)) return '密码不能是连续的数字或字母（如 123456、654321），请换一个';
  // The 工号 itself, or the 工号 with only digits added (w3a123, 2026w3a).
  if (staffId && lower.includes(staffId.toLowerCase()) && /^\d*$/.test(lower.split(staffId.toLowerCase()).join('')))
    return '密码不能是工号或工号加数字，请换一个';
  return null;
}

export class FirstLogin {
  /** pinHash → whether it is a default secret. A hash is immutable, so the answer never goes stale. */
  readonly #isDefault = new Map<string, boolean>();
  /** Wrong current PINs per account at /api/password; at security.maxLoginFailures the session ends. */
  readonly #wrongCurrent = new Map<string, number>();

  constructor(
    private readonly config: Config,
    private readonly enabled: boolean,
  ) {}

  /**
   * Learns, in the background, which accounts still have a default (after a restart, sessions from before
   * come back without a login). scrypt runs in libuv's thread pool: start-up does not wait for it.
   */
  async scan(): Promise<void> {
    if (!this.enabled) return;
    for (const s of [...this.config.staff]) {
      if (this.#isDefault.has(s.pinHash)) continue;
      let isDefault = false;
      for (const secret of DEFAULT_SECRETS) if (await verifySecret(secret, s.pinHash)) isDefault = true;
      this.#isDefault.set(s.pinHash, isDefault);
    }
  }

  /** At a successful login: the typed secret tells whether the stored one is a default. */
  noteLogin(staffId: string, typed: string): boolean {
    const staff = this.#staff(staffId);
    if (!staff) return false;
    this.#isDefault.set(staff.pinHash, DEFAULT_SECRETS.includes(typed));
    return this.mustChange(staffId);
  }

  mustChange(staffId: string): boolean {
    if (!this.enabled) return false;
    const staff = this.#staff(staffId);
    // A published default, or a password generated at the first start and not yet replaced (first-use-passwords.ts).
    return !!staff && (this.#isDefault.get(staff.pinHash) === true || staff.firstUse === true);
  }

  /** Every staff and admin route calls this through Access: nothing but changing the password until then. */
  enforce(session: Session): void {
    if (this.mustChange(session.staffId)) {
      throw new DomainError('password-change-required', '您还在使用初始密码：请先修改密码，再进行其他操作');
    }
  }

  /**
   * The signed-in account replaces its own password: the current one again, then a new one that passes
   * pinRefusal. Written to staff.json (validated and atomically, like an admin edit) and applied live.
   */
  async change(staffId: string, currentPin: string, newPin: string, endSession: () => void): Promise<void> {
    const staff = this.#staff(staffId);
    if (!staff) throw new DomainError('login-required', '未登录或登录已过期，请重新登录');
    if (!(await verifySecret(currentPin, staff.pinHash))) {
      // Guessing the current PIN from an open session ends it: the next try goes through the login's lock-out.
      const wrong = (this.#wrongCurrent.get(staffId) ?? 0) + 1;
      this.#wrongCurrent.set(staffId, wrong);
      if (wrong >= this.config.security.maxLoginFailures) {
        this.#wrongCurrent.delete(staffId);
        endSession();
        throw new DomainError('login-required', '当前密码错误次数过多，已退出登录，请重新登录');
      }
      throw new DomainError('bad-credentials', '当前密码不正确');
    }
    this.#wrongCurrent.delete(staffId);
    const refused = pinRefusal(newPin, staffId);
    if (refused) throw new DomainError('weak-password', refused);
    if (newPin === currentPin) throw new DomainError('weak-password', '新密码不能与当前密码相同');
    const pinHash = await hashSecret(newPin);
    const next = editConfigFile(
      this.config.dir,
      'staff.json',
      (raw: { id: string; pinHash: string; firstUse?: boolean }[]) => {
        const entry = Array.isArray(raw) ? raw.find((s) => s && s.id === staffId) : undefined;
        if (!entry) throw new DomainError('config-changed', `staff.json 中已没有“${staffId}”，请联系管理员`);
        entry.pinHash = pinHash;
        delete entry.firstUse;
      },
    );
    this.config.staff.splice(0, this.config.staff.length, ...next.staff);
    this.#isDefault.set(pinHash, false);
  }

  #staff(staffId: string): StaffConfig | undefined {
    return this.config.staff.find((s) => s.id === staffId);
  }
}
