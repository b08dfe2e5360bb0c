// Group commit: commands that arrive in the same turn of the event loop are written in ONE SQLite
// transaction, so one fsync (synchronous = FULL) covers all of them. Each command runs in its own
// savepoint: one refused command does not undo the others. Callers get their result only after the
// commit, so an acknowledged ticket is on disk.
import type { Db } from './db.ts';
import { DomainError } from '../common/errors.ts';

interface Pending {
  work: () => unknown;
  resolve: (v: unknown) => void;
  reject: (e: unknown) => void;
}

export class GroupCommit {
  #pending: Pending[] = [];
  #scheduled = false;

  /**
   * `onRollback`: a command's work was undone (its savepoint or the whole batch): state kept in memory beside
   * the rows (the queue's waiting lines, issue 26) is read again from the file.
   */
  constructor(
    private readonly db: Db,
    private readonly onRollback: () => void = () => {},
  ) {
    // One wrapper for every command (better-sqlite3 builds a new one on each db.transaction call).
    this.#savepoint = db.transaction((work: () => unknown) => work());
  }

  readonly #savepoint: (work: () => unknown) => unknown;

  run<T>(work: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#pending.push({ work, resolve: resolve as (v: unknown) => void, reject });
      if (!this.#scheduled) {
        this.#scheduled = true;
        setImmediate(() => this.#flush());
      }
    });
  }

  #flush(): void {
    const batch = this.#pending;
    this.#pending = [];
    this.#scheduled = false;
    const outcomes: ({ ok: true; value: unknown } | { ok: false; error: unknown })[] = [];
    let aborted: unknown = null;
    try {
      this.db
        .transaction(() => {
          for (const p of batch) {
            try {
              // A nested transaction is a savepoint: a failing command rolls back only itself.
              outcomes.push({ ok: true, value: this.#savepoint(p.work) });
            } catch (error) {
              outcomes.push({ ok: false, error });
              this.onRollback();
              // SQLITE_FULL / IOERR / NOMEM can roll back the WHOLE transaction, not just the savepoint. Stop
              // there: the commands after it would otherwise run, and commit, on their own outside the batch.
              if (!this.db.inTransaction) {
                aborted = error;
                throw error;
              }
            }
          }
        })
        .immediate();
    } catch (caught) {
      // Nothing of this batch was written: every caller gets the same clear refusal.
      const err = aborted ?? caught;
      const code = (err as { code?: string }).code ?? '';
      const failure =
        err instanceof DomainError
          ? err
          : code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')
            ? new DomainError('database-busy', '数据库正忙，请稍后重试')
            : code.startsWith('SQLITE_FULL') || code.startsWith('SQLITE_IOERR')
              ? new DomainError('storage-full', '服务器存储空间不足或写入失败，本次操作未生效，请联系管理员')
              : err;
      this.onRollback();
      for (const p of batch) p.reject(failure);
      return;
    }
    batch.forEach((p, i) => {
      const o = outcomes[i]!;
      if (o.ok) p.resolve(o.value);
      else p.reject(o.error);
    });
  }
}
