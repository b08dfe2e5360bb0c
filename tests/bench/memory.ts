// npm run bench:memory: cold start to READY and RSS after a 10,000-ticket day alone (both are in npm run bench).
import { loadTestConfigDir } from '../helpers/server-process.ts';
import { busyDay, coldStart } from './run.ts';

const configDir = loadTestConfigDir();
await coldStart(configDir);
await busyDay(configDir);
