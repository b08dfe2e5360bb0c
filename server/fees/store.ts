// 收费 (seed 001 三、3 规范收费 "凡在乡镇民生服务中心办理的事项需收费的,必须明确收费依据并出具相关的收费票据,有条件
// 的地方应实行银行或者信用社代办,实行收支两条线"; 一、4 "除按政策规定收取有关费用外,严禁违规收费、搭车收费"; seed 002
// 三是公开…收费标准): a window may take a fee only for a matter whose published guide states its 收费标准 and 依据,
// records the fiscal receipt (number, amount, basis, payer masked, 经办人), and the money is remitted (上缴) as a
// separate act — 收支两条线. Own version track.
import { randomBytes } from 'node:crypto';
import type { Db } from '../store/db.ts';
import type { Clock } from '../common/clock.ts';
import { localTime } from '../common/clock.ts';
import { DomainError, notFound } from '../common/errors.ts';

export const FEE_MIGRATIONS: string[] = [
  `CREATE TABLE fee_receipts (
     id TEXT PRIMARY KEY,
     -- the number printed on the fiscal receipt (收费票据), as staff read it from the paper
     receipt_no TEXT NOT NULL UNIQUE,
     service_date TEXT NOT NULL,
     at TEXT NOT NULL,
     window_no INTEGER NOT NULL,
     staff_id TEXT NOT NULL,
     case_id TEXT,
     matter_id TEXT NOT NULL,
     matter_name TEXT NOT NULL,
     amount_fen INTEGER NOT NULL CHECK (amount_fen > 0),
     -- the guide's 收费标准和依据 at the time of payment
     basis TEXT NOT NULL,
     payer_masked TEXT,
     remitted_at TEXT,
     remit_no TEXT,
     remitted_by TEXT
   );
   CREATE INDEX fee_receipts_date ON fee_receipts (service_date);`,
];

/**
 * The guide's 收费 text, when it states a fee: null when the guide says nothing (指南未载明) or says the matter
 * is free (不收费 / 免费 / 无). Only then may a window take money (seed 001 一、4 严禁违规收费).
 */
export function chargeableBasis(fees: string | null | undefined): string | null {
  const text = fees?.trim();
  if (!text) return null;
  if (/^(不收费|免费|无|无收费|免收)/.test(text)) return null;
  return text;
}

/** "12.5" / "12.50" / "12" yuan → fen; anything else is refused. */
export function yuanToFen(yuan: string): number {
  const m = /^(\d{1,6})(?:\.(\d{1,2}))?$/.exec(yuan.trim());
  if (!m) throw new DomainError('bad-request', '金额格式不对，应如 12 或 12.50（元）');
  const fen = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  if (fen <= 0) throw new DomainError('bad-request', '金额必须大于 0');
  return fen;
}

export const fenToYuan = (fen: number): string => `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;

export interface FeeRow {
  id: string;
  receipt_no: string;
  service_date: string;
  at: string;
  window_no: number;
  staff_id: string;
  case_id: string | null;
  matter_id: string;
  matter_name: string;
  amount_fen: number;
  basis: string;
  payer_masked: string | null;
  remitted_at: string | null;
  remit_no: string | null;
  remitted_by: string | null;
}

export class FeeStore {
  readonly #db: Db;
  readonly #clock: Clock;
  readonly #tz: string;

  constructor(db: Db, clock: Clock, timeZone: string) {
    this.#db = db;
    this.#clock = clock;
    this.#tz = timeZone;
  }

  today(): string {
    return localTime(this.#clock(), this.#tz).date;
  }

  record(input: {
    receiptNo: string;
    windowNo: number;
    staffId: string;
    caseId: string | null;
    matterId: string;
    matterName: string;
    amountFen: number;
    basis: string;
    payerMasked: string | null;
  }): FeeRow {
    if (this.#db.prepare('SELECT 1 FROM fee_receipts WHERE receipt_no = ?').get(input.receiptNo))
      throw new DomainError('already-registered', `票据号 ${input.receiptNo} 已经登记过`);
    const id = `fee-${randomBytes(8).toString('hex')}`;
    this.#db
      .prepare(
        `INSERT INTO fee_receipts (id, receipt_no, service_date, at, window_no, staff_id, case_id, matter_id, matter_name, amount_fen, basis, payer_masked)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        id,
        input.receiptNo,
        this.today(),
        this.#clock().toISOString(),
        input.windowNo,
        input.staffId,
        input.caseId,
        input.matterId,
        input.matterName,
        input.amountFen,
        input.basis,
        input.payerMasked,
      );
    return this.get(id)!;
  }

  get(id: string): FeeRow | null {
    return (this.#db.prepare('SELECT * FROM fee_receipts WHERE id = ?').get(id) as FeeRow | undefined) ?? null;
  }

  list(from: string, to: string): FeeRow[] {
    return this.#db
      .prepare('SELECT * FROM fee_receipts WHERE service_date BETWEEN ? AND ? ORDER BY at')
      .all(from, to) as FeeRow[];
  }

  /** 收支两条线: the money taken is remitted (上缴) to the fiscal account as its own act, with the 缴款书 number. */
  remit(ids: readonly string[], remitNo: string, by: string): FeeRow[] {
    return this.#db.transaction(() => {
      const at = this.#clock().toISOString();
      for (const id of ids) {
        const row = this.get(id);
        if (!row) throw notFound(`收费记录 ${id}`);
        if (row.remitted_at) throw new DomainError('already-closed', `票据号 ${row.receipt_no} 的款项已上缴`);
        this.#db
          .prepare('UPDATE fee_receipts SET remitted_at = ?, remit_no = ?, remitted_by = ? WHERE id = ?')
          .run(at, remitNo, by, id);
      }
      return ids.map((id) => this.get(id)!);
    })();
  }
}
