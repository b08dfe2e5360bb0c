import { it } from 'vitest';
import { openDb } from '../server/store/db.ts';
import { QueueStore } from '../server/store/queue-store.ts';
import { manualClock, testConfig } from './helpers/config.ts';
it('prof', () => {
  const config = testConfig(); for (const c of config.categories) c.dailyQuota = 9999;
  const clock = manualClock('2026-11-23T02:00:00Z');
  const db = openDb(':memory:');
  const store = new QueueStore(db, config, clock, () => true);
  store.signIn(3, 'w3a', 'w3a');
  const t0 = performance.now();
  for (let i = 0; i < 2000; i++) { clock.advance(10); const t = store.issue({ categoryId: 'labor', ...(i % 7 === 3 ? { priority: 'disabled', priorityConfirmed: true } : {}) }, 'k'); store.getTicket(t.ticket.id); }
  console.log('issue 2000', performance.now() - t0);
});
