// Byte-level tests of the pure printer code: status bytes, the exact command bytes the job builder
// writes, CJK width and wrapping, and the stream parser on split and odd input.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { JobBuilder } from '../../drivers/printer/job-builder.ts';
import { canPrint, conditionOf, decodeStatus, encodeStatus, isStatusByte } from '../../drivers/printer/status-codec.ts';
import { charWidth, spread, textWidth, truncate, wrapText } from '../../drivers/printer/text-width.ts';
import { EscPosParser, parseEscPos } from '../../drivers/printer/escpos-parser.ts';
import { statusRequest } from '../../drivers/printer/commands.ts';
import { fuzzRuns } from '../helpers/fuzz-runs.ts';

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex').replace(/(..)/g, '$1 ').trim();
const bytes = (h: string): Uint8Array => Uint8Array.from(Buffer.from(h.replace(/\s+/g, ''), 'hex'));

// ---- DLE EOT answers ----
const ALL_CLEAR = 0x12; // 0001 0010: fixed bits only, for every n
const N1_OFFLINE = 0x1a; // 0001 1010: bit 3 offline
const N2_COVER_OPEN = 0x16; // 0001 0110: bit 2 cover open
const N2_PAPER_END = 0x32; // 0011 0010: bit 5 stopped at paper end
const N2_ERROR = 0x52; // 0101 0010: bit 6 error
const N3_CUTTER = 0x1a; // 0001 1010: bit 3 auto-cutter error
const N4_NEAR_END = 0x1e; // 0001 1110: bits 2–3 near end
const N4_OUT = 0x7e; // 0111 1110: bits 2–3 near end and 5–6 paper end
const N4_OUT_ONE_BIT = 0x32; // 0011 0010: a clone that sets only bit 5
const ODD_ZERO = 0x00; // fixed bit 1 and 4 missing: not an answer
const ODD_FF = 0xff; // fixed bits 0 and 7 set: not an answer
const ODD_ASCII_A = 0x41; // 'A' (an echo): not an answer

describe('status codec (DLE EOT n)', () => {
  it('decodes the all-clear answer for every n as ready', () => {
    expect(decodeStatus(1, ALL_CLEAR)).toEqual({ n: 1, offline: false, waitingRecovery: false, drawerHigh: false });
    expect(decodeStatus(2, ALL_CLEAR)).toEqual({
      n: 2,
      coverOpen: false,
      feedButton: false,
      paperEnd: false,
      error: false,
    });
    expect(decodeStatus(3, ALL_CLEAR)).toEqual({ n: 3, cutter: false, unrecoverable: false, autoRecoverable: false });
    expect(decodeStatus(4, ALL_CLEAR)).toEqual({ n: 4, nearEnd: false, paperOut: false });
    expect(
      conditionOf({ printer: decodeStatus(1, ALL_CLEAR) as never, paper: decodeStatus(4, ALL_CLEAR) as never }),
    ).toBe('ready');
  });

  it('maps each cause to one state, most serious first', () => {
    const d1 = decodeStatus(1, N1_OFFLINE) as never;
    expect(conditionOf({ printer: d1 })).toBe('offline');
    expect(conditionOf({ printer: d1, offlineCause: decodeStatus(2, N2_COVER_OPEN) as never })).toBe('cover-open');
    expect(conditionOf({ printer: d1, offlineCause: decodeStatus(2, N2_PAPER_END) as never })).toBe('paper-out');
    expect(
      conditionOf({
        printer: d1,
        offlineCause: decodeStatus(2, N2_ERROR) as never,
        errorCause: decodeStatus(3, N3_CUTTER) as never,
      }),
    ).toBe('error');
    expect(conditionOf({ paper: decodeStatus(4, N4_NEAR_END) as never })).toBe('paper-near-end');
    expect(conditionOf({ paper: decodeStatus(4, N4_OUT) as never })).toBe('paper-out');
    expect(conditionOf({ paper: decodeStatus(4, N4_OUT_ONE_BIT) as never })).toBe('paper-out');
    // Cover open and paper out together: the cover first (closing it is the first thing to do).
    expect(
      conditionOf({
        offlineCause: decodeStatus(2, N2_COVER_OPEN | N2_PAPER_END) as never,
        paper: decodeStatus(4, N4_OUT) as never,
      }),
    ).toBe('cover-open');
    expect(canPrint('paper-near-end')).toBe(true);
    expect(canPrint('paper-out')).toBe(false);
  });

  it('rejects bytes without the fixed bits', () => {
    for (const b of [ODD_ZERO, ODD_FF, ODD_ASCII_A, 0x13, 0x92, -1, 256, 1.5]) {
      expect(isStatusByte(b)).toBe(false);
      expect(decodeStatus(1, b)).toBeNull();
    }
  });

  it('encodes what it decodes (the simulator speaks the same bytes)', () => {
    expect(encodeStatus(4, { paper: 'out', coverOpen: false })).toBe(N4_OUT);
    expect(encodeStatus(4, { paper: 'near-end', coverOpen: false })).toBe(N4_NEAR_END);
    expect(encodeStatus(2, { paper: 'ok', coverOpen: true })).toBe(N2_COVER_OPEN);
    expect(encodeStatus(1, { paper: 'ok', coverOpen: true })).toBe(N1_OFFLINE);
    expect(encodeStatus(1, { paper: 'ok', coverOpen: false })).toBe(ALL_CLEAR);
    expect(encodeStatus(3, { paper: 'ok', coverOpen: false, error: 'cutter' })).toBe(N3_CUTTER);
  });

  it('status requests are 10 04 n', () => {
    expect(hex(statusRequest(1))).toBe('10 04 01');
    expect(hex(statusRequest(4))).toBe('10 04 04');
  });
});

describe('job builder: exact bytes', () => {
  const job = (f: (b: JobBuilder) => void): string => {
    const b = new JobBuilder(32);
    f(b);
    return hex(b.bytes());
  };

  it('init, Chinese mode, align, bold, size', () => {
    expect(job((b) => b.init())).toBe('1b 40'); // ESC @
    expect(job((b) => b.chineseMode(true).chineseMode(false))).toBe('1c 26 1c 2e'); // FS &, FS .
    expect(job((b) => b.align('left').align('center').align('right'))).toBe('1b 61 00 1b 61 01 1b 61 02'); // ESC a n
    expect(job((b) => b.bold(true).bold(false))).toBe('1b 45 01 1b 45 00'); // ESC E n
    expect(job((b) => b.size(2, 2).size(1, 1).size(3, 1))).toBe('1d 21 11 1d 21 00 1d 21 20'); // GS ! n
    expect(job((b) => b.lineSpacing(null).lineSpacing(24))).toBe('1b 32 1b 33 18'); // ESC 2, ESC 3 n
  });

  it('Chinese text goes out as GB18030 with LF', () => {
    expect(job((b) => b.line('中文A1'))).toBe('d6 d0 ce c4 41 31 0a'); // 中 D6D0, 文 CEC4
    expect(job((b) => b.line(''))).toBe('0a');
    expect(job((b) => b.line('a\u001bb'))).toBe('61 62 0a'); // an ESC inside text is dropped, not sent as a command
  });

  it('cut: GS V 42 n partial, GS V 41 n full', () => {
    expect(job((b) => b.cut('partial', 48))).toBe('1d 56 42 30');
    expect(job((b) => b.cut('full', 0))).toBe('1d 56 41 00');
  });

  it('QR: GS ( k model 2, module size, level, store, print', () => {
    expect(job((b) => b.qr('AB', { moduleSize: 5, level: 'M' }))).toBe(
      [
        '1d 28 6b 04 00 31 41 32 00', // fn 65: model 2
        '1d 28 6b 03 00 31 43 05', // fn 67: module 5 dots
        '1d 28 6b 03 00 31 45 31', // fn 69: level M
        '1d 28 6b 05 00 31 50 30 41 42', // fn 80: store "AB" (pL = 3 + 2)
        '1d 28 6b 03 00 31 51 30', // fn 81: print
      ].join(' '),
    );
    const long = new JobBuilder(48).qr('x'.repeat(300)).bytes();
    const store = Buffer.from(long).indexOf(Buffer.from([0x1d, 0x28, 0x6b, 0x2f, 0x01, 0x31, 0x50, 0x30])); // pL pH = 303 = 0x012F
    expect(store).toBeGreaterThan(0);
    expect(() => new JobBuilder(32).qr('')).toThrow(/二维码内容长度/);
  });

  it('wrapped() and field() keep every line within the columns at the current size', () => {
    const b = new JobBuilder(32).size(2, 1);
    expect(b.lineColumns).toBe(16);
    b.size(1, 1).field('事项名称：', '城市居民最低生活保障申请城市居民最低生活保障申请');
    const lines = parseEscPos(b.bytes()).filter((c) => c.op === 'text');
    expect(lines.length).toBe(3);
  });
});

describe('width and wrap (CJK double width)', () => {
  it('counts ASCII as 1 and every multi-byte GB18030 character as 2', () => {
    expect(textWidth('A012')).toBe(4);
    expect(textWidth('城市居民')).toBe(8);
    expect(textWidth('前面还有 7 人')).toBe(13);
    expect(textWidth('【补打】')).toBe(8);
    expect(charWidth('×')).toBe(2); // A1C1 in GB18030: printed full width
    expect(charWidth('\n')).toBe(0);
  });

  it('wraps Chinese at the column count', () => {
    expect(wrapText('城市居民最低生活保障申请', 8)).toEqual(['城市居民', '最低生活', '保障申请']);
    // 9 columns: the 5th character would stop at column 10, so each line has 4.
    expect(wrapText('城市居民最低生活保障申请', 9)).toEqual(['城市居民', '最低生活', '保障申请']);
  });

  it('keeps ASCII words whole and breaks overlong ones', () => {
    expect(wrapText('电话 0991-2345678 转 8001', 12)).toEqual(['电话', '0991-2345678', '转 8001']);
    expect(wrapText('http://192.168.1.20:8080/t/abcdef', 10)).toEqual([
      'http://192',
      '.168.1.20:',
      '8080/t/abc',
      'def',
    ]);
  });

  it('does not start a line with closing punctuation (行首禁则)', () => {
    const lines = wrapText('户口簿原件、身份证原件。', 10);
    for (const l of lines) expect('，。、；：）》」'.includes(l[0]!)).toBe(false);
    expect(lines.join('')).toBe('户口簿原件、身份证原件。');
  });

  it('hanging indent and kept newlines', () => {
    expect(wrapText('持有本地城镇常住户口', 10, { firstIndent: 0, indent: 3 })).toEqual([
      '持有本地城',
      '   镇常住',
      '   户口',
    ]);
    expect(wrapText('持有本地城镇', 10, { firstIndent: 4 })).toEqual(['    持有本', '地城镇']);
    expect(wrapText('第一行\n第二行', 32)).toEqual(['第一行', '第二行']);
  });

  it('every wrapped line fits and no character is lost (property)', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(...'城市居民低保户口簿，。、（）ABC 0123-:/'), maxLength: 200 }),
        fc.integer({ min: 4, max: 48 }),
        (s, cols) => {
          const lines = wrapText(s, cols);
          for (const l of lines) expect(textWidth(l)).toBeLessThanOrEqual(cols);
          expect(lines.join('').replace(/ /g, '')).toBe(s.replace(/ /g, ''));
        },
      ),
      { numRuns: fuzzRuns(300) },
    );
  });

  it('truncate and spread respect full-width characters', () => {
    expect(truncate('城市居民', 5)).toBe('城市');
    expect(spread('窗口', '3号', 10)).toBe('窗口   3号');
    expect(spread('城市居民最低生活', '3号', 10)).toBeNull();
  });
});

describe('stream parser', () => {
  // ESC @, FS &, "中" (D6 D0), LF, GS ( k store "A", GS V 42 30, DLE EOT 4
  const STREAM = bytes('1b40 1c26 d6d0 0a 1d286b04003150 3041 1d564230 100404');

  it('parses a job into commands', () => {
    expect(parseEscPos(STREAM).map((c) => c.op)).toEqual([
      'init',
      'chinese',
      'text',
      'lf',
      'qr',
      'cut',
      'status-request',
    ]);
  });

  it('gives the same commands however the bytes are split', () => {
    const whole = parseEscPos(STREAM)
      .map((c) => hex(c.raw))
      .join('|');
    for (let cut = 1; cut < STREAM.length; cut++) {
      const p = new EscPosParser();
      const got = [...p.push(STREAM.subarray(0, cut)), ...p.push(STREAM.subarray(cut)), ...p.end()];
      // Text may come in two pieces when split inside it; joined, it is the same bytes.
      expect(
        got
          .map((c) => hex(c.raw))
          .join('|')
          .replace(/d6\|d0/, 'd6 d0'),
      ).toBe(whole);
    }
  });

  it('skips unknown and bit-image commands by their length, so the text after them survives', () => {
    // ESC * 00 02 00 + 2 data bytes, GS v 0 00 01 00 02 00 + 2 bytes, ESC ~ (unknown), then "OK" LF
    const cmds = parseEscPos(bytes('1b2a00020041 42 1d763000010002004344 1b7e 4f4b0a'));
    expect(cmds.map((c) => c.op)).toEqual(['unknown', 'unknown', 'unknown', 'text', 'lf']);
    expect(Buffer.from((cmds[3] as { bytes: Uint8Array }).bytes).toString()).toBe('OK');
  });

  it('streams past a huge declared image without buffering it', () => {
    const p = new EscPosParser();
    p.push(bytes('1d7630 00 ff ff ff ff')); // GS v 0, 65535 × 65535 bytes declared
    expect(p.pendingBytes).toBe(0);
    p.push(new Uint8Array(100_000));
    expect(p.pendingBytes).toBe(0);
  });

  it('holds a command cut short until the rest arrives', () => {
    const p = new EscPosParser();
    expect(p.push(bytes('1b'))).toEqual([]);
    expect(p.pendingBytes).toBe(1);
    expect(p.push(bytes('40')).map((c) => c.op)).toEqual(['init']);
    expect(p.push(bytes('1d28 6b')).length).toBe(0);
    expect(p.end().map((c) => c.op)).toEqual(['unknown']);
  });
});
