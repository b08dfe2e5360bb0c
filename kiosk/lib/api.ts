// Calls to the server's /api. Every failure becomes an ApiCallError with the server's Chinese message,
// or a network message a person can act on.
import type { ApiError, PageErrorCode } from '../../server/contract/errors.ts';
import type { ApiAnswer, ApiParams, ApiRoute, ApiRouteHasParams, HttpMethod } from '../../server/contract/api.ts';

export class ApiCallError extends Error {
  constructor(
    readonly status: number,
    readonly code: PageErrorCode,
    message: string,
    readonly body: Omit<ApiError['error'], 'code'> & { code: PageErrorCode } & Record<string, unknown>,
  ) {
    super(message);
  }
}

/** What a call sends besides the route: its path parameters, a query string and a JSON body. */
export type CallOptions<K extends ApiRoute> = {
  query?: Record<string, string | number | undefined>;
  body?: unknown;
} & (ApiRouteHasParams<K> extends true ? { params: ApiParams<K> } : { params?: undefined });

/**
 * The typed client: the route names its answer type (server/contract/api.ts), so a page does not declare
 * (cast) what it expects. `call('GET /api/tickets/:id', { params: { id } })` → `Promise<{ ticket: Ticket }>`.
 */
export function call<K extends ApiRoute>(
  route: K,
  ...[opts]: ApiRouteHasParams<K> extends true ? [CallOptions<K>] : [CallOptions<K>?]
): Promise<ApiAnswer<K>> {
  const space = route.indexOf(' ');
  const method = route.slice(0, space) as HttpMethod;
  const params = (opts?.params ?? {}) as Record<string, string | number>;
  let path = route
    .slice(space + 1)
    .replace(/:([A-Za-z]+)/g, (_m, name: string) => encodeURIComponent(String(params[name])));
  const query = Object.entries(opts?.query ?? {}).filter((e): e is [string, string | number] => e[1] !== undefined);
  if (query.length) path += '?' + query.map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`).join('&');
  return request<ApiAnswer<K>>(method, path, opts?.body);
}

/** An untyped call: the caller declares what it expects (routes not yet in server/contract/api.ts). */
export async function api<T>(method: HttpMethod, path: string, body?: unknown): Promise<T> {
  return request<T>(method, path, body);
}

async function request<T>(method: HttpMethod, path: string, body?: unknown): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
    });
  } catch {
    throw new ApiCallError(0, 'network', '网络连接中断，请稍后重试或联系工作人员', {
      code: 'network',
      message: '网络连接中断',
    });
  }
  const text = await res.text();
  let data: unknown = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = null;
  }
  if (!res.ok) {
    const err = (data as ApiError | null)?.error;
    throw new ApiCallError(
      res.status,
      err?.code ?? 'http',
      err?.message ?? `服务器返回错误（${res.status}），请稍后重试`,
      (err ?? { code: 'http', message: '' }) as ApiCallError['body'],
    );
  }
  return data as T;
}

/** A fresh key per tap-attempt: a double tap or a retried request never issues two tickets. */
export function idempotencyKey(): string {
  const a = new Uint8Array(12);
  crypto.getRandomValues(a);
  return 'k-' + Array.from(a, (b) => b.toString(16).padStart(2, '0')).join('');
}
