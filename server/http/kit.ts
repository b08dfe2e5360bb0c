// A small explicit HTTP toolkit on node:http: routes as (method, pattern) → handler, JSON bodies with a
// size limit and schema validation, and one error shape {error: {code, message}} with a Chinese message.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ErrorCode } from '../contract/errors.ts';
import { httpStatus } from './error-status.ts';
import { DomainError } from '../common/errors.ts';
import { parse, type Schema } from '../contract/schema.ts';
import { MAX_BODY_BYTES } from '../contract/http.ts';
import { type ApiError } from '../contract/errors.ts';

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
      '^' +
        path.replace(/:([a-zA-Z]+)/g, (_, k: string) => {
          keys.push(k);
          return '([^/]+)';
        }) +
        '$',
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
      r.keys.forEach((k, i) => {
        const raw = m[i + 1]!;
        // Letters and digits need no escape (RFC 3986 §2.3); `/windows/%35` spelling 5 is a trick, not a client.
        if (/%(3[0-9]|[46][1-9a-f]|[57][0-9a])/i.test(raw))
          throw new DomainError('bad-escape', '地址中的字母和数字不应使用百分号转义');
        params[k] = decodeComponent(raw, '地址');
      });
      return { handler: r.handler, params };
    }
    if (pathMatched) throw new DomainError('method-not-allowed', `该地址不支持 ${method} 请求`);
    throw new DomainError('not-found', '没有这个接口，请检查地址');
  }
}

// ---- The one request-parsing layer (HTTP requests and WebSocket upgrades alike) ------------------------
// Every byte of a request line or header is hostile: nothing here throws anything but an DomainError 400,
// which the HTTP handler answers as {error:{code,message}} and the upgrade path as a refused handshake.

/** Longest request target (path + query) accepted; node already caps the whole header block at 16 KB. */
export const MAX_TARGET_LENGTH = 4096;

const badRequest = (code: ErrorCode, message: string) => new DomainError(code, message);

/** decodeURIComponent that answers a broken escape (%E0%A4%A) with a 400 instead of throwing URIError. */
export function decodeComponent(text: string, what: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    throw badRequest('bad-escape', `${what}中有无效的百分号转义，请检查后重试`);
  }
}

/**
 * The path and query of a request target (`/api/x?y=1`). Only origin-form targets are accepted (no
 * `//host`, no absolute URLs, no `*`); every %-escape in the path must decode. Never `new URL()` on the
 * raw target: `//[` makes it throw "Invalid URL".
 */
export function parseTarget(target: string | undefined): { path: string; query: URLSearchParams } {
  const t = target ?? '';
  if (t.length === 0 || t.length > MAX_TARGET_LENGTH) throw badRequest('bad-target', '请求地址为空或过长');
  if (t[0] !== '/' || t.startsWith('//')) throw badRequest('bad-target', '请求地址格式不对，应以单个 / 开头');
  // Printable ASCII only (node already refuses spaces and control bytes in the request line).
  if (!/^[\x21-\x7e]+$/.test(t)) throw badRequest('bad-target', '请求地址含有不允许的字符');
  const q = t.indexOf('?');
  const path = (q < 0 ? t : t.slice(0, q)).split('#')[0]!;
  decodeComponent(path, '请求地址');
  const search = q < 0 ? '' : t.slice(q + 1).split('#')[0]!;
  // URLSearchParams would keep a broken escape as typed; say it instead, like a broken path.
  decodeComponent(search, '查询参数');
  return { path, query: new URLSearchParams(search) };
}

/** Turn a node request into the routes' Request, or throw DomainError 400 (see parseTarget). */
export function parseRequest(raw: IncomingMessage): Request {
  const { path, query } = parseTarget(raw.url);
  return {
    raw,
    method: raw.method ?? 'GET',
    path,
    query,
    params: {},
    remoteAddress: normaliseAddress(raw.socket.remoteAddress),
  };
}

/** The answer for a request node's own parser refused (bad request line or header): 400 in Chinese, then close. */
export function clientErrorResponse(): string {
  const body = JSON.stringify({ error: { code: 'bad-request', message: '请求格式不正确，已拒绝' } });
  return `HTTP/1.1 400 Bad Request\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`;
}

/**
 * Headers on every answer. Pages run only this server's own scripts (the one inline handler allowed is the
 * document pages' 打印 button, by its hash), connect only back to it, and may not be framed by another site
 * (clickjacking a console). Styles may be inline (Preact style props, the printable documents' <style>).
 */
export const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy':
    "default-src 'self'; script-src 'self' 'unsafe-hashes' 'sha256-MguIPR6qNR8D3B+eAlK+bIRTZe8t3wkOY4B/56Me9FU='; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; media-src 'self' data: blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  'X-Frame-Options': 'DENY',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};

/** A register or report as a download (CSV, with its file name) or a printable HTML page; never cached. */
export function sendDocument(res: ServerResponse, format: string, name: string, body: string): void {
  const headers: Record<string, string> = {
    'Content-Type': format === 'csv' ? 'text/csv; charset=utf-8' : 'text/html; charset=utf-8',
    'Cache-Control': 'no-store',
  };
  if (format === 'csv') headers['Content-Disposition'] = `attachment; filename*=UTF-8''${encodeURIComponent(name)}.csv`;
  res.writeHead(200, headers);
  res.end(body);
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    'Content-Length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

export function sendError(res: ServerResponse, err: unknown, log: (line: string) => void): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  if (err instanceof DomainError) {
    const body: ApiError & Record<string, unknown> = {
      error: { code: err.code, message: err.message, ...(err.details ? { details: err.details } : {}) },
    };
    if (err.extra) Object.assign(body.error, err.extra);
    sendJson(res, httpStatus(err), body);
    return;
  }
  // A working-day count that reached a year without the State Council's notice (any case action: 延期, 上级退回,
  // statistics…): 503 calendar-missing with the hand-date form's fields, never a 500.
  if (err instanceof Error && err.name === 'CalendarMissingError') {
    const year = (err as Error & { year?: string }).year ?? null;
    sendJson(res, 503, {
      error: {
        code: 'calendar-missing',
        message: `节假日日历尚无 ${year} 年的数据（国务院办公厅通常在上一年年底公布放假安排），本操作需要按工作日计算，暂不能办理；请管理员在管理后台“节假日安排”录入国务院办公厅该年的放假通知，需要确定承诺办结日期的操作可由窗口人工确认日期（manualDate、manualReason）`,
        year,
        manualFields: ['manualDate', 'manualReason'],
      },
    });
    return;
  }
  // Never a stack to the caller; the log gets the message (no request bodies: they may hold personal data),
  // at error priority (issue #23: `journalctl -p warning` must show a 500).
  const error = (log as { error?: (line: string) => void }).error ?? log;
  error(`内部错误：${(err as Error)?.stack ?? String(err)}`);
  sendJson(res, 500, { error: { code: 'internal', message: '服务器内部错误，本次操作未完成，请重试或联系管理员' } });
}

/** Read a JSON body (at most MAX_BODY_BYTES) and check it against a schema. */
export async function readBody<T>(req: Request, schema: Schema<T>): Promise<T> {
  const type = req.raw.headers['content-type'] ?? '';
  const declared = Number(req.raw.headers['content-length'] ?? 0);
  if (declared > MAX_BODY_BYTES) {
    req.raw.resume();
    throw new DomainError('body-too-large', `请求内容过大（上限 ${MAX_BODY_BYTES / 1024} KB）`);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of req.raw) {
      size += (chunk as Buffer).length;
      if (size > MAX_BODY_BYTES)
        throw new DomainError('body-too-large', `请求内容过大（上限 ${MAX_BODY_BYTES / 1024} KB）`);
      chunks.push(chunk as Buffer);
    }
  } catch (err) {
    if (err instanceof DomainError) throw err;
    // The client closed the connection before its body was complete: its doing, not an internal error.
    throw new DomainError('bad-request', '请求内容未发送完整，连接已中断');
  }
  const text = Buffer.concat(chunks).toString('utf8');
  let value: unknown = {};
  if (text.trim()) {
    if (!/json/.test(type))
      throw new DomainError('unsupported-media-type', '请求内容应为 JSON（Content-Type: application/json）');
    try {
      value = JSON.parse(text);
    } catch {
      throw new DomainError('invalid-json', '请求内容不是有效的 JSON');
    }
  }
  const result = parse(schema, value);
  if (!result.ok) {
    throw new DomainError(
      'invalid-body',
      '请求内容不符合要求：' + result.issues.map((i) => `${i.path || '(根)'} ${i.message}`).join('；'),
      result.issues.map((i) => `${i.path}：${i.message}`),
    );
  }
  return result.value;
}

/**
 * A window number in a path or query: plain decimal digits only, 1–999. `Number()` would take `0x5`, `1e0`,
 * ` 5` and (after the router's decoding) `%35` as 5.
 */
export function windowNoParam(raw: string | null | undefined): number {
  if (raw == null || !/^[1-9]\d{0,2}$/.test(raw))
    throw new DomainError('not-found', `窗口号“${String(raw ?? '').slice(0, 20)}”不对，应为 1–999 的数字`);
  return Number(raw);
}

export function isLoopback(address: string): boolean {
  return address === '127.0.0.1' || address === '::1' || address === '::ffff:127.0.0.1' || address.startsWith('127.');
}

export function normaliseAddress(address: string | undefined): string {
  const a = address ?? '';
  return a.startsWith('::ffff:') ? a.slice(7) : a;
}
