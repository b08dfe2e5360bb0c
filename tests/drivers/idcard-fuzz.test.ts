// Property tests: the SDT framer and codec never throw on arbitrary bytes, keep their buffer bounded,
// and find every good frame however the stream is chunked and whatever noise precedes it.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  UnknownCardLayoutError,
  decodeCardText,
  decodeCommand,
  decodeReadData,
  decodeResponse,
  encodeReadAnswer,
  encodeResponse,
  frameBody,
  HEADER_BYTES,
  PREAMBLE,
} from '../../drivers/idcard/sdt-codec.ts';
import { SdtFramer } from '../../drivers/idcard/sdt-framer.ts';
import { fuzzRuns } from '../helpers/fuzz-runs.ts';
import { LI_SI, ZHANG_SAN } from './idcard-fixtures.ts';

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

// size 'max': lengths spread up to maxLength. fast-check's default size ('small') never generates more
// than 10 elements, which would keep every buffer far below the bounds checked here.
const bytesArb = fc.uint8Array({ maxLength: 3000, size: 'max' });
// A preamble and a Len up to a little past the largest accepted (4096): a plausible header makes the
// framer wait for the rest of the frame, so the buffer grows towards its bound.
const headerArb = fc.integer({ min: 0, max: 4200 }).map((len) => {
  const h = Buffer.alloc(HEADER_BYTES);
  PREAMBLE.copy(h);
  h.writeUInt16BE(len, PREAMBLE.length);
  return h;
});
// Bytes rich in preamble pieces, so the resync paths are exercised.
const nastyArb = fc
  .array(
    fc.oneof(
      fc.uint8Array({ maxLength: 20 }),
      fc.constant(new Uint8Array(PREAMBLE)),
      fc.constant(Uint8Array.of(0xaa, 0xaa)),
      fc.constant(Uint8Array.of(0x00, 0x04)),
      headerArb,
    ),
    { maxLength: 200, size: 'max' },
  )
  .map((parts) => Buffer.concat(parts));

describe('SDT framer fuzz', () => {
  it('never throws and never holds more than its bound', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(bytesArb, nastyArb), { maxLength: 20, size: 'max' }), (chunks) => {
        // As the reader (minLen 4) and the simulator (minLen 3) build it: default maxLen and maxBuffer.
        const framers = [new SdtFramer({ minLen: 4 }), new SdtFramer({ minLen: 3 })];
        for (const f of framers) {
          expect(f.maxBuffer).toBe(8192);
          for (const c of chunks) {
            for (const item of f.push(c)) {
              if (item.type === 'frame')
                expect(decodeResponse(item.frame) ?? decodeCommand(item.frame) ?? 'ok').toBeTruthy();
            }
            expect(f.buffered).toBeLessThanOrEqual(f.maxBuffer);
            // Tighter, from how it works: at most one incomplete frame is ever held.
            expect(f.buffered).toBeLessThan(HEADER_BYTES + f.maxLen);
          }
        }
      }),
      { numRuns: fuzzRuns(300) },
    );
  });

  it('finds every good frame after noise, however the stream is chunked', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 64 }),
        fc.array(fc.record({ sw3: fc.integer({ min: 0, max: 255 }), data: fc.uint8Array({ maxLength: 40 }) }), {
          minLength: 1,
          maxLength: 5,
        }),
        fc.array(fc.nat(), { maxLength: 8 }),
        (noise, answers, cuts) => {
          // Noise must not contain a whole preamble (else it is a frame start by definition).
          fc.pre(Buffer.from(noise).indexOf(PREAMBLE) < 0);
          const frames = answers.map((a) => encodeResponse(a.sw3, a.data));
          const stream = Buffer.concat([noise, ...frames]);
          const f = new SdtFramer({ minLen: 4 });
          const got: string[] = [];
          for (const c of chunk(stream, cuts))
            for (const i of f.push(c)) if (i.type === 'frame') got.push(i.frame.toString('hex'));
          // Every frame starts with AA, so noise can never complete a preamble with it: all frames arrive.
          expect(got).toEqual(frames.map((x) => x.toString('hex')));
          expect(f.buffered).toBe(0);
        },
      ),
      { numRuns: fuzzRuns(300) },
    );
  });

  it('mutated frames: one changed byte (outside Len) loses only that frame; every frame emitted is intact', () => {
    // Data without AA, so a mutated preamble cannot be replaced by one found inside the data.
    const dataArb = fc.uint8Array({ maxLength: 40 }).map((d) => d.map((b) => (b === 0xaa ? 0x55 : b)));
    const answerArb = fc.oneof(
      fc.record({ sw3: fc.integer({ min: 0, max: 255 }), data: dataArb }).map((a) => encodeResponse(a.sw3, a.data)),
      fc
        .constantFrom(ZHANG_SAN, LI_SI)
        .map((c) => encodeReadAnswer(c))
        .filter((f) => f.indexOf(PREAMBLE, 1) < 0),
    );
    fc.assert(
      fc.property(
        fc.array(answerArb, { minLength: 2, maxLength: 5 }),
        fc.nat(),
        fc.nat(),
        fc.integer({ min: 1, max: 255 }),
        fc.array(fc.nat(), { maxLength: 8 }),
        (answers, which, where, xor, cuts) => {
          const victim = which % answers.length;
          const original = answers[victim]!;
          const positions = [...Array(original.length).keys()].filter((i) => i !== 5 && i !== 6); // not Len1 Len2
          const at = positions[where % positions.length]!;
          const mutated = Buffer.from(original);
          mutated[at] = mutated[at]! ^ xor;
          const stream = Buffer.concat(answers.map((a, i) => (i === victim ? mutated : a)));
          const f = new SdtFramer({ minLen: 4 });
          const got: string[] = [];
          for (const c of chunk(stream, cuts)) {
            for (const item of f.push(c)) {
              if (item.type !== 'frame') continue;
              expect('body' in frameBody(item.frame)).toBe(true);
              got.push(item.frame.toString('hex'));
            }
            expect(f.buffered).toBeLessThanOrEqual(f.maxBuffer);
          }
          expect(got).toEqual(answers.filter((_, i) => i !== victim).map((a) => a.toString('hex')));
        },
      ),
      { numRuns: fuzzRuns(300) },
    );
  });

  it('mutated Len or spliced frames: no throw, bounded, and a clean frame after reset() always comes through', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ sw3: fc.integer({ min: 0, max: 255 }), data: fc.uint8Array({ maxLength: 60 }) }), {
          minLength: 1,
          maxLength: 6,
        }),
        fc.array(
          fc.record({
            at: fc.nat(),
            op: fc.constantFrom('flip', 'drop', 'insert', 'len'),
            value: fc.integer({ min: 0, max: 255 }),
          }),
          { maxLength: 6 },
        ),
        fc.array(fc.nat(), { maxLength: 8 }),
        (answers, mutations, cuts) => {
          let stream = Buffer.concat(answers.map((a) => encodeResponse(a.sw3, a.data)));
          for (const m of mutations) {
            const at = m.at % Math.max(1, stream.length);
            if (m.op === 'flip') stream[at] = stream[at]! ^ (m.value || 1);
            else if (m.op === 'drop') stream = Buffer.concat([stream.subarray(0, at), stream.subarray(at + 1)]);
            else if (m.op === 'insert')
              stream = Buffer.concat([stream.subarray(0, at), Buffer.of(m.value), stream.subarray(at)]);
            else {
              // Len of the first frame at or after `at` rewritten: the framer must wait, give up or resync.
              const p = stream.indexOf(PREAMBLE, at);
              if (p >= 0 && p + 6 < stream.length) stream[p + 5] = m.value;
            }
          }
          const f = new SdtFramer({ minLen: 4, maxLen: 4096, maxBuffer: 8192 });
          for (const c of chunk(stream, cuts)) {
            for (const item of f.push(c)) if (item.type === 'frame') expect('body' in frameBody(item.frame)).toBe(true);
            expect(f.buffered).toBeLessThanOrEqual(f.maxBuffer);
          }
          f.reset();
          const clean = encodeResponse(0x80);
          expect(
            f
              .push(clean)
              .filter((i) => i.type === 'frame')
              .map((i) => (i.type === 'frame' ? i.frame : null)),
          ).toEqual([clean]);
        },
      ),
      { numRuns: fuzzRuns(300) },
    );
  });

  it('decoders never throw on arbitrary bytes except decodeReadData (only Error) and decodeCardText (only an unknown layout)', () => {
    fc.assert(
      fc.property(bytesArb, (b) => {
        decodeResponse(b);
        decodeCommand(b);
        try {
          decodeCardText(b);
        } catch (err) {
          expect(err).toBeInstanceOf(UnknownCardLayoutError);
        }
        try {
          decodeReadData(b);
        } catch (err) {
          expect(err).toBeInstanceOf(Error);
        }
      }),
      { numRuns: fuzzRuns(300) },
    );
  });
});
