// The matter catalogue (事项清单) and guides (办事指南) from config/matters/: validated on load (a broken
// row names the file, the row and the field), merged (a guide attaches to the catalogue matters it
// names), and indexed once for search by Chinese text, full pinyin and pinyin initials.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pinyin } from 'pinyin-pro';
import { array, bool, int, literal, nullable, obj, parse, str, withDefault, type Infer } from '../schema.ts';
import { CASE_KINDS, CENTER_LEVELS, MATTER_TYPES, type CenterLevel, type Guide, type Matter, type MatterSummary, type MatterType } from '../wire.ts';
import type { CatalogueView } from '../http/matter-routes.ts';

const CATEGORY_ID = nullable(str({ min: 1, max: 40 }));

export const CatalogueFile = obj({
  level: literal(CENTER_LEVELS),
  title: str({ min: 1, max: 100 }),
  source: withDefault(str({ max: 200 }), ''),
  matters: array(
    obj({
      id: str({ pattern: /^[a-z0-9-]{1,60}$/, hint: '小写字母、数字和连字符' }),
      name: str({ min: 1, max: 120 }),
      type: literal(MATTER_TYPES),
      body: str({ min: 1, max: 60 }),
      department: str({ min: 1, max: 30 }),
      categoryId: CATEGORY_ID,
    }),
    { min: 1, max: 2000 },
  ),
});

const MaterialSchema = obj({
  name: str({ min: 1, max: 200 }),
  original: bool(),
  copy: bool(),
  count: nullable(int({ min: 1, max: 99 })),
  required: bool(),
  condition: nullable(str({ max: 300 })),
  note: nullable(str({ max: 500 })),
});
export const GuideEntry = obj({
  title: str({ min: 1, max: 120 }),
  matches: withDefault(array(str({ min: 1, max: 120 })), []),
  categoryId: CATEGORY_ID,
  basis: withDefault(array(str({ min: 1, max: 500 })), []),
  conditions: withDefault(array(str({ min: 1, max: 1000 })), []),
  materials: withDefault(array(MaterialSchema), []),
  steps: withDefault(array(str({ min: 1, max: 1000 })), []),
  promisedDays: nullable(int({ min: 1, max: 365 })),
  legalDays: nullable(int({ min: 1, max: 365 })),
  timeLimitText: nullable(str({ max: 1000 })),
  caseKind: nullable(literal(CASE_KINDS)),
  fees: nullable(str({ max: 300 })),
  place: nullable(str({ max: 300 })),
  phone: nullable(str({ max: 60 })),
  source: str({ min: 1, max: 200 }),
});
export type GuideEntry = Infer<typeof GuideEntry>;

export class CatalogueError extends Error {
  constructor(readonly problems: string[]) {
    super(`事项清单有误：\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

function readJson(path: string, file: string, problems: string[]): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8').replace(/^\uFEFF/, ''));
  } catch (err) {
    problems.push(`${file}：无法读取或不是有效的 JSON（${(err as Error).message}）`);
    return undefined;
  }
}

/** Turn a schema path like `matters[3].type` into `第 4 行（id name）的 type`. */
function rowMessage(file: string, path: string, message: string, rows: { id?: unknown; name?: unknown; title?: unknown }[]): string {
  const m = /^(?:matters)?\[(\d+)\]\.?(.*)$/.exec(path.replace(/^matters/, ''));
  if (!m) return `${file} ${path || '(根)'}：${message}`;
  const row = rows[Number(m[1])] ?? {};
  const label = [row.id, row.name ?? row.title].filter((x) => typeof x === 'string').join(' ');
  return `${file} 第 ${Number(m[1]) + 1} 行${label ? `（${label}）` : ''}${m[2] ? `字段 ${m[2]}` : ''}：${message}`;
}

export function loadCatalogue(dir: string, level: CenterLevel, categoryIds: readonly string[]): Catalogue {
  const problems: string[] = [];
  const file = `matters/${level}.json`;
  const raw = readJson(join(dir, file), file, problems) as { matters?: unknown[] } | undefined;
  let matters: Matter[] = [];
  if (raw !== undefined) {
    const result = parse(CatalogueFile, raw);
    if (!result.ok) problems.push(...result.issues.map((i) => rowMessage(file, i.path, i.message, (raw.matters ?? []) as never[])));
    else {
      if (result.value.level !== level) problems.push(`${file} level：应为 "${level}"，实际是 "${result.value.level}"`);
      matters = result.value.matters.map((m) => ({ ...m, type: m.type as MatterType, levels: [level], guide: null }));
    }
  }
  const guidesPath = join(dir, 'matters/guides.json');
  let guides: GuideEntry[] = [];
  if (existsSync(guidesPath)) {
    const rawGuides = readJson(guidesPath, 'matters/guides.json', problems);
    if (rawGuides !== undefined) {
      const result = parse(array(GuideEntry), rawGuides);
      if (!result.ok) problems.push(...result.issues.map((i) => rowMessage('matters/guides.json', i.path, i.message, (Array.isArray(rawGuides) ? rawGuides : []) as never[])));
      else guides = result.value;
    }
  }
  const seen = new Set<string>();
  matters.forEach((m, i) => {
    if (seen.has(m.id)) problems.push(`${file} 第 ${i + 1} 行（${m.id}）：事项编号重复`);
    seen.add(m.id);
    if (m.categoryId && !categoryIds.includes(m.categoryId)) problems.push(`${file} 第 ${i + 1} 行（${m.id} ${m.name}）字段 categoryId：没有编号为 "${m.categoryId}" 的业务类别（见 categories.json）`);
  });
  guides.forEach((g, i) => {
    if (g.categoryId && !categoryIds.includes(g.categoryId)) problems.push(`matters/guides.json 第 ${i + 1} 行（${g.title}）字段 categoryId：没有编号为 "${g.categoryId}" 的业务类别`);
  });
  if (problems.length) throw new CatalogueError(problems);
  return new Catalogue(mergeGuides(matters, guides, level));
}

function toGuide(g: GuideEntry): Guide {
  const { title: _t, matches: _m, categoryId: _c, ...guide } = g;
  return guide;
}

/** A guide attaches to each catalogue matter it names; a guide naming none becomes a matter of its own. */
export function mergeGuides(matters: Matter[], guides: GuideEntry[], level: CenterLevel): Matter[] {
  const out = matters.map((m) => ({ ...m, aliases: [] as string[] }));
  guides.forEach((g, i) => {
    const targets = out.filter((m) => g.matches.includes(m.name));
    for (const m of targets) {
      m.guide = toGuide(g);
      if (g.title !== m.name) m.aliases.push(g.title);
    }
    if (!targets.length) {
      out.push({ id: `guide-${String(i + 1).padStart(2, '0')}`, name: g.title, type: '其他', body: '便民服务中心', levels: [level], department: '办事指南', categoryId: g.categoryId, guide: toGuide(g), aliases: [] });
    }
  });
  return out;
}

interface Indexed {
  matter: Matter & { aliases?: string[] };
  texts: string[];
  initials: string[];
  spelled: string[];
}

export class Catalogue implements CatalogueView {
  readonly #byId = new Map<string, Matter>();
  readonly #index: Indexed[];

  constructor(readonly matters: (Matter & { aliases?: string[] })[]) {
    for (const m of matters) this.#byId.set(m.id, m);
    // Built once: a query is then a few string searches over ~120 entries.
    this.#index = matters.map((m) => {
      const texts = [m.name, ...(m.aliases ?? [])];
      return {
        matter: m,
        texts,
        initials: texts.map((t) => pinyin(t, { pattern: 'first', toneType: 'none', type: 'array', nonZh: 'removed' }).join('').toLowerCase()),
        spelled: texts.map((t) => pinyin(t, { toneType: 'none', type: 'array', nonZh: 'removed', v: true }).join('').toLowerCase()),
      };
    });
  }

  get(id: string): Matter | null {
    const m = this.#byId.get(id);
    if (!m) return null;
    const { aliases: _a, ...matter } = m as Matter & { aliases?: string[] };
    return matter;
  }

  rows() {
    return this.matters.filter((m) => !m.id.startsWith('guide-')).map((m) => ({ id: m.id, name: m.name, type: m.type, body: m.body, department: m.department, categoryId: m.categoryId }));
  }

  departments(): string[] {
    return [...new Set(this.matters.map((m) => m.department))];
  }

  /** Ranked: name/alias starts with the query, then contains it; then initials, then full pinyin. */
  search(query: string, filter: { department?: string; type?: MatterType } = {}): MatterSummary[] {
    const q = query.trim().toLowerCase().replace(/\s+/g, '');
    const scored: { m: Matter; score: number }[] = [];
    for (const e of this.#index) {
      const m = e.matter;
      if (filter.department && m.department !== filter.department) continue;
      if (filter.type && m.type !== filter.type) continue;
      let score = 0;
      if (!q) score = 1;
      else if (/[\u4e00-\u9fff]/.test(q)) {
        if (e.texts.some((t) => t.startsWith(q))) score = 6;
        else if (e.texts.some((t) => t.includes(q))) score = 5;
      } else if (/^[a-z]+$/.test(q)) {
        if (e.initials.some((t) => t.startsWith(q))) score = 4;
        else if (e.initials.some((t) => t.includes(q))) score = 3;
        else if (e.spelled.some((t) => t.startsWith(q))) score = 2.5;
        else if (q.length >= 2 && e.spelled.some((t) => t.includes(q))) score = 2;
      }
      if (score) scored.push({ m, score });
    }
    scored.sort((a, b) => b.score - a.score || a.m.name.length - b.m.name.length);
    return scored.map(({ m }) => ({ id: m.id, name: m.name, type: m.type, department: m.department, categoryId: m.categoryId, hasGuide: m.guide !== null }));
  }
}
