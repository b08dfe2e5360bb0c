// The monthly report as CSV: BOM for Excel, Chinese headers, RFC 4180 quoting (checked by parsing it
// back), CRLF lines; and the printable HTML page escapes what it shows.
import { describe, expect, it } from 'vitest';
import { computeStats, type StatsEvent } from '../../server/stats/compute.ts';
import { csvField, FIGURE_COLUMNS, reportCsv, reportHtml, reportSpec } from '../../server/stats/report.ts';

/** A strict RFC 4180 reader, to prove the writer's output parses back to the same fields. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), (i += 2);
      else if (c === '"') (quoted = false), i++;
      else (field += c), i++;
    } else if (c === '"' && field === '') (quoted = true), i++;
    else if (c === ',') row.push(field), (field = ''), i++;
    else if (c === '\r' && text[i + 1] === '\n') row.push(field), rows.push(row), (row = []), (field = ''), (i += 2);
    else if (c === '\n') throw new Error(`bare LF at ${i}`);
    else (field += c), i++;
  }
  if (field || row.length) throw new Error('missing final CRLF');
  return rows;
}

const at = (time: string) => new Date(Date.parse(`2026-11-23T${time}:00+08:00`)).toISOString();
let id = 0;
const ev = (time: string, type: string, ticketId: string, extra: Partial<StatsEvent> = {}): StatsEvent => ({
  id: ++id,
  at: at(time),
  actor: 'w3a',
  type,
  ticketId,
  windowNo: null,
  categoryId: 'labor',
  data: {},
  ...extra,
});

const tricky = '劳动保障,"社保"\n窗口';
function report() {
  return computeStats({
    from: '2026-11-01',
    to: '2026-11-30',
    period: 'day',
    offsetMs: 8 * 3600_000,
    today: '2026-12-02',
    events: [
      ev('09:00', 'ticket.issued', 't1', { actor: 'kiosk' }),
      ev('09:12', 'ticket.called', 't1', { windowNo: 3 }),
      ev('09:30', 'ticket.finished', 't1', { windowNo: 3 }),
      ev('09:40', 'case.accepted', '', {
        ticketId: 't1',
        windowNo: 3,
        categoryId: null,
        data: { caseId: 'k1', matterId: 'm1', kind: 'promised', promisedDate: '2026-11-27' },
      }),
    ],
    ratings: [{ serviceDate: '2026-11-23', windowNo: 3, staffId: 'w3a', categoryId: 'labor', value: 'dissatisfied' }],
    labels: {
      category: () => tricky,
      window: (no) => `${no}号窗口`,
      staff: () => '=HYPERLINK("x")',
      matter: () => '就业困难人员认定',
    },
  });
}

describe('report CSV', () => {
  const spec = reportSpec('month', '2026-11', '顾力木图街道便民服务中心')!;
  const csv = reportCsv(report(), spec, '2026-12-02 10:00');

  it('starts with a UTF-8 BOM and uses CRLF line ends', () => {
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(Buffer.from(csv, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(csv.endsWith('\r\n')).toBe(true);
    // The reader refuses a bare LF outside quotes: the only LF is the one inside the quoted name.
    expect(() => parseCsv(csv.slice(1))).not.toThrow();
    expect(csv.split('\n').length - csv.split('\r\n').length).toBe(1);
  });

  it('has the Chinese title, headings and columns, and quotes per RFC 4180', () => {
    const rows = parseCsv(csv.slice(1));
    expect(rows[0]).toEqual(['顾力木图街道便民服务中心便民服务办理情况统计表（2026年11月）']);
    const heading = rows.findIndex((r) => r[0] === '二、按业务类别');
    expect(rows[heading + 1]).toEqual(['业务类别', ...FIGURE_COLUMNS]);
    // The comma, the quotes and the line break survive as one field.
    expect(rows[heading + 2]).toEqual([
      tricky,
      '1',
      '1',
      '0',
      '0',
      '0',
      '12.0',
      '12.0',
      '12.0',
      '18.0',
      '18.0',
      '1',
      '0.0%',
    ]);
    expect(csv).toContain('"劳动保障,""社保""\n窗口"');
    const totals = rows[rows.findIndex((r) => r[0] === '一、总体情况') + 2]!;
    expect(totals[0]).toBe('2026-11-01 至 2026-11-30');
    const ratings = rows.findIndex((r) => r[0] === '七、好差评');
    expect(rows[ratings + 1]).toEqual([
      '非常满意',
      '满意',
      '基本满意',
      '不满意',
      '非常不满意',
      '未评价',
      '评价数',
      '满意率',
    ]);
    expect(rows[ratings + 2]).toEqual(['0', '0', '0', '1', '0', '0', '1', '0.0%']);
    const cases = rows.findIndex((r) => r[0] === '六、办件统计（按事项）');
    // Promised for the 27th and still open when November ended: overdue.
    expect(rows[cases + 1]).toEqual([
      '事项',
      '收件数',
      '受理数',
      '即办件',
      '承诺件',
      '上报件',
      '补正件',
      '退回件（不予受理）',
      '代办件',
      '联办件',
      '不予批准',
      '即办办结',
      '按时办结',
      '超期办结',
      '超期未办结',
    ]);
    expect(rows[cases + 2]).toEqual([
      '就业困难人员认定',
      '1',
      '1',
      '0',
      '1',
      '0',
      '0',
      '0',
      '0',
      '0',
      '0',
      '0',
      '0',
      '0',
      '1',
    ]);
    // Thirty day rows, one per day of November.
    const days = rows.findIndex((r) => r[0] === '五、按日');
    expect(rows.slice(days + 2, days + 32).map((r) => r[0])).toEqual(
      Array.from({ length: 30 }, (_, i) => `11月${i + 1}日`),
    );
  });

  it('never lets a spreadsheet run a name as a formula', () => {
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField(-3)).toBe('-3');
    expect(csv).not.toMatch(/(^|,)=HYPERLINK/m);
  });

  it('the quarterly report has one row per month', () => {
    const q = reportSpec('quarter', '2026-Q4', '中心')!;
    expect(q).toMatchObject({
      from: '2026-10-01',
      to: '2026-12-31',
      period: 'month',
      title: '中心办件统计表（2026年第4季度）',
    });
    expect(reportSpec('quarter', '2026-Q5', '中心')).toBeNull();
  });

  it('the printable page escapes names', () => {
    const html = reportHtml(report(), spec, '2026-12-02 10:00');
    expect(html).toContain('<h1>顾力木图街道便民服务中心便民服务办理情况统计表（2026年11月）</h1>');
    expect(html).toContain('劳动保障,&quot;社保&quot;');
    expect(html).not.toContain('"社保"');
  });
});
