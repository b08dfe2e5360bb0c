// Issuing tickets in the store alone (in-memory SQLite, no HTTP): was tests/prof.test.ts, a "test" that
// only printed a time. Run with: npm run bench:store (vitest bench prints ops/s and percentiles).
import { bench } from 'vitest';
import { openDb } from '../../server/store/db.ts';
import { QueueStore } from '../../server/queue/store.ts';
import { manualClock, testConfig } from '../helpers/config.ts';

bench(
  'issue and read back 2000 tickets (1 in 7 priority)',
  () => {
    const config = testConfig();
    for (const c of config.categories) c.dailyQuota = 9999;
    const clock = manualClock('2026-11-23T02:00:00Z');
    const store = new QueueStore(openDb(':memory:'), config, clock, () => true);
    store.signIn(3, 'w3a', 'w3a');
    for (let i = 0; i < 2000; i++) {
      clock.advance(10);
      const t = store.issue(
        { categoryId: 'labor', ...(i % 7 === 3 ? { priority: 'disabled', priorityConfirmed: true } : {}) },
        'k',
      );
      store.getTicket(t.ticket.id);
    }
  },
  { iterations: 3, warmupIterations: 0, time: 0 },
);
