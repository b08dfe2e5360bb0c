// 一次性告知单: everything a resident needs to come back once with a complete application — conditions,
// every material (its form, count and condition only where the guide gives them), steps, time limits,
// fees, place, phones the centre has published — and room for both signatures, as the 一次性告知制
// requires. A section the guide does not give says 指南未载明, so the staff see the gap on paper.
import { type CaseKind, type Material, type Matter } from '../../contract/matters.ts';
import {
  endSlip,
  formatDate,
  header,
  NOT_STATED,
  numbered,
  phoneLines,
  section,
  signatureBlock,
  startSlip,
  type SlipCenter,
} from '../../printing/slip-kit.ts';

export interface NoticeSlipInput {
  matter: Matter;
  center: SlipCenter;
  columns: number;
  /** When it is printed (the date on the slip). */
  printedAt: string | Date;
  /** The window that handles the matter when the guide names no place, e.g. 3号窗口（民政）. */
  windowText?: string | null;
  /** Opening hours for the consultation slip (a matter without a guide). */
  hours?: string | null;
}

export const CASE_KIND_NAMES: Record<CaseKind, string> = { immediate: '即办件', promised: '承诺件' };

/** 限时办结制度 第六条 (seed 004): the limit where neither the guide nor a law gives one. */
export const DEFAULT_LIMIT_DAYS = 20;
export const DEFAULT_LIMIT_RULE = '法律法规和政策没有规定的，按20个工作日计算（本中心限时办结制度第六条）';

export function noticeSlip(input: NoticeSlipInput): Uint8Array {
  const { matter, center, columns, printedAt } = input;
  const guide = matter.guide;
  // Without a published guide nothing can be promised complete: a consultation slip instead.
  if (!guide)
    return consultSlip({
      matter,
      center,
      columns,
      printedAt,
      windowText: input.windowText ?? null,
      hours: input.hours ?? null,
    });
  const b = startSlip(columns);
  header(b, center, '一次性告知单');
  b.field('事项名称：', matter.name);
  b.field('事项类型：', matter.type);
  b.field('实施主体：', matter.body || NOT_STATED);
  b.rule();

  section(b, '设定依据');
  numbered(b, guide.basis);
  section(b, '受理条件');
  numbered(b, guide.conditions);
  section(b, '申请材料');
  if (guide.materials.length === 0)
    b.wrapped('指南未载明所需材料，请向窗口工作人员咨询', { firstIndent: 2, indent: 2 });
  guide.materials.forEach((m, i) => material(b, i + 1, m));
  section(b, '办理流程');
  numbered(b, guide.steps);
  section(b, '办理时限');
  if (guide.caseKind === 'immediate') b.field('办件类型：', CASE_KIND_NAMES.immediate);
  if (guide.promisedDays !== null) b.field('承诺时限：', `${guide.promisedDays}个工作日`);
  if (guide.legalDays !== null) b.field('法定时限：', `${guide.legalDays}个工作日`);
  if (guide.caseKind !== 'immediate' && guide.promisedDays === null && guide.legalDays === null) {
    b.field('办结时限：', `${DEFAULT_LIMIT_DAYS}个工作日`);
    b.field('        ', DEFAULT_LIMIT_RULE);
  }
  if (guide.caseKind === 'promised') b.field('办件类型：', CASE_KIND_NAMES.promised);
  if (guide.timeLimitText) b.field('指南原文：', guide.timeLimitText);
  section(b, '收费标准');
  b.wrapped(guide.fees ?? NOT_STATED, { firstIndent: 2, indent: 2 });
  section(b, '办理地点');
  b.wrapped(guide.place ?? input.windowText ?? (center.address || NOT_STATED), { firstIndent: 2, indent: 2 });
  phoneLines(b, { consult: guide.phone ?? center.phone, supervision: center.supervisionPhone });
  b.field('告知日期：', formatDate(printedAt, center.timezone));
  b.field('指南出处：', guide.source);
  b.rule();
  b.wrapped(
    guide.materials.length
      ? '以上为办理本事项所需的全部材料和要求，一次性告知。材料齐全、符合法定形式的，窗口当场受理；此后不再要求补充本告知单以外的材料。'
      : '本事项的办事指南未列出申请材料，所需材料由窗口工作人员一次性书面告知。',
  );
  signatureBlock(b, ['申请人', '告知人']);
  return endSlip(b);
}

/** 1. 户口簿 / 原件及复印件，1份 / 视情况：… / 说明 — each only where the guide says it. */
function material(b: ReturnType<typeof startSlip>, no: number, m: Material): void {
  const label = `${no}. `;
  b.bold(true).field(label, m.name).bold(false);
  const forms = [m.original ? '原件' : null, m.copy ? '复印件' : null].filter(Boolean).join('及');
  const count = m.count !== null ? `${m.count}份` : '';
  const detail = [forms, count].filter(Boolean).join('，');
  const indent = ' '.repeat(label.length);
  if (detail) b.field(indent, detail);
  if (!m.required) b.field(indent, `视情况：${m.condition ?? NOT_STATED}`);
  if (m.note) b.field(indent, `说明：${m.note}`);
}

export interface ConsultSlipInput {
  matter: Pick<Matter, 'name' | 'type' | 'body'>;
  center: SlipCenter;
  columns: number;
  printedAt: string | Date;
  /** Which window(s) to ask at, e.g. 1号窗口（综合咨询）. */
  windowText: string | null;
  /** Opening hours as the centre publishes them, e.g. 工作日 09:30-13:30、16:00-19:30. */
  hours: string | null;
}

/**
 * 咨询指引: for a matter whose guide the centre has not published. It promises nothing about materials
 * (that would bind the centre to a list nobody has checked); it says where to ask, when, and by phone.
 */
export function consultSlip(input: ConsultSlipInput): Uint8Array {
  const { matter, center, columns, printedAt } = input;
  const b = startSlip(columns);
  header(b, center, '咨询指引');
  b.field('事项名称：', matter.name);
  b.field('事项类型：', matter.type);
  b.rule();
  b.wrapped('本中心尚未公布该事项的办事指南。请到窗口咨询，所需材料由窗口工作人员一次性告知。');
  section(b, '咨询窗口');
  b.wrapped(input.windowText ?? '请向大厅工作人员询问', { firstIndent: 2, indent: 2 });
  if (input.hours) {
    section(b, '办公时间');
    b.wrapped(input.hours, { firstIndent: 2, indent: 2 });
  }
  if (center.address) b.field('地　　址：', center.address);
  phoneLines(b, { consult: center.phone, supervision: center.supervisionPhone });
  b.field('打印日期：', formatDate(printedAt, center.timezone));
  return endSlip(b);
}
