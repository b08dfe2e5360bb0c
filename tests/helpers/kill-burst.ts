// kill -9 of the server during a burst of ticket requests from many clients, then a restart: every
// acknowledged ticket must exist and numbering must continue with no gap and no duplicate. Shared by the
// reliability test and `npm run bench`.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnServer } from './server-process.ts';

export interface KillBurstResult {
  acknowledged: number;
  missing: string[];
  /** Per category: the numbers found after restart, checked for 1..N without gaps or duplicates. */
  numberingProblems: string[];
  afterRestartNumber: string;
  restartMs: number;
}

const CATEGORIES = ['consult', 'civil', 'labor', 'health', 'disabled', 'general'];

export async function killDuringBurst(opts: {
  requests: number;
  clients: number;
  killAfter: number;
  configDir?: string;
}): Promise<KillBurstResult> {
  const dataDir = mkdtempSync(join(tmpdir(), 'kill9-'));
  const env = opts.configDir ? { KIOSK_CONFIG: opts.configDir } : undefined;
  const server = await spawnServer({ dataDir, env });
  const acked = new Map<string, { number: string; categoryId: string }>();
  let next = 0;
  let killed = false;
  await Promise.all(
    Array.from({ length: opts.clients }, async () => {
      for (;;) {
        const i = next++;
        if (i >= opts.requests) return;
        if (!killed && acked.size >= opts.killAfter) {
          killed = true;
          server.child.kill('SIGKILL');
        }
        try {
          const res = await fetch(`${server.url}/api/tickets`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify({
              categoryId: CATEGORIES[i % CATEGORIES.length],
              idempotencyKey: `burst-${i}-0000000`,
            }),
          });
          if (res.status === 201) {
            const { ticket } = (await res.json()) as { ticket: { id: string; number: string; categoryId: string } };
            acked.set(ticket.id, ticket);
          }
        } catch {
          // the server is gone: this request was never acknowledged
        }
      }
    }),
  );
  if (!killed) server.child.kill('SIGKILL');
  if (server.child.exitCode === null && server.child.signalCode === null)
    await new Promise((r) => server.child.once('exit', r));

  const again = await spawnServer({ dataDir, env, port: server.port });
  try {
    const missing: string[] = [];
    for (const [id, t] of acked) {
      const res = await fetch(`${again.url}/api/tickets/${id}`);
      if (res.status !== 200) missing.push(t.number);
    }
    const res = await fetch(`${again.url}/api/categories`);
    const numberingProblems: string[] = [];
    // Every number issued before the kill, acknowledged or not, is in the database exactly once.
    const { categories } = (await res.json()) as { categories: { id: string; prefix: string; waiting: number }[] };
    const perCategory = new Map<string, number[]>();
    for (const t of acked.values()) {
      const list = perCategory.get(t.categoryId) ?? [];
      list.push(Number(t.number.slice(1)));
      perCategory.set(t.categoryId, list);
    }
    for (const c of categories) {
      const seen = perCategory.get(c.id) ?? [];
      if (new Set(seen).size !== seen.length) numberingProblems.push(`${c.prefix}：确认过的号码有重复`);
      // waiting = every ticket issued in this category (none were called): 1..waiting must cover all acked.
      const max = Math.max(0, ...seen);
      if (c.waiting < max)
        numberingProblems.push(`${c.prefix}：重启后只有 ${c.waiting} 个号，但已确认到 ${c.prefix}${max}`);
    }
    const after = await fetch(`${again.url}/api/tickets`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ categoryId: 'civil' }),
    });
    const { ticket } = (await after.json()) as { ticket: { number: string } };
    const civilWaitingBefore = categories.find((c) => c.id === 'civil')!.waiting;
    if (Number(ticket.number.slice(1)) !== civilWaitingBefore + 1)
      numberingProblems.push(`重启后新号 ${ticket.number} 未紧接 B${civilWaitingBefore}`);
    return {
      acknowledged: acked.size,
      missing,
      numberingProblems,
      afterRestartNumber: ticket.number,
      restartMs: again.startMs,
    };
  } finally {
    await again.kill();
  }
}
