// The wire protocol (ws): types that cross HTTP or the WebSocket, shared by the server and the pages.
// No Node imports and nothing outside server/contract/ (docs/architecture.md, "the contract rule").
import { literal, obj, union, type Infer } from './schema.ts';
import { type DeviceStatus, type IdCardRead } from './devices.ts';
import { type ApiError } from './errors.ts';
import { type CallRecord, type CategoryView, type QueueSnapshot, type Ticket, type WindowState } from './queue.ts';
import { type RatingRequest } from './ratings.ts';

// ---- WebSocket ------------------------------------------------------------------------------------

/**
 * `ticket`: one resident's phone page /t/:id (`/ws?role=ticket&ticket=<id>`): a snapshot with only its own
 * ticket, the hall's calls, windows and categories, its own ticket's updates and a `ticket.updated` whenever
 * its place in line (ahead) changes — no other ticket's updates (issue 26: 500 phones, no refetching).
 */
export const WS_ROLES = ['kiosk', 'display', 'console', 'rate', 'ticket'] as const;

/** A ticket id as the server makes them (9 random bytes, base64url). */
export const TICKET_ID_PATTERN = /^[A-Za-z0-9_-]{8,32}$/;
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
