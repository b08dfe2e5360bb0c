import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Catalogue, CatalogueError, loadCatalogue, mergeGuides } from '../../server/matters/catalogue.ts';

const CONFIG = new URL('../../config', import.meta.url).pathname;
const CATEGORIES = ['consult', 'civil', 'labor', 'health', 'disabled', 'general'];

describe('the shipped catalogue (seed 003)', () => {
  it('has every row of the three annexes', () => {
    const count = (level: string) => JSON.parse(readFileSync(join(CONFIG, 'matters', `${level}.json`), 'utf8')).matters.length;
    expect([count('township'), count('street'), count('village')]).toEqual([56, 48, 14]);
  });
  it('keeps the seed’s names, bodies and types', () => {
    const street = JSON.parse(readFileSync(join(CONFIG, 'matters/street.json'), 'utf8')).matters;
    expect(street[0]).toMatchObject({ name: '再生育审核', type: '行政许可', body: '各街道办事处' });
    expect(street[2]).toMatchObject({ name: '最低生活保障', type: '行政给付', categoryId: 'civil' });
    expect(street[47]).toMatchObject({ name: '适合残疾人就业的公益性岗位开发及补贴', type: '公共服务', categoryId: 'disabled' });
    const township = JSON.parse(readFileSync(join(CONFIG, 'matters/township.json'), 'utf8')).matters;
    expect(township[0].name).toBe('在乡、村庄规划区内进行乡镇企业、乡村公共设施和公益事业建设审核'); // page number removed from the row
    const village = JSON.parse(readFileSync(join(CONFIG, 'matters/village.json'), 'utf8')).matters;
    expect(village[13]).toMatchObject({ name: '开具政审证明', type: '便民服务', body: '村委会(居委会)' });
  });
  it('loads for each centre level', () => {
    for (const level of ['township', 'street', 'village'] as const) expect(loadCatalogue(CONFIG, level, CATEGORIES).matters.length).toBeGreaterThan(10);
  });
});

describe('validation', () => {
  it('names the file, the row and the field of a broken row', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cat-'));
    cpSync(CONFIG, dir, { recursive: true });
    const file = join(dir, 'matters/street.json');
    const doc = JSON.parse(readFileSync(file, 'utf8'));
    doc.matters[4].type = '行政审批';
    doc.matters[9].categoryId = 'nowhere';
    writeFileSync(file, JSON.stringify(doc));
    try {
      loadCatalogue(dir, 'street', CATEGORIES);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(CatalogueError);
      const problems = (err as CatalogueError).problems;
      expect(problems[0]).toMatch(/^matters\/street\.json 第 5 行（street-05 临时救助给付）字段 type：应为以下之一/);
    }
    doc.matters[4].type = '行政给付';
    writeFileSync(file, JSON.stringify(doc));
    expect(() => loadCatalogue(dir, 'street', CATEGORIES)).toThrow(/第 10 行（street-10 职业指导和职业介绍）字段 categoryId：没有编号为 "nowhere"/);
  });
});

describe('search', () => {
  const guide = { title: '城市低保申请', matches: ['最低生活保障'], categoryId: 'civil', basis: [], conditions: [], materials: [], steps: [], promisedDays: null, legalDays: null, timeLimitText: null, caseKind: null, fees: null, place: null, phone: null, source: 'test' };
  const base = loadCatalogue(CONFIG, 'street', CATEGORIES).matters.filter((m) => m.id.startsWith('street-'));
  const catalogue = new Catalogue(mergeGuides(base.map((m) => ({ ...m, guide: null })), [guide], 'street'));

  it('finds by pinyin initials, including a guide title (dbsq → 城市低保申请 → 最低生活保障)', () => {
    expect(catalogue.search('dbsq')[0]?.name).toBe('最低生活保障');
    expect(catalogue.search('zdshbz')[0]?.name).toBe('最低生活保障');
  });
  it('finds by full pinyin and Chinese text', () => {
    expect(catalogue.search('zuidishenghuo')[0]?.name).toBe('最低生活保障');
    expect(catalogue.search('残疾人').length).toBeGreaterThanOrEqual(5);
    expect(catalogue.search('残疾人').every((m) => m.name.includes('残疾人'))).toBe(true);
  });
  it('filters by department and type; nonsense finds nothing; empty lists all', () => {
    expect(catalogue.search('', { department: '残联' }).every((m) => m.department === '残联')).toBe(true);
    expect(catalogue.search('', { type: '行政许可' }).map((m) => m.name)).toEqual(['再生育审核']);
    expect(catalogue.search('qqqqxz')).toEqual([]);
    expect(catalogue.search('').length).toBe(48);
  });
  it('answers well within a frame', () => {
    const t = performance.now();
    for (let i = 0; i < 200; i++) catalogue.search(i % 2 ? 'dbsq' : '养老');
    expect((performance.now() - t) / 200).toBeLessThan(5);
  });
});
