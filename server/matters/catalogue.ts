// The matter catalogue's public face: load a level (with guides merged and the search index built),
// search, and the error that stops start-up. The parts live in load.ts, search.ts, open-catalogue.ts
// and catalogue-csv.ts.
export {
  CatalogueError,
  loadCatalogue,
  mergeGuides,
  checkCatalogue,
  checkGuides,
  checkRows,
  catalogueFile,
  GUIDES_FILE,
  type GuideMap,
  type LoadedCatalogue,
} from './load.ts';
export { createCatalogue, openCatalogue, type Catalogue } from './open-catalogue.ts';
export { MatterIndex, normalizeQuery, type SearchFilter } from './search.ts';
export type { GuideEntry, MatterRow } from './catalogue-schema.ts';
