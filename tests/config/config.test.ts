import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ConfigError, loadConfig } from '../../server/config/load.ts';
import { fuzzRuns } from '../helpers/fuzz-runs.ts';

const CONFIG = new URL('../../config', import.meta.url).pathname;

function copy(edit: (dir: string) => void): string {
  const dir = mkdtempSync(join(tmpdir(), 'config-'));
  cpSync(CONFIG, dir, { recursive: true });
  edit(dir);
  return dir;
}
const editJson = (dir: string, file: string, fn: (v: any) => void) => {
  const path = join(dir, file);
  const value = JSON.parse(readFileSync(path, 'utf8'));
  fn(value);
  writeFileSync(path, JSON.stringify(value));
};
function problems(dir: string): string[] {
  try {
    loadConfig(dir);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  return [];
}

describe('holidays.json (a notice for a year the calendar package lacks)', () => {
  it('is optional, and loads when it is right', () => {
    expect(loadConfig(CONFIG).holidays).toBeNull();
    const dir = copy((d) =>
      writeFileSync(
        join(d, 'holidays.json'),
        JSON.stringify({
          source: '国务院办公厅关于2027年部分节假日安排的通知',
          years: [{ year: '2027', holidays: ['2027-01-01'], workdays: ['2027-01-09'] }],
        }),
      ),
    );
    expect(loadConfig(dir).holidays).toEqual({
      source: '国务院办公厅关于2027年部分节假日安排的通知',
      years: [{ year: '2027', holidays: ['2027-01-01'], workdays: ['2027-01-09'] }],
    });
  });

  it('names every problem: a year the package carries, a day of another year, a weekday as make-up day, a day in both lists', () => {
    const dir = copy((d) =>
      writeFileSync(
        join(d, 'holidays.json'),
        JSON.stringify({
          source: '通知',
          years: [
            { year: '2026', holidays: ['2026-10-01'] },
            { year: '2027', holidays: ['2028-01-01', '2027-02-11'], workdays: ['2027-01-06', '2027-02-11'] },
          ],
        }),
      ),
    );
    expect(problems(dir)).toEqual([
      'holidays.json years[0].year：2026 年的放假安排日历包已经收录，请删除这一项（以免两处数据不一致）',
      'holidays.json years[1].holidays[0]：2028-01-01 不在 2027 年',
      'holidays.json years[1].workdays[0]：2027-01-06 不是周末，调休上班日应是周六或周日',
      'holidays.json years[1].workdays[1]：2027-02-11 不是周末，调休上班日应是周六或周日',
      'holidays.json years[1]：2027-02-11 同时写在放假和上班两处',
    ]);
  });
});

describe('the shipped configuration', () => {
  it('loads and models the street centre of the seed documents', () => {
    const config = loadConfig(CONFIG);
    expect(config.center.name).toBe('顾力木图街道便民服务中心');
    expect(config.center.level).toBe('street');
    expect(config.windows.map((w) => w.name)).toEqual(
      expect.arrayContaining(['综合咨询', '计划生育服务', '劳动保障', '民政', '残联']),
    );
    expect(config.staff.every((s) => s.pinHash.startsWith('scrypt$'))).toBe(true);
  });
});

describe('invalid configuration names file, field and fix', () => {
  it('reports one line per problem', () => {
    const dir = copy((d) => {
      editJson(d, 'categories.json', (c) => {
        c[1].prefix = 'a';
        c[2].dailyQuota = 0;
        c[3].id = c[0].id;
      });
      editJson(d, 'windows.json', (w) => {
        w[0].categoryIds.push('nothing');
        w[1].staf = {};
      });
      editJson(d, 'center.json', (c) => {
        c.hours.sessions[0] = { from: '13:00', to: '09:00' };
        c.center.timezone = 'Mars/Olympus';
      });
    });
    const list = problems(dir);
    expect(list).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^categories\.json \[1\]\.prefix：格式不对：应为一个大写字母/),
        expect.stringMatching(/^categories\.json \[2\]\.dailyQuota：应在 1 到 9999 之间/),
        expect.stringMatching(/^windows\.json \[1\]\.staf：不认识的字段/),
      ]),
    );
  });

  it('cross-checks files once each file is valid', () => {
    const dir = copy((d) => {
      editJson(d, 'categories.json', (c) => (c[3].id = c[0].id));
      editJson(d, 'windows.json', (w) => w[0].categoryIds.push('nothing'));
      editJson(d, 'center.json', (c) => {
        c.hours.sessions[0] = { from: '13:00', to: '09:00' };
        c.center.timezone = 'Mars/Olympus';
      });
    });
    const list = problems(dir);
    expect(list).toEqual(
      expect.arrayContaining([
        expect.stringContaining('categories.json [3].id：业务类别编号 "consult" 重复'),
        expect.stringContaining('windows.json [0].categoryIds[2]：没有编号为 "nothing" 的业务类别'),
        expect.stringContaining('center.json hours.sessions[0]：开始时间 13:00 应早于结束时间 09:00'),
        expect.stringContaining('center.json center.timezone：不认识的时区'),
      ]),
    );
  });

  it('says when a file is missing or not JSON', () => {
    const dir = copy((d) => writeFileSync(join(d, 'windows.json'), '[{"no": 1,'));
    expect(problems(dir)).toEqual([expect.stringMatching(/^windows\.json：不是有效的 JSON/)]);
  });

  it('refuses plain-text PINs', () => {
    const dir = copy((d) => editJson(d, 'staff.json', (s) => (s[0].pinHash = '246810')));
    expect(problems(dir)).toEqual([expect.stringMatching(/staff\.json \[0\]\.pinHash：格式不对：应为scrypt 哈希/)]);
  });

  it('never crashes on random or mutated files: either a Config or a ConfigError', () => {
    const files = ['center.json', 'categories.json', 'windows.json', 'staff.json'];
    const originals = Object.fromEntries(files.map((f) => [f, readFileSync(join(CONFIG, f), 'utf8')]));
    const dir = copy(() => {});
    fc.assert(
      fc.property(
        fc.constantFrom(...files),
        fc.nat(),
        fc.string({ maxLength: 20 }),
        fc.jsonValue({ maxDepth: 3 }),
        (file, at, insert, json) => {
          for (const f of files) writeFileSync(join(dir, f), originals[f]!);
          const text = originals[file]!;
          const pos = at % text.length;
          writeFileSync(
            join(dir, file),
            at % 3 === 0 ? JSON.stringify(json) : text.slice(0, pos) + insert + text.slice(pos + (at % 5)),
          );
          try {
            loadConfig(dir);
          } catch (err) {
            if (!(err instanceof ConfigError)) throw err;
            expect(err.problems.length).toBeGreaterThan(0);
          }
        },
      ),
      { numRuns: fuzzRuns(300) },
    );
  });
});
