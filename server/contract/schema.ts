// A small runtime schema: one definition gives the TypeScript type, the defaults and Chinese error
// messages that name the field. Used for config files, HTTP bodies and WebSocket messages, in the
// server and in the pages alike, so it has no Node imports.

export interface Issue {
  path: string;
  message: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; issues: Issue[] };

export interface Schema<T> {
  /** Check `input` at `path`; push problems into `issues`; return the (defaulted) value. */
  check(input: unknown, path: string, issues: Issue[]): T;
  readonly optional?: boolean;
  readonly describe: string;
}

export type Infer<S> = S extends Schema<infer T> ? T : never;

export function parse<T>(schema: Schema<T>, input: unknown): Result<T> {
  const issues: Issue[] = [];
  const value = schema.check(input, '', issues);
  return issues.length ? { ok: false, issues } : { ok: true, value };
}

function at(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return path ? `${path}.${key}` : key;
}

function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return '数组';
  switch (typeof v) {
    case 'string':
      return '文本';
    case 'number':
      return '数字';
    case 'boolean':
      return '布尔值';
    case 'object':
      return '对象';
    default:
      return typeof v;
  }
}

export function str(opts: { min?: number; max?: number; pattern?: RegExp; hint?: string } = {}): Schema<string> {
  const { min = 0, max = 10_000, pattern, hint } = opts;
  return {
    describe: hint ?? '文本',
    check(v, path, issues) {
      if (typeof v !== 'string') {
        issues.push({ path, message: `应为文本，实际是${typeName(v)}` });
        return '';
      }
      if (v.length < min) issues.push({ path, message: min === 1 ? '不能为空' : `至少 ${min} 个字符` });
      else if (v.length > max) issues.push({ path, message: `最多 ${max} 个字符，实际 ${v.length} 个` });
      else if (pattern && !pattern.test(v)) issues.push({ path, message: `格式不对：应为${hint ?? pattern.source}` });
      return v;
    },
  };
}

export function int(opts: { min?: number; max?: number } = {}): Schema<number> {
  const { min = Number.MIN_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER } = opts;
  return {
    describe: '整数',
    check(v, path, issues) {
      if (typeof v !== 'number' || !Number.isInteger(v)) {
        issues.push({ path, message: `应为整数，实际是${typeName(v)}` });
        return 0;
      }
      if (v < min || v > max) issues.push({ path, message: `应在 ${min} 到 ${max} 之间，实际是 ${v}` });
      return v;
    },
  };
}

export function bool(): Schema<boolean> {
  return {
    describe: '布尔值',
    check(v, path, issues) {
      if (typeof v !== 'boolean') issues.push({ path, message: `应为 true 或 false，实际是${typeName(v)}` });
      return v === true;
    },
  };
}

export function literal<const T extends readonly string[]>(
  values: T,
  names?: Record<T[number], string>,
): Schema<T[number]> {
  return {
    describe: values.join(' | '),
    check(v, path, issues) {
      if (typeof v !== 'string' || !values.includes(v)) {
        const shown = values.map((x) => (names ? `${x}（${names[x as T[number]]}）` : x)).join('、');
        issues.push({ path, message: `应为以下之一：${shown}；实际是 ${JSON.stringify(v)}` });
        return values[0] as T[number];
      }
      return v as T[number];
    },
  };
}

export function array<T>(item: Schema<T>, opts: { min?: number; max?: number } = {}): Schema<T[]> {
  const { min = 0, max = 100_000 } = opts;
  return {
    describe: `${item.describe}[]`,
    check(v, path, issues) {
      if (!Array.isArray(v)) {
        issues.push({ path, message: `应为数组，实际是${typeName(v)}` });
        return [];
      }
      if (v.length < min) issues.push({ path, message: `至少需要 ${min} 项` });
      if (v.length > max) {
        issues.push({ path, message: `最多 ${max} 项，实际 ${v.length} 项` });
        return [];
      }
      return v.map((x, i) => item.check(x, at(path, i), issues));
    },
  };
}

export function optional<T>(inner: Schema<T>): Schema<T | undefined> {
  return {
    describe: `${inner.describe}（可选）`,
    optional: true,
    check(v, path, issues) {
      return v === undefined ? undefined : inner.check(v, path, issues);
    },
  };
}

export function nullable<T>(inner: Schema<T>): Schema<T | null> {
  return {
    describe: `${inner.describe} | null`,
    check(v, path, issues) {
      return v === null ? null : inner.check(v, path, issues);
    },
  };
}

/** A field with a default: absent → the default, present → checked. */
export function withDefault<T>(inner: Schema<T>, fallback: T): Schema<T> {
  return {
    describe: inner.describe,
    optional: true,
    check(v, path, issues) {
      return v === undefined ? structuredClone(fallback) : inner.check(v, path, issues);
    },
  };
}

type Shape = Record<string, Schema<unknown>>;
type OptionalKeys<S extends Shape> = { [K in keyof S]: undefined extends Infer<S[K]> ? K : never }[keyof S];
type RequiredKeys<S extends Shape> = Exclude<keyof S, OptionalKeys<S>>;
export type ObjectOf<S extends Shape> = { [K in RequiredKeys<S>]: Infer<S[K]> } & {
  [K in OptionalKeys<S>]?: Infer<S[K]>;
};

/**
 * An object. Unknown fields are refused, so a typo in a config file or a request is reported instead of
 * silently ignored (the same rule everywhere: config, HTTP, WebSocket).
 */
export function obj<S extends Shape>(shape: S): Schema<{ [K in keyof ObjectOf<S>]: ObjectOf<S>[K] }> {
  return {
    describe: '对象',
    check(v, path, issues) {
      if (typeof v !== 'object' || v === null || Array.isArray(v)) {
        issues.push({ path, message: `应为对象，实际是${typeName(v)}` });
        return {} as never;
      }
      const input = v as Record<string, unknown>;
      const out: Record<string, unknown> = {};
      for (const [key, schema] of Object.entries(shape)) {
        const value = Object.hasOwn(input, key) ? input[key] : undefined;
        if (value === undefined && !schema.optional) {
          issues.push({ path: at(path, key), message: `缺少必填字段（${schema.describe}）` });
          continue;
        }
        const checked = schema.check(value, at(path, key), issues);
        if (checked !== undefined) out[key] = checked;
      }
      for (const key of Object.keys(input)) {
        // Own keys only: `"constructor" in shape` and `"__proto__" in shape` are true for every object.
        if (!Object.hasOwn(shape, key))
          issues.push({ path: at(path, key), message: `不认识的字段（可用字段：${Object.keys(shape).join('、')}）` });
      }
      return out as never;
    },
  };
}

/** A map from free keys to values of one schema. */
export function record<T>(value: Schema<T>, key: Schema<string> = str({ min: 1 })): Schema<Record<string, T>> {
  return {
    describe: `{键: ${value.describe}}`,
    check(v, path, issues) {
      if (typeof v !== 'object' || v === null || Array.isArray(v)) {
        issues.push({ path, message: `应为对象，实际是${typeName(v)}` });
        return {};
      }
      const out: Record<string, T> = {};
      for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
        key.check(k, at(path, k), issues);
        // defineProperty: a key "__proto__" must be a plain entry, never the object's prototype.
        Object.defineProperty(out, k, {
          value: value.check(x, at(path, k), issues),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
      return out;
    },
  };
}

/** One of several object shapes told apart by a string field (`type` on the wire). */
export function union<K extends string, M extends Record<string, Schema<object>>>(
  tag: K,
  members: M,
): Schema<Infer<M[keyof M]>> {
  return {
    describe: Object.keys(members).join(' | '),
    check(v, path, issues) {
      const t = typeof v === 'object' && v !== null ? (v as Record<string, unknown>)[tag] : undefined;
      const member = typeof t === 'string' && Object.hasOwn(members, t) ? members[t] : undefined;
      if (!member) {
        issues.push({ path: at(path, tag), message: `应为以下之一：${Object.keys(members).join('、')}` });
        return {} as never;
      }
      return member.check(v, path, issues) as never;
    },
  };
}

export const HHMM = str({ pattern: /^([01]\d|2[0-3]):[0-5]\d$/, hint: '时:分，如 08:30' });
export const DATE = str({ pattern: /^\d{4}-\d{2}-\d{2}$/, hint: '日期，如 2026-10-08' });

export function formatIssues(issues: Issue[], where = ''): string {
  return issues.map((i) => `${where}${i.path ? `${where ? ' ' : ''}${i.path}` : ''}：${i.message}`).join('\n');
}
