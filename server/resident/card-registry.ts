// What the server keeps of a swiped ID card: a keyed hash of the number (for the per-person limit and
// appointment matching), the masked forms and the age, for a few minutes. The full number and name are
// dropped as soon as the hash is made (个人信息保护法: keep only what the function needs).
import { createHmac, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { maskIdNumber, maskName } from '../contract/privacy.ts';
import type { IdCardRead } from '../contract/devices.ts';

export interface CardHolder {
  idHash: string;
  idMasked: string;
  nameMasked: string;
  age: number;
}

/** Load the hashing key, creating it on first start. Kept beside the database, never in config/. */
export function loadOrCreateKey(file: string): Buffer {
  if (existsSync(file)) return Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  mkdirSync(dirname(file), { recursive: true });
  const key = randomBytes(32);
  writeFileSync(file, key.toString('base64') + '\n', { mode: 0o600 });
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
