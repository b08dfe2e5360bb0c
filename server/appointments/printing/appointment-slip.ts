// 预约凭条: what a resident booked (at a window, or at the kiosk: issue 24 ①) takes home — the code big, the day
// and slot, where to go (the centre's address from config), what to bring (the matter's guide, word for word:
// 一次性告知制), how to cancel, and the QR the kiosk scans to check in. Identity only masked, as everywhere on paper.
// 预约服务制度 第一条：“预约服务制是指申请人办理的事项需要与业务窗口工作人员预约办理的制度。”
import type { Appointment } from '../../contract/appointments.ts';
import type { Material } from '../../contract/matters.ts';
import {
  endSlip,
  formatDate,
  header,
  materialLine,
  numbered,
  section,
  printableId,
  printableName,
  qrModuleSize,
  startSlip,
  type SlipCenter,
  phoneLines,
} from '../../printing/slip-kit.ts';

export interface AppointmentSlipInput {
  appointment: Appointment;
  categoryName: string;
  matterName: string | null;
  /** The matter's guide materials (null: no guide, nothing printed about materials). */
  materials?: readonly Material[] | null;
  /** The windows that serve the category, e.g. 4、5号窗口; null when none does. */
  windowsText: string | null;
  center: SlipCenter;
  columns: number;
}

const WEEKDAYS = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'];

export function appointmentSlip(input: AppointmentSlipInput): Uint8Array {
  const { appointment: a, center, columns } = input;
  const qr = `YY:${a.code}`;
  const b = startSlip(columns);
  header(b, center, '预约凭条');
  b.align('center').line('预约码').bold(true).size(2, 2).line(a.code).size(1, 1).bold(false).align('left');
  b.rule();
  b.field('预约日期：', `${formatDate(a.date)} ${WEEKDAYS[new Date(`${a.date}T00:00:00Z`).getUTCDay()]}`);
  b.bold(true).field('预约时段：', `${a.slotFrom}-${a.slotTo}`).bold(false); // ASCII '-': '–' is a double-width glyph on the printer
  b.field('办理业务：', input.categoryName);
  if (input.matterName) b.field('办理事项：', input.matterName);
  b.field('办理窗口：', input.windowsText ?? '请留意叫号');
  if (center.address) b.field('办理地点：', center.address);
  const name = printableName(a.nameMasked);
  if (name) b.field('预 约 人：', name);
  const id = printableId(a.idMasked);
  if (id) b.field('身份证号：', id);
  b.rule();
  b.align('center')
    .qr(qr, { moduleSize: qrModuleSize(qr, columns), level: 'M' })
    .feed(1)
    .line('到中心后在自助机扫码签到')
    .align('left');
  b.wrapped(
    `请在预约时段内到达，在自助服务机扫描上方二维码${a.idMasked ? '或刷身份证' : ''}签到，优先叫号。提前或迟到将按普通号排队。`,
  );
  if (input.materials?.length) {
    // The guide's materials, as the guide words them (一次性告知制度: told once, completely).
    section(b, '所需材料（按办事指南）');
    numbered(b, input.materials.map(materialLine));
  } else b.wrapped('办理所需材料请查看办事指南或一次性告知单。');
  // How to cancel: a window takes the 预约码 (the appointment desk); by phone only where the centre has one.
  b.wrapped(
    `不能按时前来的，请凭预约码到中心任一窗口取消${center.phone ? `，或拨打咨询电话 ${center.phone} 取消` : ''}，名额留给其他群众。`,
  );
  phoneLines(b, { consult: center.phone });
  return endSlip(b);
}
