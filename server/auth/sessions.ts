// Staff and admin sessions: scrypt-checked PIN, repeated failures lock the account for a while, sessions
// expire. Tokens are random; only their SHA-256 is stored, so a copied database opens no console.
import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../store/db.ts';
import type { Config } from '../config/load.ts';
import type { StaffConfig } from '../config/schema.ts';
import type { Clock } from '../queue/clock.ts';
import { ApiFailure } from '../errors.ts';
import { verifySecret } from './password.ts';
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
/** Not a staff id (ids are letters and digits): the kiosk unlock's own failure counter. */
const KIOSK_UNLOCK_KEY = 'kiosk:unlock';

export class SessionStore {
  constructor(
    private readonly db: Db,
    private readonly config: Config,
    private readonly clock: Clock,
  ) {}

  async login(staffId: string, pin: string, windowNo: number | undefined): Promise<{ token: string; session: Session }> {
    const now = this.clock();
    this.#refuseWhileLocked(staffId, '账号');
    const staff = this.config.staff.find((s) => s.id === staffId);
    // Verify even for an unknown id, so timing does not tell which accounts exist.
    const ok = await verifySecret(pin, staff?.pinHash ?? NO_ACCOUNT_HASH);
    if (!staff || !ok) this.#failed(staffId, '账号', '工号或密码不正确');
    if (windowNo !== undefined && !staff.windows.includes(windowNo)) {
      throw new ApiFailure(403, 'wrong-window', `您没有 ${windowNo} 号窗口的权限，请在自己的窗口登录`);
    }
    this.#clearFailures(staffId);
    const token = randomBytes(24).toString('base64url');
    const expiresAt = new Date(now.getTime() + this.config.security.sessionMinutes * 60_000).toISOString();
    this.db.prepare('INSERT INTO sessions (token_hash, staff_id, window_no, expires_at) VALUES (?, ?, ?, ?)').run(sha256(token), staffId, windowNo ?? null, expiresAt);
    this.db.prepare('DELETE FROM sessions WHERE expires_at < ?').run(now.toISOString());
    return { token, session: toSession(staff, windowNo ?? null, expiresAt) };
  }

  /**
   * The kiosk's settings lock (leaving full screen, the settings panel): an administrator's PIN alone, typed
   * on the touchscreen. It opens no session; failures count against one shared key and lock it like a login.
   */
  async verifyAdminPin(pin: string): Promise<StaffConfig> {
    this.#refuseWhileLocked(KIOSK_UNLOCK_KEY, '设置解锁');
    const admins = this.config.staff.filter((s) => s.role === 'admin');
    for (const admin of admins) {
      if (await verifySecret(pin, admin.pinHash)) {
        this.#clearFailures(KIOSK_UNLOCK_KEY);
        return admin;
      }
    }
    if (admins.length === 0) await verifySecret(pin, NO_ACCOUNT_HASH);
    this.#failed(KIOSK_UNLOCK_KEY, '设置解锁', '管理员密码不正确');
  }

  #refuseWhileLocked(key: string, what: string): void {
    const now = this.clock().getTime();
    const row = this.db.prepare<[string], { locked_until: string | null }>('SELECT locked_until FROM login_failures WHERE staff_id = ?').get(key);
    if (row?.locked_until && Date.parse(row.locked_until) > now) {
      const minutes = Math.ceil((Date.parse(row.locked_until) - now) / 60_000);
      throw new ApiFailure(423, 'account-locked', `密码错误次数过多，${what}已锁定，请 ${minutes} 分钟后再试或联系管理员`);
    }
  }

  /** Counts a failure; the last allowed one locks for config.security.lockoutMinutes. */
  #failed(key: string, what: string, wrong: string): never {
    const row = this.db.prepare<[string], { count: number }>('SELECT count FROM login_failures WHERE staff_id = ?').get(key);
    const count = (row?.count ?? 0) + 1;
    const { maxLoginFailures, lockoutMinutes } = this.config.security;
    const lockedUntil = count >= maxLoginFailures ? new Date(this.clock().getTime() + lockoutMinutes * 60_000).toISOString() : null;
    this.db
      .prepare('INSERT INTO login_failures (staff_id, count, locked_until) VALUES (?, ?, ?) ON CONFLICT(staff_id) DO UPDATE SET count = excluded.count, locked_until = excluded.locked_until')
      .run(key, lockedUntil ? 0 : count, lockedUntil);
    if (lockedUntil) throw new ApiFailure(423, 'account-locked', `密码连续错误 ${maxLoginFailures} 次，${what}已锁定 ${lockoutMinutes} 分钟`);
    throw new ApiFailure(401, 'bad-credentials', `${wrong}（再错 ${maxLoginFailures - count} 次将锁定）`);
  }

  #clearFailures(key: string): void {
    this.db.prepare('DELETE FROM login_failures WHERE staff_id = ?').run(key);
  }

  get(token: string | undefined): Session | null {
    if (!token) return null;
    const row = this.db.prepare<[string], { staff_id: string; window_no: number | null; expires_at: string }>('SELECT staff_id, window_no, expires_at FROM sessions WHERE token_hash = ?').get(sha256(token));
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
    this.#clearFailures(staffId);
  }
}

function toSession(staff: StaffConfig, windowNo: number | null, expiresAt: string): Session {
  return { staffId: staff.id, name: staff.name, role: staff.role, windows: staff.windows, windowNo, expiresAt };
}

export const SESSION_COOKIE = 'kiosk_session';

export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const i = part.indexOf('=');
    if (i > 0 && part.slice(0, i).trim() === name) return decodeComponent(part.slice(i + 1).trim(), 'Cookie ');
  }
  return undefined;
}
