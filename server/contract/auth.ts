// The wire protocol (auth): types that cross HTTP or the WebSocket, shared by the server and the pages.
// No Node imports and nothing outside server/contract/ (docs/architecture.md, "the contract rule").
import { int, obj, optional, str } from './schema.ts';

// ---- staff sign-in ------------------------------------------------------------------------------

export const LoginBody = obj({
  staffId: str({ min: 1, max: 40, pattern: /^[a-z][a-z0-9-]*$/, hint: '工号（小写字母和数字）' }),
  pin: str({ min: 4, max: 64 }),
  windowNo: optional(int({ min: 1, max: 999 })),
});

export const ChangePasswordBody = obj({ currentPin: str({ min: 1, max: 64 }), newPin: str({ min: 1, max: 64 }) });

export const STAFF_ROLES = ['staff', 'leader', 'admin', 'agent'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/** A signed-in session as GET /api/session and POST /api/login answer it (server/auth/sessions.ts). */
export interface SessionView {
  staffId: string;
  name: string;
  role: StaffRole;
  windows: number[];
  /** The window this session signed in at (window staff), or null (admin). */
  windowNo: number | null;
  expiresAt: string;
}
