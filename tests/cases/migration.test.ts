// Migration 5 (限时办结) on a database written by the previous version: open promised cases keep counting
// from the day after their acceptance, finished ones keep their finish day, and nothing else is touched.
import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { migrate, MIGRATIONS } from '../../server/store/db.ts';
import { CaseStore } from '../../server/cases/store.ts';
import { isWorkingDay } from '../../server/calendar/working-days.ts';
import { manualClock } from '../helpers/config.ts';

describe('migration 5 on cases accepted before it', () => {
  it('gives old open and finished promised cases a clock from their acceptance day', () => {
    const db = new Database(':memory:');
    db.exec('CREATE TABLE schema_version (version INTEGER NOT NULL, applied_at TEXT NOT NULL)');
    for (let v = 1; v <= 4; v++) {
      db.exec(MIGRATIONS[v - 1]!);
      db.prepare('INSERT INTO schema_version VALUES (?, ?)').run(v, '2026-11-01T00:00:00Z');
    }
    const insert =
      db.prepare(`INSERT INTO cases (id, case_no, accepted_date, day_seq, matter_id, matter_name, kind, state, accepted_at, promised_days, promised_date, window_no, staff_id)
      VALUES (?, ?, '2026-11-02', ?, 'street-03', '最低生活保障', ?, ?, '2026-11-02T02:00:00Z', ?, ?, 4, 'w4a')`);
    insert.run('open', '20261102-0001', 1, 'promised', 'accepted', 10, '2026-11-16');
    insert.run('done', '20261102-0002', 2, 'promised', 'finished', 10, '2026-11-16');
    insert.run('now', '20261102-0003', 3, 'immediate', 'finished', null, null);
    db.prepare(
      "INSERT INTO case_history (case_id, at, state, note, actor) VALUES ('done', '2026-11-17T01:00:00Z', 'finished', NULL, 'w4a')",
    ).run();
    migrate(db);
    expect(db.prepare('SELECT MAX(version) AS v FROM schema_version').get()).toEqual({ v: MIGRATIONS.length });
    const store = new CaseStore(db, manualClock('2026-11-20T02:00:00Z'), 'Asia/Shanghai', isWorkingDay);
    expect(store.get('open')!.clock).toMatchObject({
      startAfter: '2026-11-02',
      promisedDate: '2026-11-16',
      usedDays: 14,
      overdue: true,
      limitSource: 'window',
    });
    // Finished on 11-17 (China time), one working day late.
    expect(store.get('done')!.clock).toMatchObject({ running: 'stopped', usedDays: 11, overdue: true });
    expect(store.get('now')!.clock).toBeNull();
    db.close();
  });
});
