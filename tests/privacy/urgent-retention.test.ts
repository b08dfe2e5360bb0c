// 急事特办 (issue 21): the reason staff type when they mark a ticket or a case 紧急 is free text about a person —
// kept (who, when, why) until the retention date, then erased with the other free text; a recent one stays.
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDb } from '../../server/store/db.ts';
import { purgePersonalData } from '../../server/store/retention.ts';
import { UrgentStore } from '../../server/urgent/store.ts';

const OLD_REASON = '欧阳娜娜 13912345678 病危';
const NEW_REASON = '李四明 孕晚期';

describe('retention purge: 急事特办 reasons', () => {
  it('erases the reason of a ticket and of a case marked before the cut-off, keeps who/when and the newer one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'urgent-retention-'));
    const file = join(dir, 'kiosk.sqlite');
    const db = openDb(file);
    let now = new Date('2025-01-10T03:00:00.000Z');
    const urgent = new UrgentStore(db, () => now, 'Asia/Shanghai');
    db.prepare(
      `INSERT INTO tickets (id, service_date, category_id, issued_category_id, seq, number, status, order_key, issued_at, matter_ids, print_state)
       VALUES ('t1', '2025-01-10', 'civil', 'civil', 1, 'B001', 'waiting', 1, ?, '[]', 'printed')`,
    ).run(now.toISOString());
    urgent.markTicket('t1', OLD_REASON, 'w4a', 4);
    const history: string[] = [];
    const kase = { id: 'k1', caseNo: '20250110-0001', kind: 'promised', state: 'accepted', windowNo: 4 };
    urgent.markCase(kase, OLD_REASON, 'w4a', (note) => history.push(note));
    expect(history[0]).toContain(OLD_REASON);
    now = new Date('2025-07-01T03:00:00.000Z');
    urgent.markCase({ ...kase, id: 'k2', caseNo: '20250701-0001' }, NEW_REASON, 'w4a', () => {});
    db.pragma('wal_checkpoint(TRUNCATE)');

    const result = purgePersonalData(db, '2025-06-01', '2025-07-01T00:00:00.000Z');
    expect(result.text).toBeGreaterThanOrEqual(2);
    const marks = urgent.list({});
    expect(marks.map((m) => [m.subjectId, m.markedBy, m.markedOn])).toEqual([
      ['t1', 'w4a', '2025-01-10'],
      ['k1', 'w4a', '2025-01-10'],
      ['k2', 'w4a', '2025-07-01'],
    ]);
    expect(marks.map((m) => m.reason)).toEqual(['（已按保存期限清除）', '（已按保存期限清除）', NEW_REASON]);
    // The ticket is still urgent for the figures; nothing of the old reason is left anywhere in the file.
    expect((db.prepare("SELECT urgent FROM tickets WHERE id = 't1'").get() as { urgent: number }).urgent).toBe(1);
    // A second purge finds nothing more to erase.
    expect(purgePersonalData(db, '2025-06-01', '2025-07-02T00:00:00.000Z').text).toBe(0);
    db.close();
    for (const f of [file, `${file}-wal`]) {
      if (!existsSync(f)) continue;
      expect(readFileSync(f).includes(Buffer.from('欧阳娜娜', 'utf8')), f).toBe(false);
    }
  });
});
