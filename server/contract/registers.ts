// The wire protocol (registers): types that cross HTTP or the WebSocket, shared by the server and the pages.
// No Node imports and nothing outside server/contract/ (docs/architecture.md, "the contract rule").

// ---- registers: 代办 between a village station and the centre (server/registers/) ------------------------

export const DAIBAN_STATES = ['registered', 'forwarded', 'accepted', 'returned', 'replied'] as const;
export type DaibanState = (typeof DAIBAN_STATES)[number];

/** A 代办件 as the station page and the centre's inbox see it (full name and phone: both are its staff). */
export interface DaibanItem {
  id: string;
  /** Printed on the 报送联系单, e.g. DB20261123-001 (one sequence a day for the street; before issue 24 the station's id was in it). */
  no: string;
  stationId: string;
  stationName: string;
  agentId: string;
  agentName: string;
  registeredAt: string;
  residentName: string | null;
  residentPhone: string | null;
  matterId: string;
  matterName: string;
  /** 授权委托 as recorded at the station. */
  authorization: string;
  materialsOk: string[];
  materialsMissing: string[];
  note: string | null;
  verifiedAt: string | null;
  forwardedAt: string | null;
  state: DaibanState;
  acceptedAt: string | null;
  caseId: string | null;
  caseNo: string | null;
  /** The case's state by its string (CASE_STATE_NAMES names the known ones). */
  caseState: string | null;
  returnReason: string | null;
  replyMethod: 'phone' | 'visit' | null;
  repliedAt: string | null;
}

/** 第七条: materials another window took in for this one. */
export interface HandedMaterial {
  id: string;
  at: string;
  fromWindow: string;
  by: string;
  name: string | null;
  matter: string;
  materials: string;
}
