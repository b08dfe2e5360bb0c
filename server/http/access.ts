// Who may do what. Kiosk: the kiosk machine itself (loopback, or addresses in config). Display: anyone
// on the hall LAN, read only. Window staff: a session for that window. Admin: an admin session.
import type { Config } from '../config/load.ts';
import { ApiFailure } from '../errors.ts';
import { readCookie, SESSION_COOKIE, type Session, type SessionStore } from '../auth/sessions.ts';
import type { Request } from './kit.ts';
import type { FirstLogin } from '../auth/first-login.ts';

export class Access {
  constructor(
    private readonly config: Config,
    private readonly sessions: SessionStore,
    /** First-use PINs must be changed before any staff or admin action (server/auth/first-login.ts). */
    readonly firstLogin?: FirstLogin,
  ) {}

  token(req: Request): string | undefined {
    const auth = req.raw.headers.authorization;
    if (auth?.startsWith('Bearer ')) return auth.slice(7).trim();
    return readCookie(req.raw.headers.cookie, SESSION_COOKIE);
  }

  session(req: Request): Session | null {
    return this.sessions.get(this.token(req));
  }

  isKiosk(req: Request): boolean {
    return this.config.security.kioskAddresses.includes(req.remoteAddress);
  }

  requireKiosk(req: Request): void {
    if (!this.isKiosk(req)) throw new ApiFailure(403, 'kiosk-only', '只有大厅自助服务一体机可以执行此操作');
  }

  requireStaff(req: Request, windowNo: number): Session {
    const s = this.session(req);
    if (!s) throw new ApiFailure(401, 'login-required', '请先用工号和密码登录窗口');
    if (s.role !== 'staff' || !s.windows.includes(windowNo)) throw new ApiFailure(403, 'wrong-window', `您没有 ${windowNo} 号窗口的操作权限`);
    this.firstLogin?.enforce(s);
    return s;
  }

  /** Any window staff member or admin (reprint, look-ups from a console). */
  requireAnyStaff(req: Request): Session {
    const s = this.session(req);
    if (!s) throw new ApiFailure(401, 'login-required', '请先登录');
    // A 代办员 works at a village station, not at the centre's windows (their own routes: requireAgent).
    if (s.role === 'agent') throw new ApiFailure(403, 'centre-only', '代办员账号只能使用服务站页面');
    this.firstLogin?.enforce(s);
    return s;
  }

  /** A 代办员 (village/community station agent) session and the station it belongs to. */
  requireAgent(req: Request): Session & { stationId: string } {
    const s = this.session(req);
    if (!s) throw new ApiFailure(401, 'login-required', '请先用代办员账号登录');
    const stationId = this.config.staff.find((x) => x.id === s.staffId)?.stationId;
    if (s.role !== 'agent' || !stationId) throw new ApiFailure(403, 'agent-only', '只有村（社区）代办员可以使用服务站页面');
    return { ...s, stationId };
  }

  /** The centre's own people (window staff, leader, administrator): the registers hold names and phones. */
  requireCentreStaff(req: Request): Session {
    const s = this.session(req);
    if (!s) throw new ApiFailure(401, 'login-required', '请先登录');
    if (s.role === 'agent') throw new ApiFailure(403, 'centre-only', '登记簿只向中心工作人员和管理员开放');
    this.firstLogin?.enforce(s);
    return s;
  }

  requireAdmin(req: Request): Session {
    const s = this.session(req);
    if (!s) throw new ApiFailure(401, 'login-required', '请先用管理员账号登录');
    if (s.role !== 'admin') throw new ApiFailure(403, 'admin-only', '只有管理员可以访问此页面');
    this.firstLogin?.enforce(s);
    return s;
  }

  /** Writes from a browser must come from this server's own pages or an allowed origin. */
  checkOrigin(req: Request): void {
    const origin = req.raw.headers.origin;
    if (!origin || req.method === 'GET' || req.method === 'HEAD') return;
    const host = req.raw.headers.host;
    let same = false;
    try {
      same = new URL(origin).host === host;
    } catch {
      same = false;
    }
    if (!same && !this.config.security.allowedOrigins.includes(origin)) {
      throw new ApiFailure(403, 'origin-refused', '不允许从该来源访问，请使用本中心的页面');
    }
  }
}
