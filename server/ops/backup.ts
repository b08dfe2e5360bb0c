// Backups of the SQLite database: a consistent online copy through SQLite's backup API (better-sqlite3's
// db.backup(), which copies page by page between requests and restarts on its own when the server writes
// in between, so the copy is one committed state), every night at KIOSK_BACKUP_AT and on demand, into
// KIOSK_BACKUP_DIR (a USB stick or a network share), keeping the last KIOSK_BACKUP_KEEP. Each copy is
// opened again and must pass `PRAGMA integrity_check` before it counts; a copy that fails is deleted and the
// failure is shown on /admin. Restoring is server/ops/restore.ts (npm run restore -- FILE).
import Database from 'better-sqlite3';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Db } from '../store/db.ts';
import type { Clock } from '../common/clock.ts';
import type { BackupStatus } from '../contract/ops.ts';

export const BACKUP_PATTERN = /^kiosk-(\d{8})-(\d{6})-(\d{3})\.sqlite$/;
/** /admin warns when the newest good backup is older than this. */
export const STALE_AFTER_MS = 2 * 24 * 3600_000;

export interface BackupCheck {
  ok: boolean;
  /** Chinese, for a person: what is wrong with the file. */
  message: string;
  tickets: number;
  schemaVersion: number;
}

/** Opens a backup read-only and checks it: SQLite's integrity_check, and that it is this server's database. */
export function checkBackupFile(file: string): BackupCheck {
  let db: Database.Database | null = null;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const result = db.pragma('integrity_check') as { integrity_check: string }[];
    const problems = result.map((r) => r.integrity_check).filter((r) => r !== 'ok');
    if (problems.length > 0)
      return {
        ok: false,
        message: `备份文件已损坏（完整性检查：${problems.slice(0, 3).join('；')}）`,
        tickets: 0,
        schemaVersion: 0,
      };
    const tables = new Set(
      (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map(
        (t) => t.name,
      ),
    );
    if (!tables.has('tickets') || !tables.has('schema_version'))
      return { ok: false, message: '该文件不是本系统的数据库备份', tickets: 0, schemaVersion: 0 };
    const tickets = (db.prepare('SELECT COUNT(*) AS n FROM tickets').get() as { n: number }).n;
    const schemaVersion =
      (db.prepare('SELECT MAX(version) AS v FROM schema_version').get() as { v: number | null }).v ?? 0;
    return { ok: true, message: '完整性检查通过', tickets, schemaVersion };
  } catch (err) {
    const code = (err as { code?: string }).code;
    const why =
      code === 'SQLITE_NOTADB' ? '不是数据库文件' : code === 'SQLITE_CORRUPT' ? '文件已损坏' : (err as Error).message;
    return { ok: false, message: `无法读取备份文件：${why}`, tickets: 0, schemaVersion: 0 };
  } finally {
    db?.close();
  }
}

/**
 * The copy carries the live database's WAL flag; turn it into an ordinary rollback-journal file, so it is one
 * self-contained file (no -wal/-shm beside it) that can be copied to a stick and opened read-only anywhere.
 */
function selfContained(file: string): void {
  const db = new Database(file);
  try {
    db.pragma('journal_mode = DELETE');
  } finally {
    db.close();
  }
}

export interface BackupOptions {
  dir: string;
  /**
   * The data folder. The default backup folder inside it is created when missing; any other folder (a USB
   * stick, a share) must already exist: creating it would silently write to the kiosk's own disk while the
   * stick is out. A backup on the data folder's own disk is flagged on /admin (one failing disk takes both).
   */
  dataDir?: string;
  keep: number;
  /** HH:MM, the centre's local time. */
  at: string;
  timezone: string;
  clock: Clock;
  log: (line: string) => void;
  warn: (line: string) => void;
}

/** Local date and time in the centre's time zone: ['2026-12-01', '02:30', '20261201-023000']. */
function localStamp(d: Date, timezone: string): [string, string, string] {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone: timezone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(d)
      .map((x) => [x.type, x.value]),
  ) as Record<string, string>;
  return [
    `${p.year}-${p.month}-${p.day}`,
    `${p.hour}:${p.minute}`,
    `${p.year}${p.month}${p.day}-${p.hour}${p.minute}${p.second}`,
  ];
}

export class BackupService {
  #running: Promise<BackupStatus> | null = null;
  #lastFailure: { at: string; message: string } | null = null;
  #lastAttemptDate: string | null = null;
  #timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly db: Db,
    private readonly options: BackupOptions,
  ) {}

  /** Checks once a minute whether tonight's backup is due (also after the machine was off at that time). */
  startSchedule(): void {
    const tick = () => {
      const [date, time] = localStamp(this.options.clock(), this.options.timezone);
      if (time < this.options.at || this.#lastAttemptDate === date) return;
      const last = this.newest();
      if (last && localStamp(new Date(last.mtimeMs), this.options.timezone)[0] === date) return;
      this.#lastAttemptDate = date;
      this.run('nightly').catch(() => undefined);
    };
    this.#timer = setInterval(tick, 60_000);
    this.#timer.unref();
    tick();
  }

  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
  }

  /** Resolves when no backup is running (before the database is closed). */
  async idle(): Promise<void> {
    await this.#running?.catch(() => undefined);
  }

  /** Takes one backup now; a second call while one runs waits for that one. */
  run(reason: 'nightly' | 'manual'): Promise<BackupStatus> {
    this.#running ??= this.#take(reason).finally(() => (this.#running = null));
    return this.#running;
  }

  async #take(reason: 'nightly' | 'manual'): Promise<BackupStatus> {
    const { dir } = this.options;
    const now = this.options.clock();
    // Milliseconds too: two backups in one second (a click after the nightly one) keep both files.
    const name = `kiosk-${localStamp(now, this.options.timezone)[2]}-${String(now.getUTCMilliseconds()).padStart(3, '0')}.sqlite`;
    const partial = join(dir, `${name}.partial`);
    try {
      if (this.#ownFolder()) mkdirSync(dir, { recursive: true });
      else if (!existsSync(dir)) throw new Error(`备份位置 ${dir} 不存在（U 盘未插入或网络共享未连接？）`);
      // A copy cut short by a power cut or a pulled stick: never counted, cleared before the next one.
      for (const f of readdirSync(dir))
        if (/^kiosk-.*\.partial(-wal|-shm|-journal)?$/.test(f)) rmSync(join(dir, f), { force: true });
      await this.db.backup(partial);
      selfContained(partial);
      const check = checkBackupFile(partial);
      if (!check.ok) throw new Error(check.message);
      renameSync(partial, join(dir, name));
      this.#lastFailure = null;
      const removed = this.#prune();
      this.options.log(
        `数据库备份完成（${reason === 'nightly' ? '每日定时' : '手动'}）：${name}，${check.tickets} 个号，完整性检查通过${removed ? `，删除旧备份 ${removed} 个` : ''}`,
      );
    } catch (err) {
      for (const f of [partial, `${partial}-wal`, `${partial}-shm`, `${partial}-journal`]) {
        try {
          rmSync(f, { force: true });
        } catch {
          // the folder itself is the problem; said below
        }
      }
      const message = (err as NodeJS.ErrnoException).code === 'ENOSPC' ? '备份位置空间不足' : (err as Error).message;
      this.#lastFailure = { at: now.toISOString(), message };
      this.options.warn(`数据库备份失败（${reason === 'nightly' ? '每日定时' : '手动'}）：${message}`);
    }
    return this.status();
  }

  #files(): { name: string; mtimeMs: number; size: number }[] {
    let names: string[];
    try {
      names = readdirSync(this.options.dir);
    } catch {
      return [];
    }
    return names
      .filter((n) => BACKUP_PATTERN.test(n))
      .sort()
      .map((name) => {
        const st = statSync(join(this.options.dir, name));
        return { name, mtimeMs: st.mtimeMs, size: st.size };
      });
  }

  newest(): { name: string; mtimeMs: number; size: number } | null {
    return this.#files().at(-1) ?? null;
  }

  /** Keeps the newest `keep` backups (names sort by time). */
  #prune(): number {
    const files = this.#files();
    const old = files.slice(0, Math.max(0, files.length - this.options.keep));
    for (const f of old) rmSync(join(this.options.dir, f.name), { force: true });
    return old.length;
  }

  #ownFolder(): boolean {
    return this.options.dataDir === undefined || resolve(this.options.dir) === resolve(this.options.dataDir, 'backups');
  }

  /** True when the backups sit on the same file system as the database. */
  #sameDisk(): boolean {
    if (!this.options.dataDir) return false;
    try {
      return statSync(this.options.dir).dev === statSync(this.options.dataDir).dev;
    } catch {
      return false;
    }
  }

  status(): BackupStatus {
    const newest = this.newest();
    const now = this.options.clock().getTime();
    const stale = !newest || now - newest.mtimeMs > STALE_AFTER_MS;
    let warning: string | null = null;
    if (this.#lastFailure) warning = `最近一次备份失败：${this.#lastFailure.message}`;
    else if (!newest) warning = '还没有任何数据库备份';
    else if (stale)
      warning = `最近一次备份已超过两天（${new Date(newest.mtimeMs).toLocaleString('zh-CN', { timeZone: this.options.timezone })}）`;
    const sameDisk = this.#sameDisk();
    return {
      dir: this.options.dir,
      dailyAt: this.options.at,
      keep: this.options.keep,
      last: newest ? { file: newest.name, at: new Date(newest.mtimeMs).toISOString(), sizeBytes: newest.size } : null,
      lastFailure: this.#lastFailure,
      count: this.#files().length,
      running: this.#running !== null,
      warning,
      sameDisk,
    };
  }
}
