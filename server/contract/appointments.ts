// The wire protocol (appointments): types that cross HTTP or the WebSocket, shared by the server and the pages.
// No Node imports and nothing outside server/contract/ (docs/architecture.md, "the contract rule").

// ---- appointments (预约服务制) ----------------------------------------------------------------------

export type AppointmentStatus = 'booked' | 'checked-in' | 'cancelled';

/** A booked appointment (预约): identity only masked; the QR holds YY:<code>. */
export interface Appointment {
  id: string;
  code: string;
  matterId: string | null;
  categoryId: string;
  date: string;
  slotFrom: string;
  slotTo: string;
  nameMasked: string | null;
  idMasked: string | null;
  /** A resident who booked by phone: 138****1234 (the number itself is kept only as a keyed hash). */
  phoneMasked: string | null;
  status: AppointmentStatus;
  ticketId: string | null;
}

/** GET /api/book/options: what a resident may book for themselves (kiosk and the phone page /book). */
export interface BookingDay {
  date: string;
  open: boolean;
  /** Why the day cannot be booked (rest day by the official calendar, too far ahead), or null. */
  reason: string | null;
}
export interface BookingOptions {
  centerName: string;
  daysAhead: number;
  matters: { id: string; name: string; categoryId: string }[];
  days: BookingDay[];
  /** The address phones on the hall Wi-Fi open (the QR on the kiosk). */
  phoneUrl: string;
}
/** One slot of a day: `free` places left (null: no limit set); ended slots of today cannot be booked. */
export interface BookingSlot {
  from: string;
  to: string;
  free: number | null;
  ended: boolean;
}
