// The catalogue for this centre's level (乡镇 / 街道 / 村（社区）), checked against its categories.
import type { Config } from '../config/load.ts';
import { loadCatalogue, type Catalogue } from './catalogue.ts';

export function openCatalogue(configDir: string, config: Config): Catalogue {
  return loadCatalogue(configDir, config.center.level, config.categories.map((c) => c.id));
}
