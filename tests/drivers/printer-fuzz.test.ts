// Random and mutated bytes into the status decoder, the stream parser and the renderer: nothing throws,
// every call finishes in bounded time, and the results stay within the paper.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { conditionOf, decodeStatus, isStatusByte } from '../../drivers/printer/status-codec.ts';
import { EscPosParser } from '../../drivers/printer/escpos-parser.ts';
import { renderModel } from '../../drivers/printer/render-model.ts';
import { receiptSvg } from '../../drivers/printer/receipt-image.ts';
import { ticketSlip } from '../../server/printing/ticket-slip.ts';
import { category, center, statusUrl, ticket } from '../printing/fixtures.ts';

const seed = ticketSlip({ ticket, category, center, statusUrl, reprint: true, columns: 32 });

/** A real job with some bytes flipped, inserted or removed. */
const mutatedJob = fc
  .array(fc.tuple(fc.nat({ max: seed.length }), fc.integer({ min: 0, max: 255 }), fc.constantFrom('flip', 'insert', 'delete')), { maxLength: 12 })
  .map((edits) => {
    const bytes = [...seed];
    for (const [at, value, kind] of edits) {
      if (kind === 'flip' && at < bytes.length) bytes[at] = value;
      else if (kind === 'insert') bytes.splice(at, 0, value);
      else if (kind === 'delete') bytes.splice(at, 1);
    }
    return Uint8Array.from(bytes);
  });

// Random bytes biased towards command prefixes, so commands (and broken ones) are common.
const commandish = fc
  .array(fc.oneof(fc.integer({ min: 0, max: 255 }), fc.constantFrom(0x1b, 0x1d, 0x1c, 0x10, 0x0a, 0x28, 0x6b, 0x56, 0x21, 0x76, 0x30)), { maxLength: 600 })
  .map((a) => Uint8Array.from(a));

describe('fuzz', () => {
  it('status decoder: any n and byte, never throws; answers only for bytes with the fixed bits', () => {
    fc.assert(
      fc.property(fc.constantFrom(1, 2, 3, 4), fc.integer({ min: -5, max: 300 }), (n, byte) => {
        const d = decodeStatus(n as 1 | 2 | 3 | 4, byte);
        expect(d === null).toBe(!isStatusByte(byte));
        if (d) expect(['ready', 'paper-near-end', 'paper-out', 'cover-open', 'offline', 'error']).toContain(conditionOf({ [['printer', 'offlineCause', 'errorCause', 'paper'][n - 1]!]: d }));
      }),
      { numRuns: 2000 },
    );
  });

  it('renderer: random and mutated jobs never throw, stay within the paper, finish quickly', () => {
    fc.assert(
      fc.property(fc.oneof(mutatedJob, commandish, fc.uint8Array({ maxLength: 2000 })), fc.constantFrom(384, 576), (bytes, widthDots) => {
        const t0 = performance.now();
        const model = renderModel(bytes, { widthDots, chineseByDefault: true });
        receiptSvg(model);
        expect(performance.now() - t0).toBeLessThan(500);
        expect(model.width).toBe(widthDots);
        expect(Number.isFinite(model.height)).toBe(true);
        for (const item of model.items) {
          if (item.kind === 'text') for (const g of item.glyphs) expect(item.x + g.dx + g.width).toBeLessThanOrEqual(widthDots);
          if (item.kind === 'qr') expect(item.x + item.modules * item.moduleSize).toBeLessThanOrEqual(widthDots);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('stream parser: any chunking of any bytes gives the same commands as one push', () => {
    fc.assert(
      fc.property(fc.oneof(mutatedJob, commandish), fc.array(fc.nat({ max: 700 }), { maxLength: 6 }), (bytes, cuts) => {
        const one = new EscPosParser();
        const whole = [...one.push(bytes), ...one.end()];
        const p = new EscPosParser();
        const pieces: Uint8Array[] = [];
        let from = 0;
        for (const c of [...cuts].sort((a, b) => a - b)) {
          const at = Math.min(c, bytes.length);
          pieces.push(bytes.subarray(from, at));
          from = at;
        }
        pieces.push(bytes.subarray(from));
        const chunked = [...pieces.flatMap((piece) => p.push(piece)), ...p.end()];
        // Text runs may be split into several pieces; compare everything as one byte stream.
        const flat = (cmds: { raw: Uint8Array }[]): string => Buffer.concat(cmds.map((c) => Buffer.from(c.raw))).toString('hex');
        expect(flat(chunked)).toBe(flat(whole));
        expect(chunked.filter((c) => c.op !== 'text').map((c) => c.op)).toEqual(whole.filter((c) => c.op !== 'text').map((c) => c.op));
      }),
      { numRuns: 400 },
    );
  });
});
