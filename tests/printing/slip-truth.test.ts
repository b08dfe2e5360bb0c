// The paper says only what the guide says (issue 18), on the shipped 顾力木图街道 catalogue and config:
// the corrected 低保 notice slip, the 咨询指引 for a matter without a guide, the receipt that lists the
// materials received, the 补正 notice with its QR and date, and the A4 receipt's QR where it says 扫描.
// Each rendered to PNG at 58 and 80 mm in tests/artifacts/ (looked at by a person) and checked on the
// printed lines.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BinaryBitmap, DecodeHintType, HybridBinarizer, QRCodeReader, RGBLuminanceSource } from '@zxing/library';
import { describe, expect, it } from 'vitest';
import { renderModel } from '../../drivers/printer/render-model.ts';
import { receiptRaster, type ReceiptRaster } from '../../drivers/printer/receipt-image.ts';
import { loadConfig } from '../../server/config/load.ts';
import { openCatalogue } from '../../server/matters/open-catalogue.ts';
import { acceptanceReceipt, correctionNotice, noticeSlip } from '../../server/printing/index.ts';
import { receivedMaterials } from '../../server/cases/printing/print-case.ts';
import { casePage } from '../../server/cases/page.ts';
import type { CaseDetail } from '../../server/cases/store.ts';
import { acceptedCase, caseUrl } from './fixtures.ts';

const ARTIFACTS = join(import.meta.dirname, '..', 'artifacts');
mkdirSync(ARTIFACTS, { recursive: true });
const CONFIG = new URL('../../config', import.meta.url).pathname;
const config = loadConfig(CONFIG);
const catalogue = openCatalogue(CONFIG, config);
const dibao = catalogue.get('street-03')!;
const printedAt = '2026-11-23T02:00:00Z';
const CLOSING = /^ *[，。、；：？！）》」』】〕,.;:?!)\]}%…]/;

function decodeQr(img: ReceiptRaster): string {
  const lum = new Uint8ClampedArray(img.width * img.height);
  for (let p = 0; p < lum.length; p++)
    lum[p] = (img.pixels[p * 4]! + img.pixels[p * 4 + 1]! + img.pixels[p * 4 + 2]!) / 3;
  return new QRCodeReader()
    .decode(
      new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(lum, img.width, img.height))),
      new Map([[DecodeHintType.TRY_HARDER, true]]),
    )
    .getText();
}

function printedLines(name: string, job: Uint8Array, columns: number) {
  const model = renderModel(job, { widthDots: columns * 12 });
  const img = receiptRaster(model);
  writeFileSync(join(ARTIFACTS, `${name}-${columns === 32 ? '58' : '80'}mm.png`), img.png);
  expect(model.warnings).toEqual([]);
  return { lines: model.lines, flat: model.lines.join('').replace(/\s+/g, ''), img, model };
}

/** What no slip of this centre may say. */
function expectHonest(lines: string[], flat: string): void {
  expect(flat).not.toMatch(/seed|种子/i);
  expect(flat).not.toContain('本中心未公布');
  expect(flat).not.toContain('2277416'); // the city website's footer number, not the centre's
  if (!config.center.supervisionPhone) expect(flat).not.toContain('监督电话');
  lines.forEach((l, i) => i > 0 && expect(l, `line ${i}: ${l}`).not.toMatch(CLOSING));
}

const detail = (over: Partial<CaseDetail>): CaseDetail => ({
  ...(acceptedCase as CaseDetail),
  matterId: dibao.id,
  matterName: dibao.name,
  ...over,
});

describe.each([32, 48])('slips of the default centre at %i columns', (columns) => {
  it('the default config ships no phone the seeds do not give as the centre’s', () => {
    expect(config.center.phone).toBe('');
    expect(config.center.supervisionPhone).toBe('');
  });

  it('低保 一次性告知单: the guide’s materials as it gives them, the published document as source, the 20-day rule, room to sign', () => {
    const { lines, flat } = printedLines(
      'notice-slip-dibao',
      noticeSlip({ matter: dibao, center: config.center, columns, printedAt, windowText: '4号窗口（民政）' }),
      columns,
    );
    expectHonest(lines, flat);
    expect(flat).toContain('居民户口簿和所有成员身份证');
    expect(flat).not.toContain('户口薄');
    expect(flat).toContain('原件及复印件，1份');
    expect(flat).toContain('离婚证(判决书)');
    expect(flat).toContain('视情况：离婚的');
    expect(flat).not.toContain('必需');
    expect(flat).toContain(
      '指南出处：《博乐市顾力木图街道便民服务中心建设运行方案(试行)》附件2业务工作流程一、民政工作㈠城市低保申请办理工作',
    );
    expect(flat).toContain('办结时限：20个工作日');
    expect(flat).not.toContain('咨询电话'); // no centre phone set, the guide gives none
    expect(lines.some((l) => l.startsWith('申请人签字：') && l.length >= columns - 6)).toBe(true);
  });

  it('咨询指引 for a matter without a guide: window, hours; no promise of completeness', () => {
    const matter = { ...dibao, guide: null };
    const { lines, flat } = printedLines(
      'consult-slip',
      noticeSlip({
        matter,
        center: { ...config.center, phone: '0909-1234567' },
        columns,
        printedAt,
        windowText: '1号窗口（综合咨询）',
        hours: '工作日（法定节假日除外） 09:30-13:30、16:00-19:30',
      }),
      columns,
    );
    expectHonest(lines, flat);
    expect(flat).toContain('咨询指引');
    expect(flat).not.toContain('一次性告知单');
    expect(flat).toContain('【咨询窗口】1号窗口（综合咨询）');
    expect(flat).toContain('09:30-13:30、16:00-19:30');
    expect(flat).toContain('咨询电话：0909-1234567');
  });

  it('受理回执 lists the materials received and keeps the QR', () => {
    const c = detail({ state: 'accepted' });
    const job = acceptanceReceipt({
      caseRecord: c,
      center: config.center,
      columns,
      statusUrl: caseUrl,
      received: receivedMaterials(c, dibao),
    });
    const { lines, flat, img } = printedLines('acceptance-receipt-dibao', job, columns);
    expectHonest(lines, flat);
    expect(flat).toContain('【已收材料】');
    expect(flat).toContain('居民户口簿和所有成员身份证（原件及复印件，1份）');
    expect(flat).not.toContain('离婚证'); // conditional: not known to have been received
    expect(flat).not.toContain('可拨打监督电话');
    expect(decodeQr(img)).toBe(caseUrl);
  });

  it('补正 notice: the QR to the case page and the date by which the materials are expected', () => {
    const c = detail({ state: 'correction', missingMaterials: ['居民户口簿和所有成员身份证'] });
    const job = correctionNotice({
      caseRecord: c,
      missing: c.missingMaterials,
      center: config.center,
      columns,
      printedAt,
      statusUrl: caseUrl,
      expectedBy: '2026-11-30',
    });
    const { lines, flat, img } = printedLines('correction-notice-dibao', job, columns);
    expectHonest(lines, flat);
    expect(flat).toContain('请于2026年11月30日前补正');
    expect(decodeQr(img)).toBe(caseUrl);
    const blank = printedLines(
      'correction-notice-blank-date',
      correctionNotice({
        caseRecord: c,
        missing: c.missingMaterials,
        center: config.center,
        columns,
        printedAt,
        statusUrl: caseUrl,
      }),
      columns,
    );
    expect(blank.flat).toContain('请于______年____月____日前补正');
  });
});

describe('A4 受理回执', () => {
  it('shows a QR where it says 扫描, and no phone the centre has not set', () => {
    const c = detail({ state: 'accepted' });
    const html = casePage(c, config, 'A4', caseUrl, new Date(printedAt));
    writeFileSync(join(ARTIFACTS, 'case-page-a4.html'), html);
    const scan = html.indexOf('扫描');
    expect(scan).toBeGreaterThan(0);
    expect(html.slice(scan, scan + 400)).toMatch(/<svg class="qr"/);
    expect(html).not.toContain('本中心未公布');
    expect(html).not.toContain('监督电话');
    const correction = casePage(
      detail({ state: 'correction', missingMaterials: ['户口簿'] }),
      config,
      'A4',
      caseUrl,
      new Date(printedAt),
    );
    expect(correction).toMatch(/<svg class="qr"[\s\S]*扫描二维码/);
  });
});
