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

/** Why a new PIN is refused (Chinese, for the person typing it), or null when it is acceptable. */
export function pinRefusal(pin: string): string | null {
  if (pin.length < MIN_PIN_LENGTH) return `新密码至少 ${MIN_PIN_LENGTH} 位`;
  if (pin.length > 64) return '新密码不能超过 64 位';
  if (DEFAULT_SECRETS.includes(pin)) return '不能使用初始密码，请换一个只有您知道的密码';
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
    return !!staff && this.#isDefault.get(staff.pinHash) === true;
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
    const refused = pinRefusal(newPin);
    if (refused) throw new DomainError('weak-password', refused);
    if (newPin === currentPin) throw new DomainError('weak-password', '新密码不能与当前密码相同');
    const pinHash = await hashSecret(newPin);
    const next = editConfigFile(this.config.dir, 'staff.json', (raw: { id: string; pinHash: string }[]) => {
      const entry = Array.isArray(raw) ? raw.find((s) => s && s.id === staffId) : undefined;
      if (!entry) throw new DomainError('config-changed', `staff.json 中已没有“${staffId}”，请联系管理员`);
      entry.pinHash = pinHash;
    });
    this.config.staff.splice(0, this.config.staff.length, ...next.staff);
    this.#isDefault.set(pinHash, false);
  }

  #staff(staffId: string): StaffConfig | undefined {
    return this.config.staff.find((s) => s.id === staffId);
  }
}
