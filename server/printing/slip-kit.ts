// What every printed slip shares: the job preamble (ESC @, Chinese mode), the centre header, section
// headings, dates in the centre's time zone, QR sizing, the signature block and the cut. Pure: no I/O.
import QRCode from 'qrcode';
import { localTime } from '../common/clock.ts';
import { JobBuilder } from '../../drivers/printer/job-builder.ts';
import { textWidth } from '../../drivers/printer/text-width.ts';
import { maskIdNumber, maskName } from '../contract/privacy.ts';
import type { CenterInfo, Material } from '../contract/matters.ts';

/** CenterInfo plus the centre's time zone (config/center: timezone, default Asia/Shanghai). */
export type SlipCenter = CenterInfo & { timezone?: string };

export const NOT_STATED = '指南未载明';
/** A centre fact (phone, address) left empty in config/center.json: the guide is not what is missing. */
const DEFAULT_TZ = 'Asia/Shanghai';

/** ESC @, Chinese mode on: every slip starts from a known printer state. */
export function startSlip(columns: number): JobBuilder {
  if (columns !== 32 && columns !== 48)
    throw new RangeError(`打印机每行字数应为 32（58 毫米纸）或 48（80 毫米纸），配置为 ${columns}`);
  return new JobBuilder(columns).init().chineseMode(true).lineSpacing(null);
}

/** Centre name, then the slip's title in double height, then a rule. */
export function header(b: JobBuilder, center: SlipCenter, title: string): void {
  b.align('center')
    .bold(true)
    .wrapped(center.name)
    .size(1, 2)
    .wrapped(title)
    .size(1, 1)
    .bold(false)
    .align('left')
    .rule('=');
}

/** 【heading】 in bold. */
export function section(b: JobBuilder, title: string): void {
  b.bold(true).line(`【${title}】`).bold(false);
}

/** "1. text" with continuation lines under the text, not under the number. */
export function numbered(b: JobBuilder, items: string[], empty = NOT_STATED): void {
  if (items.length === 0) {
    b.wrapped(empty, { firstIndent: 2, indent: 2 });
    return;
  }
  items.forEach((item, i) => b.field(`${i + 1}. `, item));
}

/**
 * One signature per role with room to write by hand: `申请人签字：` and a blank to the end of the line
 * (a name in full is 3–4 characters written large), then `日期：____年____月____日` on its own line.
 * `label` is the verb: 签字, or 签收 for a notice the resident receives.
 */
export function signatureBlock(b: JobBuilder, roles: string[], label = '签字'): void {
  b.feed(1);
  for (const role of roles) {
    const head = `${role}${label}：`;
    b.line(head + '_'.repeat(Math.max(12, b.columns - textWidth(head)))).feed(1);
    b.line(`      日期：______年____月____日`).feed(1);
  }
}

/** A phone line only when the centre has set the number (config or /admin); nothing is printed otherwise. */
export function phoneLines(b: JobBuilder, phones: { consult?: string | null; supervision?: string | null }): void {
  if (phones.consult) b.field('咨询电话：', phones.consult);
  if (phones.supervision) b.field('监督电话：', phones.supervision);
}

/** GS V 42 30: feed to the cutter plus 48 dots of margin, cut partially (the slip stays hanging for the
 * resident to take, and the next one does not fall on the floor). */
export function endSlip(b: JobBuilder): Uint8Array {
  return b.cut('partial', 48).bytes();
}

function parts(at: string | Date, timeZone: string): Record<string, string> | null {
  const date = typeof at === 'string' ? new Date(at) : at;
  if (Number.isNaN(date.getTime())) return null;
  const { date: day, time } = localTime(date, timeZone);
  const [year, month, dayOfMonth] = day.split('-') as [string, string, string];
  const [hour, minute] = time.split(':') as [string, string];
  return { year, month, day: dayOfMonth, hour, minute };
}

/** 2026-11-23 09:30 in the centre's time zone. */
export function formatDateTime(at: string | Date, timeZone = DEFAULT_TZ): string {
  const p = parts(at, timeZone);
  return p ? `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}` : String(at);
}

/** 2026年11月23日 (a plain YYYY-MM-DD stays as that date, whatever the zone). */
export function formatDate(at: string | Date, timeZone = DEFAULT_TZ): string {
  if (typeof at === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(at)) {
    const [y, m, d] = at.split('-');
    return `${y}年${m}月${d}日`;
  }
  const p = parts(at, timeZone);
  return p ? `${p.year}年${p.month}月${p.day}日` : String(at);
}

/**
 * Module size for a QR of `data` that stays within about 60 % of the paper (room to scan, no waste),
 * at most 6 dots, at least 2 (smaller does not scan off thermal paper).
 */
export function qrModuleSize(data: string, columns: number, level: 'L' | 'M' | 'Q' | 'H' = 'M'): number {
  // Encoding a whole symbol to learn its size costs more than the rest of a slip; URLs of one length
  // (every ticket's status URL) get one version, so the size is remembered per length and level.
  const key = `${level}|${data.length}|${/^[\x20-\x7e]*$/.test(data)}`;
  let modules = qrSizes.get(key);
  if (modules === undefined) {
    modules = QRCode.create(data, { errorCorrectionLevel: level }).modules.size;
    qrSizes.set(key, modules);
  }
  return Math.max(2, Math.min(6, Math.floor((columns * 12 * 0.6) / modules)));
}

const qrSizes = new Map<string, number>();

/** A name for print: already-masked values pass, anything else is masked here (never print it whole). */
export function printableName(value: string | null | undefined): string | null {
  if (!value) return null;
  return value.includes('*') ? value : maskName(value);
}

/** An ID number for print: masked unless it already is. */
export function printableId(value: string | null | undefined): string | null {
  if (!value) return null;
  return value.includes('*') ? value : maskIdNumber(value);
}

export function windowLabel(windowNo: number): string {
  return `${windowNo}号窗口`;
}

/** 户口簿（原件及复印件，1份）: a material with the form and count the guide gives, nothing else. */
export function materialLine(m: Material | string): string {
  if (typeof m === 'string') return m;
  const forms = [m.original ? '原件' : null, m.copy ? '复印件' : null].filter(Boolean).join('及');
  const count = m.count !== null ? `${m.count}份` : '';
  const detail = [forms, count].filter(Boolean).join('，');
  return detail ? `${m.name}（${detail}）` : m.name;
}
