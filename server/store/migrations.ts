// The one migration registry. Every table the server keeps is created here, by one of two kinds of entry:
// - a versioned track: numbered steps applied in order, one transaction each, recorded in the track's own
//   version table (the core schema in `schema_version`, the registers in `register_schema_version`, as
//   before: existing databases continue where they are). Never edit a released step; add the next.
// - a state table: lock-outs and paired tablets, state whose loss costs nothing but a re-login or a
//   re-pairing; created if missing, never versioned.
// openDb (server/store/db.ts) applies the whole registry, so a store never creates tables itself.
import type { Db } from './db.ts';
import { CORE_MIGRATIONS } from './core-migrations.ts';
import { REGISTER_MIGRATIONS } from '../registers/store.ts';

export interface MigrationTrack {
  /** The table recording which steps ran. */
  versionTable: string;
  /** How the refusal to downgrade names the track. */
  label: string;
  steps: readonly string[];
}

export const MIGRATION_TRACKS: readonly MigrationTrack[] = [
  { versionTable: 'schema_version', label: '数据库', steps: CORE_MIGRATIONS },
  // The registers' own numbering: a register table never changes the core's versions (server/registers/).
  { versionTable: 'register_schema_version', label: '登记簿数据库', steps: REGISTER_MIGRATIONS },
];

export const STATE_TABLES: readonly string[] = [
  // Login lock-out (server/auth/login-guard.ts).
  'CREATE TABLE IF NOT EXISTS login_guard (key TEXT PRIMARY KEY, failures INTEGER NOT NULL, locks INTEGER NOT NULL, locked_until TEXT)',
  // Rating tablets paired with a window (server/ratings/pairing.ts).
  'CREATE TABLE IF NOT EXISTS rating_devices (token_hash TEXT PRIMARY KEY, window_no INTEGER NOT NULL, paired_at TEXT NOT NULL, paired_by TEXT NOT NULL, expires_at TEXT NOT NULL)',
];

export function applyTrack(db: Db, track: MigrationTrack): void {
  db.exec(`CREATE TABLE IF NOT EXISTS ${track.versionTable} (version INTEGER NOT NULL, applied_at TEXT NOT NULL)`);
  const current =
    (db.prepare(`SELECT MAX(version) AS v FROM ${track.versionTable}`).get() as { v: number | null }).v ?? 0;
  if (current > track.steps.length)
    throw new Error(`${track.label}版本 ${current} 比本程序支持的 ${track.steps.length} 新，请使用新版程序，不要降级`);
  for (let v = current + 1; v <= track.steps.length; v++) {
    db.transaction(() => {
      db.exec(track.steps[v - 1]!);
      db.prepare(`INSERT INTO ${track.versionTable} (version, applied_at) VALUES (?, ?)`).run(
        v,
        new Date().toISOString(),
      );
    })();
  }
}

export function migrateAll(db: Db): void {
  for (const track of MIGRATION_TRACKS) applyTrack(db, track);
  for (const ddl of STATE_TABLES) db.exec(ddl);
}
