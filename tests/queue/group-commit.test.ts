// Group commit when SQLite rolls back the whole transaction (disk full): no command of the batch may be
// written, and every caller hears so. Before the fix, the commands after the failing one ran outside the
// batch and committed while their callers were told they had failed.
import { httpStatus } from '../../server/http/error-status.ts';
import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { GroupCommit } from '../../server/store/group-commit.ts';

function fullDatabase() {
  const db = new Database(':memory:');
  db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)');
  db.prepare('INSERT INTO t (v) VALUES (?)').run('before');
  const pages = (db.pragma('page_count', { simple: true }) as number) + 1;
  db.pragma(`max_page_count = ${pages}`);
  return db;
}

describe('GroupCommit', () => {
  it('commits a batch in one transaction; one refused command does not undo the others', async () => {
    const db = new Database(':memory:');
    db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)');
    const gc = new GroupCommit(db);
    const results = await Promise.allSettled([
      gc.run(() => db.prepare('INSERT INTO t (v) VALUES (?)').run('a').lastInsertRowid),
      gc.run(() => {
        db.prepare('INSERT INTO t (v) VALUES (?)').run('refused');
        throw new Error('refused');
      }),
      gc.run(() => db.prepare('INSERT INTO t (v) VALUES (?)').run('c').lastInsertRowid),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(db.prepare('SELECT v FROM t ORDER BY id').pluck().all()).toEqual(['a', 'c']);
  });

  it('on disk full, rejects every command of the batch with 507 storage-full and writes none of them', async () => {
    const db = fullDatabase();
    const gc = new GroupCommit(db);
    const big = 'x'.repeat(64 * 1024); // needs new pages: SQLITE_FULL
    const results = await Promise.allSettled([
      gc.run(() => db.prepare('INSERT INTO t (v) VALUES (?)').run('small-before')),
      gc.run(() => db.prepare('INSERT INTO t (v) VALUES (?)').run(big)),
      gc.run(() => db.prepare('INSERT INTO t (v) VALUES (?)').run('small-after')),
    ]);
    for (const r of results) {
      expect(r.status).toBe('rejected');
      expect((r as PromiseRejectedResult).reason).toMatchObject({ code: 'storage-full' });
      expect(httpStatus((r as PromiseRejectedResult).reason)).toBe(507);
    }
    expect(db.prepare('SELECT v FROM t ORDER BY id').pluck().all()).toEqual(['before']);
    expect(db.inTransaction).toBe(false);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  });
});
