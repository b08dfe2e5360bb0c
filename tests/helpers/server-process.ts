// The real server as a child process, started exactly as `npm start` starts it (server/start.sh running the
// bundled dist-server/main.mjs that `npm run build` writes), for what only a separate process can show:
// kill -9 mid-burst, cold start time, memory.
import { copyTestConfig } from './config.ts';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(new URL('../..', import.meta.url).pathname);

/**
 * A copy of config/ for load tests: quotas large enough for a 10,000-ticket day and no per-kiosk rate
 * limit (the load comes from many clients on loopback, which is the kiosk address).
 */
export function loadTestConfigDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'load-config-'));
  copyTestConfig(join(ROOT, 'config'), dir);
  const edit = (file: string, fn: (v: any) => void) => {
    const value = JSON.parse(readFileSync(join(dir, file), 'utf8'));
    fn(value);
    writeFileSync(join(dir, file), JSON.stringify(value));
  };
  edit('categories.json', (cs: { dailyQuota: number }[]) => cs.forEach((c) => (c.dailyQuota = 9999)));
  edit(
    'center.json',
    (c: {
      security: {
        ticketsPerMinute?: number;
        ticketsPerHour?: number;
        firstLoginPasswordChange?: boolean;
        consoleAddresses?: string[];
      };
    }) => {
      c.security.ticketsPerMinute = 1_000_000;
      c.security.ticketsPerHour = 1_000_000;
      // Load tests sign in with the first-use PINs (the forced change has its own tests).
      c.security.firstLoginPasswordChange = false;
      // The console PCs of the tests (127.0.0.2–9), as in testConfig: a first-use PIN is taken only there (issue 23).
      c.security.consoleAddresses = [
        '127.0.0.2',
        '127.0.0.3',
        '127.0.0.4',
        '127.0.0.5',
        '127.0.0.6',
        '127.0.0.7',
        '127.0.0.8',
        '127.0.0.9',
      ];
    },
  );
  return dir;
}

/** A plain copy of config/ with the tests' known passwords (tests/helpers/config.ts copyTestConfig). */
export function plainTestConfigDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'test-config-'));
  copyTestConfig(join(ROOT, 'config'), dir);
  return dir;
}

export function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.once('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => res(port));
    });
  });
}

export interface ServerProcess {
  url: string;
  port: number;
  child: ChildProcess;
  output: () => string;
  /** ms from spawn to the first healthy answer */
  startMs: number;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

export async function spawnServer(opts: {
  port?: number;
  dataDir: string;
  env?: Record<string, string>;
  timeoutMs?: number;
}): Promise<ServerProcess> {
  const port = opts.port ?? (await freePort());
  const started = performance.now();
  if (!existsSync(join(ROOT, 'dist-server/main.mjs')))
    throw new Error('找不到 dist-server/main.mjs：请先运行 npm run build（npm test 会自动构建）');
  const child = spawn('sh', ['server/start.sh'], {
    cwd: ROOT,
    // Never the repository's own config/: a server started on it writes the installation's generated first-use
    // passwords into config/staff.json (issue 23), and every later test that copies config/ would inherit them.
    env: {
      ...process.env,
      KIOSK_PORT: String(port),
      KIOSK_DATA: opts.dataDir,
      ...(opts.env?.KIOSK_CONFIG ? {} : { KIOSK_CONFIG: plainTestConfigDir() }),
      ...opts.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (opts.timeoutMs ?? 20_000);
  for (;;) {
    if (child.exitCode !== null) throw new Error(`服务进程已退出（${child.exitCode}）：\n${out}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`服务 ${opts.timeoutMs ?? 20_000} ms 内未就绪：\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 10));
  }
  const startMs = performance.now() - started;
  return {
    url,
    port,
    child,
    startMs,
    output: () => out,
    kill: (signal: NodeJS.Signals = 'SIGTERM') =>
      new Promise<void>((res) => {
        if (child.exitCode !== null || child.signalCode !== null) return res();
        child.once('exit', () => res());
        child.kill(signal);
      }),
  };
}
