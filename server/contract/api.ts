// The HTTP API as a table: each route's answer (and body, where it has one) declared once, here, for the pages'
// typed client (kiosk/lib/api.ts `call`). Keys are `METHOD /path` with `:name` for path parameters, exactly as
// the server's router registers them. No Node imports and nothing outside server/contract/.
import type { SessionView } from './auth.ts';
import type { HandedMaterial } from './registers.ts';
import type { Appointment, BookingOptions, BookingSlot } from './appointments.ts';
import type { CasePublicityStage, CaseRecord, CaseSupervision, LateCaseStep, PublicCase } from './cases.ts';
import type { DeviceSetupView, DeviceStatus, DeviceTestCard } from './devices.ts';
import type { Matter, MatterSummary } from './matters.ts';
import type { OperationsStatus } from './ops.ts';
import type { DaibanItem } from './registers.ts';
import type { StatsReport } from './stats.ts';
import type { Ticket } from './queue.ts';
import type { UrgentMark } from './urgent.ts';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface ApiRoutes {
  // ---- auth
  'POST /api/login': { answer: { session: SessionView; token: string; mustChangePassword?: boolean } };
  'GET /api/session': { answer: { session: SessionView; mustChangePassword?: boolean } };
  'POST /api/kiosk/unlock': { answer: { ok: true; name: string } };
  'GET /api/kiosk/first-use-passwords': { answer: { accounts: { staffId: string; name: string; password: string }[] } };
  // ---- queue
  'POST /api/tickets': { answer: { ticket: Ticket; created: boolean } };
  'GET /api/tickets': { answer: { tickets: Ticket[] } };
  'GET /api/tickets/:id': { answer: { ticket: Ticket } };
  'POST /api/tickets/:id/reprint': { answer: { ticket: Ticket } };
  /** 急事特办 (issue 21): a waiting ticket marked 紧急 by a window serving its category. */
  'POST /api/tickets/:id/urgent': { answer: { ticket: Ticket; urgent: UrgentMark } };
  // ---- matters
  /** ask: where to ask when the query found nothing (the config's consultation windows), else null. */
  'GET /api/matters': { answer: { matters: MatterSummary[]; departments: string[]; ask: string | null } };
  /** place: the 办理地点 the 一次性告知单 prints (null for a matter without a guide). */
  'GET /api/matters/:id': {
    answer: {
      matter: Matter;
      windows: string | null;
      place: string | null;
      announce: boolean;
      /** 受理时间 and whether today (the centre's day) is inside it; null: any working day. */
      intake: { text: string; open: boolean } | null;
    };
  };
  // ---- cases
  'GET /api/cases': { answer: { cases: CaseRecord[] } };
  /** lateSteps (issue 22): tracked steps past their due date and not done. */
  'GET /api/cases/supervision': { answer: CaseSupervision & { lateSteps: LateCaseStep[] } };
  'GET /api/cases/:id': { answer: { case: PublicCase } };
  'POST /api/cases/:id/extension/decision': { answer: { case: CaseRecord } };
  /** 急事特办 (issue 21): mark an open 承诺件 紧急 (its window), and the target date (a leader only). */
  'POST /api/cases/:id/urgent': { answer: { case: CaseRecord } };
  'POST /api/cases/:id/urgent/target': { answer: { case: CaseRecord } };
  /** 公示 stage (issue 22 ⑦): started by the case's window; null before it starts. */
  'POST /api/cases/:id/publicity': { answer: { publicity: CasePublicityStage } };
  'GET /api/cases/:id/publicity': { answer: { publicity: CasePublicityStage | null } };
  'POST /api/cases/:id/publicity/objections': {
    answer: { complaint: { id: string; state: string }; publicity: CasePublicityStage };
  };
  // ---- appointments and booking
  'GET /api/appointments': { answer: { appointments: Appointment[] } };
  'POST /api/appointments/check-in': { answer: { ticket: Ticket; onTime: boolean; message: string } };
  'GET /api/book/options': { answer: BookingOptions };
  'GET /api/book/slots': { answer: { slots: BookingSlot[]; reason: string | null } };
  'POST /api/book': {
    answer: { appointment: Appointment & { matterName: string }; qr: string; printed: boolean | null };
  };
  'POST /api/book/:id/cancel': { body: { code: string }; answer: { appointment: Appointment } };
  // ---- registers
  'GET /api/daiban/inbox': { answer: { items: DaibanItem[] } };
  'GET /api/windows/:no/handed-materials': { answer: { items: HandedMaterial[] } };
  // ---- ratings
  'POST /api/windows/:no/rating/pairing-code': { answer: { code: string; expiresAt: string } };
  // ---- devices, operations, statistics
  'GET /api/health': {
    answer: {
      ok: boolean;
      /** The database's health (server/store/health.ts); `advice` says to restore a backup when not ok. */
      storage: { ok: boolean; advice: string | null };
      center: string;
      serviceDate: string;
      devices: DeviceStatus[];
      connections: number;
    };
  };
  'GET /api/admin/devices': { answer: DeviceSetupView };
  'PUT /api/admin/devices/:kind': { answer: DeviceSetupView };
  'POST /api/admin/devices/idcard/test': { answer: { card: DeviceTestCard } };
  'POST /api/admin/devices/scanner/test': { answer: { code: string } };
  'GET /api/admin/operations': { answer: OperationsStatus };
  'POST /api/admin/backup': { answer: OperationsStatus };
  'GET /api/admin/stats': { answer: { report: StatsReport } };
  // ---- handwriting
  'GET /api/handwriting': { answer: { available: boolean } };
  'POST /api/handwriting': { answer: { candidates: string[] } };
}

export type ApiRoute = keyof ApiRoutes;
export type ApiAnswer<K extends ApiRoute> = ApiRoutes[K]['answer'];

type PathOf<K extends string> = K extends `${HttpMethod} ${infer P}` ? P : never;
type ParamNames<P extends string> = P extends `${string}:${infer N}/${infer Rest}`
  ? N | ParamNames<Rest>
  : P extends `${string}:${infer N}`
    ? N
    : never;
/** The path parameters a route needs: `{id: …}` for 'GET /api/tickets/:id'. */
export type ApiParams<K extends ApiRoute> = { [N in ParamNames<PathOf<K>>]: string | number };
export type ApiRouteHasParams<K extends ApiRoute> = [ParamNames<PathOf<K>>] extends [never] ? false : true;
