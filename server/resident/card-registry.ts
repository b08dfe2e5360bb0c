// What the server keeps of a swiped ID card: a keyed hash of the number (for the per-person limit and
// appointment matching), the masked forms and the age, for a few minutes. The full number and name are
// dropped as soon as the hash is made (个人信息保护法: keep only what the function needs).
import { createHmac, randomBytes } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { maskIdNumber, maskName } from '../contract/privacy.ts';
import type { IdCardRead } from '../contract/devices.ts';

export interface CardHolder {
  idHash: string;
  idMasked: string;
  nameMasked: string;
  age: number;
}

/** A key file that cannot be used while hashes made with the key it should hold exist (main.ts prints it). */
export class KeyFileError extends Error {}

const KEY_BYTES = 32;

/** The key a file holds, or null when it is empty, not plain base64, or shorter than KEY_BYTES. */
function parseKey(text: string): Buffer | null {
  const t = text.trim();
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(t) || t.length % 4 !== 0) return null;
  const key = Buffer.from(t, 'base64');
  return key.length >= KEY_BYTES ? key : null;
}

/** Write the key through a temporary file renamed over the old one (never a half-written key), mode 0600. */
function writeKeyAtomically(file: string, key: Buffer): void {
  const tmp = `${file}.${process.pid}.tmp`;
  const fd = openSync(tmp, 'w', 0o600);
  try {
    writeSync(fd, `${key.toString('base64')}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, file);
  const dirFd = openSync(dirname(file), 'r');
  try {
    fsyncSync(dirFd);
  } finally {
    closeSync(dirFd);
  }
}

/**
 * Load the hashing key, creating it on first start. Kept beside the database, never in config/. An
 * empty, short or non-base64 file (issue #23 item 5: it used to become an empty HMAC key) is refused when
 * `hashesExist()` (the stored hashes would no longer match), and replaced by a new key otherwise.
 */
export function loadOrCreateKey(
  file: string,
  hashesExist: () => boolean = () => false,
  log: (line: string) => void = () => undefined,
): Buffer {
  if (existsSync(file)) {
    const key = parseKey(readFileSync(file, 'utf8'));
    if (key) return key;
    if (hashesExist())
      throw new KeyFileError(
        `密钥文件 ${file} 无效（为空、过短或不是 base64）：数据库里已有用原密钥计算的散列，不能重新生成。请从备份或原机器恢复 secret.key 后再启动服务`,
      );
    log(`密钥文件 ${file} 无效（为空、过短或不是 base64），数据库中尚无散列，已重新生成`);
  }
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const key = randomBytes(KEY_BYTES);
  writeKeyAtomically(file, key);
  return key;
}

export function ageOn(birthDate: string, today: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = today.split('-').map(Number) as [number, number, number];
  return ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0);
}

export class CardRegistry {
  readonly #entries = new Map<string, { holder: CardHolder; expires: number }>();

  constructor(
    private readonly key: Buffer,
    private readonly ttlMs = 5 * 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  hashId(idNumber: string): string {
    return createHmac('sha256', this.key).update(idNumber.trim().toUpperCase()).digest('base64url');
  }

  /** Register a read; the kiosk gets the masked view and a token to name this card when taking a ticket. */
  register(card: { name: string; idNumber: string; birthDate: string }, today: string): IdCardRead {
    this.#sweep();
    const holder: CardHolder = {
      idHash: this.hashId(card.idNumber),
      idMasked: maskIdNumber(card.idNumber),
      nameMasked: maskName(card.name),
      age: ageOn(card.birthDate, today),
    };
    const readToken = randomBytes(12).toString('base64url');
    this.#entries.set(readToken, { holder, expires: this.now() + this.ttlMs });
    return { nameMasked: holder.nameMasked, idMasked: holder.idMasked, age: holder.age, readToken };
  }

  get(token: string): CardHolder | null {
    const e = this.#entries.get(token);
    if (!e || e.expires < this.now()) return null;
    return e.holder;
  }

  #sweep(): void {
    const t = this.now();
    for (const [k, e] of this.#entries) if (e.expires < t) this.#entries.delete(k);
  }
}
