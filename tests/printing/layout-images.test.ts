// Each layout rendered from its ESC/POS bytes to a PNG in tests/artifacts/ (git-ignored, for a person to
// look at), and checked on the pixels: width in dots, ink present, height grows with content, the QR
// decodes back to the URL, Chinese glyphs are drawn (not empty boxes) and nothing crosses the edge.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BinaryBitmap, DecodeHintType, HybridBinarizer, QRCodeReader, RGBLuminanceSource } from '@zxing/library';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderModel } from '../../drivers/printer/render-model.ts';
import { receiptRaster, type ReceiptRaster } from '../../drivers/printer/receipt-image.ts';
import {
  acceptanceReceipt,
  appointmentSlip,
  correctionNotice,
  extensionNotice,
  noticeSlip,
  rejectionNotice,
  ticketSlip,
} from '../../server/printing/index.ts';
import {
  acceptedCase,
  appointment,
  caseUrl,
  category,
  center,
  dibao,
  extendedCase,
  statusUrl,
  ticket,
} from './fixtures.ts';
import { deviceTestSlip } from '../../server/devices/printing/device-test-slip.ts';

const ARTIFACTS = join(import.meta.dirname, '..', 'artifacts');
const printedAt = '2026-11-23T02:00:00Z';

const layouts: Record<string, (columns: number) => Uint8Array> = {
  'ticket-slip': (columns) => ticketSlip({ ticket, category, center, statusUrl, reprint: false, columns }),
  'ticket-slip-reprint': (columns) => ticketSlip({ ticket, category, center, statusUrl, reprint: true, columns }),
  'notice-slip': (columns) => noticeSlip({ matter: dibao, center, columns, printedAt }),
  'acceptance-receipt': (columns) =>
    acceptanceReceipt({ caseRecord: acceptedCase, center, columns, statusUrl: caseUrl }),
  'correction-notice': (columns) =>
    correctionNotice({
      caseRecord: acceptedCase,
      missing: [dibao.guide!.materials[0]!, '近6个月银行流水（加盖银行印章）'],
      center,
      columns,
      printedAt,
    }),
  'rejection-notice': (columns) =>
    rejectionNotice({
      caseRecord: acceptedCase,
      reason: '申请人户籍不在本镇，不属于本中心受理范围。',
      center,
      columns,
      printedAt,
    }),
  'extension-notice': (columns) =>
    extensionNotice({ caseRecord: extendedCase, extension: extendedCase.extensions[0]!, center, columns, printedAt }),
  'not-approved-notice': (columns) =>
    rejectionNotice({
      caseRecord: acceptedCase,
      reason: '经核对，申请人家庭人均收入高于本市城市居民最低生活保障标准。',
      center,
      columns,
      printedAt,
      notApprovedBy: '博乐市民政局',
    }),
  'acceptance-receipt-manual-date': (columns) =>
    acceptanceReceipt({
      caseRecord: {
        ...acceptedCase,
        promisedDate: '2027-01-11',
        clock: {
          ...acceptedCase.clock!,
          promisedDate: '2027-01-11',
          manual: { date: '2027-01-11', reason: '2027年放假安排尚未公布', check: 'unchecked', computedDate: null },
        },
      },
      center,
      columns,
      statusUrl: caseUrl,
    }),
  // 联办件 (issue 28 item 3; 一次性告知制度 第四条): one receipt lists the lead window and every step, applicant masked.
  'acceptance-receipt-joint': (columns) =>
    acceptanceReceipt({
      caseRecord: acceptedCase,
      center,
      columns,
      statusUrl: caseUrl,
      joint: {
        leadWindowNo: 3,
        leadWindowName: '3号窗口 民政',
        steps: [
          {
            seq: 1,
            windowNo: 5,
            windowName: '5号窗口 残联',
            step: '入户核实',
            dueDate: '2026-11-25',
            state: 'open',
            stateName: '办理中',
            doneOn: null,
          },
          {
            seq: 2,
            windowNo: 1,
            windowName: '1号窗口 综合咨询',
            step: '服务中心在受理2个工作日内入户核实信息',
            dueDate: '2026-11-27',
            state: 'open',
            stateName: '办理中',
            doneOn: null,
          },
        ],
      },
    }),
  'appointment-slip': (columns) =>
    appointmentSlip({
      appointment,
      categoryName: '民政',
      matterName: dibao.name,
      windowsText: '4、5号窗口',
      center,
      columns,
    }),
  'device-test-slip': (columns) =>
    deviceTestSlip({
      center,
      connection: '网络（TCP） tcp://192.168.1.87:9100',
      columns,
      printedAt: new Date(printedAt),
    }),
};

const dark = (img: ReceiptRaster, x: number, y: number): boolean => {
  const i = (y * img.width + x) * 4;
  return img.pixels[i]! + img.pixels[i + 1]! + img.pixels[i + 2]! < 3 * 128;
};

function inkIn(img: ReceiptRaster, x0: number, y0: number, x1: number, y1: number): number {
  let n = 0;
  for (let y = Math.max(0, y0); y < Math.min(img.height, y1); y++)
    for (let x = Math.max(0, x0); x < Math.min(img.width, x1); x++) if (dark(img, x, y)) n++;
  return n;
}

function decodeQr(img: ReceiptRaster): string {
  const luminance = new Uint8ClampedArray(img.width * img.height);
  for (let p = 0; p < luminance.length; p++)
    luminance[p] = (img.pixels[p * 4]! + img.pixels[p * 4 + 1]! + img.pixels[p * 4 + 2]!) / 3;
  const source = new RGBLuminanceSource(luminance, img.width, img.height);
  const hints = new Map([[DecodeHintType.TRY_HARDER, true]]);
  return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(source)), hints).getText();
}

beforeAll(() => {
  mkdirSync(ARTIFACTS, { recursive: true });
});

describe.each([
  [32, 384],
  [48, 576],
])('layout images at %i columns (%i dots)', (columns, widthDots) => {
  const rendered = new Map<string, { img: ReceiptRaster; model: ReturnType<typeof renderModel> }>();
  const render = (name: string) => {
    let r = rendered.get(name);
    if (!r) {
      const model = renderModel(layouts[name]!(columns), { widthDots });
      const img = receiptRaster(model);
      writeFileSync(join(ARTIFACTS, `${name}-${columns === 32 ? '58' : '80'}mm.png`), img.png);
      r = { img, model };
      rendered.set(name, r);
    }
    return r;
  };

  it.each(Object.keys(layouts))('%s: exact paper width, ink present, no text past the edge, glyphs drawn', (name) => {
    const { img, model } = render(name);
    expect(img.width).toBe(widthDots);
    expect(img.height).toBe(model.height);
    expect(model.unknownCommands).toBe(0);
    expect(model.warnings).toEqual([]);
    const ink = inkIn(img, 0, 0, img.width, img.height);
    expect(ink / (img.width * img.height)).toBeGreaterThan(0.02);
    // Each text item's glyph cells hold ink: Chinese glyphs were found in the font (an empty .notdef
    // would leave a blank or a thin box) and nothing is drawn outside the paper.
    const problems: string[] = [];
    let cjkGlyphs = 0;
    for (const item of model.items) {
      if (item.kind !== 'text') continue;
      for (const g of item.glyphs) {
        const x0 = item.x + g.dx;
        if (x0 + g.width > widthDots) problems.push(`“${g.ch}” 超出纸宽`);
        if (g.ch.trim() === '' || '.-_·、，。：；'.includes(g.ch)) continue; // little ink by nature
        const cellInk = inkIn(img, x0, item.y, x0 + g.width, item.y + item.height);
        const full = g.width >= 24 * item.scaleX;
        if (full) cjkGlyphs++;
        if (cellInk < (full ? 20 * item.scaleX * item.scaleY : 1)) problems.push(`“${g.ch}” 未画出（${cellInk} 点）`);
      }
    }
    expect(problems).toEqual([]);
    expect(cjkGlyphs).toBeGreaterThan(10);
  });

  it('ticket slip: the big number is twice the height of normal text and centred', () => {
    const { model } = render('ticket-slip');
    const number = model.items.find((i) => i.kind === 'text' && i.glyphs.map((g) => g.ch).join('') === 'A012');
    expect(number && number.kind === 'text' && number.height).toBe(48);
    if (number?.kind !== 'text') throw new Error('号码未打印');
    const width = number.glyphs.reduce((n, g) => n + g.width, 0);
    expect(Math.abs(number.x + width / 2 - widthDots / 2)).toBeLessThanOrEqual(12);
  });

  it.each([
    ['ticket-slip', statusUrl],
    ['ticket-slip-reprint', statusUrl],
    ['acceptance-receipt', caseUrl],
    ['acceptance-receipt-joint', caseUrl],
    ['appointment-slip', `YY:${appointment.code}`],
  ])('%s: the QR on the image decodes to the status URL', (name, url) => {
    const { img, model } = render(name);
    const qr = model.items.find((i) => i.kind === 'qr');
    if (qr?.kind !== 'qr') throw new Error('没有二维码');
    const size = qr.modules * qr.moduleSize;
    // Centred, and its finder pattern corner is solid ink.
    expect(Math.abs(qr.x + size / 2 - widthDots / 2)).toBeLessThanOrEqual(qr.moduleSize);
    expect(inkIn(img, qr.x, qr.y, qr.x + qr.moduleSize * 7, qr.y + qr.moduleSize)).toBe(
      qr.moduleSize * 7 * qr.moduleSize,
    );
    expect(decodeQr(img)).toBe(url);
  });

  it('height grows with content: the notice slip is taller than the ticket, and more materials make it taller', () => {
    const ticketH = render('ticket-slip').img.height;
    const noticeH = render('notice-slip').img.height;
    expect(noticeH).toBeGreaterThan(ticketH);
    const more = {
      ...dibao,
      guide: { ...dibao.guide!, materials: [...dibao.guide!.materials, ...dibao.guide!.materials] },
    };
    const longer = renderModel(noticeSlip({ matter: more, center, columns, printedAt }), { widthDots });
    expect(longer.height).toBeGreaterThan(noticeH);
  });

  it('each slip ends with one cut line', () => {
    for (const name of Object.keys(layouts)) {
      const { model } = render(name);
      expect(model.cuts).toBe(1);
      const cut = model.items.at(-1);
      expect(cut?.kind).toBe('cut');
    }
  });
});
