// Regression from the fuzz test: a bit image declaring more data than the parser buffers must give the
// same commands whether the stream comes in one piece or in chunks.
import { describe, expect, it } from 'vitest';
import { EscPosParser, MAX_BUFFERED, parseEscPos } from '../../drivers/printer/escpos-parser.ts';

const hex = (cmds: { raw: Uint8Array }[]) => cmds.map((c) => Buffer.from(c.raw).toString('hex')).join('|');

describe('huge declared blocks across chunks', () => {
  it('ESC * m nL nH with 185,577 declared bytes (1B 2A 45 C3 F1): header only, data dropped, same result split at any byte', () => {
    const stream = Uint8Array.from([
      0x1b,
      0x40,
      0x41,
      0x42,
      0x0a,
      0x1b,
      0x2a,
      0x45,
      0xc3,
      0xf1,
      ...Array(200).fill(0x41),
      0x0a,
    ]);
    const whole = hex(parseEscPos(stream));
    expect(whole).toBe('1b40|4142|0a|1b2a45c3f1');
    for (let cut = 1; cut < stream.length; cut += 7) {
      const p = new EscPosParser();
      expect(hex([...p.push(stream.subarray(0, cut)), ...p.push(stream.subarray(cut)), ...p.end()])).toBe(whole);
    }
  });
});

describe('user-defined characters (ESC &) larger than the parser buffers', () => {
  it('95 characters of 255 columns (72,775 bytes) in 4 KiB chunks: never more than MAX_BUFFERED held, the text after it still printed', () => {
    const chars = Array.from({ length: 95 }, () => [255, ...Array(3 * 255).fill(0x55)]).flat();
    const stream = Uint8Array.from([0x1b, 0x26, 3, 0x20, 0x7e, ...chars, 0x4f, 0x4b, 0x0a]);
    const p = new EscPosParser();
    const out = [];
    for (let at = 0; at < stream.length; at += 4096) {
      out.push(...p.push(stream.subarray(at, at + 4096)));
      expect(p.pendingBytes).toBeLessThanOrEqual(MAX_BUFFERED);
    }
    out.push(...p.end());
    expect(hex(out.slice(0, 1))).toBe('1b2603207e');
    expect(
      out
        .slice(1)
        .map((c) => Buffer.from(c.raw).toString('latin1'))
        .join(''),
    ).toBe('OK\n');
  });
});
