// The staff session as GET /api/session and POST /api/login answer it. The server's Session type lives
// in server/auth/sessions.ts (Node code, not in server/contract/), so the console reads only these fields.
import { api, call } from '../lib/api.ts';
import { passwordChangeRequired } from '../lib/ChangePassword.tsx';

export interface StaffSession {
  staffId: string;
  name: string;
  windowNo: number | null;
  expiresAt: string;
}

/** The current session, or null when signed out (401). Other failures are thrown. */
export async function currentSession(): Promise<StaffSession | null> {
  try {
    const r = await call('GET /api/session');
    // A session still on a first-use PIN can do nothing but change it: sign in again (LoginForm asks for it).
    return r.mustChangePassword ? null : r.session;
  } catch (err) {
    if ((err as { status?: number }).status === 401) return null;
    throw err;
  }
}

export async function login(staffId: string, pin: string, windowNo: number): Promise<StaffSession> {
  const r = await call('POST /api/login', { body: { staffId, pin, windowNo } });
  if (r.mustChangePassword) throw passwordChangeRequired();
  return r.session;
}

export async function logout(): Promise<void> {
  await api('POST', '/api/logout', {});
}
