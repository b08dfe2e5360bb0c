// A small explicit HTTP toolkit on node:http: routes as (method, pattern) → handler, JSON bodies with a
// size limit and schema validation, and one error shape {error: {code, message}} with a Chinese message.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiFailure } from '../errors.ts';
import { parse, type Schema } from '../schema.ts';
import { MAX_BODY_BYTES, type ApiError } from '../wire.ts';

export interface Request {
  raw: IncomingMessage;
  method: string;
  path: string;
  query: URLSearchParams;
  params: Record<string, string>;
  remoteAddress: string;
}

export type Handler = (req: Request, res: ServerResponse) => Promise<void> | void;

interface Route {
  method: string;
  pattern: RegExp;
  keys: string[];
  handler: Handler;
}

export class Router {
  readonly #routes: Route[] = [];

  add(method: string, path: string, handler: Handler): this {
    const keys: string[] = [];
    const pattern = new RegExp(
      '^' + path.replace(/:([a-zA-Z]+)/g, (_, k: string) => {
        keys.push(k);
        return '([^/]+)';
      }) + '$',
    );
    this.#routes.push({ method, pattern, keys, handler });
    return this;
  }

  /** The handler for a request, or a 404/405 failure. */
  match(method: string, path: string): { handler: Handler; params: Record<string, string> } {
    let pathMatched = false;
    for (const r of this.#routes) {
      const m = r.pattern.exec(path);
      if (!m) continue;
      pathMatched = true;
      if (r.method !== method) continue;
      const params: Record<string, string> = {};
      r.keys.forEach((k, i) => (params[k] = decodeURIComponent(m[i + 1]!)));
      return { handler: r.handler, params };
    }
    if (pathMatched) throw new ApiFailure(405, 'method-not-allowed', `该地址不支持 ${method} 请求`);
    throw new ApiFailure(404, 'not-found', '没有这个接口，请检查地址');
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', 'Content-Length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

export function sendError(res: ServerResponse, err: unknown, log: (line: string) => void): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  if (err instanceof ApiFailure) {
    const body: ApiError & Record<string, unknown> = { error: { code: err.code, message: err.message, ...(err.details ? { details: err.details } : {}) } };
    if (err.extra) Object.assign(body.error, err.extra);
    sendJson(res, err.status, body);
    return;
  }
  // Never a stack to the caller; the log gets the message (no request bodies: they may hold personal data).
  log(`内部错误：${(err as Error)?.stack ?? String(err)}`);
  sendJson(res, 500, { error: { code: 'internal', message: '服务器内部错误，本次操作未完成，请重试或联系管理员' } });
}

/** Read a JSON body (at most MAX_BODY_BYTES) and check it against a schema. */
export async function readBody<T>(req: Request, schema: Schema<T>): Promise<T> {
  const type = req.raw.headers['content-type'] ?? '';
  const declared = Number(req.raw.headers['content-length'] ?? 0);
  if (declared > MAX_BODY_BYTES) {
    req.raw.resume();
    throw new ApiFailure(413, 'body-too-large', `请求内容过大（上限 ${MAX_BODY_BYTES / 1024} KB）`);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req.raw) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new ApiFailure(413, 'body-too-large', `请求内容过大（上限 ${MAX_BODY_BYTES / 1024} KB）`);
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  let value: unknown = {};
  if (text.trim()) {
    if (!/json/.test(type)) throw new ApiFailure(415, 'unsupported-media-type', '请求内容应为 JSON（Content-Type: application/json）');
    try {
      value = JSON.parse(text);
    } catch {
      throw new ApiFailure(400, 'invalid-json', '请求内容不是有效的 JSON');
    }
  }
  const result = parse(schema, value);
  if (!result.ok) {
    throw new ApiFailure(400, 'invalid-body', '请求内容不符合要求：' + result.issues.map((i) => `${i.path || '(根)'} ${i.message}`).join('；'), result.issues.map((i) => `${i.path}：${i.message}`));
  }
  return result.value;
}

export function isLoopback(address: string): boolean {
  return address === '127.0.0.1' || address === '::1' || address === '::ffff:127.0.0.1' || address.startsWith('127.');
}

export function normaliseAddress(address: string | undefined): string {
  const a = address ?? '';
  return a.startsWith('::ffff:') ? a.slice(7) : a;
}
