// The database file's health (issue #23 item 4): a cheap `PRAGMA quick_check` when the server starts, and
// every read that failed with a storage error since (a damaged page, an I/O error). /api/health reports
// both, /admin shows them, and the journal says, once a minute at most, at error priority, to restore a
// backup. A storage error never ends the process: the HTTP routes answer 503 storage-fault, the WebSocket
// hub sends the same error and closes the socket (1011), and the displays keep retrying.
import type { Db } from './db.ts';
import type { Logger } from '../common/log.ts';
import { DomainError } from '../common/errors.ts';

/** What /api/health and /admin show (no internals beyond SQLite's own one-line reason). */
export interface StorageHealthView {
  ok: boolean;
  /** `ok`, or quick_check's first finding at start. */
  quickCheck: string;
  /** The last read that failed with a storage error since start, or null. */
  lastReadError: { at: string; message: string } | null;
  /** What a person should do, in Chinese (null when ok). */
  advice: string | null;
}

const FAULT_CODES = /^SQLITE_(CORRUPT|NOTADB|IOERR)/;

/** A SQLite error that means the file (or the disk under it) is damaged, not a busy lock or a bad query. */
export function isStorageFault(err: unknown): boolean {
  const code = (err as { code?: unknown })?.code;
  return typeof code === 'string' && FAULT_CODES.test(code);
}

export function restoreAdvice(file: string): string {
  return `数据库文件 ${file} 已损坏或读取出错：请停止服务，用最近的备份恢复（sudo service-hall-kiosk restore <备份文件>，开发环境 npm run restore -- <备份文件>），并检查磁盘`;
}

/** The one line `npm start` prints when the database cannot be opened at all (damaged file, full disk). */
export function startupFailure(err: unknown, file: string): string | null {
  const code = (err as { code?: unknown })?.code;
  if (typeof code !== 'string' || !code.startsWith('SQLITE_')) {
    const sys = code === 'ENOSPC' || code === 'EROFS' || code === 'EACCES' || code === 'EIO';
    if (!sys) return null;
  }
  if (code === 'SQLITE_FULL' || code === 'ENOSPC')
    return `数据库文件 ${file} 无法写入：磁盘已满。请清理数据盘（df -h 查看）后再启动服务`;
  if (code === 'SQLITE_READONLY' || code === 'SQLITE_CANTOPEN' || code === 'EROFS' || code === 'EACCES')
    return `数据库文件 ${file} 无法打开或只读：请检查数据目录的权限和磁盘是否只读挂载后再启动服务`;
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED')
    return `数据库文件 ${file} 正被另一个进程占用：请确认没有第二个服务在运行后再启动`;
  return restoreAdvice(file);
}

/** The database could not be opened: main.ts prints the message (one Chinese line), not a stack. */
export class StorageStartError extends Error {}

export class StorageHealth {
  readonly quickCheck: string;
  #lastReadError: { at: string; message: string } | null = null;
  #lastLogged = 0;

  constructor(
    db: Db,
    readonly file: string,
    private readonly log: Logger,
  ) {
    let result: string;
    try {
      const rows = db.pragma('quick_check(1)') as { quick_check: string }[];
      result = rows[0]?.quick_check ?? 'ok';
    } catch (err) {
      result = (err as Error).message;
    }
    this.quickCheck = result.replace(/\s+/g, ' ').slice(0, 200);
    if (this.quickCheck !== 'ok') log.error(`启动检查发现数据库损坏（${this.quickCheck}）。${restoreAdvice(file)}`);
  }

  /**
   * Note an error from a read or write: a storage fault is recorded (and logged at most once a minute) and
   * returned as a DomainError the caller can send; anything else is returned unchanged.
   */
  note(err: unknown): unknown {
    if (!isStorageFault(err)) return err;
    const now = Date.now();
    this.#lastReadError = { at: new Date(now).toISOString(), message: String((err as Error).message).slice(0, 200) };
    if (now - this.#lastLogged >= 60_000) {
      this.#lastLogged = now;
      this.log.error(`读取数据库出错（${this.#lastReadError.message}）。${restoreAdvice(this.file)}`);
    }
    return new DomainError('storage-fault', '服务器数据存储出错，本次操作未完成，请联系管理员恢复备份');
  }

  view(): StorageHealthView {
    const ok = this.quickCheck === 'ok' && this.#lastReadError === null;
    return {
      ok,
      quickCheck: this.quickCheck,
      lastReadError: this.#lastReadError,
      advice: ok ? null : restoreAdvice(this.file),
    };
  }
}
