// The wire protocol (ratings): types that cross HTTP or the WebSocket, shared by the server and the pages.
// No Node imports and nothing outside server/contract/ (docs/architecture.md, "the contract rule").

// ---- ratings (好差评) ----------------------------------------------------------------------------------

export const RATING_VALUES = ['very-satisfied', 'satisfied', 'basic', 'dissatisfied', 'very-dissatisfied'] as const;
export type RatingValue = (typeof RATING_VALUES)[number];
export const RATING_NAMES: Record<RatingValue, string> = {
  'very-satisfied': '非常满意',
  satisfied: '满意',
  basic: '基本满意',
  dissatisfied: '不满意',
  'very-dissatisfied': '非常不满意',
};

/** A finished ticket waiting for the resident's verdict at a window's rating screen. */
export interface RatingRequest {
  ticketId: string;
  number: string;
  windowNo: number;
  /** ISO time after which the ticket is recorded as not rated (never a default good rating). */
  deadline: string;
}

export type RatingOutcome = RatingValue | 'not-rated';
export type CloseReason = 'answered' | 'timeout' | 'superseded';

/** A rating as the admin pages and statistics see it. */
export interface Rating {
  id: number;
  ticketId: string;
  number: string;
  serviceDate: string;
  windowNo: number;
  staffId: string | null;
  categoryId: string;
  /** null while pending. */
  value: RatingOutcome | null;
  reasons: string[];
  requestedAt: string;
  deadline: string;
  closedAt: string | null;
  closeReason: CloseReason | null;
  followUp: string | null;
  followUpBy: string | null;
  followUpAt: string | null;
}
