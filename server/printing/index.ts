// The printed layouts: pure functions from domain data to ESC/POS job bytes, for 32 (58 mm) or 48 (80 mm)
// columns. `slipLayouts` fits DeviceHub's SlipLayouts.
export { ticketSlip, TICKET_SLIP_MAX_BYTES, type TicketSlipInput } from '../queue/printing/ticket-slip.ts';
export { noticeSlip, CASE_KIND_NAMES, type NoticeSlipInput } from '../matters/printing/notice-slip.ts';
export { acceptanceReceipt, type AcceptanceReceiptInput } from '../cases/printing/acceptance-receipt.ts';
export { correctionNotice, type CorrectionNoticeInput } from '../cases/printing/correction-notice.ts';
export { rejectionNotice, type RejectionNoticeInput } from '../cases/printing/rejection-notice.ts';
export { extensionNotice, approvedExtension, type ExtensionNoticeInput } from '../cases/printing/extension-notice.ts';
export { appointmentSlip, type AppointmentSlipInput } from '../appointments/printing/appointment-slip.ts';
export { formatDate, formatDateTime, NOT_STATED, type SlipCenter } from './slip-kit.ts';

import { ticketSlip } from '../queue/printing/ticket-slip.ts';
export const slipLayouts = { ticketSlip };
