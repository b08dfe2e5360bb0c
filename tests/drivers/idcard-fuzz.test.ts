// Property tests: the SDT framer and codec never throw on arbitrary bytes, keep their buffer bounded,
// and find every good frame however the stream is chunked and whatever noise precedes it.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeCardText, decodeCommand, decodeReadData, decodeResponse, encodeResponse, PREAMBLE } from '../../drivers/idcard/sdt-codec.ts';
import { SdtFramer } from '../../drivers/idcard/sdt-framer.ts';

/** Cuts bytes into chunks at the given points. */
function chunk(bytes: Buffer, cuts: number[]): Buffer[] {
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const out: Buffer[] = [];
  let at = 0;
  for (const p of points) {
    out.push(bytes.subarray(at, p));
    at = p;
  }
  out.push(bytes.subarray(at));
  return out;
}

const bytesArb = fc.uint8Array({ maxLength: 3000 });
// Bytes rich in preamble pieces, so the resync paths are exercised.
const nastyArb = fc
  .array(fc.oneof(fc.uint8Array({ maxLength: 20 }), fc.constant(new Uint8Array(PREAMBLE)), fc.constant(Uint8Array.of(0xaa, 0xaa)), fc.constant(Uint8Array.of(0x00, 0x04))), { maxLength: 200 })
  .map((parts) => Buffer.concat(parts));

describe('SDT framer fuzz', () => {
  it('never throws and never holds more than its bound', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(bytesArb, nastyArb), { maxLength: 20 }), (chunks) => {
        const f = new SdtFramer({ maxBuffer: 8192 });
        for (const c of chunks) {
          for (const item of f.push(c)) {
            if (item.type === 'frame') expect(decodeResponse(item.frame) ?? decodeCommand(item.frame) ?? 'ok').toBeTruthy();
          }
          expect(f.buffered).toBeLessThanOrEqual(8192);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('finds every good frame after noise, however the stream is chunked', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 64 }),
        fc.array(fc.record({ sw3: fc.integer({ min: 0, max: 255 }), data: fc.uint8Array({ maxLength: 40 }) }), { minLength: 1, maxLength: 5 }),
        fc.array(fc.nat(), { maxLength: 8 }),
        (noise, answers, cuts) => {
          // Noise must not contain a whole preamble (else it is a frame start by definition).
          fc.pre(Buffer.from(noise).indexOf(PREAMBLE) < 0);
          const frames = answers.map((a) => encodeResponse(a.sw3, a.data));
          const stream = Buffer.concat([noise, ...frames]);
          const f = new SdtFramer({ minLen: 4 });
          const got: string[] = [];
          for (const c of chunk(stream, cuts)) for (const i of f.push(c)) if (i.type === 'frame') got.push(i.frame.toString('hex'));
          // Every frame starts with AA, so noise can never complete a preamble with it: all frames arrive.
          expect(got).toEqual(frames.map((x) => x.toString('hex')));
          expect(f.buffered).toBe(0);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('decoders never throw on arbitrary bytes except decodeReadData, which throws only Error', () => {
    fc.assert(
      fc.property(bytesArb, (b) => {
        decodeResponse(b);
        decodeCommand(b);
        decodeCardText(b);
        try {
          decodeReadData(b);
        } catch (err) {
          expect(err).toBeInstanceOf(Error);
        }
      }),
      { numRuns: 300 },
    );
  });
});
