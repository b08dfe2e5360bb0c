// A throwaway PostgreSQL cluster for the district tests: Debian's postgresql (tests/setup/debian-packages.sh),
// initdb in a temp dir, started on a free port with its socket in that dir, stopped and removed after.
// PostgreSQL refuses to run as root, so as root the cluster belongs to the `postgres` user (runuser).
import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync, chmodSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openDistrictDb, type DistrictDb } from '../../server/district/database.ts';

export interface TestCluster {
  port: number;
  /** A fresh database in the cluster: postgres://… */
  createDatabase(name: string): Promise<string>;
  stop(): void;
}

export function postgresBin(): string | null {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? join(root, versions[0], 'bin') : null;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

export async function startCluster(): Promise<TestCluster> {
  const bin = postgresBin();
  if (!bin)
    throw new Error(
      '找不到 PostgreSQL（/usr/lib/postgresql/*/bin/initdb）：请运行 bash tests/setup/debian-packages.sh 或 apt-get install -y postgresql',
    );
  const dir = mkdtempSync(join(tmpdir(), 'district-pg-'));
  const data = join(dir, 'data');
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    chmodSync(dir, 0o755);
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    chownSync(dir, uid, gid);
  }
  const run = (cmd: string, args: string[]) => {
    const full = asRoot
      ? (['runuser', ['-u', 'postgres', '--', join(bin, cmd), ...args]] as const)
      : ([join(bin, cmd), args] as const);
    const r = spawnSync(full[0], full[1], { encoding: 'utf8', cwd: dir });
    if (r.status !== 0) throw new Error(`${cmd} 失败：${r.stderr || r.stdout}`);
  };
  run('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--no-locale', '--no-sync']);
  const port = await freePort();
  run('pg_ctl', [
    '-D',
    data,
    '-l',
    join(dir, 'log'),
    '-w',
    '-t',
    '60',
    '-o',
    `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=60`,
    'start',
  ]);
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    try {
      run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
  return {
    port,
    async createDatabase(name) {
      const admin = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', database: 'postgres' });
      await admin.connect();
      try {
        await admin.query(`CREATE DATABASE "${name}"`);
      } finally {
        await admin.end();
      }
      return `postgres://postgres@127.0.0.1:${port}/${name}`;
    },
    stop,
  };
}

/** The two backends every district test runs on. */
export const BACKENDS = ['postgres', 'pglite'] as const;
export type Backend = (typeof BACKENDS)[number];

let dbCount = 0;
/** A fresh district database on the backend (a new database in the cluster, or a new PGlite folder). */
export async function freshDistrictDb(
  backend: Backend,
  cluster: TestCluster | null,
): Promise<{ db: DistrictDb; url?: string; dataDir?: string }> {
  if (backend === 'postgres') {
    const url = await cluster!.createDatabase(`district_${process.pid}_${++dbCount}`);
    return { db: await openDistrictDb({ url }), url };
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'district-pglite-'));
  return { db: await openDistrictDb({ dataDir }), dataDir };
}
