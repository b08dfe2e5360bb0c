// Regression from the fuzz test: a bit image declaring more data than the parser buffers must give the
// same commands whether the stream comes in one piece or in chunks.
import { describe, expect, it } from 'vitest';
import { EscPosParser, parseEscPos } from '../../drivers/printer/escpos-parser.ts';

const hex = (cmds: { raw: Uint8Array }[]) => cmds.map((c) => Buffer.from(c.raw).toString('hex')).join('|');

describe('huge declared blocks across chunks', () => {
  it('ESC * m nL nH with 185,577 declared bytes (1B 2A 45 C3 F1): header only, data dropped, same result split at any byte', () => {
    const stream = Uint8Array.from([0x1b, 0x40, 0x41, 0x42, 0x0a, 0x1b, 0x2a, 0x45, 0xc3, 0xf1, ...Array(200).fill(0x41), 0x0a]);
    const whole = hex(parseEscPos(stream));
    expect(whole).toBe('1b40|4142|0a|1b2a45c3f1');
    for (let cut = 1; cut < stream.length; cut += 7) {
      const p = new EscPosParser();
      expect(hex([...p.push(stream.subarray(0, cut)), ...p.push(stream.subarray(cut)), ...p.end()])).toBe(whole);
    }
  });
});
