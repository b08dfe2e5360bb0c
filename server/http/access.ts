// Who may do what. Kiosk: the kiosk machine itself (loopback, or addresses in config). Display: anyone
// on the hall LAN, read only. Window staff: a session for that window. Admin: an admin session.
import type { Config } from '../config/load.ts';
import { DomainError } from '../common/errors.ts';
import { readCookie, SESSION_COOKIE, type Session, type SessionStore } from '../auth/sessions.ts';
import type { Request } from './kit.ts';
import type { FirstLogin } from '../auth/first-login.ts';
import { hostname, networkInterfaces } from 'node:os';

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
    if (!this.isKiosk(req)) throw new DomainError('kiosk-only', '只有大厅自助服务一体机可以执行此操作');
  }

  requireStaff(req: Request, windowNo: number): Session {
    const s = this.session(req);
    if (!s) throw new DomainError('login-required', '请先用工号和密码登录窗口');
    if (s.role !== 'staff' || !s.windows.includes(windowNo))
      throw new DomainError('wrong-window', `您没有 ${windowNo} 号窗口的操作权限`);
    this.firstLogin?.enforce(s);
    return s;
  }

  /**
   * Work that belongs to a window (a case, an appointment, a ticket): allowed for a window clerk signed in
   * at one of `owners` (the session's own window; a clerk signed in without a window: any of her configured
   * windows), and for roles leader (分管领导) and admin, who act for every window. Anyone else: 403.
   * Issue-15's new case actions call this too, so every window-owned write has one rule.
   */
  requireWindowWork(req: Request, owners: number | readonly number[]): Session {
    const s = this.session(req);
    if (!s) throw new DomainError('login-required', '请先用工号和密码登录窗口');
    if (s.role === 'admin' || s.role === 'leader') return s;
    const list = typeof owners === 'number' ? [owners] : owners;
    const mine = s.windowNo !== null ? [s.windowNo] : s.windows;
    if (s.role === 'staff' && list.some((no) => mine.includes(no))) return s;
    throw new DomainError(
      'other-window',
      `这是${list.length ? ` ${list.join('、')} 号窗口` : '其他窗口'}的业务，您的窗口不能操作；请由该窗口或管理员办理`,
    );
  }

  /** The windows that serve a category: they own its appointments and waiting tickets. */
  windowsServing(categoryId: string): number[] {
    return this.config.windows.filter((w) => w.categoryIds.includes(categoryId)).map((w) => w.no);
  }

  /** Any window staff member or admin (reprint, look-ups from a console). */
  requireAnyStaff(req: Request): Session {
    const s = this.session(req);
    if (!s) throw new DomainError('login-required', '请先登录');
    // A 代办员 works at a village station, not at the centre's windows (their own routes: requireAgent).
    if (s.role === 'agent') throw new DomainError('centre-only', '代办员账号只能使用服务站页面');
    this.firstLogin?.enforce(s);
    return s;
  }

  /** A 代办员 (village/community station agent) session and the station it belongs to. */
  requireAgent(req: Request): Session & { stationId: string } {
    const s = this.session(req);
    if (!s) throw new DomainError('login-required', '请先用代办员账号登录');
    const stationId = this.config.staff.find((x) => x.id === s.staffId)?.stationId;
    if (s.role !== 'agent' || !stationId) throw new DomainError('agent-only', '只有村（社区）代办员可以使用服务站页面');
    return { ...s, stationId };
  }

  /** The centre's own people (window staff, leader, administrator): the registers hold names and phones. */
  requireCentreStaff(req: Request): Session {
    const s = this.session(req);
    if (!s) throw new DomainError('login-required', '请先登录');
    if (s.role === 'agent') throw new DomainError('centre-only', '登记簿只向中心工作人员和管理员开放');
    this.firstLogin?.enforce(s);
    return s;
  }

  requireAdmin(req: Request): Session {
    const s = this.session(req);
    if (!s) throw new DomainError('login-required', '请先用管理员账号登录');
    if (s.role !== 'admin') throw new DomainError('admin-only', '只有管理员可以访问此页面');
    this.firstLogin?.enforce(s);
    return s;
  }

  /**
   * DNS rebinding: a page on evil.example whose name resolves to this server must not get its rights. Only
   * names this server is really reached by are accepted in Host: localhost, the machine's own addresses,
   * the configured public URL and allowed origins (the port is not compared: the listener decides it).
   */
  checkHost(req: Request): void {
    const name = hostName(req.raw.headers.host);
    if (name === null || !this.#knownHosts().has(name)) {
      throw new DomainError('host-refused', '请求的主机名不是本服务器的地址，已拒绝（请用本中心的地址访问）');
    }
  }

  #hosts: { at: number; names: Set<string> } | null = null;
  #knownHosts(): Set<string> {
    // The machine's addresses can change (DHCP); look again at most every 5 s.
    if (this.#hosts && Date.now() - this.#hosts.at < 5000) return this.#hosts.names;
    const names = new Set([
      'localhost',
      '127.0.0.1',
      '::1',
      hostname().toLowerCase(),
      `${hostname().toLowerCase()}.local`,
    ]);
    for (const list of Object.values(networkInterfaces()))
      for (const a of list ?? []) names.add(a.address.toLowerCase().replace(/%.*$/, ''));
    const fromUrl = (u: string) => {
      try {
        names.add(new URL(u).hostname.toLowerCase().replace(/^\[|\]$/g, ''));
      } catch {
        // config validation already refuses these
      }
    };
    if (this.config.center.publicUrl) fromUrl(this.config.center.publicUrl);
    for (const o of this.config.security.allowedOrigins) fromUrl(o);
    if (this.config.security.bindAddress !== '0.0.0.0' && this.config.security.bindAddress !== '::')
      names.add(this.config.security.bindAddress.toLowerCase());
    this.#hosts = { at: Date.now(), names };
    return names;
  }

  /** A WebSocket handshake from a browser: the page must be this server's own (or an allowed origin). */
  checkUpgradeOrigin(req: Request): void {
    if (req.raw.headers.origin === undefined) return; // not a browser (a screen's own client, a script)
    this.#requireSameOrigin(req);
  }

  /** Writes from a browser must come from this server's own pages or an allowed origin. */
  checkOrigin(req: Request): void {
    const origin = req.raw.headers.origin;
    if (!origin || req.method === 'GET' || req.method === 'HEAD') return;
    this.#requireSameOrigin(req);
  }

  #requireSameOrigin(req: Request): void {
    const origin = req.raw.headers.origin ?? '';
    const host = req.raw.headers.host;
    let same = false;
    try {
      same = new URL(origin).host === host;
    } catch {
      same = false;
    }
    if (!same && !this.config.security.allowedOrigins.includes(origin)) {
      throw new DomainError('origin-refused', '不允许从该来源访问，请使用本中心的页面');
    }
  }
}

/** The host name of a Host header (`name`, `name:port`, `[v6]:port`), lower case; null if malformed. */
export function hostName(header: string | undefined): string | null {
  if (!header || header.length > 255) return null;
  const h = header.trim().toLowerCase();
  const m = /^\[([0-9a-f:.]+)\](?::\d{1,5})?$/.exec(h) ?? /^([a-z0-9.-]+)(?::\d{1,5})?$/.exec(h);
  return m ? m[1]! : null;
}
