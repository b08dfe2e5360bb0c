// Wires the district link into a running hall (server/boot.ts): device faults go into the hall's own event
// log (so they ship in order with everything else), and the shipper runs on its timers. Off when unset.
import type { Db } from '../store/db.ts';
import type { DeviceStatus } from '../contract/devices.ts';
import { DistrictShipper, type DistrictLinkSettings } from './shipper.ts';

export interface DistrictLink {
  shipper: DistrictShipper;
  stop(): Promise<void>;
}

interface StatusSource {
  on(event: 'status', listener: (s: DeviceStatus) => void): unknown;
  off(event: 'status', listener: (s: DeviceStatus) => void): unknown;
}

export function startDistrictLink(o: {
  db: Db;
  devices: StatusSource;
  timezone: string;
  categories: { id: string; name: string }[];
  settings: DistrictLinkSettings | null;
  log: (line: string) => void;
  /** The hall's clock (server/queue/clock.ts), so device events carry the same time as the rest of the log. */
  clock?: () => Date;
  caseClock?: (caseId: string) => string | null;
}): DistrictLink | null {
  if (!o.settings) return null;
  const insert = o.db.prepare(
    "INSERT INTO events (at, actor, type, data) VALUES (?, 'system', 'device.status', json_object('kind', ?, 'state', ?))",
  );
  const last = new Map<string, string>();
  // Only changes are logged: a printer that reports "ready" every poll would flood the log otherwise.
  const onStatus = (s: DeviceStatus) => {
    if (last.get(s.kind) === s.state) return;
    last.set(s.kind, s.state);
    try {
      insert.run((o.clock ?? (() => new Date()))().toISOString(), s.kind, s.state);
    } catch {
      /* the database busy for a moment: the next change is logged */
    }
  };
  o.devices.on('status', onStatus);
  const shipper = new DistrictShipper({
    db: o.db,
    ...o.settings,
    timezone: o.timezone,
    categories: o.categories,
    caseClock: o.caseClock,
    log: o.log,
  });
  shipper.start();
  o.log(`区级上报已开启：${o.settings.url}（中心编号 ${o.settings.hallId}）`);
  return {
    shipper,
    async stop() {
      o.devices.off('status', onStatus);
      await shipper.stop();
    },
  };
}
