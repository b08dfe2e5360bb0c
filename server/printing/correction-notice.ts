// 补正材料通知: every missing or non-conforming material at once (一次性告知), and that the time limit
// starts again from the day the materials are complete.
import type { CaseRecord, Material } from '../wire.ts';
import { endSlip, formatDate, header, CENTER_NOT_PUBLISHED, NOT_STATED, numbered, printableName, section, signatureBlock, startSlip, windowLabel, type SlipCenter } from './slip-kit.ts';

export interface CorrectionNoticeInput {
  caseRecord: CaseRecord;
  /** What to bring: materials from the guide, or free text written by the window staff. */
  missing: Array<Material | string>;
  center: SlipCenter;
  columns: number;
  printedAt: string | Date;
  /** Optional remark by the window staff (what was wrong with a material). */
  note?: string | null;
}

export function correctionNotice(input: CorrectionNoticeInput): Uint8Array {
  const { caseRecord: c, missing, center, columns, printedAt } = input;
  const b = startSlip(columns);
  header(b, center, '补正材料通知书');
  b.field('办件编号：', c.caseNo);
  b.field('事项名称：', c.matterName);
  const applicant = printableName(c.applicantMasked);
  if (applicant) b.field('申 请 人：', applicant);
  b.rule();
  b.wrapped(`经审查，您申请的“${c.matterName}”事项，申请材料不齐全或者不符合法定形式。请补正以下材料：`);
  section(b, '需补正材料');
  numbered(b, missing.map(describe), '（窗口未列明，请向工作人员确认）');
  if (input.note) b.field('说明：', input.note);
  b.rule();
  b.wrapped('以上需补正的材料已一次性告知。办结时限自收到补正材料的次日起计算。');
  b.field('补正地点：', windowLabel(c.windowNo));
  b.field('咨询电话：', center.phone || CENTER_NOT_PUBLISHED);
  b.field('监督电话：', center.supervisionPhone || CENTER_NOT_PUBLISHED);
  b.field('告知日期：', formatDate(printedAt, center.timezone));
  signatureBlock(b, ['申请人签字：________ 日期：____', '告知人签字：________ 日期：____']);
  return endSlip(b);
}

function describe(m: Material | string): string {
  if (typeof m === 'string') return m;
  const forms = [m.original ? '原件' : null, m.copy ? '复印件' : null].filter(Boolean).join('及');
  const count = m.count !== null ? `${m.count}份` : '';
  const detail = [forms, count].filter(Boolean).join('，');
  return detail ? `${m.name}（${detail}）` : m.name;
}
