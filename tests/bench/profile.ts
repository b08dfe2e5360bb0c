// npm run bench:profile: the server under the bench's ticket and call load with V8's CPU profiler on, then the
// functions with the most self time. Not a test; it prints where the time goes (issue 26: profile first).
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { freePort, loadTestConfigDir } from '../helpers/server-process.ts';
import { load, login, post, CATEGORIES } from './http-client.ts';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

/** Self time per function (name, file, line) in percent of all samples. */
export function topSelf(profileFile: string, n: number): string[] {
  const profile = JSON.parse(readFileSync(profileFile, 'utf8')) as { nodes: ProfileNode[] };
  const byFn = new Map<string, number>();
  let total = 0;
  for (const node of profile.nodes) {
    const hits = node.hitCount ?? 0;
    total += hits;
    const f = node.callFrame;
    const key = `${f.functionName || '(anonymous)'} ${f.url.replace(/^.*\/(node_modules|dist-server)\//, '$1/')}:${f.lineNumber + 1}`;
    byFn.set(key, (byFn.get(key) ?? 0) + hits);
  }
  return [...byFn.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([k, v]) => `${((100 * v) / total).toFixed(1).padStart(5)} %  ${k}`);
}

async function main(): Promise<void> {
  const waiting = Number(process.env.PROFILE_WAITING ?? 2000);
  const dir = mkdtempSync(join(tmpdir(), 'bench-prof-'));
  // As server/start.sh starts it, with the profiler on (NODE_OPTIONS may not carry --cpu-prof).
  const port = await freePort();
  const child = spawn(
    'node',
    ['--max-semi-space-size=1', '--cpu-prof', `--cpu-prof-dir=${dir}`, 'dist-server/main.mjs'],
    {
      cwd: new URL('../..', import.meta.url).pathname,
      env: {
        ...process.env,
        MALLOC_ARENA_MAX: '1',
        KIOSK_PORT: String(port),
        KIOSK_DATA: mkdtempSync(join(tmpdir(), 'bench-prof-data-')),
        KIOSK_CONFIG: loadTestConfigDir(),
      },
      stdio: 'ignore',
    },
  );
  const server = {
    url: `http://127.0.0.1:${port}`,
    kill: () => new Promise<void>((res) => (child.once('exit', () => res()), child.kill('SIGTERM'))),
  };
  for (let ready = false; !ready; ) {
    await new Promise((r) => setTimeout(r, 50));
    ready = await fetch(`${server.url}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
  }
  try {
    const tokens = await Promise.all([1, 2, 3, 4, 5, 6].map((no) => login(server.url, no)));
    if (process.env.PROFILE_MODE === 'line') {
      // One line 2,000 long, then issue and call one at a time (tests/bench/queue-figures.ts queueLength).
      await load(waiting, 10, async () => void (await post(`${server.url}/api/tickets`, { categoryId: 'civil' })));
      for (let i = 0; i < 300; i++) {
        await post(`${server.url}/api/tickets`, { categoryId: 'civil' });
        await post(`${server.url}/api/windows/4/call-next`, {}, tokens[3]);
      }
    } else {
      await load(waiting, 20, async (i) => {
        const r = await post(`${server.url}/api/tickets`, { categoryId: CATEGORIES[i % CATEGORIES.length] });
        if (r.status !== 201) throw new Error(`取号失败 ${r.status} ${JSON.stringify(r.json)}`);
      });
      await load(600, 6, async (_i, c) => {
        await post(`${server.url}/api/windows/${c + 1}/call-next`, {}, tokens[c]);
      });
      await load(1000, 20, async (i) => {
        await post(`${server.url}/api/tickets`, { categoryId: CATEGORIES[i % CATEGORIES.length] });
      });
    }
  } finally {
    await server.kill();
  }
  const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
  if (!file) throw new Error('没有生成 CPU profile（服务进程未正常退出？）');
  console.log(`# top self time, server under load (${waiting} waiting, then 600 calls, then 1000 more tickets)`);
  for (const line of topSelf(join(dir, file), 25)) console.log(line);
  console.log(`profile: ${join(dir, file)}`);
}

if (import.meta.url === `file://${process.argv[1]}`)
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
