// The default centre (顾力木图街道) has its own catalogue from seed 004 附件2: every guide a resident can
// apply under is a matter of the centre, and each is found at the kiosk by its own name through the
// real HTTP search. The seed-003 lists stay as templates; a template row that is the same service
// carries the same guide (config/matters/README.md documents each row).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MatterSummary } from '../../server/contract/matters.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

const CONFIG = new URL('../../config', import.meta.url).pathname;
const read = (f: string) => JSON.parse(readFileSync(join(CONFIG, 'matters', f), 'utf8'));
const guides = read('guides.json').guides as Record<string, { title: string; audience?: string }>;
const centre = read('center.json').matters as { id: string; name: string; guide: string | null }[];
const street = read('street.json').matters as { id: string; name: string; guide: string | null }[];

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.stop());

const find = async (q: string) =>
  ((await (await fetch(`${server.url}/api/matters?q=${encodeURIComponent(q)}`)).json()) as { matters: MatterSummary[] })
    .matters;

describe('顾力木图街道’s own catalogue', () => {
  it('offers every resident-facing guide of guides.json as a matter; only internal work stays out', () => {
    const offered = new Set(centre.map((r) => r.guide));
    const missing = Object.entries(guides)
      .filter(([k, g]) => g.audience !== 'internal' && !offered.has(k))
      .map(([k]) => k);
    expect(missing).toEqual([]);
    expect(
      Object.entries(guides)
        .filter(([, g]) => g.audience === 'internal')
        .map(([k]) => k),
    ).toEqual(['family-planning-statistics']);
    expect(centre.every((r) => r.guide !== null)).toBe(true);
  });

  it('has the four sections the old catalogue lost and 办证’s “两证” (5 个工作日)', async () => {
    for (const q of ['优抚对象抚恤金', '劳动监察', '药具', '两证'])
      expect((await find(q)).length, q).toBeGreaterThan(0);
    const [two] = await find('“两证”办理');
    const detail = (await (await fetch(`${server.url}/api/matters/${two!.id}`)).json()) as {
      matter: { guide: { promisedDays: number } };
    };
    expect(detail.matter.guide.promisedDays).toBe(5);
  });

  it('finds each guide through /api/matters?q=<its name> — the guide’s title and the matter’s name', async () => {
    for (const row of centre) {
      const title = guides[row.guide!]!.title;
      const byTitle = await find(title);
      expect(
        byTitle.map((m) => m.id),
        `${title}`,
      ).toContain(row.id);
      const byName = await find(row.name);
      expect(byName[0]!.id, row.name).toBe(row.id);
      expect(byName[0]!.hasGuide).toBe(true);
    }
  });

  it('finds 医疗救助, 廉租房, 殡葬, 小额担保贷款, 就业援助金, 白内障 — the guides the old catalogue could not reach', async () => {
    for (const q of ['医疗救助', '廉租房', '殡葬', '小额担保贷款', '就业援助金', '白内障'])
      expect((await find(q))[0]?.hasGuide, q).toBe(true);
  });

  it('keeps the record ids of the same service in the street template, with the same guide', () => {
    const template = new Map(street.map((r) => [r.id, r]));
    for (const row of centre.filter((r) => r.id.startsWith('street-'))) {
      expect(template.get(row.id)?.name, row.id).toBe(row.name);
      expect(template.get(row.id)?.guide, row.id).toBe(row.guide);
    }
  });
});
