// The case documents as a printable A4/A5 page (受理回执, 补正材料通知书, 不予受理告知书) for the console's
// office printer; the same facts as the thermal slips in ../printing.
import { CASE_STATE_NAMES, REPORT_OUTCOME_NAMES } from '../contract/cases.ts';
import { approvedExtension, LIMIT_SOURCE_PRINTED, MANUAL_NOTE, promisedText } from './wording.ts';
import { DomainError } from '../common/errors.ts';
import type { CaseDetail } from './store.ts';
import type { Config } from '../config/load.ts';
import type { Matter } from '../contract/matters.ts';
import { missingLines } from './printing/missing-lines.ts';
import QRCode from 'qrcode';
import { caseDocumentTitle, type CaseDocumentKind } from '../contract/cases.ts';
export { caseDocumentTitle, type CaseDocumentKind };
import { escapeHtml } from '../common/html.ts';
import { localTime } from '../common/clock.ts';

const esc = (s: string) => escapeHtml(s);

/** The QR of `url` as inline SVG (one path, 4-module quiet zone): the page is printed, so no script. */
export function qrSvg(url: string, sizeMm = 32): string {
  const qr = QRCode.create(url, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  let d = '';
  for (let y = 0; y < n; y++) for (let x = 0; x < n; x++) if (qr.modules.get(y, x)) d += `M${x + 4} ${y + 4}h1v1h-1z`;
  return `<svg class="qr" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${n + 8} ${n + 8}" width="${sizeMm}mm" height="${sizeMm}mm" shape-rendering="crispEdges"><rect width="100%" height="100%" fill="#fff"/><path d="${d}" fill="#000"/></svg>`;
}

export function casePage(
  c: CaseDetail,
  config: Config,
  size: 'A4' | 'A5',
  statusUrl: string,
  now: Date,
  kind: CaseDocumentKind = 'case',
  matter: Matter | null = null,
): string {
  const center = config.center;
  const today = localTime(now, center.timezone).date;
  const accepted = localTime(new Date(c.acceptedAt), center.timezone);
  const title = caseDocumentTitle(c, kind);
  const rows: [string, string][] = [
    ['办件编号', c.caseNo],
    ['申请事项', c.matterName],
    ['申请人', c.applicantMasked ?? '（未登记）'],
    // Issue 24 ⑦: what was given at acceptance, masked; no row for what was not.
    ...(c.applicantIdMasked ? [['证件号码', c.applicantIdMasked] as [string, string]] : []),
    ...(c.applicantPhoneMasked ? [['联系电话', c.applicantPhoneMasked] as [string, string]] : []),
    ['受理窗口', `${c.windowNo}号窗口`],
    ['受理时间', `${accepted.date} ${accepted.time}`],
    ['办件类型', c.kind === 'promised' ? '承诺件' : '即办件'],
    ['当前状态', CASE_STATE_NAMES[c.state]],
  ];
  const clock = c.clock;
  if (clock && kind === 'case') {
    if (clock.acceptedOn) rows.push(['受理决定日期', clock.acceptedOn]);
    rows.push([
      '承诺时限',
      `${clock.limitDays} 个工作日${clock.extensionDays ? `，经批准延期 ${clock.extensionDays} 个工作日` : ''}`,
    ]);
    rows.push(['时限依据', LIMIT_SOURCE_PRINTED[clock.limitSource]]);
    rows.push(['承诺办结日期', promisedText(c)]);
    if (clock.usedDays !== null)
      rows.push([
        '计时',
        `本中心已用 ${clock.usedDays} 个工作日，剩余 ${clock.leftDays} 个工作日${clock.pausedDays ? `；上级办理 ${clock.pausedDays} 个工作日（不计入）` : ''}${clock.applicantDays ? `；申请人原因 ${clock.applicantDays} 个工作日（不计入）` : ''}`,
      ]);
    if (clock.pausedReason)
      rows.push(['暂停计时', `${clock.pausedReason}${clock.pausedSince ? `，自 ${clock.pausedSince} 起` : ''}`]);
    for (const p of c.pauses)
      rows.push([
        '上报',
        `${p.from} 报${p.authority}${p.to ? `，${p.to} ${REPORT_OUTCOME_NAMES[p.outcome!]}` : '，审批中'}${p.note ? `：${p.note}` : ''}`,
      ]);
  } else if (c.kind === 'promised' && kind === 'case')
    rows.push(['承诺办结日期', c.promisedDate ?? (c.state === 'correction' ? '补齐材料后重新计算' : '—')]);
  let body = '';
  const extension = kind === 'extension' ? approvedExtension(c) : null;
  if (kind === 'extension' && !extension)
    throw new DomainError('no-approved-extension', `办件 ${c.caseNo} 没有已批准的延期，不能打印延期办理告知书`);
  if (extension) {
    rows.push(
      ['原承诺办结日期', extension.oldDate ?? '—'],
      ['延长', `${extension.days} 个工作日`],
      ['新的办结时限', `${extension.newDate ?? '—'} 前`],
      ['批准人', extension.decidedByName ?? '—'],
      [
        '批准时间',
        extension.decidedAt
          ? `${localTime(new Date(extension.decidedAt), center.timezone).date} ${localTime(new Date(extension.decidedAt), center.timezone).time}`
          : '—',
      ],
    );
    body = `<p>您申请的“${esc(c.matterName)}”事项，因特殊原因不能在原承诺时限内办结。经中心分管领导书面批准，办结时限延长 ${extension.days} 个工作日，新的办结时限为 <b>${esc(extension.newDate ?? '')}</b> 前。延期理由如下：</p><p class="reason">${esc(extension.reason)}</p><p>给您带来不便，敬请谅解。${center.supervisionPhone ? '对延期有异议的，可拨打监督电话反映。' : ''}</p>`;
  } else if (c.state === 'not-approved') {
    body = `<p>您申请的事项已受理并报${esc(c.pauses.at(-1)?.authority ?? '上级机关')}审批，经审批不予批准，理由如下：</p><p class="reason">${esc(c.reason ?? '')}</p>
      <p>如对本决定不服，可以自收到本告知书之日起六十日内依法申请行政复议，或者六个月内依法向人民法院提起行政诉讼。</p>`;
  } else if (c.state === 'received') {
    body = `<p>您的申请材料已收到，待审查后告知是否受理。可凭本回执查询办理进度：</p><p class="url">${esc(statusUrl)}</p>`;
  } else if (c.state === 'correction') {
    body = `<p>经审查，您申请的事项材料不齐全或不符合法定形式，请补正以下材料：</p><ol>${missingLines(
      c.missingMaterials,
      matter,
    )
      .map((m) => `<li>${esc(m)}</li>`)
      .join('')}</ol>
      <p>请于 ______年____月____日 前补正。办理时限自材料补齐之日起重新计算。本通知一次性告知全部需补正的材料。</p>
      <div class="scan">${qrSvg(statusUrl)}<p>扫描二维码查看需补正的材料和办理进度</p></div>`;
  } else if (c.state === 'rejected') {
    body = `<p>经审查，您申请的事项不予受理，理由如下：</p><p class="reason">${esc(c.reason ?? '')}</p>`;
  } else {
    body = `<p>您的申请已受理。${c.promisedDate ? `我们将在 <b>${esc(c.promisedDate)}</b> 前办结（${c.promisedDays} 个工作日，不含法定节假日）。` : ''}可凭本回执或扫描下方二维码查询办理进度。</p>
      <div class="scan">${qrSvg(statusUrl)}<p class="url">${esc(statusUrl)}</p></div>${clock?.manual ? `<p>${MANUAL_NOTE}</p>` : ''}`;
  }
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${title} ${esc(c.caseNo)}</title>
<style>
  @page { size: ${size}; margin: ${size === 'A4' ? '20mm' : '12mm'}; }
  body { font: ${size === 'A4' ? '14pt' : '11pt'}/1.7 "Noto Serif CJK SC", "Noto Sans CJK SC", SimSun, serif; color: #000; }
  h1 { text-align: center; font-size: 1.6em; letter-spacing: 0.3em; margin: 0 0 0.2em; }
  .center { text-align: center; margin: 0 0 1em; }
  table { width: 100%; border-collapse: collapse; margin: 0.5em 0 1em; }
  th, td { border: 1px solid #000; padding: 0.25em 0.5em; text-align: left; }
  th { width: 8em; background: #f2f2f2; }
  .reason { border: 1px solid #000; padding: 0.5em; min-height: 3em; }
  .url { font-family: monospace; word-break: break-all; }
  .sign { display: grid; grid-template-columns: 1fr 1fr; gap: 1.2em 2em; margin-top: 2em; }
  .sign span { white-space: nowrap; }
  .scan { display: flex; align-items: center; gap: 1em; margin: 0.5em 0; }
  .scan p { margin: 0; }
  .foot { margin-top: 1.5em; font-size: 0.85em; }
  @media screen { body { max-width: 180mm; margin: 1em auto; } .no-print { margin-bottom: 1em; } }
  @media print { .no-print { display: none; } }
</style></head><body>
<div class="no-print"><button onclick="window.print()">打印</button></div>
<h1>${title}</h1>
<p class="center">${esc(center.name)}</p>
<table>${rows.map(([k, v]) => `<tr><th>${k}</th><td>${esc(v)}</td></tr>`).join('')}</table>
${body}
<div class="sign"><span>申请人签字：________________</span><span>经办人签字：________________</span><span>日期：______年____月____日</span><span>日期：______年____月____日</span><span></span><span>（盖章）</span></div>
<p class="foot">${[`打印日期：${today}`, center.phone ? `咨询电话：${esc(center.phone)}` : '', center.supervisionPhone ? `监督电话：${esc(center.supervisionPhone)}` : ''].filter(Boolean).join('　')}</p>
</body></html>`;
}
