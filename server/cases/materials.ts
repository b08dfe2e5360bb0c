// 一次性告知制度: the 补正 notice promises "此后不再要求补充本告知单以外的材料", and the only list a resident was
// ever told is the published guide's. A 补正 (at acceptance, at the decision after 收件, or after acceptance)
// may therefore name only the guide's own materials. The one free-text exception is the guide's own 其它 item
// (e.g. "人社部门要求提交的其他相关材料"): written "<that item>：<what exactly>", and recorded as such.
import type { Matter } from '../contract/matters.ts';
import { DomainError } from '../common/errors.ts';

/** A guide item that stands for "other materials" (其它 / 其他). */
export function isOtherItem(name: string): boolean {
  return name.includes('其它') || name.includes('其他');
}

/**
 * Checks a 补正 list against the matter's guide. Returns the entries that used the guide's 其它 item (to be
 * recorded); throws 400 unknown-material naming the guide's list otherwise.
 */
export function checkGuideMaterials(matter: Matter, list: readonly string[] | undefined): string[] {
  const names = (list ?? []).map((m) => m.trim()).filter(Boolean);
  if (!names.length) return [];
  const guide = matter.guide?.materials.map((m) => m.name) ?? [];
  const others = guide.filter(isOtherItem);
  const usedOther: string[] = [];
  const unknown: string[] = [];
  for (const n of names) {
    if (guide.includes(n)) {
      if (isOtherItem(n)) usedOther.push(n);
      continue;
    }
    const other = others.find((o) => n.startsWith(`${o}：`) && n.length > o.length + 1);
    if (other) usedOther.push(n);
    else unknown.push(n);
  }
  if (unknown.length) {
    throw new DomainError(
      'unknown-material',
      guide.length
        ? `办事指南中没有这些材料：${unknown.join('、')}。只能要求补正办事指南所列材料：${guide.join('、')}${others.length ? `（指南中“${others[0]}”一项可写为“${others[0]}：具体材料”）` : ''}`
        : `办事指南中没有这些材料：${unknown.join('、')}。事项“${matter.name}”尚无公布的材料清单，不能要求补正清单以外的材料`,
      guide,
    );
  }
  return usedOther;
}
