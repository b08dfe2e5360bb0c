// 延期办理告知书 (限时办结制度 第七条 "因特殊原因不能在承诺时限内办结的,须经街道相关领导书面批准,并提前3日书面告知
// 申请人,说明理由,告知新的办结时限"): the reason, who approved it and when, the old and the new date.
import { applicantLines } from './applicant-lines.ts';
import type { CaseExtension, CaseRecord } from '../../contract/cases.ts';
import {
  endSlip,
  formatDate,
  formatDateTime,
  header,
  phoneLines,
  section,
  signatureBlock,
  startSlip,
  windowLabel,
  type SlipCenter,
} from '../../printing/slip-kit.ts';

export interface ExtensionNoticeInput {
  caseRecord: CaseRecord;
  /** The approved extension this notice tells the applicant about. */
  extension: CaseExtension;
  center: SlipCenter;
  columns: number;
  printedAt: string | Date;
}

export { approvedExtension } from '../wording.ts';

export function extensionNotice(input: ExtensionNoticeInput): Uint8Array {
  const { caseRecord: c, extension: e, center, columns, printedAt } = input;
  const b = startSlip(columns);
  header(b, center, '延期办理告知书');
  b.field('办件编号：', c.caseNo);
  b.field('事项名称：', c.matterName);
  applicantLines(b, c);
  b.field('受理时间：', formatDateTime(c.acceptedAt, center.timezone));
  b.rule();
  b.wrapped(
    `您申请的“${c.matterName}”事项，因特殊原因不能在原承诺时限内办结。经中心分管领导书面批准，办结时限延长${e.days}个工作日，现将有关情况告知如下：`,
  );
  section(b, '延期理由');
  b.wrapped(e.reason, { firstIndent: 2, indent: 2 });
  b.field('原承诺办结：', e.oldDate ? formatDate(e.oldDate) : '—');
  b.bold(true)
    .field('新的办结时限：', e.newDate ? `${formatDate(e.newDate)}前` : '—')
    .bold(false);
  b.field('批 准 人：', e.decidedByName ?? '—');
  b.field('批准时间：', e.decidedAt ? formatDateTime(e.decidedAt, center.timezone) : '—');
  b.rule();
  // The supervision phone is named only when the centre has published one (no 可拨打监督电话 with no number).
  b.wrapped(
    `给您带来不便，敬请谅解。如有疑问，请向受理窗口咨询${center.supervisionPhone ? '；对延期有异议的，可拨打监督电话反映' : ''}。`,
  );
  b.field('受理窗口：', windowLabel(c.windowNo));
  phoneLines(b, { consult: center.phone, supervision: center.supervisionPhone });
  b.field('告知日期：', formatDate(printedAt, center.timezone));
  signatureBlock(b, ['申请人'], '签收');
  signatureBlock(b, ['告知人']);
  return endSlip(b);
}
