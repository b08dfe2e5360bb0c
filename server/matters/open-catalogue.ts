// The catalogue the server runs with: the centre's level picks the list (乡镇 / 街道 / 村（社区）),
// guides are merged in and the search index is built once, at start-up.
import type { Config } from '../config/load.ts';
import type { CenterLevel, Matter, MatterSummary } from '../contract/matters.ts';
import type { CatalogueView } from './routes.ts';
import { CENTER_LEVELS } from '../contract/matters.ts';
import { CENTRE_FILE, centreCatalogueLevel, loadCatalogue, mergeGuides, type GuideMap } from './load.ts';
import type { MatterRow } from './catalogue-schema.ts';
import { MatterIndex, type SearchFilter } from './search.ts';

export interface Catalogue extends CatalogueView {
  readonly level: CenterLevel;
  /** All matters of the level, in catalogue order (copies: callers may not change the catalogue). */
  list(): Matter[];
  get(id: string): Matter | null;
  search(query: string, filter?: SearchFilter): MatterSummary[];
  departments(): string[];
  /** The rows as stored (for CSV export). */
  rows(): MatterRow[];
}

/** A catalogue from rows and guides already checked (tests and the CSV import use it directly). */
export function createCatalogue(level: CenterLevel, rows: readonly MatterRow[], guides: GuideMap): Catalogue {
  const matters = mergeGuides(rows, guides);
  const extras = new Map(rows.map((r) => [r.id, [...r.keywords, ...(r.guide ? [guides[r.guide]!.title] : [])]]));
  const index = new MatterIndex(matters, (m) => extras.get(m.id) ?? []);
  return {
    level,
    list: () => structuredClone(matters),
    get: (id) => {
      const m = index.get(id);
      return m ? structuredClone(m) : null;
    },
    search: (query, filter = {}) => index.search(query, filter),
    departments: () => index.departments(),
    rows: () => structuredClone([...rows]),
  };
}

/**
 * Open the centre's own `config/matters/center.json` (or, without it, the `<level>.json` template for the
 * centre's level), with `guides.json`. Categories named by
 * matters must exist in categories.json. Throws ConfigError naming file, row and field.
 */
export function openCatalogue(dir: string, config: Pick<Config, 'center' | 'categories'>): Catalogue {
  const level = config.center.level;
  // center.json is written for one level; a centre configured for another level uses that level's template.
  const own = centreCatalogueLevel(dir);
  const file =
    own !== undefined && (own === level || !(CENTER_LEVELS as readonly string[]).includes(own))
      ? CENTRE_FILE
      : undefined;
  const loaded = loadCatalogue(dir, level, { categoryIds: config.categories.map((c) => c.id), file });
  return createCatalogue(level, loaded.rows, loaded.guides);
}
