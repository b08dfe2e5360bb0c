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

  /** The kiosk's settings lock: an administrator's PIN opens the settings panel (and lets it leave full screen). */
  router.add('POST', '/api/kiosk/unlock', async (req, res) => {
    ctx.access.requireKiosk(req);
    const { pin } = await readBody(req, KioskUnlockBody);
    const admin = await ctx.sessions.verifyAdminPin(pin, req.remoteAddress);
    if (ctx.config.security.firstLoginPasswordChange && DEFAULT_SECRETS.includes(pin)) {
      throw new DomainError('password-change-required', '管理员还在使用初始密码：请先在管理后台修改密码');
    }
    ctx.store.logEvent(admin.id, 'kiosk.unlocked', {});
    sendJson(res, 200, { ok: true, name: admin.name });
  });
}
