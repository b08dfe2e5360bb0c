// 补正材料通知: every missing or non-conforming material at once (一次性告知), the day by which they are
// expected, that the time limit starts again from the day the materials are complete (限时办结制度
// 第八条), and a QR to the case page.
import { applicantLines } from './applicant-lines.ts';
import type { CaseRecord } from '../../contract/cases.ts';
import type { Material } from '../../contract/matters.ts';
import {
  endSlip,
  formatDate,
  header,
  materialLine,
  numbered,
  phoneLines,
  qrModuleSize,
  section,
  signatureBlock,
  startSlip,
  windowLabel,
  type SlipCenter,
} from '../../printing/slip-kit.ts';

export interface CorrectionNoticeInput {
  caseRecord: CaseRecord;
  /** What to bring: materials from the guide, or free text written by the window staff. */
  missing: Array<Material | string>;
  center: SlipCenter;
  columns: number;
  printedAt: string | Date;
  /** Optional remark by the window staff (what was wrong with a material). */
  note?: string | null;
  /** The case's public status page (the QR): the resident sees what is still missing on a phone. */
  statusUrl?: string | null;
  /** The day (YYYY-MM-DD) by which the window expects the materials; without one, a blank the staff fill in. */
  expectedBy?: string | null;
}

export function correctionNotice(input: CorrectionNoticeInput): Uint8Array {
  const { caseRecord: c, missing, center, columns, printedAt } = input;
  const b = startSlip(columns);
  header(b, center, '补正材料通知书');
  b.field('办件编号：', c.caseNo);
  b.field('事项名称：', c.matterName);
  applicantLines(b, c);
  b.rule();
  b.wrapped(`经审查，您申请的“${c.matterName}”事项，申请材料不齐全或者不符合法定形式。请补正以下材料：`);
  section(b, '需补正材料');
  numbered(b, missing.map(materialLine), '（窗口未列明，请向工作人员确认）');
  if (input.note) b.field('说明：', input.note);
  b.rule();
  b.wrapped('以上需补正的材料已一次性告知。办结时限自收到补正材料的次日起计算。');
  b.bold(true)
    .field('请于', `${input.expectedBy ? formatDate(input.expectedBy, center.timezone) : '______年____月____日'}前补正`)
    .bold(false);
  b.field('补正地点：', windowLabel(c.windowNo));
  phoneLines(b, { consult: center.phone, supervision: center.supervisionPhone });
  b.field('告知日期：', formatDate(printedAt, center.timezone));
  if (input.statusUrl) {
    b.rule();
    b.align('center')
      .qr(input.statusUrl, { moduleSize: qrModuleSize(input.statusUrl, columns), level: 'M' })
      .feed(1)
      .line('扫码查看需补正的材料和办理进度')
      .align('left');
  }
  signatureBlock(b, ['申请人', '告知人']);
  return endSlip(b);
}
