// What the HTTP routes and the WebSocket hub share: built once by app.ts.
import type { Config } from './config/load.ts';
import type { QueueStore, Change } from './queue/store.ts';
import type { SessionStore } from './auth/sessions.ts';
import type { Access } from './http/access.ts';
import type { Hub } from './ws/hub.ts';
import type { Clock } from './common/clock.ts';
import type { CardRegistry } from './resident/card-registry.ts';
import type { GroupCommit } from './store/group-commit.ts';
import type { Db } from './store/db.ts';
import type { RateLimit } from './http/rate-limit.ts';
import type { RatingService } from './ratings/service.ts';
import type { RatingPairing } from './ratings/pairing.ts';
import type { FirstUsePasswords } from './auth/first-use-passwords.ts';
import type { StorageHealth } from './store/health.ts';
import type { CategoryView, QueueSnapshot } from './contract/queue.ts';

export interface PrintResult {
  ok: boolean;
  message: string;
}

export interface AppContext {
  config: Config;
  /** The database file's health: quick_check at start, storage faults since (/api/health). */
  storage: StorageHealth;
  clock: Clock;
  /** The open database, for modules with their own tables (ratings, statistics). */
  db: Db;
  store: QueueStore;
  /** Run a store command in the next group commit (one fsync for every command of this turn). */
  commit: GroupCommit;
  sessions: SessionStore;
  access: Access;
  hub: Hub;
  cards: CardRegistry;
  log: (line: string) => void;
  /** Services with a lifetime: built, started and stopped by app.ts (the composition root). */
  ticketLimit: RateLimit;
  ratings: RatingService;
  pairing: RatingPairing;
  /** First-use passwords generated at this start, shown once on the kiosk screen. */
  firstUsePasswords: FirstUsePasswords;
  categoriesView(live?: boolean): CategoryView[];
  snapshot(): QueueSnapshot;
  /** Publish what a command changed to every screen that cares. */
  publishChange(change: Change): void;
  /** Print (or reprint) a ticket slip; never throws: the ticket is valid whatever the printer does. */
  /** `issued`: the ticket as the issuing command returned it (its place in line is not computed again). */
  printTicket(ticketId: string, reprint: boolean): Promise<PrintResult>;
  /** After a window finishes: auto-call if the window asked for it. Returns the combined change. */
  afterFinish(windowNo: number, change: Change): Change;
  matterExists(id: string): boolean;
  /** Subscribe to every published change (ratings listen for finished tickets). Returns an unsubscribe. */
  onChange(listener: (change: Change) => void): () => void;
}
