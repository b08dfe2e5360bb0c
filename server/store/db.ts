// The SQLite database: WAL, full fsync on commit (an acknowledged ticket survives power loss), and
// versioned migrations applied in order inside one transaction each.
import Database from 'better-sqlite3';
import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

export type Db = Database.Database;

import { migrateAll } from './migrations.ts';
export { CORE_MIGRATIONS as MIGRATIONS } from './core-migrations.ts';

/** How long a write waits for another process's lock before the caller gets 503 database-busy. */
export const BUSY_TIMEOUT_MS = 250;

export function openDb(file: string): Db {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  // 个人信息保护法: what is deleted or overwritten (the retention purge) is zeroed in the file, not left in free pages.
  db.pragma('secure_delete = ON');
  db.pragma('synchronous = FULL');
  // better-sqlite3 builds SQLite with a 16 MB page cache; it filled up over a busy day (the day's tickets and
  // events) and stayed as resident memory. SQLite's own default, 2 MB, holds today's indexes and rows; older
  // pages come from the OS's file cache (issue 26: RSS after a 10,000-ticket day).
  db.pragma('cache_size = -2000');
  db.pragma('foreign_keys = ON');
  // Another process holding the lock (a second server by mistake, a tool writing to the file): wait a
  // little, then fail clearly. better-sqlite3 waits on the event loop's thread, so every screen and request
  // stalls for that long: keep it short. (In WAL mode readers, backups included, never block a write.)
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  migrate(db);
  cachePreparedStatements(db);
  // The database holds masked identities and hashes: readable by the server's own user only.
  if (file !== ':memory:') for (const f of [file, `${file}-wal`, `${file}-shm`]) if (existsSync(f)) chmodSync(f, 0o600);
  return db;
}

/**
 * db.prepare compiles its SQL on every call; the stores prepare the same few dozen statements per request.
 * Keep each compiled statement by its text. Nothing in the server switches a statement's mode (pluck, raw,
 * expand), which a shared statement would carry over to the next caller.
 */
function cachePreparedStatements(db: Db): void {
  const compile = db.prepare.bind(db);
  const cache = new Map<string, ReturnType<Db['prepare']>>();
  db.prepare = ((sql: string) => {
    let statement = cache.get(sql);
    if (!statement) {
      statement = compile(sql);
      cache.set(sql, statement);
    }
    return statement;
  }) as Db['prepare'];
}

/** Bring every migration track of the registry (server/store/migrations.ts) up to date. */
export function migrate(db: Db): void {
  migrateAll(db);
}
