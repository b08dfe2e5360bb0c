// The catalogue as CSV for administrators who keep lists in Excel: UTF-8 with a BOM (so Excel shows the
// Chinese), CRLF, RFC 4180 quoting. One record per matter; list cells (层级, 关键词) are joined with "|".
// Guides stay in guides.json and are named by key in the 办事指南 column: nested materials do not fit a sheet.
import type { CenterLevel } from '../wire.ts';
import type { MatterRow } from './catalogue-schema.ts';
import { checkRows, rowLabel } from './load.ts';

/** Columns in export order: key as in the JSON files, label as in the CSV header. */
export const CSV_COLUMNS = [
  { key: 'id', label: '编号', required: true },
  { key: 'name', label: '事项名称', required: true },
  { key: 'type', label: '事项类型', required: true },
  { key: 'body', label: '实施主体', required: true },
  { key: 'levels', label: '层级', required: false },
  { key: 'department', label: '部门', required: true },
  { key: 'categoryId', label: '业务类别', required: false },
  { key: 'keywords', label: '关键词', required: false },
  { key: 'guide', label: '办事指南', required: false },
] as const;
type ColumnKey = (typeof CSV_COLUMNS)[number]['key'];
const LIST_SEPARATOR = '|';

export class CsvError extends Error {
  constructor(readonly problems: string[]) {
    super(`CSV 导入失败：\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

function cell(v: string): string {
  return /[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v;
}

/** What the export needs of a row; the list and link columns are optional (empty cells when absent). */
export interface CsvRow {
  id: string;
  name: string;
  type: string;
  body: string;
  department: string;
  categoryId: string | null;
  levels?: readonly string[];
  keywords?: readonly string[];
  guide?: string | null;
}

export function catalogueToCsv(rows: readonly CsvRow[]): string {
  const lines = [CSV_COLUMNS.map((c) => c.label).join(',')];
  for (const r of rows) {
    for (const k of [...(r.levels ?? []), ...(r.keywords ?? [])]) {
      // A "|" inside a list item would come back as two items.
      if (k.includes(LIST_SEPARATOR)) throw new CsvError([`事项 ${r.id}：“${k}”含有分隔符 "${LIST_SEPARATOR}"，无法导出为 CSV`]);
    }
    const values: Record<ColumnKey, string> = {
      id: r.id,
      name: r.name,
      type: r.type,
      body: r.body,
      levels: (r.levels ?? []).join(LIST_SEPARATOR),
      department: r.department,
      categoryId: r.categoryId ?? '',
      keywords: (r.keywords ?? []).join(LIST_SEPARATOR),
      guide: r.guide ?? '',
    };
    lines.push(CSV_COLUMNS.map((c) => cell(values[c.key])).join(','));
  }
  return '\uFEFF' + lines.join('\r\n') + '\r\n';
}

export interface CsvRecord {
  /** Line in the file where the record starts (1 = header). */
  line: number;
  fields: string[];
}

/** RFC 4180 records (CRLF or LF; quoted fields may hold commas, quotes and line breaks). Blank lines are skipped. */
export function parseCsv(text: string): CsvRecord[] {
  const s = text.replace(/^\uFEFF/, '');
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let start = 1;
  let i = 0;
  const endRecord = () => {
    fields.push(field);
    if (fields.length > 1 || fields[0] !== '') records.push({ line: start, fields });
    fields = [];
    field = '';
  };
  while (i < s.length) {
    const ch = s[i]!;
    if (ch === '"' && field === '') {
      // A quoted field: up to the closing quote; "" is one quote.
      const open = line;
      i++;
      for (;;) {
        if (i >= s.length) throw new CsvError([`第 ${open} 行：引号没有闭合`]);
        const c = s[i]!;
        if (c === '"' && s[i + 1] === '"') {
          field += '"';
          i += 2;
        } else if (c === '"') {
          i++;
          break;
        } else {
          if (c === '\n') line++;
          field += c;
          i++;
        }
      }
      const next = s[i];
      if (next !== undefined && next !== ',' && next !== '\r' && next !== '\n') throw new CsvError([`第 ${line} 行：引号结束后应为逗号或换行，实际是“${next}”`]);
      if (field === '') field = '\u0000'; // an empty quoted field still counts as a field
      continue;
    }
    if (ch === ',') {
      fields.push(field);
      field = '';
      i++;
    } else if (ch === '\r' || ch === '\n') {
      i += ch === '\r' && s[i + 1] === '\n' ? 2 : 1;
      endRecord();
      line++;
      start = line;
    } else {
      if (ch === '"') throw new CsvError([`第 ${line} 行：未加引号的字段中出现引号，请把整个字段用引号括起来，内部引号写成两个`]);
      field += ch;
      i++;
    }
  }
  if (field !== '' || fields.length) endRecord();
  for (const r of records) r.fields = r.fields.map((f) => (f === '\u0000' ? '' : f));
  return records;
}

export interface CsvImportOptions {
  /** File name for messages. */
  file?: string;
  guideKeys?: ReadonlySet<string>;
  categoryIds?: ReadonlySet<string>;
}

/**
 * CSV → checked catalogue rows for a level. Problems name the CSV line, the matter and the column.
 * Columns are found by header (Chinese label or JSON key), so a reordered sheet still imports.
 */
export function catalogueFromCsv(text: string, level: CenterLevel, opts: CsvImportOptions = {}): { level: CenterLevel; rows: MatterRow[] } {
  const file = opts.file ?? 'CSV';
  const [header, ...records] = parseCsv(text);
  if (!header) throw new CsvError([`${file}：文件是空的，第 1 行应为表头：${CSV_COLUMNS.map((c) => c.label).join(',')}`]);
  const problems: string[] = [];
  const position = new Map<ColumnKey, number>();
  header.fields.forEach((h, i) => {
    const name = h.trim();
    const col = CSV_COLUMNS.find((c) => c.label === name || c.key === name);
    if (!col) problems.push(`${file} 第 1 行 第 ${i + 1} 列：不认识的表头“${name}”（可用：${CSV_COLUMNS.map((c) => c.label).join('、')}）`);
    else if (position.has(col.key)) problems.push(`${file} 第 1 行 第 ${i + 1} 列：表头“${name}”重复`);
    else position.set(col.key, i);
  });
  for (const c of CSV_COLUMNS) if (c.required && !position.has(c.key)) problems.push(`${file} 第 1 行：缺少“${c.label}”列`);
  if (problems.length) throw new CsvError(problems);

  const raw = records.map((r) => {
    if (r.fields.length !== header.fields.length) problems.push(`${file} ${rowLabel(r.line, { id: r.fields[0] })}：应有 ${header.fields.length} 列，实际 ${r.fields.length} 列`);
    const get = (k: ColumnKey) => {
      const i = position.get(k);
      return i === undefined ? '' : (r.fields[i] ?? '').trim();
    };
    const list = (k: ColumnKey) => get(k).split(LIST_SEPARATOR).map((x) => x.trim()).filter(Boolean);
    const levels = list('levels');
    return {
      id: get('id'),
      name: get('name'),
      type: get('type'),
      body: get('body'),
      levels: levels.length ? levels : [level],
      department: get('department'),
      categoryId: get('categoryId') || null,
      keywords: list('keywords'),
      guide: get('guide') || null,
    };
  });
  if (problems.length) throw new CsvError(problems);
  const label = (path: string) => {
    const key = path.split(/[.[]/)[0];
    const col = CSV_COLUMNS.find((c) => c.key === key);
    return col ? `${col.label}（${path}）` : path;
  };
  const rows = checkRows(raw, { file, level, lineOf: (i) => records[i]!.line, guideKeys: opts.guideKeys, categoryIds: opts.categoryIds, fieldLabel: label }, problems);
  if (problems.length) throw new CsvError(problems);
  return { level, rows };
}
