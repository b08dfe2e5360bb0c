// A hall's shipper alone, in its own process (the catch-up test kills it with -9): ships the hall SQLite file
// given as argv[2] to DISTRICT_URL until the district holds every event, prints "caught-up", exits.
import { openDb } from '../../server/store/db.ts';
import { DistrictShipper } from '../../server/district-link/shipper.ts';

const db = openDb(process.argv[2]!);
const max = (db.prepare('SELECT max(id) AS m FROM events').get() as { m: number }).m;
const shipper = new DistrictShipper({
  db,
  url: process.env.DISTRICT_URL!,
  hallId: process.env.HALL_ID!,
  token: process.env.HALL_TOKEN!,
  timezone: 'Asia/Shanghai',
  batchSize: Number(process.env.BATCH ?? 500),
  pollMs: 20,
  minBackoffMs: 50,
  maxBackoffMs: 400,
  log: (line) => console.error(line),
});
const timer = setInterval(() => {
  if (shipper.state.acknowledged === max) {
    console.log('caught-up');
    process.exit(0);
  }
}, 20);
timer.unref();
shipper.start();
setInterval(() => {}, 1000);
