// Handwriting input for the kiosk's search (手写输入): the kiosk sends the strokes of one character and
// gets candidates back. Kiosk role only: it is the kiosk's input method, not a public service.
import { DomainError } from '../common/errors.ts';
import { HandwritingRequestSchema, MAX_POINTS, type Recognizer } from './recognizer.ts';
import type { AppContext } from '../app-context.ts';
import { readBody, sendJson, type Router } from '../http/kit.ts';

export function handwritingRoutes(recognizer: Recognizer) {
  return (router: Router, ctx: AppContext): void => {
    /** Whether the pad is offered (the kiosk hides it otherwise). */
    router.add('GET', '/api/handwriting', (req, res) => {
      ctx.access.requireKiosk(req);
      sendJson(res, 200, { available: recognizer.available });
    });

    router.add('POST', '/api/handwriting', async (req, res) => {
      ctx.access.requireKiosk(req);
      const body = await readBody(req, HandwritingRequestSchema);
      if (!recognizer.available)
        throw new DomainError('handwriting-unavailable', '本机未安装手写识别，请用拼音首字母查找');
      const points = body.strokes.reduce((n, s) => n + s.length, 0);
      if (points > MAX_POINTS)
        throw new DomainError('too-many-points', `笔画点数过多（最多 ${MAX_POINTS} 个），请清除后重写`);
      sendJson(res, 200, { candidates: recognizer.recognize(body) });
    });
  };
}
