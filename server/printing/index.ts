// The printed layouts: pure functions from domain data to ESC/POS job bytes, for 32 (58 mm) or 48 (80 mm)
// columns. `slipLayouts` fits DeviceHub's SlipLayouts.
export { ticketSlip, TICKET_SLIP_MAX_BYTES, type TicketSlipInput } from './ticket-slip.ts';
export { noticeSlip, CASE_KIND_NAMES, type NoticeSlipInput } from './notice-slip.ts';
export { acceptanceReceipt, type AcceptanceReceiptInput } from './acceptance-receipt.ts';
export { correctionNotice, type CorrectionNoticeInput } from './correction-notice.ts';
export { rejectionNotice, type RejectionNoticeInput } from './rejection-notice.ts';
export { extensionNotice, approvedExtension, type ExtensionNoticeInput } from './extension-notice.ts';
export { appointmentSlip, type AppointmentSlipInput } from './appointment-slip.ts';
export { formatDate, formatDateTime, NOT_STATED, type SlipCenter } from './slip-kit.ts';

import { ticketSlip } from './ticket-slip.ts';
export const slipLayouts = { ticketSlip };
