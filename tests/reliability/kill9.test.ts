// kill -9 of the real server process during a burst of ticket requests: nothing acknowledged is lost,
// no number is issued twice, numbering continues after the restart.
import { describe, expect, it } from 'vitest';
import { killDuringBurst } from '../helpers/kill-burst.ts';
import { loadTestConfigDir } from '../helpers/server-process.ts';

describe('kill -9 during a burst', () => {
  it('keeps every acknowledged ticket and continues numbering without gaps or duplicates', async () => {
    const result = await killDuringBurst({
      requests: 1000,
      clients: 20,
      killAfter: 300,
      configDir: loadTestConfigDir(),
    });
    expect(result.acknowledged).toBeGreaterThanOrEqual(300);
    expect(result.missing).toEqual([]);
    expect(result.numberingProblems).toEqual([]);
  }, 60_000);
});
