// The district's PostgreSQL: a real server when DISTRICT_DATABASE_URL is set (node-postgres pool), else the
// embedded PGlite in DISTRICT_DATA (the same PostgreSQL, compiled to WASM, in-process), so `npm run district`
// works on a fresh machine. Both sit behind this small interface; every question is answered in SQL.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { DISTRICT_MIGRATIONS } from './schema.ts';
import { DistrictFailure } from './failure.ts';

export interface Sql {
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  /** Rows changed by an INSERT/UPDATE/DELETE. */
  run(text: string, params?: unknown[]): Promise<number>;
}

export interface DistrictDb extends Sql {
  readonly kind: 'postgres' | 'pglite';
  /** One transaction on one connection; rolled back when fn throws. */
  tx<T>(fn: (sql: Sql) => Promise<T>): Promise<T>;
  /** Several statements (migrations). */
  exec(text: string): Promise<void>;
  close(): Promise<void>;
}

// int8 and numeric as JS numbers: sequences and counts stay far below 2^53.
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1700, (v) => Number(v));

export async function openDistrictDb(opts: { url?: string; dataDir?: string }): Promise<DistrictDb> {
  const db = opts.url ? openPostgres(opts.url) : await openPglite(opts.dataDir);
  await migrate(db);
  return db;
}

function openPostgres(url: string): DistrictDb {
  const pool = new pg.Pool({ connectionString: url, max: 8 });
  // A connection dropped by the server (restart) must not crash the district: the next query reconnects.
  pool.on('error', () => {});
  return {
    kind: 'postgres',
    async query(text, params) {
      return (await pool.query(text, params as unknown[])).rows;
    },
    async run(text, params) {
      return (await pool.query(text, params as unknown[])).rowCount ?? 0;
    },
    async tx(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const out = await fn({
          query: async (t, p) => (await client.query(t, p as unknown[])).rows,
          run: async (t, p) => (await client.query(t, p as unknown[])).rowCount ?? 0,
        });
        await client.query('COMMIT');
        return out;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => {});
        throw err;
      } finally {
        client.release();
      }
    },
    async exec(text) {
      await pool.query(text);
    },
    close: () => pool.end(),
  };
}

/**
 * The embedded database is one process's: PGlite has no server to share it, and two processes writing the
 * same folder would corrupt it. A lock file with our PID keeps a second one out (add-hall while the server
 * runs); a lock left by a killed process (its PID gone) is taken over.
 */
function lockDataDir(dataDir: string): () => void {
  const file = join(dataDir, 'district.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(file, String(process.pid), { flag: 'wx', mode: 0o600 });
      return () => rmSync(file, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const pid = Number(readFileSync(file, 'utf8'));
      let alive = false;
      try {
        alive = Number.isInteger(pid) && pid > 0 && pid !== process.pid && process.kill(pid, 0);
      } catch {
        alive = false;
      }
      if (alive)
        throw new DistrictFailure(
          409,
          'data-dir-locked',
          `内置区级数据库 ${dataDir} 正被另一个进程使用（PID ${pid}）：请先停止区级服务再执行此命令，或改用 DISTRICT_DATABASE_URL 连接 PostgreSQL`,
        );
      rmSync(file, { force: true });
    }
  }
  throw new Error(`无法锁定内置区级数据库 ${dataDir}`);
}

async function openPglite(dataDir: string | undefined): Promise<DistrictDb> {
  let unlock = () => {};
  if (dataDir) {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    unlock = lockDataDir(dataDir);
  }
  const db = await PGlite.create(dataDir).catch((err: unknown) => {
    unlock();
    throw err;
  });
  // One connection: transactions take turns (PGlite's own lock), plain queries run between them.
  return {
    kind: 'pglite',
    async query(text, params) {
      return (await db.query(text, params)).rows as never[];
    },
    async run(text, params) {
      return (await db.query(text, params)).affectedRows ?? 0;
    },
    tx: (fn) =>
      db.transaction((t) =>
        fn({
          query: async (q, p) => (await t.query(q, p)).rows as never[],
          run: async (q, p) => (await t.query(q, p)).affectedRows ?? 0,
        }),
      ),
    async exec(text) {
      await db.exec(text);
    },
    async close() {
      await db.close();
      unlock();
    },
  };
}

/** Versioned migrations, each in its own transaction; never edit a released one, add the next. */
async function migrate(db: DistrictDb): Promise<void> {
  await db.exec(
    'CREATE TABLE IF NOT EXISTS schema_version (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
  );
  // Two district processes starting together must not both migrate: the advisory lock makes them take turns.
  await db.tx(async (sql) => {
    await sql.query('SELECT pg_advisory_xact_lock(25025)');
    const [row] = await sql.query<{ v: number | null }>('SELECT max(version) AS v FROM schema_version');
    const current = row?.v ?? 0;
    if (current > DISTRICT_MIGRATIONS.length)
      throw new Error(`区级数据库版本 ${current} 比本程序支持的 ${DISTRICT_MIGRATIONS.length} 新，请使用新版程序`);
    for (let v = current + 1; v <= DISTRICT_MIGRATIONS.length; v++) {
      for (const statement of splitStatements(DISTRICT_MIGRATIONS[v - 1]!)) await sql.query(statement);
      await sql.query('INSERT INTO schema_version (version) VALUES ($1)', [v]);
    }
  });
}

/** Statements separated by a line holding only `;;` (function bodies contain `;`). */
function splitStatements(text: string): string[] {
  return text
    .split(/^;;$/m)
    .map((s) => s.trim())
    .filter(Boolean);
}
