// Staff and admin sessions: scrypt-checked PIN, repeated failures lock the account for a while, sessions
// expire. Tokens are random; only their SHA-256 is stored, so a copied database opens no console.
import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../store/db.ts';
import type { Config } from '../config/load.ts';
import type { StaffConfig } from '../config/schema.ts';
import type { Clock } from '../common/clock.ts';
import { DomainError } from '../common/errors.ts';
import { verifySecret } from './password.ts';
import { LoginGuard } from './login-guard.ts';
import { parseCookie } from 'cookie';
import { decodeComponent } from '../http/kit.ts';

export interface Session {
  staffId: string;
  name: string;
  role: StaffConfig['role'];
  windows: number[];
  /** The window this session signed in at (window staff), or null (admin). */
  windowNo: number | null;
  expiresAt: string;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** A valid scrypt hash no PIN matches: checked for unknown ids so timing does not reveal accounts. */
const NO_ACCOUNT_HASH = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';
/** The kiosk unlock's own lock-out subject; logins use `account:<id>`, so no login body can name it. */
const KIOSK_UNLOCK_KEY = 'kiosk-unlock';

export class SessionStore {
  readonly #guard: LoginGuard;

  constructor(
    private readonly db: Db,
    private readonly config: Config,
    private readonly clock: Clock,
  ) {
    this.#guard = new LoginGuard(db, config, clock);
  }

  /** `address`: the caller's address; lock-outs count per account and address (see login-guard.ts). */
  async login(
    staffId: string,
    pin: string,
    windowNo: number | undefined,
    address: string,
  ): Promise<{ token: string; session: Session }> {
    const now = this.clock();
    const staff = this.config.staff.find((s) => s.id === staffId);
    // Verify even for an unknown id, so timing does not tell which accounts exist.
    await this.#guard.attempt(`account:${staffId}`, address, '账号', '工号或密码不正确', async () =>
      (await verifySecret(pin, staff?.pinHash ?? NO_ACCOUNT_HASH)) && staff ? staff : null,
    );
    if (!staff) throw new DomainError('bad-credentials', '工号或密码不正确');
    // A retired account, or a 代办员 of a station that was retired (issue 24 ⑫): kept for the registers only.
    const station = staff.stationId ? this.config.stations.find((s) => s.id === staff.stationId) : undefined;
    if (staff.retiredOn || station?.retiredOn)
      throw new DomainError(
        'account-retired',
        station?.retiredOn && !staff.retiredOn
          ? `${station.name}已于 ${station.retiredOn} 撤销，该代办员账号不能再登录`
          : `该账号已于 ${staff.retiredOn} 停用，不能再登录，如有疑问请联系管理员`,
      );
    if (windowNo !== undefined && !staff.windows.includes(windowNo)) {
      throw new DomainError('wrong-window', `您没有 ${windowNo} 号窗口的权限，请在自己的窗口登录`);
    }
    const token = randomBytes(24).toString('base64url');
    const expiresAt = new Date(now.getTime() + this.config.security.sessionMinutes * 60_000).toISOString();
    this.db
      .prepare('INSERT INTO sessions (token_hash, staff_id, window_no, expires_at) VALUES (?, ?, ?, ?)')
      .run(sha256(token), staffId, windowNo ?? null, expiresAt);
    this.db.prepare('DELETE FROM sessions WHERE expires_at < ?').run(now.toISOString());
    return { token, session: toSession(staff, windowNo ?? null, expiresAt) };
  }

  /**
   * The kiosk's settings lock (leaving full screen, the settings panel): an administrator's PIN alone, typed
   * on the touchscreen. It opens no session; failures count like a login's, under a key no login can name.
   */
  async verifyAdminPin(pin: string, address: string): Promise<StaffConfig> {
    const admins = this.config.staff.filter((s) => s.role === 'admin');
    return this.#guard.attempt(KIOSK_UNLOCK_KEY, address, '设置解锁', '管理员密码不正确', async () => {
      for (const admin of admins) if (await verifySecret(pin, admin.pinHash)) return admin;
      if (admins.length === 0) await verifySecret(pin, NO_ACCOUNT_HASH);
      return null;
    });
  }

  get(token: string | undefined): Session | null {
    if (!token) return null;
    const row = this.db
      .prepare<[string], { staff_id: string; window_no: number | null; expires_at: string }>(
        'SELECT staff_id, window_no, expires_at FROM sessions WHERE token_hash = ?',
      )
      .get(sha256(token));
    if (!row || Date.parse(row.expires_at) <= this.clock().getTime()) return null;
    const staff = this.config.staff.find((s) => s.id === row.staff_id);
    return staff ? toSession(staff, row.window_no, row.expires_at) : null;
  }

  logout(token: string | undefined): void {
    if (token) this.db.prepare('DELETE FROM sessions WHERE token_hash = ?').run(sha256(token));
  }

  /** A password was reset: every open session of that account ends, and its lock-out is lifted. */
  revokeStaff(staffId: string): void {
    this.db.prepare('DELETE FROM sessions WHERE staff_id = ?').run(staffId);
    this.#guard.clear(`account:${staffId}`);
  }
}

function toSession(staff: StaffConfig, windowNo: number | null, expiresAt: string): Session {
  return { staffId: staff.id, name: staff.name, role: staff.role, windows: staff.windows, windowNo, expiresAt };
}

export const SESSION_COOKIE = 'kiosk_session';

/**
 * One cookie's value from a Cookie header (parsed by the `cookie` package). Values are left encoded while
 * parsing and only the asked-for one is decoded: a broken escape in it (kiosk_session=%E0%A4%A) is a 400
 * through decodeComponent, never a throw out of the parser; a broken escape in another cookie is ignored.
 */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  const value = parseCookie(header, { decode: (v) => v })[name];
  return value === undefined ? undefined : decodeComponent(value, 'Cookie ');
}
