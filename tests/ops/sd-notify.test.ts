// The server under systemd's notify protocol: READY=1 once /api/health answers, WATCHDOG=1 at half of
// WATCHDOG_USEC from the event loop, and no heartbeat while the loop is blocked (so systemd would restart it).
// The notify socket is a real unix datagram socket owned by a small C receiver built here with cc.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnServer, type ServerProcess } from '../helpers/server-process.ts';
import { sleep, until } from '../helpers/device-wait.ts';

const HERE = new URL('.', import.meta.url).pathname;
const WATCHDOG_USEC = 400_000; // heartbeat every 200 ms

describe('sd_notify', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sd-notify-'));
  const socketPath = join(dir, 'notify');
  const lines: { ms: number; text: string }[] = [];
  let receiver: ChildProcess;
  let server: ServerProcess;
  let readyAt = 0;
  let healthAtReady = 0;

  beforeAll(async () => {
    const bin = join(dir, 'notify-receiver');
    execFileSync('cc', ['-O1', '-o', bin, join(HERE, 'notify-receiver.c')]);
    receiver = spawn(bin, [socketPath], { stdio: ['ignore', 'pipe', 'inherit'] });
    let buf = '';
    let listening!: () => void;
    const up = new Promise<void>((r) => (listening = r));
    receiver.stdout!.on('data', (d: Buffer) => {
      buf += d.toString();
      let i: number;
      while ((i = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, i);
        buf = buf.slice(i + 1);
        if (line === 'listening') listening();
        else {
          const sp = line.indexOf(' ');
          lines.push({ ms: Number(line.slice(0, sp)), text: line.slice(sp + 1) });
        }
      }
    });
    await up;
    server = await spawnServer({
      dataDir: join(dir, 'data'),
      env: {
        NOTIFY_SOCKET: socketPath,
        WATCHDOG_USEC: String(WATCHDOG_USEC),
        NODE_OPTIONS: `--import ${join(HERE, 'block-loop-on-signal.mjs')}`,
        BLOCK_LOOP_MS: '1500',
      },
    });
    await until(() => lines.some((l) => l.text.startsWith('READY=1')), 5000, 'READY=1');
    readyAt = lines.find((l) => l.text.startsWith('READY=1'))!.ms;
    healthAtReady = (await fetch(`${server.url}/api/health`)).status;
  }, 30_000);

  afterAll(async () => {
    await server?.kill();
    receiver?.kill();
  });

  it('sends READY=1 (with its MAINPID) once the server answers /api/health', async () => {
    await until(() => lines.some((l) => l.text === 'WATCHDOG=1'), 2000, 'a first heartbeat');
    const ready = lines.filter((l) => l.text.startsWith('READY=1'));
    expect(ready).toHaveLength(1);
    expect(ready[0]!.text).toBe(`READY=1|MAINPID=${server.child.pid}`);
    expect(healthAtReady).toBe(200);
    // No heartbeat before READY.
    expect(lines.findIndex((l) => l.text === 'WATCHDOG=1')).toBeGreaterThan(
      lines.findIndex((l) => l.text.startsWith('READY=1')),
    );
  });

  it('sends WATCHDOG=1 at half of WATCHDOG_USEC, and none while the event loop is blocked', async () => {
    await until(() => lines.filter((l) => l.text === 'WATCHDOG=1' && l.ms > readyAt).length >= 6, 5000, '6 heartbeats');
    const beats = lines.filter((l) => l.text === 'WATCHDOG=1').map((l) => l.ms);
    const gaps = beats.slice(1).map((t, i) => t - beats[i]!);
    const median = gaps.sort((a, b) => a - b)[Math.floor(gaps.length / 2)]!;
    expect(median).toBeGreaterThanOrEqual(150);
    expect(median).toBeLessThanOrEqual(300);

    // Block the server's event loop for 1.5 s: the heartbeats stop for that long, then come back.
    const before = lines.length;
    process.kill(server.child.pid!, 'SIGUSR2');
    await sleep(2300);
    const after = lines
      .slice(before)
      .filter((l) => l.text === 'WATCHDOG=1')
      .map((l) => l.ms);
    expect(after.length).toBeGreaterThan(0);
    const all = [beats.at(-1)!, ...after];
    const longest = Math.max(...all.slice(1).map((t, i) => t - all[i]!));
    expect(longest).toBeGreaterThanOrEqual(1300);
    // And the server answers again afterwards.
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
  }, 15_000);

  it('sends nothing when NOTIFY_SOCKET is not set (npm start in a terminal)', async () => {
    const plain = await spawnServer({ dataDir: join(dir, 'plain') });
    const count = lines.length;
    await sleep(500);
    await plain.kill();
    expect(lines.length - count).toBeLessThanOrEqual(4); // only the first server's heartbeats
    expect(lines.slice(count).every((l) => l.text === 'WATCHDOG=1')).toBe(true);
    expect(lines.filter((l) => l.text.startsWith('READY=1'))).toHaveLength(1);
  });
});
