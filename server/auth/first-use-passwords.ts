// First-use passwords (issue #23 item 2): the shipped config/staff.json holds no password at all — each
// account's pinHash is the marker "firstUse". At the first start of an installation every such account (and
// every account still holding one of the hashes older releases shipped, of the once-published 246810 /
// admin2026) gets a random password: 8 digits for window staff, leaders and 代办员, 12 characters for the
// administrator. Only the scrypt hash is written to staff.json (atomically, like an admin edit). The plain
// passwords are shown once: one warning line per account in the service's journal
// (`journalctl -u service-hall-kiosk -p warning`), and once on the kiosk's own screen through
// GET /api/kiosk/first-use-passwords (kiosk addresses only; answered once, 410 afterwards). They live in
// memory only until then and are never written to disk in plain.
import { randomInt } from 'node:crypto';
import type { Config } from '../config/load.ts';
import { editConfigFile } from '../config/edit.ts';
import type { Logger } from '../common/log.ts';
import { hashSecret } from './password.ts';
import { pinRefusal } from './first-login.ts';

/** The pinHash of an account whose first-use password is still to be generated (config/staff.json). */
export const FIRST_USE_MARKER = 'firstUse';

/**
 * The hashes config/staff.json shipped before this change (of 246810 and admin2026): an installation that
 * still holds one of them is treated like a fresh one. Exact strings only: a test config hashing the same
 * PIN with its own salt is left alone.
 */
const OLD_SHIPPED_HASHES = new Set<string>([
  'scrypt$16384$8$1$isMEwqjM2X5szZatPTG5KQ==$xObZxbjmgEcQv4WMjKz0DJt6EduhDLdfNM6upTCTtMw=',
  'scrypt$16384$8$1$NX7RVbqEhi6wquWAQTSkrw==$RQIfxyLieA59YU7ZKJvlNzXQ4CMcERe+Ju9ij1SVaTU=',
  'scrypt$16384$8$1$K3aHKILVXJL3Lvobj7r/qw==$muJiCxtVpgM6QgZLmIYPYMiZCwgpVIpWO7714+pQEjM=',
  'scrypt$16384$8$1$fVxvStdSeb5SljYj0geFcQ==$bmXT4Pb8CFdE8+Tvbv/Fz8FzzdERiqxC0kV06UWEIsI=',
  'scrypt$16384$8$1$sCpJH3BjzlASYffBZOvuvA==$pm5mcPTvb1QhyjzoCzjroCQiEnxTItgpbi5BAPfdNTc=',
  'scrypt$16384$8$1$bsWlWASFDNYiAHfTxzG9+Q==$K41MthXCz7XAQXWxls3TBz1cGF/e2G1Iw6I07D8NQKM=',
  'scrypt$16384$8$1$HdKnSAzVXc1qhMT0safo0A==$wSKhA4HoMXeuoB85ly/0k6vAsJfgvF31IFRthyHpeeE=',
  'scrypt$16384$8$1$z+2BtHl3qwFVOkAIVv1HEA==$gc3W0fhWFNbRmvibJt07yXoAteWhsWxT/rx+/L1vvbA=',
  'scrypt$16384$8$1$PorulvsQ5ErzGh8MzFFchg==$wxzC0h8c0ZXjWjhXNE+kiRT1bMaso2yN9YJ5aReLnWQ=',
  'scrypt$16384$8$1$aZ0sYjCZ7fymT/Dpq35TPw==$x6gyvYh0fhQyA/e+jvSMjyCXcAWyTsGwDwjv2DLNXKA=',
  'scrypt$16384$8$1$23mjcSLeChriwXM5vcdD3w==$5rujYFP2i54/3twDw3lO0YlKLic+EOUF+/WZLcraoO8=',
  'scrypt$16384$8$1$ykR4URRTIApALA3yH9rmlw==$xMhZhvMAOKB0gtujTxrQG6C5mbU1cj2+R8i9QP/xXbs=',
  'scrypt$16384$8$1$FN1wH/2YrVtwPRqVNKxZlw==$CA2SrzVV0PnhENxBi4XVdmwVCjEdywz08X2FIq0Ahxc=',
  'scrypt$16384$8$1$0XEKwX4vKwH4bV/Nt3L6DA==$+pJpFzuca0qKVF02fIynuu+YYT+Oqsmbdxwj7STlJ1g=',
]);

export interface FirstUsePassword {
  staffId: string;
  name: string;
  password: string;
}

const ADMIN_ALPHABET = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A random password that passes the weak-PIN rules (a random 8 digits may be 12345678: drawn again). */
export function randomFirstUsePassword(role: string, staffId: string): string {
  for (;;) {
    const pw =
      role === 'admin'
        ? Array.from({ length: 12 }, () => ADMIN_ALPHABET[randomInt(ADMIN_ALPHABET.length)]).join('')
        : Array.from({ length: 8 }, () => String(randomInt(10))).join('');
    if (!pinRefusal(pw, staffId)) return pw;
  }
}

export function needsFirstUsePassword(pinHash: string): boolean {
  return pinHash === FIRST_USE_MARKER || OLD_SHIPPED_HASHES.has(pinHash);
}

export class FirstUsePasswords {
  #pending: FirstUsePassword[] = [];
  #shown = false;

  /** Passwords generated at this start and not yet shown on the kiosk. */
  get pending(): readonly FirstUsePassword[] {
    return this.#pending;
  }

  /**
   * Generates the missing passwords, writes their hashes to staff.json, applies them live and logs one
   * warning line per account. Nothing to do (every account has its own password) → no write, no line.
   */
  async provision(config: Config, log: Logger): Promise<void> {
    const todo = config.staff.filter((s) => needsFirstUsePassword(s.pinHash));
    if (todo.length === 0) return;
    const generated: (FirstUsePassword & { pinHash: string })[] = [];
    for (const s of todo) {
      const password = randomFirstUsePassword(s.role, s.id);
      generated.push({ staffId: s.id, name: s.name, password, pinHash: await hashSecret(password) });
    }
    const next = editConfigFile(
      config.dir,
      'staff.json',
      (raw: { id: string; pinHash: string; firstUse?: boolean }[]) => {
        for (const g of generated) {
          const entry = Array.isArray(raw) ? raw.find((e) => e && e.id === g.staffId) : undefined;
          if (entry && needsFirstUsePassword(entry.pinHash)) {
            entry.pinHash = g.pinHash;
            // Still a first-use password: kiosk/console addresses only, replaced at the first login.
            entry.firstUse = true;
          }
        }
      },
    );
    config.staff.splice(0, config.staff.length, ...next.staff);
    for (const g of generated) {
      log.warn(`首次使用密码（只显示这一次，请登录后立即修改）：工号 ${g.staffId} 密码 ${g.password}`);
    }
    this.#pending = generated.map(({ staffId, name, password }) => ({ staffId, name, password }));
  }

  /** The kiosk screen's one look: the list once, then null (the route answers 410). */
  take(): FirstUsePassword[] | null {
    if (this.#shown || this.#pending.length === 0) return null;
    this.#shown = true;
    const list = this.#pending;
    this.#pending = [];
    return list;
  }
}
