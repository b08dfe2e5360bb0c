// The rating tablet's routes (/rate/:window). No login: the tablet sits on the counter for the resident, but
// it must be paired with its window once (ratings/pairing.ts): only a paired tablet sees the pending rating
// and casts a verdict. Beyond that a verdict is accepted only for the ticket just finished at that window,
// once, before its deadline (see ratings/rating-store.ts).
import { array, literal, obj, optional, str } from '../contract/schema.ts';
import { RATING_NAMES, RATING_VALUES } from '../contract/ratings.ts';
import { DomainError } from '../common/errors.ts';
import type { AppContext } from '../app-context.ts';
import { RATE_DEVICE_COOKIE } from './pairing.ts';
import { readBody, sendJson, windowNoParam, type Router } from '../http/kit.ts';
import { stringifySetCookie } from 'cookie';

const PairBody = obj({ code: str({ pattern: /^\d{6}$/, hint: '6 位数字配对码' }) });
const PairConfirmBody = obj({ nonce: str({ min: 16, max: 64, pattern: /^[A-Za-z0-9_-]+$/, hint: '评价器确认码' }) });
const RatingBody = obj({
  ticketId: str({ min: 1, max: 80 }),
  value: literal(RATING_VALUES, RATING_NAMES),
  reasons: optional(array(str({ min: 1, max: 40 }), { max: 10 })),
});

function windowNo(ctx: AppContext, raw: string | undefined): number {
  const no = windowNoParam(raw);
  if (!ctx.config.windows.some((w) => w.no === no)) throw new DomainError('not-found', `${raw} 号窗口不存在`);
  return no;
}

export function ratingRoutes(router: Router, ctx: AppContext): void {
  const service = ctx.ratings;

  const pairing = ctx.pairing;

  /** The window's staff get a pairing code for the tablet on their counter (shown on the console). */
  router.add('POST', '/api/windows/:no/rating/pairing-code', async (req, res) => {
    const no = windowNo(ctx, req.params.no);
    const session = ctx.access.requireStaff(req, no);
    await readBody(req, obj({}));
    sendJson(res, 200, pairing.newCode(no, session.staffId));
  });

  /** The tablet typed the code: it gets its device token as an HttpOnly cookie (and in the body for scripts). */
  /**
   * The tablet is the resident's, never a clerk's PC (issue #23 item 6: a clerk paired her own PC and rated
   * herself): pairing and verdicts are refused from a browser carrying a staff session and from the
   * configured console addresses.
   */
  const refuseStaffDevice = (req: Parameters<typeof ctx.access.session>[0]) => {
    if (ctx.access.session(req) !== null || ctx.config.security.consoleAddresses.includes(req.remoteAddress))
      throw new DomainError(
        'staff-device',
        '评价器只能是窗口前给办事群众使用的平板，不能在工作人员登录的电脑上配对或评价',
      );
  };

  router.add('POST', '/api/windows/:no/rating/pair', async (req, res) => {
    const no = windowNo(ctx, req.params.no);
    refuseStaffDevice(req);
    const { code } = await readBody(req, PairBody);
    // Not paired yet: the tablet shows the window number and 确认 (issue #23 item 6).
    sendJson(res, 200, { paired: false, windowNo: no, ...pairing.pair(no, code, req.remoteAddress) });
  });

  router.add('POST', '/api/windows/:no/rating/pair/confirm', async (req, res) => {
    const no = windowNo(ctx, req.params.no);
    refuseStaffDevice(req);
    const { nonce } = await readBody(req, PairConfirmBody);
    const { token, maxAgeSeconds } = pairing.confirm(no, nonce, req.remoteAddress);
    sendJson(
      res,
      200,
      { paired: true, windowNo: no, token },
      {
        'Set-Cookie': stringifySetCookie(RATE_DEVICE_COOKIE, token, {
          httpOnly: true,
          sameSite: 'strict',
          path: '/',
          maxAge: maxAgeSeconds,
        }),
      },
    );
  });

  // The tablet asks after (re)loading: is a resident of this window waiting to rate?
  router.add('GET', '/api/windows/:no/rating', (req, res) => {
    const no = windowNo(ctx, req.params.no);
    pairing.requireTablet(req.raw, no);
    sendJson(res, 200, { request: service.store.pending(no) });
  });

  router.add('POST', '/api/windows/:no/rating', async (req, res) => {
    const no = windowNo(ctx, req.params.no);
    pairing.requireTablet(req.raw, no);
    refuseStaffDevice(req);
    const body = await readBody(req, RatingBody);
    const result = service.store.answer(no, body.ticketId, body.value, body.reasons ?? []);
    service.publishClosed(result.closed);
    if (!result.ok) throw result.failure;
    const r = result.rating;
    sendJson(res, 200, {
      rating: { ticketId: r.ticketId, number: r.number, windowNo: r.windowNo, value: r.value, reasons: r.reasons },
    });
  });
}
