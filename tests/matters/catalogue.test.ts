// The shipped catalogue against the seed documents (seed 003 annexes, seed 004 guides), and the
// validation an administrator sees when a row is broken.
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../server/config/load.ts';
import { CatalogueError, loadCatalogue, openCatalogue } from '../../server/matters/catalogue.ts';
import type { CenterLevel } from '../../server/contract/matters.ts';

const CONFIG = new URL('../../config', import.meta.url).pathname;
const CATEGORIES = JSON.parse(readFileSync(join(CONFIG, 'categories.json'), 'utf8')).map(
  (c: { id: string }) => c.id,
) as string[];
const load = (level: CenterLevel, dir = CONFIG) => loadCatalogue(dir, level, { categoryIds: CATEGORIES });

describe('the shipped catalogue (seed 003)', () => {
  it('has every row of the three annexes: 56 乡镇, 48 街道, 14 村（社区）', () => {
    expect(load('township').matters).toHaveLength(56);
    expect(load('street').matters).toHaveLength(48);
    expect(load('village').matters).toHaveLength(14);
  });

  it('keeps the seed’s exact names, bodies and types', () => {
    const township = load('township').matters;
    const street = load('street').matters;
    const village = load('village').matters;
    expect(township[0]).toMatchObject({
      id: 'township-01',
      name: '在乡、村庄规划区内进行乡镇企业、乡村公共设施和公益事业建设审核',
      type: '行政许可',
      body: '各乡镇人民政府',
    });
    expect(township[3]).toMatchObject({
      id: 'township-04',
      name: '林木采伐许可证核发(限200棵以下)',
      type: '行政许可',
      department: '林业',
    });
    expect(township[11]).toMatchObject({
      id: 'township-12',
      name: '在土地承包经营期限内,对个别承包经营者之间承包的土地进行适当调整审核',
      type: '其他行政权力',
    });
    expect(township[37]).toMatchObject({
      id: 'township-38',
      name: '80周岁以上低保长寿老年人高龄津贴',
      type: '公共服务',
      categoryId: 'civil',
    });
    expect(township[55]).toMatchObject({
      id: 'township-56',
      name: '适合残疾人就业的公益性岗位开发及补贴',
      categoryId: 'disabled',
    });
    expect(street[0]).toMatchObject({
      id: 'street-01',
      name: '再生育审核',
      type: '行政许可',
      body: '各街道办事处',
      categoryId: 'health',
    });
    expect(street[2]).toMatchObject({
      id: 'street-03',
      name: '最低生活保障',
      type: '行政给付',
      department: '民政',
      categoryId: 'civil',
      levels: ['street'],
    });
    expect(street[47]).toMatchObject({
      id: 'street-48',
      name: '适合残疾人就业的公益性岗位开发及补贴',
      type: '公共服务',
    });
    expect(village[0]).toMatchObject({
      id: 'village-01',
      name: '开具居住地住址证明',
      type: '便民服务',
      body: '村委会(居委会)',
    });
    expect(village[13]).toMatchObject({ id: 'village-14', name: '开具政审证明', type: '便民服务' });
  });

  // The seed lives outside the repository; where it is present the whole catalogue is compared with it.
  const seedDir = '/work/shared/seeds';
  const seed003 = existsSync(seedDir) ? readdirSync(seedDir).find((f) => f.startsWith('003_')) : undefined;
  it.skipIf(!seed003)('matches seed 003 row by row (序号, 实施主体, 事项名称, 事项类型)', () => {
    // The extracted text is cut into numbered chunks ("14、" at each line start): join them back.
    const text = readFileSync(join(seedDir, seed003!), 'utf8')
      .split('\n')
      .map((l) => l.replace(/^\d+、/, ''))
      .join('');
    const annex = (n: number) => {
      const start = text.indexOf(`附件${n}:区`);
      const end = n < 3 ? text.indexOf(`附件${n + 1}:区`) : text.length;
      const body = text.slice(start, end).replace(/^.*?序号实施主体事项名称事项类型/, '');
      const re =
        /(\d+)(各乡镇人民政府|各街道办事处|村委会\(居委会\))(.+?)(行政许可|行政给付|其他行政权力|公共服务|便民服务)(?=\d+(?:各乡镇人民政府|各街道办事处|村委会)|$)/g;
      return [...body.matchAll(re)].map((m) => ({ seq: Number(m[1]), body: m[2], name: m[3], type: m[4] }));
    };
    for (const [n, level] of [
      [1, 'township'],
      [2, 'street'],
      [3, 'village'],
    ] as const) {
      const rows = annex(n);
      const matters = load(level).matters;
      expect(rows.map((r) => r.seq)).toEqual(matters.map((_, i) => i + 1));
      expect(matters.map((m) => ({ id: m.id, body: m.body, name: m.name, type: m.type }))).toEqual(
        rows.map((r) => ({
          id: `${level}-${String(r.seq).padStart(2, '0')}`,
          body: r.body,
          name: r.name,
          type: r.type,
        })),
      );
    }
  });

  it('sends every matter to a queue category that exists', () => {
    for (const level of ['township', 'street', 'village'] as const) {
      for (const m of load(level).matters) expect(CATEGORIES, `${m.id} ${m.name}`).toContain(m.categoryId);
    }
  });
});

describe('guides (seed 004)', () => {
  const street = load('street');
  const byId = (id: string) => street.matters.find((m) => m.id === id)!;

  it('attaches the seed’s guides to the matching street matters', () => {
    const withGuide = street.matters.filter((m) => m.guide).map((m) => m.id);
    expect(withGuide).toEqual([
      'street-01',
      'street-03',
      'street-05',
      'street-09',
      'street-11',
      'street-13',
      'street-14',
      'street-20',
      'street-23',
      'street-30',
      'street-37',
      'street-42',
      'street-44',
      'street-47',
    ]);
  });

  it('城市低保申请: materials as the seed lists them, one copy each (⑪ 所有材料一式一份), 原件/复印件 only where stated, the household documents 视情况', () => {
    const g = byId('street-03').guide!;
    // The published document's title, never a developer's file name.
    expect(g.source).toMatch(
      /^《博乐市顾力木图街道便民服务中心建设运行方案\(试行\)》附件2 业务工作流程 一、民政工作 ㈠/,
    );
    expect(g.materials.every((m) => m.count === 1)).toBe(true);
    // ① names the item but not its form: neither 原件 nor 复印件 is claimed.
    expect(g.materials[0]).toEqual({
      name: '书面申请报告',
      original: false,
      copy: false,
      count: 1,
      required: true,
      condition: null,
      note: '以户主的名义提出',
    });
    // ② 居民户口簿(not 户口薄)和所有成员身份证及复印件.
    expect(g.materials[1]).toMatchObject({ name: '居民户口簿和所有成员身份证', original: true, copy: true, count: 1 });
    expect(g.materials.find((m) => m.name === '离婚证(判决书)')).toMatchObject({
      required: false,
      condition: '离婚的',
    });
    expect(g.materials.find((m) => m.name === '学生证(入学通知书)')).toMatchObject({
      required: false,
      condition: '家庭成员在校就读的',
    });
    expect(g.materials.find((m) => m.name === '有关部门出具的求职登记证明')).toEqual({
      name: '有关部门出具的求职登记证明',
      original: false,
      copy: false,
      count: 1,
      required: false,
      condition: '符合就业条件而未就业人员',
      note: '需首先到有关部门进行求职登记,否则不予受理申请',
    });
    expect(g.steps[0]).toBe('每月1-10日服务中心受理低保申请业务');
    // The seed gives a 15-day check, not a completion limit: no promised days are made up.
    expect(g).toMatchObject({
      promisedDays: null,
      legalDays: null,
      timeLimitText: '服务中心在受理申请后15天内完成联动机制核查和入户核实',
      caseKind: 'promised',
    });
  });

  it('no guide keeps the data errors: 户口薄, 低保证复印件 stored as 原件', () => {
    const guides = JSON.parse(readFileSync(join(CONFIG, 'matters/guides.json'), 'utf8')).guides as Record<
      string,
      { materials: { name: string; original: boolean; copy: boolean }[] }
    >;
    const all = Object.values(guides).flatMap((g) => g.materials);
    expect(all.filter((m) => m.name.includes('户口薄'))).toEqual([]);
    const care = guides['disabled-home-care']!.materials.find((m) => m.name.includes('低保证复印件'))!;
    expect(care).toMatchObject({ original: false, copy: true });
  });

  it('生育证: 5 working days for 一孩/二孩, 15 for 特批生育服务证 (再生育审核)', () => {
    expect(byId('street-37').guide).toMatchObject({
      promisedDays: 5,
      caseKind: 'promised',
      timeLimitText: '一孩、二孩由服务中心5个工作日办结',
    });
    expect(byId('street-01').guide).toMatchObject({
      promisedDays: 15,
      caseKind: 'promised',
      timeLimitText: '特批生育服务证由计生委过会审批15个工作日办结',
    });
    expect(byId('street-37').guide!.materials.find((m) => m.name === '2寸合影')!.count).toBe(2);
    expect(byId('street-01').guide!.materials.find((m) => m.name === '再生育申请表')!.count).toBe(3);
  });

  it('leaves out what the seed does not give: no fees, phone numbers or basis anywhere; counts null where not stated', () => {
    const all = (['township', 'street', 'village'] as const).flatMap((l) => load(l).matters).filter((m) => m.guide);
    for (const m of all) expect(m.guide, m.id).toMatchObject({ fees: null, phone: null, basis: [], legalDays: null });
    expect(byId('street-47').guide!.materials.every((m) => m.count === null)).toBe(true); // 辅助器具: the seed gives no numbers
    expect(byId('street-42').guide!.materials.find((m) => m.name === '结婚证')).toMatchObject({
      required: false,
      condition: '已婚的',
    });
  });

  it('keeps urban-only guides off the township list; villages have none', () => {
    const township = load('township').matters;
    expect(township.find((m) => m.name === '最低生活保障')!.guide).toBeNull();
    expect(township.find((m) => m.name === '就业困难人员认定')!.guide).not.toBeNull();
    expect(load('village').matters.every((m) => m.guide === null)).toBe(true);
  });
});

describe('validation names the file, the row and the field', () => {
  function broken(
    edit: (
      doc: { matters: Record<string, unknown>[] },
      guides: { guides: Record<string, Record<string, unknown> & { materials: Record<string, unknown>[] }> },
    ) => void,
  ): string[] {
    const dir = mkdtempSync(join(tmpdir(), 'catalogue-'));
    cpSync(CONFIG, dir, { recursive: true });
    const file = join(dir, 'matters/street.json');
    const guidesFile = join(dir, 'matters/guides.json');
    const doc = JSON.parse(readFileSync(file, 'utf8'));
    const guides = JSON.parse(readFileSync(guidesFile, 'utf8'));
    edit(doc, guides);
    writeFileSync(file, JSON.stringify(doc));
    writeFileSync(guidesFile, JSON.stringify(guides));
    try {
      load('street', dir);
    } catch (err) {
      expect(err).toBeInstanceOf(CatalogueError);
      expect(err).toBeInstanceOf(ConfigError); // start-up prints it like any configuration problem
      return (err as CatalogueError).problems;
    }
    throw new Error('a broken catalogue loaded');
  }

  it('a wrong type, an unknown category, a missing guide, a repeated id', () => {
    const problems = broken((doc) => {
      doc.matters[4]!.type = '行政审批';
      doc.matters[9]!.categoryId = 'nowhere';
      doc.matters[10]!.guide = 'no-such-guide';
      doc.matters[20]!.id = 'street-20';
      doc.matters[19]!.id = 'street-20';
    });
    expect(problems).toHaveLength(4);
    expect(problems[0]).toMatch(
      /^matters\/street\.json 第 5 行（street-05 临时救助给付） type：应为以下之一：行政许可/,
    );
    expect(problems[1]).toBe(
      'matters/street.json 第 10 行（street-10 职业指导和职业介绍） categoryId：没有编号为 "nowhere" 的业务类别（见 categories.json：consult、civil、labor、health、disabled、general）',
    );
    expect(problems[2]).toBe(
      'matters/street.json 第 11 行（street-11 就业困难人员认定） guide：guides.json 中没有键为 "no-such-guide" 的办事指南',
    );
    expect(problems[3]).toBe(
      'matters/street.json 第 21 行（street-20 居民养老保险待遇领取资格认证） id：编号 "street-20" 与第 20 行重复',
    );
  });

  it('a missing field, an unknown field, a row for another level', () => {
    const problems = broken((doc) => {
      delete doc.matters[0]!.name;
      doc.matters[1]!.price = 0;
      doc.matters[2]!.levels = ['township'];
    });
    expect(problems).toEqual([
      'matters/street.json 第 1 行（street-01） name：缺少必填字段（文本）',
      expect.stringMatching(/^matters\/street\.json 第 2 行（street-02 种苗造林补助） price：不认识的字段/),
      'matters/street.json 第 3 行（street-03 最低生活保障） levels：本文件是街道事项清单，levels 应包含 "street"',
    ]);
  });

  it('a guide material that is optional without saying when', () => {
    const problems = broken((_doc, guides) => {
      guides.guides['urban-minimum-living']!.materials[8]!.condition = null;
      guides.guides['birth-certificate']!.promisedDays = '5个工作日';
    });
    expect(problems).toEqual(['matters/guides.json guides.birth-certificate.promisedDays：应为整数，实际是文本']);
    const second = broken((_doc, guides) => {
      guides.guides['urban-minimum-living']!.materials[8]!.condition = null;
    });
    expect(second).toEqual([
      'matters/guides.json guides.urban-minimum-living.materials[8].condition：非必交材料（required 为 false）应写明在什么情况下提交',
    ]);
  });

  it('a file that is not JSON', () => {
    const dir = mkdtempSync(join(tmpdir(), 'catalogue-'));
    cpSync(CONFIG, dir, { recursive: true });
    writeFileSync(join(dir, 'matters/village.json'), '{ "level": "village", "matters": [ { "id": "village-01", } ] }');
    expect(() => load('village', dir)).toThrow(/matters\/village\.json：不是有效的 JSON/);
  });
});

describe('openCatalogue', () => {
  it('picks the list by the centre’s level and answers the routes', () => {
    const config = loadConfig(CONFIG);
    const catalogue = openCatalogue(config.dir, config);
    expect(catalogue.level).toBe(config.center.level);
    // The default centre has its own catalogue (center.json, seed 004), not the level's template.
    expect(catalogue.list()).toHaveLength(36);
    const id = catalogue.list()[0]!.id;
    expect(catalogue.get(id)!.id).toBe(id);
    expect(catalogue.get('nowhere')).toBeNull();
    // Callers get copies: changing one does not change the catalogue.
    catalogue.get(id)!.name = 'changed';
    expect(catalogue.get(id)!.name).not.toBe('changed');
    const village = openCatalogue(config.dir, { ...config, center: { ...config.center, level: 'village' } });
    expect(village.list().map((m) => m.id)).toEqual(
      Array.from({ length: 14 }, (_, i) => `village-${String(i + 1).padStart(2, '0')}`),
    );
  });
});
