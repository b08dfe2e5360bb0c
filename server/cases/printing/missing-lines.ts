// The materials a case still needs, named as the matter's guide names them (issue 22): the window records
// names; the 补正材料通知书, its A4 page and the phone page /c/:id print each with the guide's 原件/复印件,
// 份数, condition and note, so the resident brings the right paper the first time (一次性告知制度 第三条:
// 一次性告知其所需补正的全部内容). A name the guide does not list is printed as the window wrote it.
import type { Material, Matter } from '../../contract/matters.ts';
import { materialLine } from '../../printing/slip-kit.ts';

export function missingAsGuide(names: readonly string[], matter: Matter | null): Array<Material | string> {
  const materials = matter?.guide?.materials ?? [];
  return names.map((name) => materials.find((m) => m.name === name.trim()) ?? name);
}

export function missingLines(names: readonly string[], matter: Matter | null): string[] {
  return missingAsGuide(names, matter).map(materialLine);
}
