// CSV as administrators' spreadsheets (Excel, WPS) write and read it: RFC 4180 quoting, CRLF or LF, a UTF-8
// BOM. Used by the catalogue import/export and the appointment import. Every problem names its line.

export class CsvError extends Error {
  constructor(readonly problems: string[]) {
    super(`CSV 导入失败：\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/**
 * One field, the only CSV writer (预约码.csv, the catalogue export, the reports): quoted when it holds a
 * comma, a quote or a line break, and formula-guarded — a text starting with = + - @ (or a tab / CR) would
 * be run as a formula by Excel or WPS (=HYPERLINK(…) in a name typed at the console), so it gets a leading
 * quote mark, which spreadsheets show as text. parseCsv takes the mark off again, so an export re-imports.
 */
export function csvCell(v: string): string {
  const safe = FORMULA_START.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

const FORMULA_START = /^[=+\-@\t\r]/;
const GUARDED = /^'[=+\-@\t\r]/;

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
      if (next !== undefined && next !== ',' && next !== '\r' && next !== '\n')
        throw new CsvError([`第 ${line} 行：引号结束后应为逗号或换行，实际是“${next}”`]);
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
      if (ch === '"')
        throw new CsvError([`第 ${line} 行：未加引号的字段中出现引号，请把整个字段用引号括起来，内部引号写成两个`]);
      field += ch;
      i++;
    }
  }
  if (field !== '' || fields.length) endRecord();
  for (const r of records) r.fields = r.fields.map((f) => (f === '\u0000' ? '' : GUARDED.test(f) ? f.slice(1) : f));
  return records;
}

/** RFC 4180: quote a field holding a comma, a quote or a line break; double the quotes inside. */
export function csvField(value: string | number): string {
  // Numbers are data (a negative count is not a formula); text goes through the one guarded writer.
  return typeof value === 'number' ? String(value) : csvCell(value);
}

export function csvLine(fields: (string | number)[]): string {
  return fields.map(csvField).join(',');
}

export const BOM = '\uFEFF';
