// Property tests: the scanner splitter and decoder never throw, keep their buffer bounded, and return
// every code intact however the bytes are chunked.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decodeScan,
  MAX_CODE_BYTES,
  ScanLineSplitter,
  type ScannerSuffix,
} from '../../drivers/scanner/code-scanner.ts';
import { fuzzRuns } from '../helpers/fuzz-runs.ts';

const suffixArb = fc.constantFrom<ScannerSuffix>('CR', 'LF', 'CRLF', 'timeout');
const SUFFIX: Record<ScannerSuffix, string> = { CR: '\r', LF: '\n', CRLF: '\r\n', timeout: '' };
/** The documented bound: MAX_CODE_BYTES, plus one byte (a CR that may be the first half of CRLF). */
const bound = (suffix: ScannerSuffix) => MAX_CODE_BYTES + (suffix === 'CRLF' ? 1 : 0);

// size 'max' on the byte arrays: fast-check's default size ('small') never generates more than 10
// elements, so no line would ever come near MAX_CODE_BYTES.
describe('scanner splitter fuzz', () => {
  it('arbitrary bytes: no throw, bounded buffer, output free of control characters', () => {
    fc.assert(
      fc.property(
        suffixArb,
        fc.array(fc.tuple(fc.uint8Array({ maxLength: 1500, size: 'max' }), fc.boolean()), {
          maxLength: 20,
          size: 'max',
        }),
        (suffix, chunks) => {
          const s = new ScanLineSplitter(suffix);
          for (const [c, pause] of chunks) {
            for (const item of [...s.push(c), ...(pause ? s.flush() : [])]) {
              if (item.type === 'line') {
                expect(item.bytes.length).toBeLessThanOrEqual(MAX_CODE_BYTES + 1);
                expect(decodeScan(item.bytes)).not.toMatch(/\p{Cc}/u);
              }
            }
            expect(s.buffered).toBeLessThanOrEqual(bound(suffix));
          }
          s.flush();
          expect(s.buffered).toBe(0);
        },
      ),
      { numRuns: fuzzRuns(300) },
    );
  });

  it('codes with their suffix come back intact however they are chunked', () => {
    const codeArb = fc.string({
      unit: fc.constantFrom(...'ABCXYZ0123456789-_/:.?=&张三办证'.split('')),
      minLength: 1,
      maxLength: 120,
    });
    fc.assert(
      fc.property(
        fc.constantFrom<ScannerSuffix>('CR', 'LF', 'CRLF'),
        fc.array(codeArb, { minLength: 1, maxLength: 8 }),
        fc.array(fc.nat(), { maxLength: 10 }),
        (suffix, codes, cuts) => {
          const stream = Buffer.from(codes.map((c) => c + SUFFIX[suffix]).join(''), 'utf8');
          const points = [...new Set(cuts.map((c) => c % (stream.length + 1)))].sort((a, b) => a - b);
          const s = new ScanLineSplitter(suffix);
          const got: string[] = [];
          let at = 0;
          for (const p of [...points, stream.length]) {
            for (const item of s.push(stream.subarray(at, p)))
              if (item.type === 'line') got.push(decodeScan(item.bytes));
            expect(s.buffered).toBeLessThanOrEqual(bound(suffix));
            at = p;
          }
          expect(got).toEqual(codes.map((c) => c.trim()).filter(Boolean));
        },
      ),
      { numRuns: fuzzRuns(300) },
    );
  });
});
