// The reliability section of `npm run bench`: faults survived, with the figures.
import { killDuringBurst } from '../helpers/kill-burst.ts';

export async function reliabilitySection(configDir: string): Promise<string[]> {
  const r = await killDuringBurst({ requests: 1000, clients: 20, killAfter: 400, configDir });
  return [
    '## reliability',
    `kill -9 during a burst of 1000 ticket requests from 20 clients: ${r.acknowledged} acknowledged before the kill, ${r.missing.length} missing after restart, numbering problems: ${r.numberingProblems.length ? r.numberingProblems.join('; ') : 'none'}; first number after restart ${r.afterRestartNumber}; restart to ready ${r.restartMs.toFixed(0)} ms`,
  ];
}
