// 预约导入: appointments from a spreadsheet, e.g. the export of the online booking system (网上预约). Every row
// is checked before any is booked; a bad file is refused whole, each problem naming its line and column.
// Columns by their Chinese header (any order): 日期, 开始, 结束 required; 业务类别 and/or 事项 (one of them);
// 姓名 and 身份证号 optional (kept only masked and hashed, as when staff book).
// The file comes as bytes: UTF-8 (with or without BOM) or GBK/GB18030, what Excel and WPS save as "CSV" on
// Chinese Windows. A file that is neither is refused with a message saying how to save it.
import iconv from 'iconv-lite';
import { CsvError, parseCsv } from '../contract/csv.ts';
import { isRealDate } from '../calendar/working-days.ts';

export interface AppointmentImportRow {
  line: number;
  date: string;
  slotFrom: string;
  slotTo: string;
  categoryId: string;
  matterId: string | null;
  name: string | null;
  idNumber: string | null;
}

export interface ImportLookup {
  categories: readonly { id: string; name: string }[];
  /** A matter of the centre's catalogue by its id or exact name. */
  matter(idOrName: string): { id: string; categoryId: string | null } | null;
  /** Why this slot cannot be booked (rest day, outside hours, past), or null. */
  slotProblem(date: string, from: string, to: string): string | null;
}

/** At most this many rows per file (a day of a busy hall's appointments, many times over). */
export const MAX_IMPORT_ROWS = 1000;

const HEADERS = {
  date: '日期',
  from: '开始',
  to: '结束',
  category: '业务类别',
  matter: '事项',
  name: '姓名',
  idNumber: '身份证号',
} as const;
type Column = keyof typeof HEADERS;

/** 2026-12-03, 2026/12/3, 2026.12.3 or 2026年12月3日 → 2026-12-03; null when not a real date. */
export function normalizeDate(text: string): string | null {
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(text.trim());
  if (!m) return null;
  const iso = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  return isRealDate(iso) ? iso : null;
}

/** 9:30 or 09:30 → 09:30; null when not a time of day. */
export function normalizeTime(text: string): string | null {
  const m = /^(\d{1,2})[:：](\d{2})$/.exec(text.trim());
  if (!m || Number(m[1]) > 23 || Number(m[2]) > 59) return null;
  return `${m[1]!.padStart(2, '0')}:${m[2]}`;
}

export const UNREADABLE_ENCODING =
  '无法识别文件的编码（不是 UTF-8 或 GBK/GB18030）：请在 Excel 或 WPS 中“另存为”CSV（逗号分隔）或 CSV UTF-8 后再导入';

/** The text of a spreadsheet saved as CSV: UTF-8 when the bytes are valid UTF-8, else GB18030 (a superset of GBK). */
export function decodeSpreadsheet(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // not UTF-8: what Excel/WPS write on Chinese Windows
  }
  const text = iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), 'gb18030');
  // A byte sequence GB18030 has no character for decodes to U+FFFD; binary files (an .xlsx, a picture) also
  // bring control characters no CSV has.
  if (/[\uFFFD\u0000-\u0008\u000B\u000C\u000E-\u001F]/.test(text)) throw new CsvError([UNREADABLE_ENCODING]);
  return text;
}

export function appointmentsFromCsv(input: string | Uint8Array, lookup: ImportLookup): AppointmentImportRow[] {
  const text = typeof input === 'string' ? input : decodeSpreadsheet(input);
  const records = parseCsv(text);
  const [header, ...rows] = records;
  if (!header) throw new CsvError(['文件是空的：第一行应为表头（日期,开始,结束,业务类别,事项,姓名,身份证号）']);
  const at = new Map<Column, number>();
  for (const [key, label] of Object.entries(HEADERS) as [Column, string][]) {
    const i = header.fields.findIndex((f) => f.trim() === label);
    if (i >= 0) at.set(key, i);
  }
  const missing: string[] = (['date', 'from', 'to'] as const).filter((k) => !at.has(k)).map((k) => HEADERS[k]);
  if (!at.has('category') && !at.has('matter')) missing.push('业务类别或事项');
  if (missing.length) throw new CsvError([`第 1 行（表头）缺少列：${missing.join('、')}`]);
  if (rows.length === 0) throw new CsvError(['表头之后没有预约']);
  if (rows.length > MAX_IMPORT_ROWS)
    throw new CsvError([`一次最多导入 ${MAX_IMPORT_ROWS} 个预约，本文件有 ${rows.length} 个，请分批导入`]);

  const problems: string[] = [];
  const out: AppointmentImportRow[] = [];
  for (const r of rows) {
    const get = (k: Column) => (at.has(k) ? (r.fields[at.get(k)!] ?? '').trim() : '');
    const bad = (col: string, why: string) => problems.push(`第 ${r.line} 行“${col}”：${why}`);
    const date = normalizeDate(get('date'));
    if (!date) bad('日期', `“${get('date')}”不是日期，应写成 2026-12-03`);
    const from = normalizeTime(get('from'));
    const to = normalizeTime(get('to'));
    if (!from) bad('开始', `“${get('from')}”不是时间，应写成 09:30`);
    if (!to) bad('结束', `“${get('to')}”不是时间，应写成 10:30`);

    let matter: { id: string; categoryId: string | null } | null = null;
    if (get('matter')) {
      matter = lookup.matter(get('matter'));
      if (!matter) bad('事项', `本中心事项清单中没有“${get('matter')}”（可写事项编号或完整名称）`);
    }
    let categoryId: string | null = null;
    if (get('category')) {
      const c = lookup.categories.find((x) => x.id === get('category') || x.name === get('category'));
      if (c) categoryId = c.id;
      else bad('业务类别', `没有“${get('category')}”，可选：${lookup.categories.map((x) => x.name).join('、')}`);
    } else if (matter) {
      categoryId = matter.categoryId;
      if (!categoryId) bad('业务类别', '该事项不在窗口办理，请填写业务类别');
    } else if (!get('matter')) {
      bad('业务类别', '业务类别和事项至少填写一项');
    }

    const idNumber = get('idNumber').toUpperCase() || null;
    if (idNumber && !/^\d{17}[\dX]$/.test(idNumber)) bad('身份证号', '应为 18 位（最后一位可以是 X）');
    const name = get('name') || null;
    if (name && name.length > 30) bad('姓名', '超过 30 个字');

    if (date && from && to) {
      const why = lookup.slotProblem(date, from, to);
      if (why) bad('日期/时段', why);
    }
    if (date && from && to && categoryId)
      out.push({
        line: r.line,
        date,
        slotFrom: from,
        slotTo: to,
        categoryId,
        matterId: matter?.id ?? null,
        name,
        idNumber,
      });
  }
  if (problems.length) throw new CsvError(problems);
  return out;
}
