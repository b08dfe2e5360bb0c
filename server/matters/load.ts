// Loading and checking the matter catalogue (config/matters/). Every problem is one Chinese line naming
// the file, the row (number and matter) and the field, so an administrator can fix it without a developer.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, readJson } from '../config/load.ts';
import { parse, type Issue } from '../contract/schema.ts';
import { CENTER_LEVEL_NAMES, type CenterLevel, type Guide, type Matter } from '../contract/matters.ts';
import {
  CatalogueFileSchema,
  GuidesFileSchema,
  MatterRowSchema,
  type GuideEntry,
  type MatterRow,
} from './catalogue-schema.ts';

/** A catalogue problem stops start-up like any other configuration problem (one line per problem). */
export class CatalogueError extends ConfigError {
  constructor(problems: string[]) {
    super(problems);
    this.message = `事项清单有误，服务未启动：\n${problems.map((p) => `  - ${p}`).join('\n')}`;
  }
}

export const MATTERS_DIR = 'matters';
export const GUIDES_FILE = `${MATTERS_DIR}/guides.json`;
export const catalogueFile = (level: CenterLevel): string => `${MATTERS_DIR}/${level}.json`;
/**
 * The centre's own catalogue (本中心事项清单). When it exists it is used instead of the level's template
 * (township/street/village.json, the district's 统一进驻事项基础清单 of seed 003), whose rows stay templates.
 */
export const CENTRE_FILE = `${MATTERS_DIR}/center.json`;
export const hasCentreCatalogue = (dir: string): boolean => existsSync(join(dir, CENTRE_FILE));

/** The level center.json is written for, or undefined when there is none (a broken file is reported when loaded). */
export function centreCatalogueLevel(dir: string): string | undefined {
  if (!hasCentreCatalogue(dir)) return undefined;
  const raw = readJson(dir, CENTRE_FILE, []);
  return typeof raw === 'object' && raw !== null ? String((raw as { level?: unknown }).level ?? '') : '';
}

/** How a row is named in messages: `第 3 行（street-03 最低生活保障）`. */
export function rowLabel(line: number, raw: unknown): string {
  const r = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const who = [r.id, r.name].filter((x): x is string => typeof x === 'string' && x.length > 0).join(' ');
  return `第 ${line} 行${who ? `（${who}）` : ''}`;
}

function issueLines(file: string, where: string, issues: Issue[], label: (path: string) => string): string[] {
  return issues.map((i) => `${file} ${where}${i.path ? ` ${label(i.path)}` : ''}：${i.message}`);
}

export interface RowCheckOptions {
  /** File name for messages, e.g. matters/street.json. */
  file: string;
  /** The level of the file: every row must list it. */
  level: CenterLevel;
  /** Line number for row `index` (JSON: index + 1; CSV: the record's line in the file). */
  lineOf?: (index: number) => number;
  /** Known guide keys; when given, a row naming another key is a problem. */
  guideKeys?: ReadonlySet<string>;
  /** Known queue categories; when given, a row naming another is a problem. */
  categoryIds?: ReadonlySet<string>;
  /** How a field is named in messages (CSV: the column header). */
  fieldLabel?: (path: string) => string;
}

/** Check raw rows; push one line per problem; return the rows that passed. */
export function checkRows(raw: unknown[], opts: RowCheckOptions, problems: string[]): MatterRow[] {
  const { file, level, lineOf = (i) => i + 1, fieldLabel: f = (p) => p } = opts;
  const rows: MatterRow[] = [];
  const ids = new Map<string, number>();
  const names = new Map<string, number>();
  raw.forEach((item, index) => {
    const where = rowLabel(lineOf(index), item);
    const result = parse(MatterRowSchema, item);
    if (!result.ok) {
      problems.push(...issueLines(file, where, result.issues, f));
      return;
    }
    const row = result.value;
    const before = problems.length;
    if (!row.levels.includes(level))
      problems.push(
        `${file} ${where} ${f('levels')}：本文件是${CENTER_LEVEL_NAMES[level]}事项清单，levels 应包含 "${level}"`,
      );
    if (new Set(row.levels).size !== row.levels.length) problems.push(`${file} ${where} ${f('levels')}：层级重复`);
    const sameId = ids.get(row.id);
    if (sameId !== undefined) problems.push(`${file} ${where} ${f('id')}：编号 "${row.id}" 与第 ${sameId} 行重复`);
    const sameName = names.get(row.name);
    if (sameName !== undefined) problems.push(`${file} ${where} ${f('name')}：事项名称与第 ${sameName} 行重复`);
    if (row.guide !== null && opts.guideKeys && !opts.guideKeys.has(row.guide)) {
      problems.push(`${file} ${where} ${f('guide')}：guides.json 中没有键为 "${row.guide}" 的办事指南`);
    }
    if (row.categoryId !== null && opts.categoryIds && !opts.categoryIds.has(row.categoryId)) {
      problems.push(
        `${file} ${where} ${f('categoryId')}：没有编号为 "${row.categoryId}" 的业务类别（见 categories.json：${[...opts.categoryIds].join('、')}）`,
      );
    }
    ids.set(row.id, lineOf(index));
    names.set(row.name, lineOf(index));
    if (problems.length === before) rows.push(row);
  });
  return rows;
}

/** Rules across the fields of one guide, which a schema per field cannot see. */
function checkGuide(key: string, g: GuideEntry, file: string, problems: string[]): void {
  const at = `${file} guides.${key}`;
  // original and copy both false: the guide names the item but not its form, and nothing is printed for it.
  g.materials.forEach((m, i) => {
    if (!m.required && m.condition === null)
      problems.push(`${at}.materials[${i}].condition：非必交材料（required 为 false）应写明在什么情况下提交`);
  });
  if (g.caseKind === 'immediate' && g.promisedDays !== null)
    problems.push(`${at}.promisedDays：即办件（immediate）不应有承诺时限`);
  if (g.promisedDays !== null && g.legalDays !== null && g.promisedDays > g.legalDays) {
    problems.push(`${at}.promisedDays：承诺时限 ${g.promisedDays} 个工作日不应长于法定时限 ${g.legalDays} 个工作日`);
  }
}

export type GuideMap = Record<string, GuideEntry>;

/** Parse guides.json content; problems name the guide key and field. */
export function checkGuides(raw: unknown, problems: string[], file = GUIDES_FILE): GuideMap | undefined {
  const result = parse(GuidesFileSchema, raw);
  if (!result.ok) {
    problems.push(...result.issues.map((i) => `${file} ${i.path || '(根)'}：${i.message}`));
    return undefined;
  }
  const before = problems.length;
  for (const [key, g] of Object.entries(result.value.guides)) checkGuide(key, g, file, problems);
  return problems.length === before ? result.value.guides : undefined;
}

export interface CatalogueFileContent {
  level: CenterLevel;
  source: string | undefined;
  rows: MatterRow[];
}

/** Parse one level file's content (already JSON-decoded). */
export function checkCatalogue(
  raw: unknown,
  level: CenterLevel,
  problems: string[],
  opts: Omit<RowCheckOptions, 'file' | 'level'> & { file?: string } = {},
): CatalogueFileContent | undefined {
  const file = opts.file ?? catalogueFile(level);
  const shape = parse(CatalogueFileSchema, raw);
  if (!shape.ok) {
    problems.push(...shape.issues.map((i) => `${file} ${i.path || '(根)'}：${i.message}`));
    return undefined;
  }
  if (shape.value.level !== level) {
    problems.push(
      `${file} level：文件应为${CENTER_LEVEL_NAMES[level]}事项清单（"${level}"），实际写的是 "${shape.value.level}"`,
    );
    return undefined;
  }
  const before = problems.length;
  const rows = checkRows(shape.value.matters, { ...opts, file, level }, problems);
  return problems.length === before ? { level, source: shape.value.source, rows } : undefined;
}

export function readGuides(dir: string, problems: string[]): GuideMap | undefined {
  const raw = readJson(dir, GUIDES_FILE, problems);
  return raw === undefined ? undefined : checkGuides(raw, problems);
}

export function readCatalogue(
  dir: string,
  level: CenterLevel,
  problems: string[],
  opts: Omit<RowCheckOptions, 'file' | 'level'> & { file?: string } = {},
): CatalogueFileContent | undefined {
  const raw = readJson(dir, opts.file ?? catalogueFile(level), problems);
  return raw === undefined ? undefined : checkCatalogue(raw, level, problems, opts);
}

/** The wire guide: the stored entry without its title. */
export function toGuide(entry: GuideEntry): Guide {
  const { title: _title, audience: _audience, ...guide } = entry;
  return structuredClone(guide);
}

/** Rows plus guides → the matters the server hands out. */
export function mergeGuides(rows: readonly MatterRow[], guides: GuideMap): Matter[] {
  return rows.map((r) => {
    const entry = r.guide === null ? undefined : guides[r.guide];
    if (r.guide !== null && !entry)
      throw new CatalogueError([`事项 ${r.id}（${r.name}）的办事指南 "${r.guide}" 在 guides.json 中不存在`]);
    return {
      id: r.id,
      name: r.name,
      type: r.type,
      body: r.body,
      levels: [...r.levels],
      department: r.department,
      categoryId: r.categoryId,
      guide: entry ? toGuide(entry) : null,
      ...(r.announce ? { announce: true } : {}),
    };
  });
}

export interface LoadedCatalogue {
  level: CenterLevel;
  rows: MatterRow[];
  guides: GuideMap;
  matters: Matter[];
}

/**
 * Load the catalogue for a centre level from a config folder. Throws CatalogueError (a ConfigError) (one line per problem)
 * so start-up stops with the same kind of message as the rest of the configuration.
 */
export function loadCatalogue(
  dir: string,
  level: CenterLevel,
  opts: { categoryIds?: Iterable<string>; file?: string } = {},
): LoadedCatalogue {
  const problems: string[] = [];
  const guides = readGuides(dir, problems);
  const file = opts.file ?? catalogueFile(level);
  const content = readCatalogue(dir, level, problems, {
    file,
    guideKeys: guides ? new Set(Object.keys(guides)) : undefined,
    categoryIds: opts.categoryIds ? new Set(opts.categoryIds) : undefined,
  });
  // An internal guide is the centre's own work: a resident cannot apply for it, so no row may offer it.
  for (const r of content?.rows ?? []) {
    if (r.guide !== null && guides?.[r.guide]?.audience === 'internal')
      problems.push(`${file} ${r.id}（${r.name}） guide：“${guides[r.guide]!.title}”是中心内部工作，不能作为办事事项`);
  }
  if (!guides || !content || problems.length) throw new CatalogueError(problems);
  return { level, rows: content.rows, guides, matters: mergeGuides(content.rows, guides) };
}
