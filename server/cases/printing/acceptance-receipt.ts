// 受理回执: proof that the application was accepted, with the promised completion date and a QR to follow
// the case on a phone. The applicant appears only masked.
import { applicantLines } from './applicant-lines.ts';
import type { CaseRecord } from '../../contract/cases.ts';
import type { Material } from '../../contract/matters.ts';
import { CASE_KIND_NAMES } from '../../matters/printing/notice-slip.ts';
import { clockLines } from './case-clock-lines.ts';
import type { PublicJoint } from '../../contract/joint.ts';
import {
  endSlip,
  formatDate,
  formatDateTime,
  header,
  materialLine,
  NOT_STATED,
  numbered,
  phoneLines,
  qrModuleSize,
  section,
  signatureBlock,
  startSlip,
  windowLabel,
  type SlipCenter,
} from '../../printing/slip-kit.ts';

export interface AcceptanceReceiptInput {
  caseRecord: CaseRecord;
  center: SlipCenter;
  columns: number;
  /** The case's public status page, e.g. http://192.168.1.20:8080/c/<id>. */
  statusUrl: string;
  /** The materials the window received (the guide's materials the case was accepted with). */
  received?: readonly Material[];
  /** 联办件 (一次性告知制度 第四条): the lead window and each participating window's step and deadline. */
  joint?: PublicJoint | null;
}

export function acceptanceReceipt(input: AcceptanceReceiptInput): Uint8Array {
  const { caseRecord: c, center, columns, statusUrl } = input;
  const b = startSlip(columns);
  const received = c.state === 'received';
  header(b, center, received ? '收件回执' : '受理回执');
  b.field('办件编号：', c.caseNo);
  b.field('事项名称：', c.matterName);
  applicantLines(b, c);
  b.field('受理时间：', formatDateTime(c.acceptedAt, center.timezone));
  b.field('办件类型：', CASE_KIND_NAMES[c.kind]);
  if (received) b.field('办理状态：', '已收件，待审查，审查后告知是否受理');
  else if (c.kind === 'promised' && c.clock) clockLines(b, c);
  else if (c.kind === 'promised')
    b.bold(true)
      .field('承诺办结：', c.promisedDate ? formatDate(c.promisedDate, center.timezone) : NOT_STATED)
      .bold(false);
  else b.field('办结时间：', '当场办结');
  b.field('受理窗口：', windowLabel(c.windowNo));
  if (input.joint) {
    // One receipt for the resident: every window that takes part, each with its step and its date, all inside
    // the one promised date; the result is handed out at the lead window (首问首办, 一站式办结).
    section(b, '联办事项');
    b.field('牵头窗口：', `${input.joint.leadWindowName}（受理、出件）`);
    numbered(
      b,
      input.joint.steps.map((s) => `${s.windowName}：${s.step}，${formatDate(s.dueDate, center.timezone)}前完成`),
    );
  }
  if (input.received?.length) {
    section(b, '已收材料');
    numbered(b, input.received.map(materialLine));
  }
  b.rule();
  b.align('center')
    .qr(statusUrl, { moduleSize: qrModuleSize(statusUrl, columns), level: 'M' })
    .feed(1)
    .line('扫码查询办理进度')
    .align('left');
  b.rule();
  // The supervision phone is named only where the centre has published one.
  b.wrapped(
    `请妥善保管本回执，凭本回执和身份证件领取办理结果。${center.supervisionPhone ? '逾期未办结的，可拨打监督电话反映。' : ''}`,
  );
  phoneLines(b, { consult: center.phone, supervision: center.supervisionPhone });
  signatureBlock(b, ['受理人']);
  return endSlip(b);
}
