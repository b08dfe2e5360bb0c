// Restoring a backup (npm run restore -- FILE, or `service-hall-kiosk restore FILE` on a kiosk): the file
// must pass the same checks as a fresh backup (integrity_check, this system's tables, a schema this version
// knows), the server must be stopped (nobody else may hold the database), and the current database is kept
// aside as kiosk.sqlite.before-restore-<time> rather than overwritten.
import Database from 'better-sqlite3';
import { closeSync, copyFileSync, existsSync, fsyncSync, openSync, renameSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { checkBackupFile } from './backup.ts';
import { MIGRATIONS } from '../store/db.ts';

export class RestoreError extends Error {}

export interface RestoreResult {
  tickets: number;
  /** Where the database that was there before went (null: there was none). */
  keptAside: string | null;
}

function fsyncPath(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

export function restoreBackup(file: string, dataDir: string, now = new Date()): RestoreResult {
  if (!existsSync(file)) throw new RestoreError(`找不到备份文件：${file}`);
  const check = checkBackupFile(file);
  if (!check.ok) throw new RestoreError(`拒绝恢复：${check.message}`);
  if (check.schemaVersion > MIGRATIONS.length)
    throw new RestoreError('拒绝恢复：该备份来自更新版本的系统，请先升级本机软件');
  const live = join(dataDir, 'kiosk.sqlite');
  let keptAside: string | null = null;
  if (existsSync(live)) {
    // An exclusive lock fails while the server (or anything else) has the database open.
    const current = new Database(live, { timeout: 0 });
    try {
      current.pragma('locking_mode = EXCLUSIVE');
      current.exec('BEGIN EXCLUSIVE; COMMIT');
      // Fold the write-ahead log into the file, so the file set aside is the whole current database.
      current.pragma('wal_checkpoint(TRUNCATE)');
    } catch {
      current.close();
      throw new RestoreError('数据库正在使用中：请先停止服务（sudo systemctl stop service-hall-kiosk）再恢复');
    }
    current.close();
    const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\..*/, '');
    keptAside = `${live}.before-restore-${stamp}`;
    renameSync(live, keptAside);
    for (const side of ['-wal', '-shm']) if (existsSync(live + side)) renameSync(live + side, `${keptAside}${side}`);
  }
  const temp = `${live}.restoring`;
  copyFileSync(file, temp);
  fsyncPath(temp);
  renameSync(temp, live);
  fsyncPath(dirname(live));
  return { tickets: check.tickets, keptAside };
}
