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
import { DUTY_MIGRATIONS } from '../duty/store.ts';
import { JIAOBAN_MIGRATIONS } from '../jiaoban/store.ts';
import { PINGYI_MIGRATIONS } from '../pingyi/store.ts';
import { FEE_MIGRATIONS } from '../fees/store.ts';
import { URGENT_MIGRATIONS } from '../urgent/store.ts';
import { JOINT_MIGRATIONS } from '../joint/store.ts';
import { CASE_APPLICANT_MIGRATIONS } from '../cases/applicant.ts';

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
  // AB岗 移交 and 空岗 complaints (server/duty/): after the registers, whose complaints they link to.
  { versionTable: 'duty_schema_version', label: '在岗登记数据库', steps: DUTY_MIGRATIONS },
  // 交办 → 反馈 → 批示 (server/jiaoban/).
  { versionTable: 'jiaoban_schema_version', label: '交办登记数据库', steps: JIAOBAN_MIGRATIONS },
  // 回访评议 (server/pingyi/): after the registers, whose cases and first contacts it samples.
  { versionTable: 'pingyi_schema_version', label: '回访评议数据库', steps: PINGYI_MIGRATIONS },
  // 收费票据 (server/fees/).
  { versionTable: 'fee_schema_version', label: '收费登记数据库', steps: FEE_MIGRATIONS },
  // 急事特办 (server/urgent/, issue 21): after the core schema, whose tickets table it extends.
  { versionTable: 'urgent_schema_version', label: '急事特办数据库', steps: URGENT_MIGRATIONS },
  // 联办件 steps (server/joint/): after the core, whose cases they belong to.
  { versionTable: 'joint_schema_version', label: '联办件数据库', steps: JOINT_MIGRATIONS },
  // The applicant's masked ID number and phone given at acceptance (server/cases/applicant.ts, issue 24 ⑦).
  { versionTable: 'case_applicant_schema_version', label: '申请人信息数据库', steps: CASE_APPLICANT_MIGRATIONS },
];

export const STATE_TABLES: readonly string[] = [
  // Login lock-out (server/auth/login-guard.ts).
  'CREATE TABLE IF NOT EXISTS login_guard (key TEXT PRIMARY KEY, failures INTEGER NOT NULL, locks INTEGER NOT NULL, locked_until TEXT)',
  // Rating tablets paired with a window (server/ratings/pairing.ts).
  // Where a resident's own booking came from (server/appointments/self-booking.ts): staff cancel all bookings
  // of one address at once; rows go with the retention purge.
  'CREATE TABLE IF NOT EXISTS booking_origins (appointment_id TEXT PRIMARY KEY, address TEXT NOT NULL, at TEXT NOT NULL)',
  'CREATE INDEX IF NOT EXISTS booking_origins_address ON booking_origins (address)',
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
