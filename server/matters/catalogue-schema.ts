// Schemas for the matter catalogue files in config/matters/: one row per matter (township.json,
// street.json, village.json) and the guides (guides.json). The rows link to guides by key, so one guide
// can serve the same matter at several levels without being copied.
import {
  array,
  bool,
  int,
  literal,
  nullable,
  obj,
  optional,
  record,
  str,
  withDefault,
  type Infer,
  type Schema,
} from '../contract/schema.ts';
import { CASE_KINDS, CENTER_LEVELS, MATTER_TYPES } from '../contract/matters.ts';

export const MATTER_ID = str({
  min: 1,
  max: 60,
  pattern: /^[a-z0-9][a-z0-9-]*$/,
  hint: '小写字母、数字和连字符，如 street-03',
});
export const GUIDE_KEY = str({
  min: 1,
  max: 60,
  pattern: /^[a-z0-9][a-z0-9-]*$/,
  hint: '小写字母、数字和连字符，如 urban-minimum-living',
});

export const MaterialSchema = obj({
  name: str({ min: 1, max: 200 }),
  original: bool(),
  copy: bool(),
  count: nullable(int({ min: 1, max: 99 })),
  required: bool(),
  condition: nullable(str({ min: 1, max: 200 })),
  note: nullable(str({ min: 1, max: 300 })),
});

const text = (max = 500) => str({ min: 1, max });
const days = nullable(int({ min: 1, max: 365 }));

/** A guide as stored: the wire `Guide` plus `title`, the section heading in the source document. */
export const GuideEntrySchema = obj({
  title: text(200),
  basis: array(text()),
  conditions: array(text()),
  materials: array(MaterialSchema),
  steps: array(text()),
  promisedDays: days,
  legalDays: days,
  timeLimitText: nullable(text()),
  caseKind: nullable(literal(CASE_KINDS, { immediate: '即办件', promised: '承诺件' })),
  fees: nullable(text(200)),
  place: nullable(text(200)),
  phone: nullable(text(40)),
  source: text(300),
  /** 'internal': the centre's own work (e.g. 计生 信息化统计), kept with the guides but offered to no resident. */
  audience: optional(literal(['internal'] as const)),
});
export type GuideEntry = Infer<typeof GuideEntrySchema>;

export const GuidesFileSchema = obj({
  source: optional(str({ max: 500 })),
  guides: record(GuideEntrySchema, GUIDE_KEY),
});

/** One catalogue row. `guide` is a key into guides.json (or null); `keywords` only feed the search. */
export const MatterRowSchema = obj({
  id: MATTER_ID,
  name: text(200),
  type: literal(MATTER_TYPES),
  body: text(100),
  levels: array(literal(CENTER_LEVELS, { township: '乡镇', street: '街道', village: '村（社区）' }), {
    min: 1,
    max: 3,
  }),
  department: text(20),
  categoryId: nullable(str({ min: 1, max: 40 })),
  keywords: withDefault(array(str({ min: 1, max: 40 }), { max: 20 }), []),
  guide: nullable(GUIDE_KEY),
  /** 须公告: the law requires the result to be announced (seed 004 办结公告制度); shown on the hall display. */
  announce: optional(bool()),
});
export type MatterRow = Infer<typeof MatterRowSchema>;

// Rows are checked one by one (so a problem names its row), the file shape first.
const anyValue: Schema<unknown> = { describe: '事项', check: (v) => v };
export const CatalogueFileSchema = obj({
  level: literal(CENTER_LEVELS, { township: '乡镇', street: '街道', village: '村（社区）' }),
  source: optional(str({ max: 500 })),
  matters: array(anyValue, { max: 2000 }),
});
