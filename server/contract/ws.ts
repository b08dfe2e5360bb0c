// The wire protocol (ws): types that cross HTTP or the WebSocket, shared by the server and the pages.
// No Node imports and nothing outside server/contract/ (docs/architecture.md, "the contract rule").
import { literal, obj, union, type Infer } from './schema.ts';
import { type DeviceStatus, type IdCardRead } from './devices.ts';
import { type ApiError } from './errors.ts';
import { type CallRecord, type CategoryView, type QueueSnapshot, type Ticket, type WindowState } from './queue.ts';
import { type RatingRequest } from './ratings.ts';

// ---- WebSocket ------------------------------------------------------------------------------------

export const WS_ROLES = ['kiosk', 'display', 'console', 'rate'] as const;
export type WsRole = (typeof WS_ROLES)[number];

/** Server → client. `seq` counts up by one per connection; a gap means: ask for a snapshot. */
export type ServerMessage =
  | { type: 'snapshot'; seq: number; snapshot: QueueSnapshot }
  | { type: 'ticket.issued'; seq: number; ticket: Ticket }
  | { type: 'ticket.updated'; seq: number; ticket: Ticket }
  | { type: 'ticket.called'; seq: number; ticket: Ticket; call: CallRecord }
  | { type: 'window.updated'; seq: number; window: WindowState }
  | { type: 'categories.updated'; seq: number; categories: CategoryView[] }
  | { type: 'device.status'; seq: number; device: DeviceStatus }
  | { type: 'idcard.read'; seq: number; card: IdCardRead }
  | { type: 'scan'; seq: number; code: string }
  | { type: 'print.result'; seq: number; ticketId: string; ok: boolean; message: string; reprint: boolean }
  | { type: 'rating.request'; seq: number; request: RatingRequest }
  | { type: 'rating.closed'; seq: number; ticketId: string; windowNo: number; rated: boolean }
  | { type: 'error'; seq: number; error: ApiError['error'] };

export type ServerMessageType = ServerMessage['type'];

/** Client → server. */
export const ClientMessage = union('type', {
  'snapshot.request': obj({ type: literal(['snapshot.request']) }),
  ping: obj({ type: literal(['ping']) }),
});
export type ClientMessage = Infer<typeof ClientMessage>;

/** Largest WebSocket message the server accepts from a client. */
export const MAX_CLIENT_MESSAGE_BYTES = 4096;
