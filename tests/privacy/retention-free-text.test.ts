// Issue #23 item 7: after the retention purge no free text staff typed may still name a resident — a
// complaint's content and answer, a 代办 note, return reason and reply note, a home visit's reason, the
// materials typed for a 补正 (correction), a bad rating's follow-up and the follow-up's event data. Each is
// filled with a name, a phone and an ID number; afterwards none of them is in the database file or its WAL.
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDb } from '../../server/store/db.ts';
import { purgePersonalData } from '../../server/store/retention.ts';

const NAME = '欧阳娜娜';
const PHONE = '13912345678';
const ID = '650102199001011234';
const PII = `${NAME}，电话 ${PHONE}，身份证 ${ID}`;
const OLD_DATE = '2025-01-10';
const OLD_AT = '2025-01-10T03:00:00.000Z';

type Db = ReturnType<typeof openDb>;

/** A row with every NOT NULL column filled, the given values on top. */
function insert(db: Db, table: string, values: Record<string, unknown>): void {
  const cols = db.prepare(`PRAGMA table_info(${table})`).all() as {
    name: string;
    type: string;
    notnull: number;
    dflt_value: unknown;
    pk: number;
  }[];
  expect(cols.length, table).toBeGreaterThan(0);
  const row: Record<string, unknown> = {};
  for (const c of cols) {
    if (c.name in values) row[c.name] = values[c.name];
    else if (c.pk && c.type === 'INTEGER') continue;
    else if (c.notnull && c.dflt_value === null) row[c.name] = c.type === 'INTEGER' ? 1 : `${table}-${c.name}`;
  }
  for (const k of Object.keys(values))
    expect(
      cols.map((c) => c.name),
      `${table}.${k}`,
    ).toContain(k);
  const names = Object.keys(row);
  db.prepare(`INSERT INTO ${table} (${names.join(', ')}) VALUES (${names.map(() => '?').join(', ')})`).run(
    ...names.map((n) => row[n]),
  );
}

describe('retention purge: free text', () => {
  it('leaves no name, phone or ID number in complaints, 代办, 补正 materials or rating follow-ups', () => {
    const dir = mkdtempSync(join(tmpdir(), 'retention-text-'));
    const file = join(dir, 'kiosk.sqlite');
    const db = openDb(file);
    insert(db, 'complaints', { id: 'c1', received_date: OLD_DATE, received_at: OLD_AT, content: PII, answer: PII });
    insert(db, 'daiban', {
      id: 'd1',
      no: 'D1',
      registered_date: OLD_DATE,
      registered_at: OLD_AT,
      note: PII,
      return_reason: PII,
      reply_note: PII,
    });
    insert(db, 'home_visits', { id: 'h1', booked_date: OLD_DATE, booked_at: OLD_AT, reason: PII });
    insert(db, 'cases', { id: 'k1', accepted_date: OLD_DATE, missing_materials: JSON.stringify([PII, '户口簿']) });
    insert(db, 'ratings', { id: 1, service_date: OLD_DATE, follow_up: PII });
    db.prepare("INSERT INTO events (at, actor, type, data) VALUES (?, 'w1a', 'rating.follow-up', ?)").run(
      OLD_AT,
      JSON.stringify({ ratingId: 1, before: PII, after: PII }),
    );
    db.pragma('wal_checkpoint(TRUNCATE)');

    const result = purgePersonalData(db, '2025-06-01', '2025-07-01T00:00:00.000Z');
    expect(result.text).toBeGreaterThan(0);

    // Nothing readable is left through SQL…
    for (const [table, cols] of [
      ['complaints', 'content, answer'],
      ['daiban', 'note, return_reason, reply_note'],
      ['home_visits', 'reason'],
      ['cases', 'missing_materials'],
      ['ratings', 'follow_up'],
      ['events', 'data'],
    ] as const) {
      const text = JSON.stringify(db.prepare(`SELECT ${cols} FROM ${table}`).all());
      for (const s of [NAME, PHONE, ID]) expect(text, `${table}: ${s}`).not.toContain(s);
    }
    // …the 补正 still shows how many materials were missing.
    const missing = JSON.parse(
      (
        db.prepare("SELECT missing_materials FROM cases WHERE id = 'k1'").get() as {
          missing_materials: string;
        }
      ).missing_materials,
    ) as string[];
    expect(missing).toHaveLength(2);
    db.close();

    // …nor in the file's pages or the WAL (secure_delete and the checkpoint).
    for (const f of [file, `${file}-wal`]) {
      if (!existsSync(f)) continue;
      const bytes = readFileSync(f);
      for (const s of [NAME, PHONE, ID]) expect(bytes.includes(Buffer.from(s, 'utf8')), `${f}: ${s}`).toBe(false);
    }
  });
});
