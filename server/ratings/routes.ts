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
  router.add('POST', '/api/windows/:no/rating/pair', async (req, res) => {
    const no = windowNo(ctx, req.params.no);
    const { code } = await readBody(req, PairBody);
    const { token, maxAgeSeconds } = pairing.pair(no, code);
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
