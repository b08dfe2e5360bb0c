// The district server's HTTP side: halls ship events, district staff log in and read. Every failure is
// {"error": {"code", "message"}} like the hall's. Bodies are capped, batches are capped, each hall has its
// own request budget, and one hall's batch locks only that hall's row: a bad or flooding hall cannot stop
// the others or touch their data (its token is valid for its own hall only).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import { DISTRICT_LIMITS, DISTRICT_REPORT_KINDS, type DistrictReportKind } from '../contract/district.ts';
import type { DistrictDb } from './database.ts';
import { DistrictFailure } from './failure.ts';
import { checkBatch, ingestBatch } from './ingest.ts';
import { hallForToken, login, userForSession } from './accounts.ts';
import { caseSupervision, hallDetail, listHalls, ratings, report } from './queries.ts';

export interface DistrictServerOptions {
  db: DistrictDb;
  port: number;
  host?: string;
  /** Built pages (vite build → dist/), for /district. */
  distDir: string;
  log?: (line: string) => void;
}

export interface RunningDistrict {
  server: Server;
  url: string;
  stop(): Promise<void>;
}

/** Per-hall token bucket: DISTRICT_LIMITS.hallRequestsPerSecond, bursts up to twice that. */
class HallBudget {
  readonly #buckets = new Map<string, { tokens: number; at: number }>();
  take(hallId: string): boolean {
    const rate = DISTRICT_LIMITS.hallRequestsPerSecond;
    const now = Date.now();
    const b = this.#buckets.get(hallId) ?? { tokens: rate * 2, at: now };
    b.tokens = Math.min(rate * 2, b.tokens + ((now - b.at) / 1000) * rate);
    b.at = now;
    this.#buckets.set(hallId, b);
    if (b.tokens < 1) return false;
    b.tokens -= 1;
    return true;
  }
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > DISTRICT_LIMITS.bodyBytes)
    throw new DistrictFailure(413, 'body-too-large', `请求内容超过 ${DISTRICT_LIMITS.bodyBytes} 字节，请分批发送`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > DISTRICT_LIMITS.bodyBytes)
      throw new DistrictFailure(413, 'body-too-large', `请求内容超过 ${DISTRICT_LIMITS.bodyBytes} 字节，请分批发送`);
    chunks.push(chunk as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new DistrictFailure(400, 'bad-json', '请求内容不是合法的 JSON');
  }
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(text);
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

function serveStatic(distDir: string, path: string, res: ServerResponse): boolean {
  const relative =
    path === '/district' || path.startsWith('/district/') || path === '/' ? 'district.html' : path.replace(/^\/+/, '');
  const file = normalize(join(distDir, relative));
  if (!file.startsWith(distDir + sep) || !existsSync(file) || !statSync(file).isFile()) {
    if (relative !== 'district.html') return false;
    res.writeHead(503, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('页面尚未构建：请先运行 npm run build');
    return true;
  }
  res.writeHead(200, {
    'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
    'Cache-Control': relative.startsWith('assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
    'X-Content-Type-Options': 'nosniff',
  });
  createReadStream(file).pipe(res);
  return true;
}

export async function startDistrictServer(o: DistrictServerOptions): Promise<RunningDistrict> {
  const budget = new HallBudget();
  const db = o.db;
  const today = () => new Date().toISOString().slice(0, 10);

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://district');
    const path = url.pathname;
    const method = req.method ?? 'GET';
    let m: RegExpExecArray | null;

    if ((m = /^\/api\/district\/halls\/([^/]+)\/(events|cursor)$/.exec(path))) {
      const hallId = decodeURIComponent(m[1]!);
      await hallForToken(db, req.headers.authorization, hallId);
      if (!budget.take(hallId)) throw new DistrictFailure(429, 'too-many-requests', '本中心上报过于频繁，请稍后重试');
      if (m[2] === 'cursor' && method === 'GET') {
        const [row] = await db.query<{ last_seq: number }>('SELECT last_seq FROM halls WHERE hall_id = $1', [hallId]);
        return send(res, 200, { lastSeq: row?.last_seq ?? 0 });
      }
      if (m[2] === 'events' && method === 'POST') {
        const batch = checkBatch(await readJson(req));
        return send(res, 200, await ingestBatch(db, hallId, batch));
      }
      throw new DistrictFailure(405, 'method-not-allowed', '不支持的请求方法');
    }
    if (path === '/api/district/login' && method === 'POST') {
      const body = (await readJson(req)) as { user?: unknown; password?: unknown } | null;
      return send(res, 200, { token: await login(db, body?.user, body?.password) });
    }
    if (path.startsWith('/api/district/')) {
      if (method !== 'GET') throw new DistrictFailure(405, 'method-not-allowed', '不支持的请求方法');
      await userForSession(db, req.headers.authorization);
      if (path === '/api/district/halls') return send(res, 200, { halls: await listHalls(db) });
      if ((m = /^\/api\/district\/halls\/([^/]+)$/.exec(path)))
        return send(res, 200, await hallDetail(db, decodeURIComponent(m[1]!)));
      if (path === '/api/district/cases')
        return send(res, 200, await caseSupervision(db, url.searchParams.get('hall')));
      if (path === '/api/district/ratings') {
        const to = url.searchParams.get('to') ?? today();
        const from = url.searchParams.get('from') ?? new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10);
        if (!/^\d{4}-\d{2}-\d{2}$/.test(from) || !/^\d{4}-\d{2}-\d{2}$/.test(to))
          throw new DistrictFailure(400, 'bad-date', '日期格式应为 YYYY-MM-DD');
        return send(res, 200, await ratings(db, from, to));
      }
      if ((m = /^\/api\/district\/reports\/([a-z]+)$/.exec(path))) {
        const kind = m[1] as DistrictReportKind;
        if (!DISTRICT_REPORT_KINDS.includes(kind))
          throw new DistrictFailure(404, 'unknown-report', `没有这种报表，可用：${DISTRICT_REPORT_KINDS.join('、')}`);
        return send(res, 200, await report(db, kind, url.searchParams.get('key') ?? ''));
      }
      throw new DistrictFailure(404, 'not-found', '没有这个接口');
    }
    if (method === 'GET' && serveStatic(o.distDir, path, res)) return;
    throw new DistrictFailure(404, 'not-found', '页面不存在');
  }

  const server = createServer((req, res) => {
    route(req, res).catch((err: unknown) => {
      if (err instanceof DistrictFailure)
        return send(res, err.status, { error: { code: err.code, message: err.message, ...err.extra } });
      o.log?.(`区级服务出错：${(err as Error)?.stack ?? err}`);
      if (!res.headersSent) send(res, 500, { error: { code: 'internal', message: '区级服务内部错误，请稍后重试' } });
      else res.destroy();
    });
  });
  server.requestTimeout = 60_000;
  server.headersTimeout = 15_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port, o.host ?? '0.0.0.0', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : o.port;
  return {
    server,
    url: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
