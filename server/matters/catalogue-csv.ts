// The catalogue as CSV for administrators who keep lists in Excel: UTF-8 with a BOM (so Excel shows the
// Chinese), CRLF, RFC 4180 quoting. One record per matter; list cells (层级, 关键词) are joined with "|".
// Guides stay in guides.json and are named by key in the 办事指南 column: nested materials do not fit a sheet.
import type { CenterLevel } from '../contract/matters.ts';
import type { MatterRow } from './catalogue-schema.ts';
import { checkRows, rowLabel } from './load.ts';
import { csvCell as cell, CsvError, parseCsv } from '../contract/csv.ts';

export { CsvError, parseCsv };

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
  // 须公告 (seed 004 办结公告制度): "是" or empty.
  { key: 'announce', label: '须公告', required: false },
] as const;
type ColumnKey = (typeof CSV_COLUMNS)[number]['key'];
const LIST_SEPARATOR = '|';

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
  announce?: boolean;
}

export function catalogueToCsv(rows: readonly CsvRow[]): string {
  const lines = [CSV_COLUMNS.map((c) => c.label).join(',')];
  for (const r of rows) {
    for (const k of [...(r.levels ?? []), ...(r.keywords ?? [])]) {
      // A "|" inside a list item would come back as two items.
      if (k.includes(LIST_SEPARATOR))
        throw new CsvError([`事项 ${r.id}：“${k}”含有分隔符 "${LIST_SEPARATOR}"，无法导出为 CSV`]);
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
      announce: r.announce ? '是' : '',
    };
    lines.push(CSV_COLUMNS.map((c) => cell(values[c.key])).join(','));
  }
  return '\uFEFF' + lines.join('\r\n') + '\r\n';
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
export function catalogueFromCsv(
  text: string,
  level: CenterLevel,
  opts: CsvImportOptions = {},
): { level: CenterLevel; rows: MatterRow[] } {
  const file = opts.file ?? 'CSV';
  const [header, ...records] = parseCsv(text);
  if (!header)
    throw new CsvError([`${file}：文件是空的，第 1 行应为表头：${CSV_COLUMNS.map((c) => c.label).join(',')}`]);
  const problems: string[] = [];
  const position = new Map<ColumnKey, number>();
  header.fields.forEach((h, i) => {
    const name = h.trim();
    const col = CSV_COLUMNS.find((c) => c.label === name || c.key === name);
    if (!col)
      problems.push(
        `${file} 第 1 行 第 ${i + 1} 列：不认识的表头“${name}”（可用：${CSV_COLUMNS.map((c) => c.label).join('、')}）`,
      );
    else if (position.has(col.key)) problems.push(`${file} 第 1 行 第 ${i + 1} 列：表头“${name}”重复`);
    else position.set(col.key, i);
  });
  for (const c of CSV_COLUMNS)
    if (c.required && !position.has(c.key)) problems.push(`${file} 第 1 行：缺少“${c.label}”列`);
  if (problems.length) throw new CsvError(problems);

  const raw = records.map((r) => {
    if (r.fields.length !== header.fields.length)
      problems.push(
        `${file} ${rowLabel(r.line, { id: r.fields[0] })}：应有 ${header.fields.length} 列，实际 ${r.fields.length} 列`,
      );
    const get = (k: ColumnKey) => {
      const i = position.get(k);
      return i === undefined ? '' : (r.fields[i] ?? '').trim();
    };
    const list = (k: ColumnKey) =>
      get(k)
        .split(LIST_SEPARATOR)
        .map((x) => x.trim())
        .filter(Boolean);
    const levels = list('levels');
    const announce = get('announce');
    if (announce && announce !== '是')
      problems.push(
        `${file} ${rowLabel(r.line, { id: r.fields[0] })}：“须公告”列只能填“是”或留空，实际是“${announce}”`,
      );
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
      ...(announce === '是' ? { announce: true } : {}),
    };
  });
  if (problems.length) throw new CsvError(problems);
  const label = (path: string) => {
    const key = path.split(/[.[]/)[0];
    const col = CSV_COLUMNS.find((c) => c.key === key);
    return col ? `${col.label}（${path}）` : path;
  };
  const rows = checkRows(
    raw,
    {
      file,
      level,
      lineOf: (i) => records[i]!.line,
      guideKeys: opts.guideKeys,
      categoryIds: opts.categoryIds,
      fieldLabel: label,
    },
    problems,
  );
  if (problems.length) throw new CsvError(problems);
  return { level, rows };
}
