import { describe, expect, it } from 'vitest';
import { parseScanCode, WedgeReader } from '../../kiosk/kiosk/scan-code.ts';

describe('parseScanCode', () => {
  it('finds the ticket id in a slip URL', () => {
    expect(parseScanCode('http://192.168.1.10:8080/t/tk_8f3a-21')).toEqual({ kind: 'ticket', ticketId: 'tk_8f3a-21' });
    expect(parseScanCode('https://kiosk.example/t/abc/')).toEqual({ kind: 'ticket', ticketId: 'abc' });
    expect(parseScanCode('  /t/abc\r\n')).toEqual({ kind: 'ticket', ticketId: 'abc' });
    expect(parseScanCode('http://x/t/abc?utm=1#top')).toEqual({ kind: 'ticket', ticketId: 'abc' });
  });

  it('finds the case id in a receipt URL (受理回执)', () => {
    expect(parseScanCode('http://192.168.1.10:8080/c/Xy9_k-2Q')).toEqual({ kind: 'case', caseId: 'Xy9_k-2Q' });
    expect(parseScanCode('/c/abc/')).toEqual({ kind: 'case', caseId: 'abc' });
    expect(parseScanCode('http://x/c/abc/extra').kind).toBe('unknown');
    expect(parseScanCode('http://x/ac/abc').kind).toBe('unknown');
  });

  it('does not take other codes for tickets', () => {
    expect(parseScanCode('http://x/d/abc').kind).toBe('unknown');
    expect(parseScanCode('http://x/t/abc/extra').kind).toBe('unknown');
    expect(parseScanCode('http://x/t/').kind).toBe('unknown');
    expect(parseScanCode('http://x/t/a b').kind).toBe('unknown');
    expect(parseScanCode('6527011950031512X').kind).toBe('unknown');
    expect(parseScanCode('http://x/at/abc').kind).toBe('unknown');
  });
});

describe('WedgeReader', () => {
  const feed = (r: WedgeReader, text: string, start: number, gap: number) => {
    let t = start;
    for (const ch of text) {
      expect(r.feed(ch, t)).toBeNull();
      t += gap;
    }
    return r.feed('Enter', t);
  };

  it('returns a fast burst ending in Enter', () => {
    expect(feed(new WedgeReader(), 'http://h/t/abc', 0, 5)).toBe('http://h/t/abc');
  });

  it('ignores slow typing, short bursts and a lone Enter', () => {
    const r = new WedgeReader();
    expect(feed(r, 'abcdef', 0, 200)).toBeNull();
    expect(feed(r, 'ab', 10_000, 5)).toBeNull();
    expect(r.feed('Enter', 20_000)).toBeNull();
  });

  it('starts afresh after a pause, and ignores modifier keys', () => {
    const r = new WedgeReader();
    r.feed('x', 0);
    r.feed('y', 10);
    let t = 5_000;
    for (const key of ['Shift', 'A', 'B', 'Shift', 'C', 'D']) r.feed(key, (t += 3));
    expect(r.feed('Enter', t + 3)).toBe('ABCD');
  });
});

describe('appointment codes', () => {
  it('recognises YY:<code> and normalises case', () => {
    expect(parseScanCode('YY:ab12cd34')).toEqual({ kind: 'appointment', code: 'YY:AB12CD34' });
    expect(parseScanCode('YY:').kind).toBe('unknown');
  });
});

describe('WedgeReader with keyboards that are not plain', () => {
  const down = (key: string, code: string, extra: Partial<{ shiftKey: boolean; altKey: boolean }> = {}) => ({
    type: 'keydown' as const,
    key,
    code,
    shiftKey: false,
    altKey: false,
    ...extra,
  });
  const up = (key: string, code: string) => ({ type: 'keyup' as const, key, code, shiftKey: false, altKey: false });

  it("reads 'Unidentified' and 'Process' (input method composing) keys by their physical code, shift included", () => {
    const r = new WedgeReader();
    let t = 0;
    const keys = [
      down('Unidentified', 'KeyY', { shiftKey: true }),
      down('Unidentified', 'KeyY', { shiftKey: true }),
      down('Process', 'Semicolon', { shiftKey: true }),
      down('Process', 'KeyA'),
      down('Process', 'Digit1'),
      down('Unidentified', 'Slash'),
    ];
    for (const k of keys) expect(r.feedKey(k, (t += 5))).toBeNull();
    expect(r.feedKey(down('Enter', 'Enter'), (t += 5))).toBe('YY:a1/');
  });

  it('assembles Alt+Numpad sequences (Alt held, decimal code on the numpad, Alt released)', () => {
    const r = new WedgeReader();
    let t = 0;
    const altChar = (digits: string) => {
      r.feedKey(down('Alt', 'AltLeft', { altKey: true }), (t += 2));
      for (const d of digits) r.feedKey(down(d, `Numpad${d}`, { altKey: true }), (t += 2));
      r.feedKey(up('Alt', 'AltLeft'), (t += 2));
    };
    altChar('089'); // Y
    altChar('089'); // Y
    altChar('058'); // :
    for (const ch of 'AB12') r.feedKey(down(ch, ''), (t += 5));
    altChar('20013'); // 中 (U+4E2D): a character no US layout can type
    expect(r.feedKey(down('Enter', 'NumpadEnter'), (t += 5))).toBe('YY:AB12中');
  });

  it('a key nothing can read makes the burst fall back on the hidden input’s text, or on nothing', () => {
    const r = new WedgeReader();
    let t = 0;
    for (const ch of 'ABC') r.feedKey(down(ch, ''), (t += 5));
    r.feedKey(down('Unidentified', ''), (t += 5));
    expect(r.feedKey(down('Enter', 'Enter'), (t += 5), () => 'ABCD')).toBe('ABCD');
    for (const ch of 'ABC') r.feedKey(down(ch, ''), (t += 5));
    r.feedKey(down('Unidentified', ''), (t += 5));
    expect(r.feedKey(down('Enter', 'Enter'), (t += 5), () => '')).toBeNull();
  });

  it('keeps every character of a long code at 5 ms a key, keyups interleaved', () => {
    const r = new WedgeReader();
    const code = 'http://192.168.1.10:8080/t/tk_8f3a-21-' + 'x'.repeat(200);
    let t = 0;
    for (const ch of code) {
      r.feedKey(down(ch, ''), (t += 5));
      r.feedKey(up(ch, ''), t + 2);
    }
    expect(r.feedKey(down('Enter', 'Enter'), (t += 5))).toBe(code);
  });
});

describe('WedgeReader and a busy machine', () => {
  it('one key late by 300 ms (the kiosk busy for a moment) does not break a 5 ms code; a 600 ms pause starts afresh', () => {
    const r = new WedgeReader();
    const code = 'http://192.168.1.10:8080/t/tk_8f3a-21';
    let t = 0;
    [...code].forEach((ch, i) => r.feed(ch, (t += i === 10 ? 300 : 5)));
    expect(r.feed('Enter', (t += 5))).toBe(code);
    r.feed('x', (t += 5));
    r.feed('y', (t += 5));
    t += 600;
    for (const ch of 'ABCD') r.feed(ch, (t += 5));
    expect(r.feed('Enter', (t += 5))).toBe('ABCD');
  });
});
