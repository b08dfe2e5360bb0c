// Calls to the server's /api. Every failure becomes an ApiCallError with the server's Chinese message,
// or a network message a person can act on.
import type { ApiError, PageErrorCode } from '../../server/contract/errors.ts';

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

export async function api<T>(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
    });
  } catch {
    throw new ApiCallError(0, 'network', '网络连接中断，请稍后重试或联系工作人员', { code: 'network', message: '网络连接中断' });
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
    throw new ApiCallError(res.status, err?.code ?? 'http', err?.message ?? `服务器返回错误（${res.status}），请稍后重试`, (err ?? { code: 'http', message: '' }) as ApiCallError['body']);
  }
  return data as T;
}

/** A fresh key per tap-attempt: a double tap or a retried request never issues two tickets. */
export function idempotencyKey(): string {
  const a = new Uint8Array(12);
  crypto.getRandomValues(a);
  return 'k-' + Array.from(a, (b) => b.toString(16).padStart(2, '0')).join('');
}
