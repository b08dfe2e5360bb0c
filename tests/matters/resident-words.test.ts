// Issue 22 ⑩: residents search with the words on their papers (户口, 身份证, 结婚证, 退役军人证), not the
// matters' official names. A search finds matters whose guide uses the word (materials, steps); a search
// for something this centre does not handle says where to ask — the consultation windows the config
// names (首问首办责任制度 第九条: 不属于本窗口中心职责范围内的事项，要予以说明，并尽己所能…给予指导帮助),
// never an office the config does not name.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MatterSummary } from '../../server/contract/matters.ts';
import { loadConfig } from '../../server/config/load.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

const CONFIG = new URL('../../config', import.meta.url).pathname;
const config = loadConfig(CONFIG);

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.stop());

const find = async (q: string) =>
  (await (await fetch(`${server.url}/api/matters?q=${encodeURIComponent(q)}`)).json()) as {
    matters: MatterSummary[];
    ask: string | null;
  };

describe('search meets residents’ words', () => {
  it.each([
    ['户口', '最低生活保障'],
    ['身份证', '城市医疗救助'],
    ['结婚', '生育登记服务'],
    ['退役', '小额担保贷款'],
    ['军人', '小额担保贷款'],
    ['孕优', '孕优检查'],
    ['入户核实', '城市医疗救助'],
  ])('%s finds %s through its guide', async (q, name) => {
    const r = await find(q);
    expect(r.matters.map((m) => m.name)).toContain(name);
    expect(r.ask).toBeNull();
  });

  it('ranks a name match before a match in the guide’s words', async () => {
    const r = await find('低保');
    expect(r.matters[0]!.name).toMatch(/低保|最低生活保障/);
  });

  it('a search for what this centre does not handle says where to ask: the consultation windows of the config', async () => {
    const r = await find('护照');
    expect(r.matters).toEqual([]);
    const consult = config.windows.filter((w) => w.categoryIds.includes('consult'));
    expect(consult.length).toBeGreaterThan(0);
    for (const w of consult) expect(r.ask).toContain(`${w.no}号窗口（${w.name}）`);
    expect(r.ask).not.toMatch(/公安|派出所|出入境/); // no office the config does not name
  });

  it('a name with full-width brackets is found by its own name', async () => {
    const r = await find('社会保险补贴（个人）');
    expect(r.matters[0]?.id).toBe('street-13');
  });
});

describe('公示 as seed 004 asks (issue 22 ⑦, the marking)', () => {
  const detail = async (id: string) =>
    (await (await fetch(`${server.url}/api/matters/${id}`)).json()) as { announce: boolean };
  it.each([
    ['street-03', true], // ㈠ 低保: 做好审核阶段的公示
    ['gl-02', true], // ㈢ 廉租房: 做好审核阶段的公示
    ['gl-11', true], // 残联㈤ 资助居家托老: 中心和社区进行公示
    ['gl-19', true], // 计生㈠ 奖励扶助: 中心、社区两级进行公示
    ['gl-04', false], // ㈤ 医疗救助: no 公示 in the seed
  ])('GET /api/matters/%s exposes announce = %s', async (id, announce) => {
    expect((await detail(id)).announce).toBe(announce);
  });
});
