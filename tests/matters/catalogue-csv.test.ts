// CSV export/import of the catalogue: what an administrator round-trips through Excel.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { catalogueFromCsv, catalogueToCsv, CsvError, parseCsv } from '../../server/matters/catalogue-csv.ts';
import { createCatalogue, loadCatalogue, type MatterRow } from '../../server/matters/catalogue.ts';
import type { CenterLevel } from '../../server/contract/matters.ts';
import { fuzzRuns } from '../helpers/fuzz-runs.ts';

const CONFIG = new URL('../../config', import.meta.url).pathname;
const CATEGORIES = JSON.parse(readFileSync(join(CONFIG, 'categories.json'), 'utf8')).map(
  (c: { id: string }) => c.id,
) as string[];
const load = (level: CenterLevel) => loadCatalogue(CONFIG, level, { categoryIds: CATEGORIES });
const problemsOf = (f: () => unknown): string[] => {
  try {
    f();
  } catch (err) {
    expect(err).toBeInstanceOf(CsvError);
    return (err as CsvError).problems;
  }
  throw new Error('no error');
};

describe('catalogue CSV export', () => {
  it('starts with a BOM and the Chinese header, ends lines with CRLF, quotes a name with a comma', () => {
    const csv = catalogueToCsv(load('township').rows);
    expect(csv.startsWith('\uFEFF编号,事项名称,事项类型,实施主体,层级,部门,业务类别,关键词,办事指南,须公告\r\n')).toBe(
      true,
    );
    expect(csv).toContain(
      '\r\ntownship-08,最低生活保障,行政给付,各乡镇人民政府,township,民政,civil,低保|低保申请,,\r\n',
    );
    expect(csv).toContain(
      '\r\ntownship-12,"在土地承包经营期限内,对个别承包经营者之间承包的土地进行适当调整审核",其他行政权力,',
    );
    expect(csv).toContain(
      '\r\ntownship-19,就业困难人员认定,公共服务,各乡镇人民政府,township,就业,labor,,employment-difficulty,\r\n',
    );
    expect(csv.split('\r\n')).toHaveLength(56 + 2);
  });
});

describe('catalogue CSV import', () => {
  it('export → import gives the same rows and the same matters, for every level', () => {
    for (const level of ['township', 'street', 'village'] as const) {
      const { rows, guides } = load(level);
      const back = catalogueFromCsv(catalogueToCsv(rows), level, {
        guideKeys: new Set(Object.keys(guides)),
        categoryIds: new Set(CATEGORIES),
      });
      expect(back.rows).toEqual(rows);
      expect(createCatalogue(level, back.rows, guides).list()).toEqual(load(level).matters);
    }
  });

  it('keeps commas, quotes and line breaks inside a cell (RFC 4180)', () => {
    const tricky: MatterRow[] = [
      {
        id: 'x-1',
        name: '甲,乙"丙"\n丁',
        type: '公共服务',
        body: '村委会(居委会)',
        levels: ['street'],
        department: '综合',
        categoryId: null,
        keywords: ['逗号,号', '引"号'],
        guide: null,
      },
      {
        id: 'x-2',
        name: '开具"推荐"证明',
        type: '便民服务',
        body: '各街道办事处',
        levels: ['street', 'township'],
        department: '司法',
        categoryId: 'general',
        keywords: [],
        guide: null,
      },
    ];
    const csv = catalogueToCsv(tricky);
    expect(csv).toContain('x-1,"甲,乙""丙""\n丁",公共服务');
    expect(catalogueFromCsv(csv, 'street').rows).toEqual(tricky);
  });

  it('round-trips any text (property)', () => {
    const text = fc
      .string({
        unit: fc.oneof(fc.constantFrom('低', '保', ',', '"', '\n', '\r\n', '|', ' ', 'a'), fc.constantFrom('申', '请')),
        minLength: 1,
        maxLength: 30,
      })
      .filter((s) => s.trim() === s && s.length > 0);
    fc.assert(
      fc.property(
        fc.array(text, { minLength: 1, maxLength: 5 }),
        fc.array(
          text.filter((s) => !s.includes('|')),
          { maxLength: 3 },
        ),
        (names, keywords) => {
          const rows: MatterRow[] = names.map((name, i) => ({
            id: `p-${i}`,
            name: `${name}${i}`,
            type: '其他',
            body: name,
            levels: ['village'],
            department: name,
            categoryId: null,
            keywords,
            guide: null,
          }));
          expect(catalogueFromCsv(catalogueToCsv(rows), 'village').rows).toEqual(rows);
        },
      ),
      { numRuns: fuzzRuns(200) },
    );
  });

  it('random and mutated files: rows or a CsvError with problems, never another error (fuzz)', () => {
    const levels = ['township', 'street', 'village'] as const;
    const exports = Object.fromEntries(levels.map((l) => [l, catalogueToCsv(load(l).rows)]));
    const guideKeys = new Set(Object.keys(load('street').guides));
    const unit = fc.oneof(
      fc.constantFrom(
        ',',
        '"',
        '""',
        '\r',
        '\n',
        '\r\n',
        '|',
        '\uFEFF',
        '\u0000',
        ' ',
        '编号',
        '层级',
        'street',
        'civil',
      ),
      fc.string({ maxLength: 3 }),
    );
    const edit = fc.record({ at: fc.nat(), drop: fc.nat({ max: 40 }), insert: fc.string({ unit, maxLength: 6 }) });
    const mutated = fc
      .tuple(fc.constantFrom(...levels), fc.array(edit, { minLength: 1, maxLength: 8 }))
      .map(([level, edits]) => {
        let text = exports[level]!;
        for (const e of edits) {
          const at = e.at % (text.length + 1);
          text = text.slice(0, at) + e.insert + text.slice(at + e.drop);
        }
        return text;
      });
    const random = fc.oneof(
      fc.string({ unit, maxLength: 200, size: 'max' }),
      fc.string({ maxLength: 200, size: 'max' }),
      fc.string({ unit: 'binary', maxLength: 200, size: 'max' }),
    );
    fc.assert(
      fc.property(fc.oneof(mutated, random), fc.constantFrom(...levels), fc.boolean(), (text, level, checked) => {
        for (const run of [
          () => parseCsv(text),
          () => catalogueFromCsv(text, level, checked ? { guideKeys, categoryIds: new Set(CATEGORIES) } : {}),
        ]) {
          try {
            run();
          } catch (err) {
            expect(err).toBeInstanceOf(CsvError);
            expect((err as CsvError).problems.length).toBeGreaterThan(0);
          }
        }
      }),
      { numRuns: fuzzRuns(100) },
    );
  });

  it('finds columns by header, so a reordered sheet or English keys import too; missing optional columns get defaults', () => {
    const csv = '\uFEFFname,id,type,body,department\r\n最低生活保障,s-1,行政给付,各街道办事处,民政\r\n';
    expect(catalogueFromCsv(csv, 'street').rows).toEqual([
      {
        id: 's-1',
        name: '最低生活保障',
        type: '行政给付',
        body: '各街道办事处',
        levels: ['street'],
        department: '民政',
        categoryId: null,
        keywords: [],
        guide: null,
      },
    ]);
  });

  it('names the line, the matter and the column of a bad row', () => {
    const { rows, guides } = load('street');
    const csv = catalogueToCsv(rows)
      .replace('street-05,临时救助给付,行政给付', 'street-05,临时救助给付,行政审批')
      .replace(',民政,civil,低保|低保申请,urban-minimum-living', ',民政,civil,低保|低保申请,no-guide');
    expect(
      problemsOf(() =>
        catalogueFromCsv(csv, 'street', { file: 'street.csv', guideKeys: new Set(Object.keys(guides)) }),
      ),
    ).toEqual([
      'street.csv 第 4 行（street-03 最低生活保障） 办事指南（guide）：guides.json 中没有键为 "no-guide" 的办事指南',
      expect.stringMatching(/^street\.csv 第 6 行（street-05 临时救助给付） 事项类型（type）：应为以下之一/),
    ]);
  });

  it('counts lines inside quoted cells when it names a line', () => {
    const csv =
      '编号,事项名称,事项类型,实施主体,部门\n a-1,"两行\n的名称",公共服务,村委会,综合\na-1,重复,公共服务,村委会,综合\n';
    expect(problemsOf(() => catalogueFromCsv(csv, 'village'))).toEqual([
      'CSV 第 4 行（a-1 重复） 编号（id）：编号 "a-1" 与第 2 行重复',
    ]);
  });

  it('refuses a wrong header, a wrong column count, broken quotes', () => {
    const header = problemsOf(() => catalogueFromCsv('编号,名称\r\n', 'street'));
    expect(header[0]).toBe(
      'CSV 第 1 行 第 2 列：不认识的表头“名称”（可用：编号、事项名称、事项类型、实施主体、层级、部门、业务类别、关键词、办事指南、须公告）',
    );
    expect(header.slice(1)).toEqual([
      'CSV 第 1 行：缺少“事项名称”列',
      'CSV 第 1 行：缺少“事项类型”列',
      'CSV 第 1 行：缺少“实施主体”列',
      'CSV 第 1 行：缺少“部门”列',
    ]);
    expect(
      problemsOf(() => catalogueFromCsv('编号,事项名称,事项类型,实施主体,部门\r\nx-1,名称,公共服务\r\n', 'street')),
    ).toEqual(['CSV 第 2 行（x-1）：应有 5 列，实际 3 列']);
    expect(problemsOf(() => catalogueFromCsv('编号,事项名称\r\n', 'street'))).toEqual([
      'CSV 第 1 行：缺少“事项类型”列',
      'CSV 第 1 行：缺少“实施主体”列',
      'CSV 第 1 行：缺少“部门”列',
    ]);
    expect(problemsOf(() => parseCsv('a,"b\n'))).toEqual(['第 1 行：引号没有闭合']);
    expect(problemsOf(() => parseCsv('a,"b"c\n'))).toEqual(['第 1 行：引号结束后应为逗号或换行，实际是“c”']);
    expect(problemsOf(() => parseCsv('a,b"c\n'))).toEqual([
      '第 1 行：未加引号的字段中出现引号，请把整个字段用引号括起来，内部引号写成两个',
    ]);
    expect(problemsOf(() => catalogueFromCsv('', 'street'))).toHaveLength(1);
  });

  it('parses empty quoted cells, LF and CRLF, and skips blank lines', () => {
    expect(parseCsv('a,"",c\n\r\n"x"\r\n')).toEqual([
      { line: 1, fields: ['a', '', 'c'] },
      { line: 3, fields: ['x'] },
    ]);
  });
});
