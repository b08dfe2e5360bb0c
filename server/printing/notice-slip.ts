// 一次性告知单: everything a resident needs to come back once with a complete application — conditions,
// every material with its form, count and whether it is needed, steps, time limits, fees, place, phones —
// and lines for both signatures, as the 一次性告知制 requires. A field the guide does not give is printed
// as 指南未载明, never left out, so the staff see the gap on paper.
import { CASE_KINDS, type CaseKind, type Material, type Matter } from '../wire.ts';
import { endSlip, formatDate, header, CENTER_NOT_PUBLISHED, NOT_STATED, numbered, section, signatureBlock, startSlip, type SlipCenter } from './slip-kit.ts';

export interface NoticeSlipInput {
  matter: Matter;
  center: SlipCenter;
  columns: number;
  /** When it is printed (the date on the slip). */
  printedAt: string | Date;
  /** The window that handles the matter when the guide names no place, e.g. 3号窗口（民政）. */
  windowText?: string | null;
}

export const CASE_KIND_NAMES: Record<CaseKind, string> = { immediate: '即办件', promised: '承诺件' };

export function noticeSlip(input: NoticeSlipInput): Uint8Array {
  const { matter, center, columns, printedAt } = input;
  const guide = matter.guide;
  const b = startSlip(columns);
  header(b, center, '一次性告知单');
  b.field('事项名称：', matter.name);
  b.field('事项类型：', matter.type);
  b.field('实施主体：', matter.body || NOT_STATED);
  b.rule();

  if (!guide) {
    b.wrapped('本事项暂无办事指南，所需材料请向窗口工作人员咨询，由窗口一次性书面告知。');
  } else {
    section(b, '设定依据');
    numbered(b, guide.basis);
    section(b, '受理条件');
    numbered(b, guide.conditions);
    section(b, '申请材料');
    if (guide.materials.length === 0) b.wrapped(NOT_STATED, { firstIndent: 2, indent: 2 });
    guide.materials.forEach((m, i) => material(b, i + 1, m));
    section(b, '办理流程');
    numbered(b, guide.steps);
    section(b, '办理时限');
    b.field('承诺时限：', guide.promisedDays !== null ? `${guide.promisedDays}个工作日` : NOT_STATED);
    b.field('法定时限：', guide.legalDays !== null ? `${guide.legalDays}个工作日` : NOT_STATED);
    if (guide.caseKind && CASE_KINDS.includes(guide.caseKind)) b.field('办件类型：', CASE_KIND_NAMES[guide.caseKind]);
    if (guide.timeLimitText) b.field('指南原文：', guide.timeLimitText);
    section(b, '收费标准');
    b.wrapped(guide.fees ?? NOT_STATED, { firstIndent: 2, indent: 2 });
  }
  section(b, '办理地点');
  b.wrapped(guide?.place ?? input.windowText ?? (center.address || CENTER_NOT_PUBLISHED), { firstIndent: 2, indent: 2 });
  b.field('咨询电话：', guide?.phone ?? (center.phone || CENTER_NOT_PUBLISHED));
  b.field('监督电话：', center.supervisionPhone || CENTER_NOT_PUBLISHED);
  b.field('告知日期：', formatDate(printedAt, center.timezone));
  if (guide?.source) b.field('指南来源：', guide.source);
  b.rule();
  b.wrapped('以上为办理本事项所需的全部材料和要求，一次性告知。材料齐全、符合法定形式的，窗口当场受理；此后不再要求补充本告知单以外的材料。');
  signatureBlock(b, ['申请人签字：________ 日期：____', '告知人签字：________ 日期：____']);
  return endSlip(b);
}

/** 1. 户口簿 / 原件1份、复印件1份；必需 / 视情况：… / 说明 */
function material(b: ReturnType<typeof startSlip>, no: number, m: Material): void {
  const label = `${no}. `;
  b.bold(true).field(label, m.name).bold(false);
  const forms = [m.original ? '原件' : null, m.copy ? '复印件' : null].filter(Boolean).join('及') || `形式${NOT_STATED}`;
  const count = m.count !== null ? `${m.count}份` : `份数${NOT_STATED}`;
  const need = m.required ? '必需' : `视情况：${m.condition ?? `适用情形${NOT_STATED}`}`;
  const indent = ' '.repeat(label.length);
  b.field(indent, `${forms}，${count}；${need}`);
  if (m.note) b.field(indent, `说明：${m.note}`);
}
