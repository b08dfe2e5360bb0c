// Search as a resident at the kiosk types it: Chinese, full pinyin, initials, mixtures, filters.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCatalogue, loadCatalogue } from '../../server/matters/catalogue.ts';
import type { CenterLevel } from '../../server/contract/matters.ts';

const CONFIG = new URL('../../config', import.meta.url).pathname;
const CATEGORIES = JSON.parse(readFileSync(join(CONFIG, 'categories.json'), 'utf8')).map(
  (c: { id: string }) => c.id,
) as string[];
const open = (level: CenterLevel) => {
  const l = loadCatalogue(CONFIG, level, { categoryIds: CATEGORIES });
  return createCatalogue(level, l.rows, l.guides);
};
const street = open('street');
const township = open('township');
const names = (q: string, c = street) => c.search(q).map((m) => m.name);

describe('matter search', () => {
  it('dbsq (低保申请) finds 最低生活保障 first, at both levels', () => {
    expect(street.search('dbsq')[0]).toEqual({
      id: 'street-03',
      name: '最低生活保障',
      type: '行政给付',
      department: '民政',
      categoryId: 'civil',
      hasGuide: true,
    });
    expect(township.search('dbsq')[0]).toMatchObject({ id: 'township-08', name: '最低生活保障', hasGuide: false });
  });

  it('characters from the handwriting pad, alone and followed by pinyin', () => {
    expect(names('低保')).toContain('最低生活保障');
    expect(names('就业困')[0]).toBe('就业困难人员认定');
    // 就业 written, then k (困) on the keypad; 残 written, then "jr" (疾人).
    expect(names('就业k')[0]).toBe('就业困难人员认定');
    expect(names('残jr').length).toBeGreaterThan(0);
    expect(names('残jr').every((n) => n.includes('残疾人'))).toBe(true);
    // The written character must itself be there: 低 then "b" does not find 就业困难人员认定.
    expect(names('低b')).not.toContain('就业困难人员认定');
    expect(names('低b')).toContain('80周岁以上低保长寿老年人高龄津贴');
  });

  it('full pinyin, initials, a mixture, spaces and capitals', () => {
    expect(names('zuidishenghuobaozhang')).toEqual(['最低生活保障']);
    expect(names('zdshbz')[0]).toBe('最低生活保障');
    expect(names('zuidish')[0]).toBe('最低生活保障');
    expect(names('Zui Di Sheng Huo')[0]).toBe('最低生活保障');
    expect(names('ＤＢＳＱ')[0]).toBe('最低生活保障'); // full-width letters from a Chinese keyboard
    expect(names('jiuyekunnan')[0]).toBe('就业困难人员认定');
    expect(names('jykn')[0]).toBe('就业困难人员认定');
  });

  it('multi-reading characters: the context reading and the others', () => {
    // pinyin-pro reads 长 in 低保长寿 as zhang; residents type chang.
    expect(names('changshou')).toEqual(['80周岁以上低保长寿老年人高龄津贴']);
    expect(names('zhongducanji')).toEqual(['重度残疾人护理补贴']);
    expect(names('gaolingjintie')).toEqual(['80周岁以上低保长寿老年人高龄津贴']);
  });

  it('Chinese text: exact name first, then names starting with it, then names containing it', () => {
    expect(names('再生育审核')[0]).toBe('再生育审核');
    const hits = names('残疾人');
    expect(hits.length).toBe(7);
    expect(hits.every((n) => n.includes('残疾人'))).toBe(true);
    const firstInner = hits.findIndex((n) => !n.startsWith('残疾人'));
    expect(hits.slice(0, firstInner).every((n) => n.startsWith('残疾人'))).toBe(true);
    expect(firstInner).toBe(3);
    expect(hits.slice(firstInner).every((n) => !n.startsWith('残疾人'))).toBe(true);
  });

  it('a guide title or keyword finds a matter, after matters whose own name matches', () => {
    expect(names('生育证')).toEqual(['生育登记服务']); // keyword 一孩生育证
    expect(names('生育服务证')).toEqual(['再生育审核']); // keyword 特批生育服务证
    expect(names('jiuyeshiyedengjizhengbanli')).toEqual(['就业登记、失业登记及就业失业登记证发放']); // guide title 就业失业登记证办理
    const dibao = names('低保');
    expect(dibao.slice(0, 2)).toEqual(['城市低保家庭、孤儿、边缘困难家庭教育救助', '80周岁以上低保长寿老年人高龄津贴']);
    expect(dibao).toContain('最低生活保障');
  });

  it('filters by department and by type', () => {
    const disabled = street.search('', { department: '残联' });
    expect(disabled.map((m) => m.id)).toEqual([
      'street-26',
      'street-27',
      'street-44',
      'street-45',
      'street-46',
      'street-47',
      'street-48',
    ]);
    expect(street.search('bt', { department: '残联' }).every((m) => m.department === '残联')).toBe(true);
    expect(street.search('', { type: '行政许可' }).map((m) => m.name)).toEqual(['再生育审核']);
    expect(township.search('', { type: '其他行政权力' }).map((m) => m.id)).toEqual([
      'township-11',
      'township-12',
      'township-13',
    ]);
    expect(street.search('dbsq', { department: '残联' })).toEqual([]);
    expect(street.search('', { department: '没有这个部门' })).toEqual([]);
    expect(street.departments()).toEqual([
      '卫生健康（计生）',
      '林业',
      '民政',
      '农业农村',
      '就业',
      '社会保障',
      '残联',
      '退役军人',
    ]);
  });

  it('an empty query lists everything in catalogue order; nonsense finds nothing', () => {
    expect(street.search('').map((m) => m.id)).toEqual(street.list().map((m) => m.id));
    expect(street.search('   ')).toHaveLength(48);
    expect(street.search('xyzzy')).toEqual([]);
    expect(street.search('qqqqxz')).toEqual([]);
    expect(street.search('火星移民')).toEqual([]);
  });
});
