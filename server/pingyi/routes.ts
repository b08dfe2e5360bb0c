import type { AppContext } from '../app-context.ts';
import { DomainError } from '../common/errors.ts';
import { int, literal, obj, optional, str } from '../contract/schema.ts';
import { RATING_NAMES, RATING_VALUES } from '../contract/ratings.ts';
import type { PingyiView } from '../contract/pingyi.ts';
import { readBody, sendDocument, sendJson, type Request, type Router } from '../http/kit.ts';
import { docCsv, docHtml, type Cell } from '../registers/format.ts';
import { PINGYI_RESULT_NAMES, PINGYI_RESULTS, UNSATISFIED, type PingyiRow, type PingyiStore } from './store.ts';
import { personName } from '../registers/people.ts';
import { format } from '../registers/routes.ts';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const DrawBody = obj({
  month: str({ pattern: MONTH, hint: '月份，如 2026-11' }),
  // The sample's size: the seed says "部分羣眾" and names no number; the centre chooses it per draw.
  size: optional(int({ min: 1, max: 200 })),
});
const ResultBody = obj({
  result: literal(PINGYI_RESULTS, PINGYI_RESULT_NAMES),
  opinion: optional(str({ max: 500 })),
});
const FollowUpBody = obj({ text: str({ min: 1, max: 1000 }) });

export const DEFAULT_SAMPLE_SIZE = 10;

export function pingyiRoutes(store: PingyiStore) {
  return (router: Router, ctx: AppContext): void => {
    const config = ctx.config;
    const staffName = (id: string | null) => (id ? personName(config.staff, id) : null);
    const view = (r: PingyiRow): PingyiView => ({
      id: r.id,
      month: r.month,
      sourceName: r.source === 'case' ? '办件' : '窗口来访',
      refNo: r.ref_no,
      matter: r.matter,
      windowNo: r.window_no,
      phone: r.phone,
      result: r.result,
      resultName: r.result ? PINGYI_RESULT_NAMES[r.result] : null,
      opinion: r.opinion,
      calledBy: staffName(r.called_by),
      unsatisfied: !!r.result && UNSATISFIED.includes(r.result),
      followUp: r.follow_up,
      followUpBy: staffName(r.follow_up_by),
    });
    const month = (req: Request) => {
      const m = req.query.get('month') ?? store.today().slice(0, 7);
      if (!MONTH.test(m)) throw new DomainError('bad-date', '月份格式不对，应如 2026-11');
      return m;
    };

    router.add('GET', '/api/pingyi', (req, res) => {
      ctx.access.requireCentreStaff(req);
      const m = month(req);
      sendJson(res, 200, {
        month: m,
        candidates: store.candidates(m).length,
        items: store.list(m).map(view),
        followUps: store.openFollowUps().map(view),
      });
    });

    router.add('POST', '/api/pingyi/draw', async (req, res) => {
      const s = ctx.access.requireAdmin(req);
      const body = await readBody(req, DrawBody);
      const rows = store.draw(body.month, body.size ?? DEFAULT_SAMPLE_SIZE, s.staffId);
      sendJson(res, 201, { items: rows.map(view) });
    });

    router.add('POST', '/api/pingyi/:id/result', async (req, res) => {
      const s = ctx.access.requireCentreStaff(req);
      const body = await readBody(req, ResultBody);
      sendJson(res, 200, { item: view(store.record(req.params.id!, body.result, body.opinion, s.staffId)) });
    });

    router.add('POST', '/api/pingyi/:id/follow-up', async (req, res) => {
      const s = ctx.access.requireAdmin(req);
      const body = await readBody(req, FollowUpBody);
      sendJson(res, 200, { item: view(store.followUp(req.params.id!, body.text, s.staffId)) });
    });

    /** The month's 评议 report beside 好差评: GET /api/pingyi/report?month&format=json|csv|html. */
    router.add('GET', '/api/pingyi/report', (req, res) => {
      const s = ctx.access.requireCentreStaff(req);
      const m = month(req);
      const fmt = format(req);
      const items = store.list(m).map(view);
      const ratings = store.ratingCounts(m);
      const counted = (key: string) => items.filter((i) => i.result === key).length;
      const levels = RATING_VALUES.map((v) => [RATING_NAMES[v], counted(v), ratings[v] ?? 0] as Cell[]);
      const reached = items.filter((i) => i.result && i.result !== 'unreachable').length;
      const good = items.filter((i) => i.result && ['very-satisfied', 'satisfied', 'basic'].includes(i.result)).length;
      const rated = RATING_VALUES.reduce((a, v) => a + (ratings[v] ?? 0), 0);
      const ratedGood = (ratings['very-satisfied'] ?? 0) + (ratings.satisfied ?? 0) + (ratings.basic ?? 0);
      const pct = (a: number, b: number) => (b ? `${Math.round((a / b) * 1000) / 10}%` : '—');
      const summary: Cell[][] = [
        ...levels,
        ['未接通 / 未评价', counted('unreachable'), (ratings.none ?? 0) as number],
        ['待回访', items.filter((i) => !i.result).length, '—'],
        ['满意率（含基本满意）', pct(good, reached), pct(ratedGood, rated)],
      ];
      const rows: Cell[][] = items.map((i, n) => [
        n + 1,
        i.sourceName,
        i.refNo ?? '',
        i.matter,
        i.windowNo ? `${i.windowNo}号窗口` : '',
        i.resultName ?? '待回访',
        i.opinion ?? '',
        i.calledBy ?? '',
        i.unsatisfied ? (i.followUp ? `${i.followUpBy}：${i.followUp}` : '待整改') : '',
      ]);
      ctx.db
        .prepare(
          "INSERT INTO events (at, actor, type, data) VALUES (?, ?, 'register.viewed', json_object('register', 'pingyi', 'format', ?, 'from', ?, 'rows', ?))",
        )
        .run(ctx.clock().toISOString(), s.staffId, fmt, m, rows.length);
      const doc = {
        title: `${config.center.name}回访评议（${m}）`,
        meta: `抽取 ${items.length} 件（本月留有电话的已办结办件和窗口来访 ${store.candidates(m).length} 件）`,
        tables: [
          { heading: '评议结果与好差评', columns: ['满意度', '回访评议（件）', '好差评（次）'], rows: summary },
          {
            heading: '评议明细',
            columns: ['序号', '来源', '办件编号', '事项', '窗口', '满意度', '意见', '回访人', '整改'],
            rows,
          },
        ],
        notes: ['依据：定期从中抽取部分群众进行评议（社区便民服务活动方案 篇8）。联系电话不打印。'],
      };
      if (fmt === 'json') return sendJson(res, 200, { month: m, ...doc, items });
      if (fmt === 'csv') return sendDocument(res, 'csv', `回访评议_${m}`, docCsv(doc));
      sendDocument(res, 'html', doc.title, docHtml(doc));
    });
  };
}
