// 不予受理告知书: the reason in full, and the resident's remedies (administrative review within 60 days,
// lawsuit within 6 months, 行政复议法 / 行政诉讼法) and the supervision phone.
import { applicantLines } from './applicant-lines.ts';
import type { CaseRecord } from '../../contract/cases.ts';
import {
  endSlip,
  formatDate,
  header,
  NOT_STATED,
  section,
  phoneLines,
  signatureBlock,
  startSlip,
  windowLabel,
  type SlipCenter,
} from '../../printing/slip-kit.ts';

export interface RejectionNoticeInput {
  caseRecord: CaseRecord;
  /** Why the application is not accepted, as the window staff wrote it. */
  reason: string;
  center: SlipCenter;
  columns: number;
  printedAt: string | Date;
  /** Where the resident can apply instead, when the matter belongs elsewhere. */
  referTo?: string | null;
  /** 不予批准: the higher authority refused a reported case (the notice names it). */
  notApprovedBy?: string | null;
}

export function rejectionNotice(input: RejectionNoticeInput): Uint8Array {
  const { caseRecord: c, reason, center, columns, printedAt } = input;
  const b = startSlip(columns);
  const notApproved = input.notApprovedBy !== undefined && input.notApprovedBy !== null;
  header(b, center, notApproved ? '不予批准告知书' : '不予受理告知书');
  b.field('办件编号：', c.caseNo);
  b.field('事项名称：', c.matterName);
  applicantLines(b, c);
  b.rule();
  b.wrapped(
    notApproved
      ? `您申请的“${c.matterName}”事项已受理并报${input.notApprovedBy}审批，经审批，不予批准。`
      : `经审查，您申请的“${c.matterName}”事项，决定不予受理。`,
  );
  section(b, notApproved ? '不予批准理由' : '不予受理理由');
  b.wrapped(reason.trim() || NOT_STATED, { firstIndent: 2, indent: 2 });
  if (input.referTo) {
    section(b, '建议');
    b.wrapped(input.referTo, { firstIndent: 2, indent: 2 });
  }
  b.rule();
  b.wrapped(
    '如对本决定不服，可以自收到本告知书之日起六十日内依法申请行政复议，或者六个月内依法向人民法院提起行政诉讼。',
  );
  b.field('告知窗口：', windowLabel(c.windowNo));
  phoneLines(b, { consult: center.phone, supervision: center.supervisionPhone });
  b.field('告知日期：', formatDate(printedAt, center.timezone));
  signatureBlock(b, ['申请人'], '签收');
  signatureBlock(b, ['告知人']);
  return endSlip(b);
}
