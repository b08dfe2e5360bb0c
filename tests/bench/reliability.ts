// The reliability section of `npm run bench`: faults survived, with the figures.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { killDuringBurst } from '../helpers/kill-burst.ts';
import { spawnServer } from '../helpers/server-process.ts';

export async function reliabilitySection(configDir: string): Promise<string[]> {
  const r = await killDuringBurst({ requests: 1000, clients: 20, killAfter: 400, configDir });
  const ws = await reconnectStorm(configDir, 200);
  return [
    '## reliability',
    `kill -9 during a burst of 1000 ticket requests from 20 clients: ${r.acknowledged} acknowledged before the kill, ${r.missing.length} missing after restart, numbering problems: ${r.numberingProblems.length ? r.numberingProblems.join('; ') : 'none'}; first number after restart ${r.afterRestartNumber}; restart to ready ${r.restartMs.toFixed(0)} ms`,
    `${ws.clients} display WebSocket clients dropped at once while 30 tickets were issued, then reconnected together: all back with a snapshot in ${ws.allBackMs.toFixed(0)} ms, ${ws.wrong} of them not on the true state (waiting count ${ws.expectedWaiting})`,
  ];
}

/** Open n display sockets and resolve each with its first snapshot's waiting count. */
function openDisplays(url: string, n: number): Promise<{ sockets: WebSocket[]; waiting: number[] }> {
  const sockets: WebSocket[] = [];
  return Promise.all(
    Array.from(
      { length: n },
      () =>
        new Promise<number>((resolve, reject) => {
          const ws = new WebSocket(`${url.replace('http', 'ws')}/ws?role=display`);
          sockets.push(ws);
          ws.on('message', (data) => {
            const msg = JSON.parse(data.toString()) as { type: string; snapshot?: { tickets: { status: string }[] } };
            if (msg.type === 'snapshot') resolve(msg.snapshot!.tickets.filter((t) => t.status === 'waiting').length);
          });
          ws.on('error', reject);
        }),
    ),
  ).then((waiting) => ({ sockets, waiting }));
}

async function reconnectStorm(configDir: string, clients: number) {
  const server = await spawnServer({
    dataDir: mkdtempSync(join(tmpdir(), 'bench-ws-')),
    env: { KIOSK_CONFIG: configDir },
  });
  try {
    const first = await openDisplays(server.url, clients);
    for (const s of first.sockets) s.terminate();
    for (let i = 0; i < 30; i++) {
      await fetch(`${server.url}/api/tickets`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ categoryId: 'civil' }),
      });
    }
    const t0 = performance.now();
    const again = await openDisplays(server.url, clients);
    const allBackMs = performance.now() - t0;
    for (const s of again.sockets) s.close();
    const expectedWaiting = first.waiting[0]! + 30;
    return { clients, allBackMs, expectedWaiting, wrong: again.waiting.filter((w) => w !== expectedWaiting).length };
  } finally {
    await server.kill();
  }
}
