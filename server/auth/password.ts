// PINs and passwords are kept only as scrypt hashes: `scrypt$N$r$p$salt$hash` (base64).
import { DomainError } from '../common/errors.ts';
import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';

const scrypt = (pw: string, salt: Buffer, len: number, opts: ScryptOptions) =>
  new Promise<Buffer>((resolve, reject) =>
    scryptCb(pw, salt, len, opts, (err, key) => (err ? reject(err) : resolve(key))),
  );

const N = 16384;
const R = 8;
const P = 1;
const KEY_LEN = 32;

export async function hashSecret(secret: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(secret, salt, KEY_LEN, { N, r: R, p: P });
  return `scrypt$${N}$${R}$${P}$${salt.toString('base64')}$${key.toString('base64')}`;
}

export const HASH_PATTERN = /^scrypt\$\d+\$\d+\$\d+\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/;

/**
 * At most MAX_CONCURRENT_CHECKS scrypt checks run at once (each takes ~16 MB and a libuv worker for tens of
 * ms): a flood of logins then waits its turn instead of taking all four workers, which the static files and
 * other work need (300 parallel checks made GET /kiosk take 6 s). Past MAX_WAITING_CHECKS the check is refused.
 */
export const MAX_CONCURRENT_CHECKS = 2;
export const MAX_WAITING_CHECKS = 64;

export class Semaphore {
  #running = 0;
  readonly #waiting: (() => void)[] = [];
  constructor(
    readonly limit: number,
    readonly maxWaiting: number,
  ) {}

  get running(): number {
    return this.#running;
  }

  /** No place to run or wait: run() would refuse at once. */
  get full(): boolean {
    return this.#running >= this.limit && this.#waiting.length >= this.maxWaiting;
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.#running >= this.limit) {
      if (this.#waiting.length >= this.maxWaiting) throw new DomainError('busy', '登录请求过多，请稍候再试');
      await new Promise<void>((resolve) => this.#waiting.push(resolve));
    } else this.#running++;
    try {
      return await work();
    } finally {
      const next = this.#waiting.shift();
      if (next)
        next(); // the slot passes straight to the next waiter
      else this.#running--;
    }
  }
}

export const passwordChecks = new Semaphore(MAX_CONCURRENT_CHECKS, MAX_WAITING_CHECKS);

export async function verifySecret(secret: string, stored: string): Promise<boolean> {
  return passwordChecks.run(() => verifyNow(secret, stored));
}

async function verifyNow(secret: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [, n, r, p, salt, hash] = parts as [string, string, string, string, string, string];
  const expected = Buffer.from(hash, 'base64');
  const key = await scrypt(secret, Buffer.from(salt, 'base64'), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
    maxmem: 64 * 1024 * 1024,
  });
  return key.length === expected.length && timingSafeEqual(key, expected);
}
