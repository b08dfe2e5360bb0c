// Scanner line splitting and decoding against byte fixtures.
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeScan, MAX_CODE_BYTES, ScanLineSplitter, type SplitItem } from '../../drivers/scanner/code-scanner.ts';

// As the driver does: decode each line, ignore the ones that are empty after stripping.
const lines = (items: SplitItem[]) =>
  items.flatMap((i) => (i.type === 'line' ? [decodeScan(i.bytes)] : [])).filter(Boolean);
const h = (s: string): Buffer => Buffer.from(s.replace(/\s+/g, ''), 'hex');

// "A012" + CR:           41 30 31 32 0D
const A012_CR = h('41 30 31 32 0D');
// "A012" + LF:           41 30 31 32 0A
const A012_LF = h('41 30 31 32 0A');
// "A012" + CR LF:        41 30 31 32 0D 0A
const A012_CRLF = h('41 30 31 32 0D 0A');
// "张三" in UTF-8:        E5 BC A0 E4 B8 89
const ZHANGSAN_UTF8 = h('E5 BC A0 E4 B8 89');
// "张三" in GB18030:      D5 C5 C8 FD
const ZHANGSAN_GB = h('D5 C5 C8 FD');

describe('scanner line splitter', () => {
  it('CR / LF / CRLF suffixes', () => {
    expect(lines(new ScanLineSplitter('CR').push(A012_CR))).toEqual(['A012']);
    expect(lines(new ScanLineSplitter('LF').push(A012_LF))).toEqual(['A012']);
    expect(lines(new ScanLineSplitter('CRLF').push(A012_CRLF))).toEqual(['A012']);
  });

  it('several codes in one chunk and one code over many chunks', () => {
    expect(lines(new ScanLineSplitter('CR').push(Buffer.concat([A012_CR, h('42 30 30 37 0D')])))).toEqual([
      'A012',
      'B007',
    ]);
    const s = new ScanLineSplitter('CRLF');
    const got: string[] = [];
    for (const b of A012_CRLF) got.push(...lines(s.push(Buffer.of(b))));
    expect(got).toEqual(['A012']);
    expect(s.buffered).toBe(0);
  });

  it('CRLF split between chunks', () => {
    const s = new ScanLineSplitter('CRLF');
    expect(lines(s.push(h('41 30 31 32 0D')))).toEqual([]);
    expect(lines(s.push(h('0A')))).toEqual(['A012']);
  });

  it('empty lines are ignored; control characters stripped', () => {
    const s = new ScanLineSplitter('CR');
    expect(lines(s.push(h('0D 0D 02 41 30 1B 31 32 03 0D 20 0D')))).toEqual(['A012']); // STX … ETX, ESC inside
  });

  it('timeout mode: flush ends the code', () => {
    const s = new ScanLineSplitter('timeout');
    expect(lines(s.push(h('41 30')))).toEqual([]);
    expect(lines(s.push(h('31 32')))).toEqual([]);
    expect(lines(s.flush())).toEqual(['A012']);
    expect(s.flush()).toEqual([]);
  });

  it('a line without its suffix is reported as overflow on flush, not emitted', () => {
    const s = new ScanLineSplitter('CR');
    s.push(h('41 30 31 32'));
    expect(s.flush()).toEqual([{ type: 'overflow', bytes: 4 }]);
  });

  it('over-long line is dropped up to its suffix, the next code still comes through', () => {
    const s = new ScanLineSplitter('CR');
    const items: SplitItem[] = [];
    for (let i = 0; i < 10; i++) items.push(...s.push(Buffer.alloc(200, 0x41)));
    expect(s.buffered).toBeLessThanOrEqual(MAX_CODE_BYTES + 1);
    items.push(...s.push(Buffer.concat([h('41 0D'), A012_CR])));
    expect(items.filter((i) => i.type === 'overflow')).toEqual([{ type: 'overflow', bytes: 2001 }]);
    expect(lines(items)).toEqual(['A012']);
  });

  it('over-long line in a single chunk is dropped too', () => {
    const items = new ScanLineSplitter('LF').push(
      Buffer.concat([Buffer.alloc(MAX_CODE_BYTES + 1, 0x41), h('0A'), A012_LF]),
    );
    expect(items.filter((i) => i.type === 'overflow')).toEqual([{ type: 'overflow', bytes: MAX_CODE_BYTES + 1 }]);
    expect(lines(items)).toEqual(['A012']);
  });

  it('a code of exactly 512 bytes is kept', () => {
    const code = 'Z'.repeat(MAX_CODE_BYTES);
    expect(lines(new ScanLineSplitter('CRLF').push(Buffer.from(code + '\r\n')))).toEqual([code]);
  });

  it('decodes UTF-8, falls back to GB18030', () => {
    expect(decodeScan(ZHANGSAN_UTF8)).toBe('张三');
    expect(decodeScan(ZHANGSAN_GB)).toBe('张三');
    expect(decodeScan(iconv.encode('城关镇便民服务中心 A012', 'gb18030'))).toBe('城关镇便民服务中心 A012');
    expect(decodeScan(h('EF BB BF 41'))).toBe('A'); // UTF-8 BOM dropped
  });
});
