// The catalogue as CSV for administrators who keep lists in Excel: UTF-8 with BOM (so Excel opens the
// Chinese correctly), RFC 4180 quoting. Guides stay in guides.json (nested materials do not fit a sheet).
import { parse } from '../schema.ts';
import { CatalogueFile } from './catalogue.ts';
import type { CenterLevel } from '../wire.ts';

export const CSV_COLUMNS = ['id', 'name', 'type', 'body', 'department', 'categoryId'] as const;
const HEADERS = ['编号', '事项名称', '事项类型', '实施主体', '部门', '业务类别'];

function cell(v: string): string {
  return /[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v;
}

export function catalogueToCsv(matters: { id: string; name: string; type: string; body: string; department: string; categoryId: string | null }[]): string {
  const lines = [HEADERS.join(','), ...matters.map((m) => CSV_COLUMNS.map((c) => cell(m[c] ?? '')).join(','))];
  return '\uFEFF' + lines.join('\r\n') + '\r\n';
}

/** RFC 4180 records; each with the line number where it starts. */
export function parseCsv(text: string): { line: number; fields: string[] }[] {
  const s = text.replace(/^\uFEFF/, '');
  const records: { line: number; fields: string[] }[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (quoted) {
      if (ch === '"' && s[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else {
        if (ch === '\n') line++;
        field += ch;
      }
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') {
      fields.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && s[i + 1] === '\n') i++;
      fields.push(field);
      if (fields.some((f) => f !== '')) records.push({ line: start, fields });
      fields = [];
      field = '';
      line++;
      start = line;
    } else field += ch;
  }
  if (quoted) throw new CsvError([`第 ${start} 行：引号没有闭合`]);
  fields.push(field);
  if (fields.some((f) => f !== '')) records.push({ line: start, fields });
  return records;
}

export class CsvError extends Error {
  constructor(readonly problems: string[]) {
    super(`CSV 导入失败：\n${problems.join('\n')}`);
  }
}

/** CSV → the catalogue file's content for a level, validated; problems name the CSV line and column. */
export function catalogueFromCsv(text: string, level: CenterLevel, title: string) {
  const records = parseCsv(text);
  const [header, ...rows] = records;
  if (!header || header.fields.join(',') !== HEADERS.join(',')) throw new CsvError([`第 1 行：表头应为 ${HEADERS.join(',')}`]);
  const problems: string[] = [];
  rows.forEach((r) => {
    if (r.fields.length !== CSV_COLUMNS.length) problems.push(`第 ${r.line} 行：应有 ${CSV_COLUMNS.length} 列，实际 ${r.fields.length} 列`);
  });
  if (problems.length) throw new CsvError(problems);
  const matters = rows.map((r) => Object.fromEntries(CSV_COLUMNS.map((c, i) => [c, c === 'categoryId' && r.fields[i] === '' ? null : r.fields[i]])));
  const result = parse(CatalogueFile, { level, title, matters });
  if (!result.ok) {
    throw new CsvError(
      result.issues.map((i) => {
        const m = /^matters\[(\d+)\]\.?(.*)$/.exec(i.path);
        if (!m) return `${i.path}：${i.message}`;
        const column = HEADERS[CSV_COLUMNS.indexOf(m[2] as (typeof CSV_COLUMNS)[number])] ?? m[2];
        return `第 ${rows[Number(m[1])]!.line} 行 ${column}：${i.message}`;
      }),
    );
  }
  return result.value;
}
