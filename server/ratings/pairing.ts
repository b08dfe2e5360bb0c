// Rating tablets (好差评评价器) are paired with their window once, by the window's staff: the console asks for
// a 6-digit pairing code (valid PAIRING_CODE_MINUTES, single use, void after MAX_CODE_TRIES wrong entries),
// the code is typed on /rate/<n>, and the tablet gets a device token (an HttpOnly cookie; only its SHA-256
// is stored). Only a paired tablet receives that window's rating requests (HTTP and WebSocket role 'rate')
// and may cast a verdict; a staff session is not a tablet, so staff cannot rate themselves. Pairing a new
// tablet for a window unpairs the previous one (one tablet per counter).
// The verdict is the resident's own: "建立健全监督机制、当事人评价机制" (seed 003, item 10), and assessment
// "实行领导评价与群众评价相结合" (seed 004) — a clerk rating her own service is neither.
import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import type { Db } from '../store/db.ts';
import type { Clock } from '../common/clock.ts';
import { DomainError } from '../common/errors.ts';
import { readCookie } from '../auth/sessions.ts';
import type { IncomingMessage } from 'node:http';

export const RATE_DEVICE_COOKIE = 'rate_device';
export const PAIRING_CODE_MINUTES = 5;
export const MAX_CODE_TRIES = 5;
/** A paired tablet stays paired for a year (or until the window pairs another one). */
export const DEVICE_DAYS = 365;

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

interface PendingCode {
  code: string;
  expiresAt: number;
  tries: number;
  staffId: string;
}

export class RatingPairing {
  readonly #codes = new Map<number, PendingCode>();

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {
    // rating_devices is a state table of the migration registry (server/store/migrations.ts).
  }

  /** A new code for a window (the previous unused one is void). */
  newCode(windowNo: number, staffId: string): { code: string; expiresAt: string } {
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    const expiresAt = this.clock().getTime() + PAIRING_CODE_MINUTES * 60_000;
    this.#codes.set(windowNo, { code, expiresAt, tries: 0, staffId });
    return { code, expiresAt: new Date(expiresAt).toISOString() };
  }

  /** The tablet typed a code: a device token for the window, or 403 (wrong, expired, used up). */
  pair(windowNo: number, code: string): { token: string; maxAgeSeconds: number } {
    const pending = this.#codes.get(windowNo);
    const now = this.clock().getTime();
    if (!pending || pending.expiresAt <= now) {
      this.#codes.delete(windowNo);
      throw new DomainError('pairing-code-expired', '配对码已失效，请窗口工作人员在窗口电脑上重新生成配对码');
    }
    const same = code.length === pending.code.length && timingSafeEqual(Buffer.from(code), Buffer.from(pending.code));
    if (!same) {
      pending.tries += 1;
      if (pending.tries >= MAX_CODE_TRIES) this.#codes.delete(windowNo);
      const left = MAX_CODE_TRIES - pending.tries;
      throw new DomainError(
        'pairing-code-wrong',
        left > 0 ? `配对码不正确（还可再试 ${left} 次）` : '配对码错误次数过多已作废，请工作人员重新生成',
      );
    }
    this.#codes.delete(windowNo);
    const token = randomBytes(24).toString('base64url');
    const at = new Date(now);
    const maxAgeSeconds = DEVICE_DAYS * 86_400;
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM rating_devices WHERE window_no = ?').run(windowNo);
      this.db
        .prepare(
          'INSERT INTO rating_devices (token_hash, window_no, paired_at, paired_by, expires_at) VALUES (?, ?, ?, ?, ?)',
        )
        .run(
          sha256(token),
          windowNo,
          at.toISOString(),
          pending.staffId,
          new Date(now + maxAgeSeconds * 1000).toISOString(),
        );
      this.db
        .prepare("INSERT INTO events (at, actor, type, window_no, data) VALUES (?, ?, 'rating.tablet-paired', ?, '{}')")
        .run(at.toISOString(), pending.staffId, windowNo);
    })();
    return { token, maxAgeSeconds };
  }

  /** The window a request's device token is paired with, or null. */
  windowOf(raw: IncomingMessage): number | null {
    const token =
      (raw.headers['x-rate-device'] as string | undefined) ?? readCookie(raw.headers.cookie, RATE_DEVICE_COOKIE);
    if (!token || token.length > 100) return null;
    const row = this.db
      .prepare<[string], { window_no: number; expires_at: string }>(
        'SELECT window_no, expires_at FROM rating_devices WHERE token_hash = ?',
      )
      .get(sha256(token));
    if (!row || Date.parse(row.expires_at) <= this.clock().getTime()) return null;
    return row.window_no;
  }

  /** 401 without a paired tablet, 403 for a tablet of another window. */
  requireTablet(raw: IncomingMessage, windowNo: number): void {
    const paired = this.windowOf(raw);
    if (paired === null)
      throw new DomainError(
        'tablet-not-paired',
        '本评价器尚未与窗口配对：请窗口工作人员在窗口电脑上生成配对码，并在本屏输入',
      );
    if (paired !== windowNo)
      throw new DomainError('tablet-other-window', `本评价器已与 ${paired} 号窗口配对，不能为 ${windowNo} 号窗口评价`);
  }
}
