// The queue ticket slip (取号小票): small enough to print in about a second at 9600 baud (≤ 1,024 bytes),
// with the number big, the windows that serve it and a QR to follow the queue on a phone.
// No name or ID number on it: at most the masked name the resident identified with.
import type { CategoryView, Ticket } from '../../contract/queue.ts';
import {
  endSlip,
  formatDateTime,
  printableName,
  qrModuleSize,
  startSlip,
  type SlipCenter,
} from '../../printing/slip-kit.ts';

/** Largest ticket slip on the wire, in bytes. */
export const TICKET_SLIP_MAX_BYTES = 1024;

export interface TicketSlipInput {
  ticket: Ticket;
  category: Pick<CategoryView, 'name' | 'windows'>;
  center: SlipCenter;
  /** The ticket's live status page, e.g. http://192.168.1.20:8080/t/<id>. */
  statusUrl: string;
  /** A reprint at the service desk: 【补打】 stands out at the top. */
  reprint: boolean;
  columns: number;
}

export function ticketSlip(input: TicketSlipInput): Uint8Array {
  const { ticket, category, center, statusUrl, reprint, columns } = input;
  const b = startSlip(columns);
  b.align('center').bold(true).wrapped(center.name);
  if (reprint) b.size(2, 1).line('【补打】').size(1, 1);
  b.bold(false).wrapped(category.name);
  b.bold(true).size(2, 2).line(ticket.number).size(1, 1).bold(false);
  // Self-declared: it waits as a normal ticket until staff check it; the slip says so.
  if (ticket.priority) b.line(ticket.priorityConfirmed ? '绿色通道' : '绿色通道（请到窗口核验）');
  b.line(ticket.ahead > 0 ? `前面还有 ${ticket.ahead} 人等候` : '前面没有人等候，请留意叫号');
  b.line(`取号时间 ${formatDateTime(ticket.issuedAt, center.timezone)}`);
  b.wrapped(`办理窗口 ${windowsText(ticket, category.windows)}`);
  const name = printableName(ticket.nameMasked);
  if (name) b.line(`取号人 ${name}`);
  b.feed(1)
    .qr(statusUrl, { moduleSize: qrModuleSize(statusUrl, columns), level: 'M' })
    .feed(1);
  b.line('扫码看排队进度，也可预约下次办理');
  b.line('过号请到服务台重新取号');
  b.line('本票当日有效');
  return endSlip(b);
}

function windowsText(ticket: Ticket, windows: number[]): string {
  if (ticket.targetWindowNo !== null) return `${ticket.targetWindowNo}号窗口`;
  if (windows.length === 0) return '请留意叫号';
  return `${[...windows].sort((a, b) => a - b).join('、')}号窗口`;
}
