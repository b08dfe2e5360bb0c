// Issue 22: every paper of the default centre names a material exactly as the guide does (name,
// 原件/复印件, 份数, condition, note), sends the resident where seed 004 sends them, and promises no
// "全部材料" next to an open-ended item. 一次性告知制度 第三条: 对材料不齐全…应…一次性告知其所需补正的全部内容;
// 第五条: 对需补办的手续、材料…作详细说明. Rendered to PNG at 58 and 80 mm in tests/artifacts/ (looked at).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderModel } from '../../drivers/printer/render-model.ts';
import { receiptRaster } from '../../drivers/printer/receipt-image.ts';
import { loadConfig } from '../../server/config/load.ts';
import { openCatalogue } from '../../server/matters/open-catalogue.ts';
import { noticeSlip } from '../../server/printing/index.ts';
import { caseDocument } from '../../server/cases/printing/print-case.ts';
import { casePage } from '../../server/cases/page.ts';
import { publicCase } from '../../server/cases/routes.ts';
import type { CaseDetail } from '../../server/cases/store.ts';
import type { Matter } from '../../server/contract/matters.ts';
import { acceptedCase, caseUrl } from './fixtures.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

const ARTIFACTS = join(import.meta.dirname, '..', 'artifacts');
mkdirSync(ARTIFACTS, { recursive: true });
const CONFIG = new URL('../../config', import.meta.url).pathname;
const config = loadConfig(CONFIG);
const catalogue = openCatalogue(CONFIG, config);
const printedAt = '2026-11-23T02:00:00Z';
const matter = (id: string): Matter => catalogue.get(id)!;
const DIBAO = 'street-03';
const MEDICAL = 'gl-04';
const PREGNANCY = 'gl-21';
const ELDERLY = 'street-30';

function printed(name: string, job: Uint8Array, columns: number) {
  const model = renderModel(job, { widthDots: columns * 12 });
  const img = receiptRaster(model);
  writeFileSync(join(ARTIFACTS, `${name}-${columns === 32 ? '58' : '80'}mm.png`), img.png);
  expect(model.warnings).toEqual([]);
  return model.lines.join('').replace(/\s+/g, '');
}

const correctionOf = (m: Matter, missing: string[]): CaseDetail => ({
  ...(acceptedCase as CaseDetail),
  matterId: m.id,
  matterName: m.name,
  state: 'correction',
  missingMaterials: missing,
});

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.stop());

const placeOnScreen = async (id: string) =>
  ((await (await fetch(`${server.url}/api/matters/${id}`)).json()) as { place: string | null }).place;

describe.each([32, 48])('the guide on paper at %i columns', (columns) => {
  const slip = (id: string) =>
    printed(
      `guide-notice-${id}`,
      noticeSlip({
        matter: matter(id),
        center: config.center,
        columns,
        printedAt,
        windowText: '2号窗口（计划生育）',
      }),
      columns,
    );

  it('孕优检查 sends couples to 市计划生育指导站, not to a window', () => {
    const flat = slip(PREGNANCY);
    expect(flat).toContain('【办理地点】市计划生育指导站');
    expect(flat).not.toContain('2号窗口');
  });

  it('高龄津贴: its own name, and 所在社区 first as seed 004 ㈨ says (到社区申请)', () => {
    const flat = slip(ELDERLY);
    expect(flat).toContain('事项名称：高龄老人生活津贴申请、发放');
    expect(flat).not.toMatch(/80周岁|长寿/);
    expect(flat).toContain('【办理地点】所在社区');
    expect(flat).toContain('户口本原件及复印件，3份');
  });

  it('医疗救助 ④ prints 原件 (提供的资料需原件一式一份)', () => {
    const flat = slip(MEDICAL);
    expect(flat).toMatch(/出院证原件，1份/);
  });

  it('低保: the open-ended ⑩ printed as the seed has it, with what it means; no “全部材料” promise beside it', () => {
    const flat = slip(DIBAO);
    expect(flat).toContain('其它需要提供的相关证明材料');
    expect(flat).toContain('如需其它材料，窗口将在受理时一次性书面告知，不再另行要求');
    expect(flat).not.toContain('全部材料');
  });

  it('a guide without an open-ended item still closes with 全部材料 (高龄津贴)', () => {
    expect(slip(ELDERLY)).toContain('以上为办理本事项所需的全部材料');
  });

  it.each([
    [DIBAO, ['居民户口簿和所有成员身份证'], '居民户口簿和所有成员身份证（原件及复印件，1份）'],
    [ELDERLY, ['户口本'], '户口本（原件及复印件，3份）'],
    [MEDICAL, ['户口簿'], '户口簿（复印件，1份；说明：户主页及本人页复印件）'],
    [PREGNANCY, ['结婚证'], '结婚证（说明：参加孕优的夫妻双方到市计划生育指导站提供身份证、户口本、结婚证做检查）'],
    [DIBAO, ['县市以上医院的证明书'], '县市以上医院的证明书（1份；视情况：患有大病、重病）'],
  ])('补正材料通知书 of %s names %s as the guide does', (id, missing, line) => {
    const c = correctionOf(matter(id), missing);
    const flat = printed(
      `guide-correction-${id}-${missing.join('-')}`,
      caseDocument(c, config, columns, caseUrl, new Date(printedAt), 'case', matter(id)),
      columns,
    );
    expect(flat).toContain(line);
    // the A4 page and the phone page /c/:id say the same
    expect(casePage(c, config, 'A4', caseUrl, new Date(printedAt), 'case', matter(id))).toContain(line);
    expect(publicCase(c, matter(id)).missingLines).toEqual([line]);
  });

  it('a material the guide does not list is printed as the window wrote it', () => {
    const c = correctionOf(matter(DIBAO), ['社区出具的说明']);
    expect(publicCase(c, matter(DIBAO)).missingLines).toEqual(['社区出具的说明']);
  });
});

describe('screen and slip show the same 办理地点', () => {
  it.each([PREGNANCY, ELDERLY, DIBAO, MEDICAL])('%s', async (id) => {
    const onScreen = await placeOnScreen(id);
    expect(onScreen).toBeTruthy();
    const guidePlace = matter(id).guide!.place;
    if (guidePlace) expect(onScreen).toBe(guidePlace);
    else expect(onScreen).toMatch(/号窗口（/);
  });
});
