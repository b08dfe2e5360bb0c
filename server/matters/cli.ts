// Catalogue tool for administrators (run from the project folder):
//   npx tsx server/matters/cli.ts check  [config]                 check all three lists and guides.json
//   npx tsx server/matters/cli.ts export <level|center> [config] > x.csv  a list as CSV (UTF-8 with BOM) for Excel
//   npx tsx server/matters/cli.ts import <level> x.csv [config]    check a CSV and write config/matters/<level>.json
// Nothing is written unless every row passes.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from '../config/load.ts';
import { CENTER_LEVELS, type CenterLevel } from '../contract/matters.ts';
import { catalogueFromCsv, catalogueToCsv, CsvError } from './catalogue-csv.ts';
import type { MatterRow } from './catalogue-schema.ts';
import { catalogueFile, CENTRE_FILE, hasCentreCatalogue, loadCatalogue, readGuides } from './load.ts';

function categoryIds(dir: string): string[] {
  return (
    JSON.parse(readFileSync(join(dir, 'categories.json'), 'utf8').replace(/^\uFEFF/, '')) as { id: string }[]
  ).map((c) => c.id);
}

/** The level written in the centre's own catalogue (center.json). */
function centreLevel(dir: string): CenterLevel {
  return level(
    (JSON.parse(readFileSync(join(dir, CENTRE_FILE), 'utf8').replace(/^\uFEFF/, '')) as { level?: string }).level,
  );
}

/** `center` names the centre's own catalogue; a level names that level's template. */
function target(arg: string | undefined, dir: string): { lvl: CenterLevel; file: string } {
  if (arg === 'center') return { lvl: centreLevel(dir), file: CENTRE_FILE };
  const lvl = level(arg);
  return { lvl, file: catalogueFile(lvl) };
}

function level(arg: string | undefined): CenterLevel {
  if (!CENTER_LEVELS.includes(arg as CenterLevel))
    throw new Error(`层级应为 ${CENTER_LEVELS.join('、')} 之一，实际是 "${arg ?? ''}"`);
  return arg as CenterLevel;
}

/** The shipped layout: one matter per line, so a diff shows which rows changed. */
export function catalogueJson(lvl: CenterLevel, source: string | undefined, rows: readonly MatterRow[]): string {
  const lines = rows.map((r) => `    ${JSON.stringify(r)}`);
  return `{\n  "level": ${JSON.stringify(lvl)},\n${source === undefined ? '' : `  "source": ${JSON.stringify(source)},\n`}  "matters": [\n${lines.join(',\n')}\n  ]\n}\n`;
}

function main(argv: string[]): void {
  const [command, a, b, c] = argv;
  if (command === 'check') {
    const dir = a ?? 'config';
    for (const l of CENTER_LEVELS)
      console.log(
        `${catalogueFile(l)}：${loadCatalogue(dir, l, { categoryIds: categoryIds(dir) }).matters.length} 项，无误`,
      );
    if (hasCentreCatalogue(dir)) {
      const lvl = centreLevel(dir);
      console.log(
        `${CENTRE_FILE}：${loadCatalogue(dir, lvl, { categoryIds: categoryIds(dir), file: CENTRE_FILE }).matters.length} 项，无误`,
      );
    }
  } else if (command === 'export') {
    const dir = b ?? 'config';
    const { lvl, file } = target(a, dir);
    process.stdout.write(catalogueToCsv(loadCatalogue(dir, lvl, { categoryIds: categoryIds(dir), file }).rows));
  } else if (command === 'import') {
    if (!b) throw new Error('请给出要导入的 CSV 文件');
    const dir = c ?? 'config';
    const { lvl, file } = target(a, dir);
    const problems: string[] = [];
    const guides = readGuides(dir, problems);
    if (!guides) throw new ConfigError(problems);
    const { rows } = catalogueFromCsv(readFileSync(b, 'utf8'), lvl, {
      file: b,
      guideKeys: new Set(Object.keys(guides)),
      categoryIds: new Set(categoryIds(dir)),
    });
    const path = join(dir, file);
    const old = JSON.parse(readFileSync(path, 'utf8').replace(/^\uFEFF/, '')) as { source?: string };
    writeFileSync(path, catalogueJson(lvl, old.source, rows));
    console.log(`已写入 ${path}：${rows.length} 项`);
  } else {
    console.log(
      '用法：check [config] | export <center|township|street|village> [config] | import <center|township|street|village> <file.csv> [config]',
    );
    process.exitCode = 2;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    main(process.argv.slice(2));
  } catch (err) {
    console.error(
      err instanceof ConfigError || err instanceof CsvError ? err.message : `出错：${(err as Error).message}`,
    );
    process.exitCode = 1;
  }
}
