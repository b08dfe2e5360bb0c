// Staff and admin login. The session token goes in an HttpOnly cookie (pages) and in the body (scripts
// that send it back as a Bearer token).
import { LoginBody } from '../wire.ts';
import { obj, str } from '../schema.ts';
import { SESSION_COOKIE } from '../auth/sessions.ts';
import type { AppContext } from '../app-context.ts';
import { readBody, sendJson, type Router } from './kit.ts';
import { ApiFailure } from '../errors.ts';

const KioskUnlockBody = obj({ pin: str({ min: 1, max: 64 }) });

export function authRoutes(router: Router, ctx: AppContext): void {
  router.add('POST', '/api/login', async (req, res) => {
    const body = await readBody(req, LoginBody);
    const { token, session } = await ctx.sessions.login(body.staffId, body.pin, body.windowNo, req.remoteAddress);
    if (body.windowNo !== undefined) ctx.publishChange(ctx.store.signIn(body.windowNo, session.staffId, session.staffId));
    const maxAge = Math.round((Date.parse(session.expiresAt) - ctx.clock().getTime()) / 1000);
    sendJson(res, 200, { session, token }, { 'Set-Cookie': `${SESSION_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/; Max-Age=${maxAge}` });
  });

  router.add('POST', '/api/logout', async (req, res) => {
    await readBody(req, obj({}));
    const session = ctx.access.session(req);
    if (session?.windowNo) ctx.publishChange(ctx.store.signOut(session.windowNo, session.staffId, session.staffId));
    ctx.sessions.logout(ctx.access.token(req));
    sendJson(res, 200, { ok: true }, { 'Set-Cookie': `${SESSION_COOKIE}=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0` });
  });

  router.add('GET', '/api/session', (req, res) => {
    const session = ctx.access.session(req);
    if (!session) throw new ApiFailure(401, 'login-required', '未登录或登录已过期，请重新登录');
    sendJson(res, 200, { session });
  });

  /** The kiosk's settings lock: an administrator's PIN opens the settings panel (and lets it leave full screen). */
  router.add('POST', '/api/kiosk/unlock', async (req, res) => {
    ctx.access.requireKiosk(req);
    const { pin } = await readBody(req, KioskUnlockBody);
    const admin = await ctx.sessions.verifyAdminPin(pin, req.remoteAddress);
    ctx.store.logEvent(admin.id, 'kiosk.unlocked', {});
    sendJson(res, 200, { ok: true, name: admin.name });
  });
}
