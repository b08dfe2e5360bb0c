import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { catalogueFromCsv, catalogueToCsv, CsvError, parseCsv } from '../../server/matters/catalogue-csv.ts';

const street = JSON.parse(readFileSync(new URL('../../config/matters/street.json', import.meta.url), 'utf8'));

describe('catalogue CSV', () => {
  it('exports with a BOM and Chinese headers, and imports back to the same matters', () => {
    const csv = catalogueToCsv(street.matters);
    expect(csv.startsWith('\uFEFF编号,事项名称,事项类型,实施主体,部门,业务类别\r\n')).toBe(true);
    expect(csv).toContain('street-09,就业登记、失业登记及就业失业登记证发放,公共服务,各街道办事处,就业,labor\r\n');
    const back = catalogueFromCsv(csv, 'street', street.title);
    expect(back.matters).toEqual(street.matters);
  });

  it('quotes commas, quotes and line breaks (RFC 4180)', () => {
    const tricky = [{ id: 'x-1', name: '甲,乙"丙"\n丁', type: '公共服务', body: '各街道办事处', department: '综合', categoryId: null }];
    const csv = catalogueToCsv(tricky);
    expect(csv).toContain('"甲,乙""丙""\n丁"');
    expect(catalogueFromCsv(csv, 'street', 't').matters).toEqual(tricky);
  });

  it('names the CSV line and column of a bad row', () => {
    const csv = catalogueToCsv(street.matters).replace('street-05,临时救助给付,行政给付', 'street-05,临时救助给付,行政审批');
    try {
      catalogueFromCsv(csv, 'street', 't');
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(CsvError);
      expect((err as CsvError).problems[0]).toMatch(/^第 6 行 事项类型：应为以下之一/);
    }
    expect(() => catalogueFromCsv('编号,名称\r\n', 'street', 't')).toThrow(/表头应为/);
    expect(() => parseCsv('a,"b\n')).toThrow(/引号没有闭合/);
  });
});
