// Taking one hall's batch: check it (shape, order, no personal data), then in one transaction that holds the
// hall's row lock (so two batches of one hall take turns, other halls are not blocked) insert the events with
// ON CONFLICT DO NOTHING and move the hall's cursor. The rollups follow in the same transaction (trigger).
import {
  DISTRICT_EVENT_TYPES,
  DISTRICT_LIMITS,
  type DistrictBatch,
  type DistrictBatchAccepted,
} from '../contract/district.ts';
import type { DistrictDb } from './database.ts';
import { DistrictFailure } from './failure.ts';

const TYPES = new Set<string>(DISTRICT_EVENT_TYPES);
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;
const CODE = /^[a-z][a-z0-9-]{0,39}$/;
const KEY = /^[A-Za-z0-9_-]{10,43}$/;
/** What must never arrive, whatever the hall's software: an ID number or a mobile number. */
const PERSONAL = /\d{17}[\dXx]|\d{15}|(^|\D)1[3-9]\d{9}(\D|$)/;

/** Shape checks; throws 400/413/422 with the first problem (index and field named). */
export function checkBatch(body: unknown): DistrictBatch {
  const bad = (message: string, code = 'malformed-batch', status = 400): never => {
    throw new DistrictFailure(status, code, message);
  };
  if (!body || typeof body !== 'object' || Array.isArray(body))
    bad('请求内容应为 JSON 对象 {after, through, timezone, events}');
  const b = body as Record<string, unknown>;
  if (!Number.isSafeInteger(b.after) || (b.after as number) < 0) bad('after 应为非负整数（上一批最后的事件序号）');
  if (!Number.isSafeInteger(b.through) || (b.through as number) < (b.after as number))
    bad('through 应为不小于 after 的整数');
  if (typeof b.timezone !== 'string' || !isTimeZone(b.timezone)) bad('timezone 应为时区名称，如 Asia/Shanghai');
  if (!Array.isArray(b.events)) bad('events 应为数组');
  if (b.categories !== undefined) {
    const ok =
      Array.isArray(b.categories) &&
      b.categories.length <= 50 &&
      b.categories.every((c: unknown) => {
        const x = c as Record<string, unknown> | null;
        return (
          !!x &&
          typeof x.id === 'string' &&
          CODE.test(x.id) &&
          typeof x.name === 'string' &&
          x.name.length >= 1 &&
          x.name.length <= 30 &&
          !PERSONAL.test(x.name)
        );
      });
    if (!ok) bad('categories 应为最多 50 个 {id, name}（名称 1–30 字）');
  }
  const events = b.events as unknown[];
  if (events.length > DISTRICT_LIMITS.batchEvents)
    bad(`每批最多 ${DISTRICT_LIMITS.batchEvents} 条事件，本批 ${events.length} 条`, 'batch-too-large', 413);
  let previous = b.after as number;
  events.forEach((raw, i) => {
    const at = `events[${i}]`;
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) bad(`${at} 应为对象`);
    const e = raw as Record<string, unknown>;
    if (!Number.isSafeInteger(e.seq) || (e.seq as number) <= previous)
      bad(`${at}.seq 应大于前一条（${previous}），事件须按顺序发送`, 'out-of-order', 409);
    if ((e.seq as number) > (b.through as number)) bad(`${at}.seq 超出 through`);
    previous = e.seq as number;
    if (typeof e.at !== 'string' || !ISO.test(e.at) || Number.isNaN(Date.parse(e.at)))
      bad(`${at}.at 应为 UTC 时间（ISO 8601）`);
    if (typeof e.type !== 'string' || !TYPES.has(e.type))
      bad(`${at}.type 不是区级接收的事件类型：${String(e.type).slice(0, 40)}`, 'unknown-event-type', 422);
    if (
      e.windowNo !== null &&
      !(Number.isInteger(e.windowNo) && (e.windowNo as number) >= 0 && (e.windowNo as number) < 10_000)
    )
      bad(`${at}.windowNo 应为窗口号或 null`);
    if (e.categoryId !== null && !(typeof e.categoryId === 'string' && CODE.test(e.categoryId)))
      bad(`${at}.categoryId 应为类别编号或 null`);
    if (e.matterId !== null && !(typeof e.matterId === 'string' && CODE.test(e.matterId)))
      bad(`${at}.matterId 应为事项编号或 null`);
    for (const k of ['ticketKey', 'caseKey'] as const)
      if (e[k] !== null && !(typeof e[k] === 'string' && KEY.test(e[k] as string)))
        bad(`${at}.${k} 应为不透明编号或 null`);
    if (!e.data || typeof e.data !== 'object' || Array.isArray(e.data)) bad(`${at}.data 应为对象`);
    const data = e.data as Record<string, unknown>;
    const keys = Object.keys(data);
    if (keys.length > 12) bad(`${at}.data 字段过多`);
    for (const k of keys) {
      const v = data[k];
      const ok =
        v === null ||
        typeof v === 'boolean' ||
        (typeof v === 'number' && Number.isFinite(v)) ||
        (typeof v === 'string' && v.length <= 60) ||
        (Array.isArray(v) && v.length <= 10 && v.every((x) => typeof x === 'string' && x.length <= 40));
      if (!ok || !CODE.test(k.toLowerCase())) bad(`${at}.data.${k.slice(0, 40)} 的取值不符合区级事件格式`);
      if (PERSONAL.test(JSON.stringify(v)))
        bad(`${at}.data.${k} 疑似含身份证号或手机号：个人信息不上报区级`, 'personal-data', 422);
    }
  });
  return b as unknown as DistrictBatch;
}

function isTimeZone(tz: string): boolean {
  if (tz.length > 60) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/**
 * Takes a checked batch for `hallId`. `after` may be behind the district (a resend whose answer was lost):
 * the events it already has are no-ops. `after` ahead of the district is a gap: 409 out-of-order with the
 * district's lastSeq, and the hall resumes from there.
 */
export async function ingestBatch(
  db: DistrictDb,
  hallId: string,
  batch: DistrictBatch,
): Promise<DistrictBatchAccepted> {
  return db.tx(async (sql) => {
    const [hall] = await sql.query<{ last_seq: number }>('SELECT last_seq FROM halls WHERE hall_id = $1 FOR UPDATE', [
      hallId,
    ]);
    if (!hall) throw new DistrictFailure(404, 'unknown-hall', `区里没有登记编号为 ${hallId} 的便民服务中心`);
    if (batch.after > hall.last_seq) {
      throw new DistrictFailure(
        409,
        'out-of-order',
        `事件不连续：区里已收到第 ${hall.last_seq} 号，本批从第 ${batch.after} 号之后开始，请从第 ${hall.last_seq} 号之后重发`,
        { lastSeq: hall.last_seq },
      );
    }
    // The trigger dates tickets and report days in the hall's time zone: set it before the insert.
    await sql.run('UPDATE halls SET timezone = $2 WHERE hall_id = $1 AND timezone <> $2', [hallId, batch.timezone]);
    if (batch.categories) {
      await sql.run('UPDATE halls SET categories = $2::jsonb WHERE hall_id = $1 AND categories <> $2::jsonb', [
        hallId,
        JSON.stringify(batch.categories.map((c) => ({ id: c.id, name: c.name }))),
      ]);
    }
    let inserted = 0;
    const fresh = batch.events.filter((e) => e.seq > hall.last_seq);
    if (fresh.length) {
      inserted = await sql.run(
        `INSERT INTO events (hall_id, seq, at, type, window_no, category_id, ticket_key, case_key, matter_id, data)
         SELECT $1, e.seq, e.at, e.type, e."windowNo", e."categoryId", e."ticketKey", e."caseKey", e."matterId", coalesce(e.data, '{}')
           FROM jsonb_to_recordset($2::jsonb) AS e(seq bigint, at timestamptz, type text, "windowNo" integer, "categoryId" text, "ticketKey" text, "caseKey" text, "matterId" text, data jsonb)
          ORDER BY e.seq
         ON CONFLICT (hall_id, seq) DO NOTHING`,
        [hallId, JSON.stringify(fresh)],
      );
    }
    const lastSeq = Math.max(hall.last_seq, batch.through);
    const lastAt = batch.events.length ? batch.events[batch.events.length - 1]!.at : null;
    await sql.run(
      `UPDATE halls SET last_seq = $2, last_contact_at = now(),
              last_event_at = CASE WHEN $3::timestamptz IS NULL THEN last_event_at ELSE greatest(last_event_at, $3::timestamptz) END
        WHERE hall_id = $1`,
      [hallId, lastSeq, lastAt],
    );
    return { lastSeq, inserted };
  });
}
