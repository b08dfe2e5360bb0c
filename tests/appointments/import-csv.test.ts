// 预约导入: a spreadsheet of appointments is checked row by row before anything is booked.
import { describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import {
  appointmentsFromCsv,
  decodeSpreadsheet,
  normalizeDate,
  normalizeTime,
  UNREADABLE_ENCODING,
  type ImportLookup,
} from '../../server/appointments/import-csv.ts';
import { CsvError } from '../../server/contract/csv.ts';

const lookup: ImportLookup = {
  categories: [
    { id: 'civil', name: '民政' },
    { id: 'labor', name: '劳动保障·社保' },
  ],
  matter: (x) =>
    x === 'street-03' || x === '最低生活保障'
      ? { id: 'street-03', categoryId: 'civil' }
      : x === 'street-02'
        ? { id: 'street-02', categoryId: null }
        : null,
  slotProblem: (date, from, to) =>
    date === '2026-12-06' ? `${date} 是休息日或法定节假日，中心不办公` : from >= to ? '开始时间应早于结束时间' : null,
};

function problems(csv: string): string[] {
  try {
    appointmentsFromCsv(csv, lookup);
  } catch (err) {
    if (err instanceof CsvError) return err.problems;
    throw err;
  }
  throw new Error('没有报错');
}

describe('appointment import', () => {
  it('reads an export with a BOM, columns in any order, dates and times as people write them, matter by name or id', () => {
    const csv =
      '\uFEFF姓名,身份证号,日期,开始,结束,事项,业务类别\r\n张小三,65270119900307123x,2026/12/3,9:30,10:30,最低生活保障,\r\n,,2026年12月4日,16:00,17:00,,劳动保障·社保\r\n李四,,2026-12-04,10:30,11:30,street-03,labor\r\n';
    expect(appointmentsFromCsv(csv, lookup)).toEqual([
      {
        line: 2,
        date: '2026-12-03',
        slotFrom: '09:30',
        slotTo: '10:30',
        categoryId: 'civil',
        matterId: 'street-03',
        name: '张小三',
        idNumber: '65270119900307123X',
      },
      {
        line: 3,
        date: '2026-12-04',
        slotFrom: '16:00',
        slotTo: '17:00',
        categoryId: 'labor',
        matterId: null,
        name: null,
        idNumber: null,
      },
      // A category given explicitly wins over the matter's own.
      {
        line: 4,
        date: '2026-12-04',
        slotFrom: '10:30',
        slotTo: '11:30',
        categoryId: 'labor',
        matterId: 'street-03',
        name: '李四',
        idNumber: null,
      },
    ]);
  });

  it('refuses the whole file, naming every bad row and column', () => {
    const csv =
      '日期,开始,结束,业务类别,事项,身份证号\n2026-02-30,9:30,10:30,民政,,\n2026-12-03,25:00,10:30,民政,,\n2026-12-06,09:30,10:30,民政,,\n2026-12-03,09:30,10:30,户籍,,\n2026-12-03,09:30,10:30,,street-02,\n2026-12-03,09:30,10:30,,办护照,\n2026-12-03,09:30,10:30,民政,,1234\n2026-12-03,10:30,09:30,民政,,\n';
    expect(problems(csv)).toEqual([
      '第 2 行“日期”：“2026-02-30”不是日期，应写成 2026-12-03',
      '第 3 行“开始”：“25:00”不是时间，应写成 09:30',
      '第 4 行“日期/时段”：2026-12-06 是休息日或法定节假日，中心不办公',
      '第 5 行“业务类别”：没有“户籍”，可选：民政、劳动保障·社保',
      '第 6 行“业务类别”：该事项不在窗口办理，请填写业务类别',
      '第 7 行“事项”：本中心事项清单中没有“办护照”（可写事项编号或完整名称）',
      '第 8 行“身份证号”：应为 18 位（最后一位可以是 X）',
      '第 9 行“日期/时段”：开始时间应早于结束时间',
    ]);
  });

  it('names missing header columns, an empty file and a file without rows', () => {
    expect(problems('姓名,日期\n张三,2026-12-03\n')).toEqual(['第 1 行（表头）缺少列：开始、结束、业务类别或事项']);
    expect(problems('')).toEqual(['文件是空的：第一行应为表头（日期,开始,结束,业务类别,事项,姓名,身份证号）']);
    expect(problems('日期,开始,结束,业务类别\n')).toEqual(['表头之后没有预约']);
  });

  it('normalizes dates and times, refusing impossible ones', () => {
    expect(normalizeDate('2026.1.5')).toBe('2026-01-05');
    expect(normalizeDate('2026-13-01')).toBeNull();
    expect(normalizeDate('2026-02-29')).toBeNull();
    expect(normalizeDate('明天')).toBeNull();
    expect(normalizeTime('9：05')).toBe('09:05');
    expect(normalizeTime('24:00')).toBeNull();
    expect(normalizeTime('930')).toBeNull();
  });
});

// What Excel and WPS write when a sheet is saved as "CSV (逗号分隔)" on Chinese Windows: GBK/GB18030.
describe('appointment import: file encodings', () => {
  const sheet =
    '日期,开始,结束,事项,姓名\r\n2026/12/3,9:30,10:30,最低生活保障,张小三\r\n2026-12-04,10:30,11:30,street-03,𠀾李四\r\n';
  const expected = [
    {
      line: 2,
      date: '2026-12-03',
      slotFrom: '09:30',
      slotTo: '10:30',
      categoryId: 'civil',
      matterId: 'street-03',
      name: '张小三',
      idNumber: null,
    },
    {
      line: 3,
      date: '2026-12-04',
      slotFrom: '10:30',
      slotTo: '11:30',
      categoryId: 'civil',
      matterId: 'street-03',
      name: '𠀾李四',
      idNumber: null,
    },
  ];

  it('reads a GB18030 file (four-byte characters too) the same as the UTF-8 one', () => {
    const gb = iconv.encode(sheet, 'gb18030');
    expect(new TextDecoder('utf-8', { fatal: false }).decode(gb)).not.toBe(sheet); // really not UTF-8
    expect(decodeSpreadsheet(gb)).toBe(sheet);
    expect(appointmentsFromCsv(gb, lookup)).toEqual(expected);
  });

  it('reads UTF-8 bytes with and without a BOM', () => {
    const utf8 = new TextEncoder().encode(sheet);
    expect(appointmentsFromCsv(utf8, lookup)).toEqual(expected);
    expect(appointmentsFromCsv(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8]), lookup)).toEqual(expected);
  });

  it('a file in neither encoding (an .xlsx, a picture) is refused in Chinese, saying how to save it', () => {
    const xlsx = new Uint8Array([
      0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00, 0x00, 0x00, 0x21, 0x00, 0xff, 0xfe, 0x80,
    ]);
    try {
      appointmentsFromCsv(xlsx, lookup);
      throw new Error('没有报错');
    } catch (err) {
      expect(err).toBeInstanceOf(CsvError);
      expect((err as CsvError).problems).toEqual([UNREADABLE_ENCODING]);
      expect(UNREADABLE_ENCODING).toMatch(/无法识别文件的编码.*另存为/);
    }
  });
});
