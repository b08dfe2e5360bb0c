// Random and mutated bytes into the status decoder, the stream parser and the renderer: nothing throws,
// every call finishes in bounded time, and the results stay within the paper.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { conditionOf, decodeStatus, isStatusByte } from '../../drivers/printer/status-codec.ts';
import { ESC, GS } from '../../drivers/printer/commands.ts';
import { EscPosParser, MAX_BUFFERED } from '../../drivers/printer/escpos-parser.ts';
import { renderModel } from '../../drivers/printer/render-model.ts';
import { receiptSvg } from '../../drivers/printer/receipt-image.ts';
import { ticketSlip } from '../../server/queue/printing/ticket-slip.ts';
import { fuzzRuns } from '../helpers/fuzz-runs.ts';
import { category, center, statusUrl, ticket } from '../printing/fixtures.ts';

const seed = ticketSlip({ ticket, category, center, statusUrl, reprint: true, columns: 32 });

/** A real job with some bytes flipped, inserted or removed. */
const mutatedJob = fc
  .array(
    fc.tuple(
      fc.nat({ max: seed.length }),
      fc.integer({ min: 0, max: 255 }),
      fc.constantFrom('flip', 'insert', 'delete'),
    ),
    { maxLength: 12 },
  )
  .map((edits) => {
    const bytes = [...seed];
    for (const [at, value, kind] of edits) {
      if (kind === 'flip' && at < bytes.length) bytes[at] = value;
      else if (kind === 'insert') bytes.splice(at, 0, value);
      else if (kind === 'delete') bytes.splice(at, 1);
    }
    return Uint8Array.from(bytes);
  });

// Random bytes biased towards command prefixes, so commands (and broken ones) are common. size 'max':
// fast-check's default size ('small') never generates more than 10 elements.
const commandish = fc
  .array(
    fc.oneof(
      fc.integer({ min: 0, max: 255 }),
      fc.constantFrom(0x1b, 0x1d, 0x1c, 0x10, 0x0a, 0x28, 0x6b, 0x56, 0x21, 0x76, 0x30),
    ),
    { maxLength: 600, size: 'max' },
  )
  .map((a) => Uint8Array.from(a));

const byte = fc.nat({ max: 255 });
// Commands that carry a data block (or a terminated list) with random parameters: with its block
// declared at most MAX_BUFFERED bytes the parser holds the command until it is complete; beyond that
// it passes the header on and streams past the data.
const blockHeader = fc.oneof(
  fc.tuple(byte, byte, byte).map(([fn, pL, pH]) => [GS, 0x28, fn, pL, pH]), // GS ( fn pL pH
  fc.tuple(byte, byte, byte, byte, byte).map(([m, xL, xH, yL, yH]) => [GS, 0x76, 0x30, m, xL, xH, yL, yH]), // GS v 0
  fc.tuple(byte, byte, byte, byte).map(([p1, p2, p3, p4]) => [GS, 0x38, 0x4c, p1, p2, p3, p4]), // GS 8 L
  fc.tuple(byte, byte, byte).map(([m, nL, nH]) => [ESC, 0x2a, m, nL, nH]), // ESC * (bit image)
  fc.tuple(byte, byte, byte, byte, byte).map(([m, n, k, dL, dH]) => [ESC, 0x5a, m, n, k, dL, dH]), // ESC Z (QR)
  fc.tuple(byte, byte).map(([m, n]) => [GS, 0x6b, m, n]), // GS k (barcode, NUL-terminated or counted)
  fc.constant([ESC, 0x44]), // ESC D (tab stops up to NUL)
  fc.tuple(byte, byte).map(([x, y]) => [GS, 0x2a, x, y]), // GS * (downloaded bit image, x×y×8 bytes)
  fc.tuple(byte, byte, byte).map(([y, c1, c2]) => [ESC, 0x26, y, c1, c2]), // ESC & (user-defined characters)
);

/** Cuts bytes into pieces at the given offsets. */
function pieces(bytes: Uint8Array, cuts: number[]): Uint8Array[] {
  const out: Uint8Array[] = [];
  let from = 0;
  for (const c of [...cuts].sort((a, b) => a - b)) {
    const at = Math.min(c, bytes.length);
    out.push(bytes.subarray(from, at));
    from = at;
  }
  out.push(bytes.subarray(from));
  return out;
}

describe('fuzz', () => {
  it('status decoder: any n and byte, never throws; answers only for bytes with the fixed bits', () => {
    fc.assert(
      fc.property(fc.constantFrom(1, 2, 3, 4), fc.integer({ min: -5, max: 300 }), (n, byte) => {
        const d = decodeStatus(n as 1 | 2 | 3 | 4, byte);
        expect(d === null).toBe(!isStatusByte(byte));
        if (d)
          expect(['ready', 'paper-near-end', 'paper-out', 'cover-open', 'offline', 'error']).toContain(
            conditionOf({ [['printer', 'offlineCause', 'errorCause', 'paper'][n - 1]!]: d }),
          );
      }),
      { numRuns: fuzzRuns(2000) },
    );
  });

  it('renderer: random and mutated jobs never throw, stay within the paper, and draw no more than their bytes', () => {
    fc.assert(
      fc.property(
        fc.oneof(mutatedJob, commandish, fc.uint8Array({ maxLength: 2000 })),
        fc.constantFrom(384, 576),
        (bytes, widthDots) => {
          const model = renderModel(bytes, { widthDots, chineseByDefault: true });
          receiptSvg(model);
          // Every drawn item comes from at least one byte: no input makes the work blow up.
          expect(model.items.length).toBeLessThanOrEqual(bytes.length);
          expect(model.width).toBe(widthDots);
          expect(Number.isFinite(model.height)).toBe(true);
          for (const item of model.items) {
            if (item.kind === 'text')
              for (const g of item.glyphs) expect(item.x + g.dx + g.width).toBeLessThanOrEqual(widthDots);
            if (item.kind === 'qr') expect(item.x + item.modules * item.moduleSize).toBeLessThanOrEqual(widthDots);
          }
        },
      ),
      { numRuns: fuzzRuns(400) },
    );
  });

  it('stream parser: any chunking of any bytes gives the same commands as one push', () => {
    fc.assert(
      fc.property(fc.oneof(mutatedJob, commandish), fc.array(fc.nat({ max: 700 }), { maxLength: 6 }), (bytes, cuts) => {
        const one = new EscPosParser();
        const whole = [...one.push(bytes), ...one.end()];
        const p = new EscPosParser();
        const chunked = [
          ...pieces(bytes, cuts).flatMap((piece) => {
            const cmds = p.push(piece);
            expect(p.pendingBytes).toBeLessThanOrEqual(MAX_BUFFERED);
            return cmds;
          }),
          ...p.end(),
        ];
        expect(p.pendingBytes).toBe(0);
        // Text runs may be split into several pieces; compare everything as one byte stream.
        const flat = (cmds: { raw: Uint8Array }[]): string =>
          Buffer.concat(cmds.map((c) => Buffer.from(c.raw))).toString('hex');
        expect(flat(chunked)).toBe(flat(whole));
        expect(chunked.filter((c) => c.op !== 'text').map((c) => c.op)).toEqual(
          whole.filter((c) => c.op !== 'text').map((c) => c.op),
        );
      }),
      { numRuns: fuzzRuns(400) },
    );
  });

  it('stream parser: data blocks of any declared size, fed in any chunks, never hold more than MAX_BUFFERED', () => {
    fc.assert(
      fc.property(
        blockHeader,
        fc.integer({ min: 0, max: MAX_BUFFERED + 1024 }),
        fc.integer({ min: 0x20, max: 0xff }),
        commandish,
        fc.array(fc.nat({ max: MAX_BUFFERED + 2048 }), { maxLength: 6 }),
        (header, fillLength, fill, tail, cuts) => {
          const stream = Buffer.concat([Uint8Array.from(header), new Uint8Array(fillLength).fill(fill), tail]);
          const p = new EscPosParser();
          for (const piece of pieces(stream, cuts)) {
            p.push(piece);
            expect(p.pendingBytes).toBeLessThanOrEqual(MAX_BUFFERED);
          }
          p.end();
          expect(p.pendingBytes).toBe(0);
        },
      ),
      { numRuns: fuzzRuns(200) },
    );
  });

  // The two commands whose data the parser once waited for whole (GS * up to 520,202 bytes; ESC & up to
  // about 16.6 MB): fed 4 KiB at a time, it must never hold more than MAX_BUFFERED.
  for (const [name, header] of [
    ['GS * 255 255', [GS, 0x2a, 0xff, 0xff]],
    ['ESC & 255 00 FF', [ESC, 0x26, 0xff, 0x00, 0xff]],
  ] as const) {
    it(`${name}: never holds more than MAX_BUFFERED while its data streams in`, () => {
      const p = new EscPosParser();
      p.push(Uint8Array.from(header));
      const chunk = new Uint8Array(4096).fill(0xff);
      for (let fed = 0; fed <= MAX_BUFFERED + chunk.length; fed += chunk.length) {
        p.push(chunk);
        expect(p.pendingBytes).toBeLessThanOrEqual(MAX_BUFFERED);
      }
    });
  }
});
