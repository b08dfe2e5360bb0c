// Staff and admin login. The session token goes in an HttpOnly cookie (pages) and in the body (scripts
// that send it back as a Bearer token).
import { LoginBody } from '../contract/auth.ts';
import { obj, str } from '../contract/schema.ts';
import { SESSION_COOKIE } from './sessions.ts';
import { stringifySetCookie } from 'cookie';
import type { AppContext } from '../app-context.ts';
import { readBody, sendJson, type Router } from '../http/kit.ts';
import { DomainError } from '../common/errors.ts';
import { ChangePasswordBody } from '../contract/auth.ts';
import { DEFAULT_SECRETS } from './first-login.ts';

const KioskUnlockBody = obj({ pin: str({ min: 1, max: 64 }) });

export function authRoutes(router: Router, ctx: AppContext): void {
  router.add('POST', '/api/login', async (req, res) => {
    const body = await readBody(req, LoginBody);
    // A published first-use password works only at the hall's own machines (issue #23 item 2): a stranger on
    // the hall Wi-Fi must not claim an unused account. Refused before any check, so it tells nothing.
    // A password generated at the first start and not yet replaced (first-use-passwords.ts) likewise.
    const firstUseAccount = ctx.config.staff.find((s) => s.id === body.staffId)?.firstUse === true;
    if (
      (DEFAULT_SECRETS.includes(body.pin) || firstUseAccount) &&
      !ctx.access.isKiosk(req) &&
      !ctx.config.security.consoleAddresses.includes(req.remoteAddress)
    )
      throw new DomainError(
        'first-use-remote',
        '初始密码只能在大厅一体机或窗口电脑上使用：请到本人的窗口电脑登录并修改密码，或联系管理员',
      );
    const { token, session } = await ctx.sessions.login(body.staffId, body.pin, body.windowNo, req.remoteAddress);
    // Still on a first-use PIN: signed in only to change it (no window sign-in until then).
    const mustChangePassword = ctx.access.firstLogin?.noteLogin(session.staffId, body.pin) ?? false;
    if (body.windowNo !== undefined && !mustChangePassword)
      ctx.publishChange(ctx.store.signIn(body.windowNo, session.staffId, session.staffId));
    const maxAge = Math.round((Date.parse(session.expiresAt) - ctx.clock().getTime()) / 1000);
    sendJson(
      res,
      200,
      { session, token, ...(mustChangePassword ? { mustChangePassword: true } : {}) },
      {
        'Set-Cookie': stringifySetCookie(SESSION_COOKIE, token, {
          httpOnly: true,
          sameSite: 'strict',
          path: '/',
          maxAge,
        }),
      },
    );
  });

  router.add('POST', '/api/logout', async (req, res) => {
    await readBody(req, obj({}));
    const session = ctx.access.session(req);
    if (session?.windowNo) ctx.publishChange(ctx.store.signOut(session.windowNo, session.staffId, session.staffId));
    ctx.sessions.logout(ctx.access.token(req));
    sendJson(
      res,
      200,
      { ok: true },
      {
        'Set-Cookie': stringifySetCookie(SESSION_COOKIE, '', {
          httpOnly: true,
          sameSite: 'strict',
          path: '/',
          maxAge: 0,
        }),
      },
    );
  });

  router.add('GET', '/api/session', (req, res) => {
    const session = ctx.access.session(req);
    if (!session) throw new DomainError('login-required', '未登录或登录已过期，请重新登录');
    const mustChangePassword = ctx.access.firstLogin?.mustChange(session.staffId) ?? false;
    sendJson(res, 200, { session, ...(mustChangePassword ? { mustChangePassword: true } : {}) });
  });

  /** The signed-in account sets a new password (required first while it is a first-use one). Ends its sessions. */
  router.add('POST', '/api/password', async (req, res) => {
    const session = ctx.access.session(req);
    if (!session) throw new DomainError('login-required', '未登录或登录已过期，请重新登录');
    const { currentPin, newPin } = await readBody(req, ChangePasswordBody);
    if (!ctx.access.firstLogin) throw new DomainError('not-found', '没有这个接口');
    await ctx.access.firstLogin.change(session.staffId, currentPin, newPin, () =>
      ctx.sessions.logout(ctx.access.token(req)),
    );
    ctx.store.logEvent(session.staffId, 'staff.password.changed', {});
    ctx.sessions.revokeStaff(session.staffId);
    sendJson(
      res,
      200,
      { ok: true },
      {
        'Set-Cookie': stringifySetCookie(SESSION_COOKIE, '', {
          httpOnly: true,
          sameSite: 'strict',
          path: '/',
          maxAge: 0,
        }),
      },
    );
  });

  /**
   * The first-use passwords generated at this start (issue #23 item 2), on the kiosk's own screen only, and
   * only once: afterwards (or when none were generated) 410. The journal has them too (warning lines).
   */
  router.add('GET', '/api/kiosk/first-use-passwords', (req, res) => {
    ctx.access.requireKiosk(req);
    const list = ctx.firstUsePasswords.take();
    if (!list)
      throw new DomainError(
        'first-use-shown',
        '首次使用密码已显示过或没有需要生成的密码：请查看服务日志或由管理员重设',
      );
    ctx.store.logEvent('kiosk', 'first-use-passwords.shown', { accounts: list.length });
    sendJson(res, 200, { accounts: list });
  });

  /** The kiosk's settings lock: an administrator's PIN opens the settings panel (and lets it leave full screen). */
  router.add('POST', '/api/kiosk/unlock', async (req, res) => {
    ctx.access.requireKiosk(req);
    const { pin } = await readBody(req, KioskUnlockBody);
    const admin = await ctx.sessions.verifyAdminPin(pin, req.remoteAddress);
    if (ctx.config.security.firstLoginPasswordChange && (DEFAULT_SECRETS.includes(pin) || admin.firstUse === true)) {
      throw new DomainError('password-change-required', '管理员还在使用初始密码：请先在管理后台修改密码');
    }
    ctx.store.logEvent(admin.id, 'kiosk.unlocked', {});
    sendJson(res, 200, { ok: true, name: admin.name });
  });
}
