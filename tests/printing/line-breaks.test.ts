// 行首禁则 on paper: no printed line starts with a closing bracket or closing punctuation, whatever mix
// of Chinese, ASCII brackets and numbers a guide's material name has (离婚证(判决书)、残疾证（县以上…）).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { textWidth, wrapText } from '../../drivers/printer/text-width.ts';
import { fuzzRuns } from '../helpers/fuzz-runs.ts';

const CLOSING = /^ *[，。、；：？！）》」』】〕,.;:?!)\]}%…]/;

describe('line breaking keeps closing brackets off the start of a line', () => {
  it('the guide’s own material names at every paper width', () => {
    const names = [
      '下岗证、离退休证、结婚证、离婚证(判决书)、残疾证(县以上医疗疾病诊断)、学生证(入学通知书)、租房合同',
      '房屋产权或房屋租赁等居住情况证明(房产证、租房合同等)',
      '二(三)孩申请表，一式3份），2寸合影3张）',
    ];
    for (const text of names) {
      for (let cols = 16; cols <= 48; cols++) {
        const lines = wrapText(text, cols, { indent: 3 });
        lines
          .slice(1)
          .forEach((l, i) => expect(l, `${cols}: ${JSON.stringify(lines)} line ${i + 1}`).not.toMatch(CLOSING));
      }
    }
  });

  // ASCII brackets around ASCII words (")1)(") can need more pulled down than a line holds; they are
  // covered by the guide's own names above.
  it('a number stays with its unit: no “（1” / “份）”', () => {
    const text = '3. 房屋产权或房屋租赁等居住情况证明(房产证、租房合同等)（1份）';
    for (let cols = 16; cols <= 48; cols++) {
      const lines = wrapText(text, cols, { indent: 3 });
      for (let i = 1; i < lines.length; i++)
        expect(`${lines[i - 1]}|${lines[i]}`, String(cols)).not.toMatch(/[0-9]\| *份/);
    }
  });

  // Found by the property below (fast-check seed 119191550): the "）" pulled down before "，" is itself
  // closing punctuation, so the "3" before it has to come down too.
  it('closing punctuation pulled down after a break at a space takes the word before it along', () => {
    for (const text of ['--城城3） ，', '--城城3），', '城城城3） ，']) {
      const lines = wrapText(text, 9, { indent: 3 });
      expect(lines, JSON.stringify(text)).toEqual([text.startsWith('--') ? '--城城' : '城城城', '   3），']);
    }
  });

  it('random mixes of Chinese, full-width brackets, ASCII words and numbers (property)', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(...'城市居民低保户口簿证明，。、（）AB12 3-'), maxLength: 120 }),
        fc.integer({ min: 8, max: 48 }),
        (s, cols) => {
          const lines = wrapText(s, cols, { indent: 3 });
          for (const l of lines) expect(textWidth(l)).toBeLessThanOrEqual(cols);
          expect(lines.join('').replace(/ /g, '')).toBe(s.replace(/ /g, ''));
          for (let i = 1; i < lines.length; i++) {
            // Only a line that could give nothing back (a single token) may leave punctuation for the next.
            if (lines[i - 1]!.trim().length > 3) expect(lines[i], JSON.stringify(lines)).not.toMatch(CLOSING);
          }
        },
      ),
      { numRuns: fuzzRuns(400) },
    );
  });
});
