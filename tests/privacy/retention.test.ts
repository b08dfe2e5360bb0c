import { describe, expect, it } from 'vitest';
import { openDb } from '../../server/store/db.ts';
import { QueueStore } from '../../server/queue/store.ts';
import { AppointmentStore } from '../../server/appointments/store.ts';
import { purgePersonalData, retentionCutoff } from '../../server/store/retention.ts';
import { maskIdNumber, maskName } from '../../server/contract/privacy.ts';
import { manualClock, testConfig } from '../helpers/config.ts';

describe('masking', () => {
  it('masks names and ID numbers as the slips and screens show them', () => {
    expect(maskName('张三')).toBe('张*');
    expect(maskName('张小三')).toBe('张*三');
    expect(maskName('欧阳小明')).toBe('欧**明');
    expect(maskIdNumber('652701195103151234')).toBe('6527**********1234');
  });
});

describe('retention', () => {
  it('erases personal fields after the retention period and keeps the counts', () => {
    const clock = manualClock('2026-10-01T02:00:00Z');
    const db = openDb(':memory:');
    const store = new QueueStore(db, testConfig(), clock, () => true);
    const appointments = new AppointmentStore(db, clock, 'Asia/Shanghai', { earlyMinutes: 30, lateMinutes: 0 });
    const old = store.issue(
      { categoryId: 'civil', idHash: 'h-old', idMasked: '6527**********1234', nameMasked: '张*三' },
      'kiosk',
    ).ticket;
    appointments.book(
      {
        categoryId: 'civil',
        matterId: null,
        date: '2026-10-02',
        slotFrom: '10:00',
        slotTo: '10:30',
        nameMasked: '李*',
        idMasked: '6527**********0000',
        idHash: 'h-appt',
      },
      'w4a',
    );
    clock.set('2026-11-20T02:00:00Z');
    const recent = store.issue(
      { categoryId: 'civil', idHash: 'h-new', idMasked: '6527**********5678', nameMasked: '王*五' },
      'kiosk',
    ).ticket;

    const cutoff = retentionCutoff('2026-11-20', 30);
    expect(cutoff).toBe('2026-10-21');
    const result = purgePersonalData(db, cutoff, clock().toISOString());
    expect(result).toEqual({ tickets: 1, appointments: 1, cases: 0, text: 0 });

    const row = (id: string) => db.prepare('SELECT name_masked, id_masked, id_hash FROM tickets WHERE id = ?').get(id);
    expect(row(old.id)).toEqual({ name_masked: null, id_masked: null, id_hash: null });
    expect(row(recent.id)).toEqual({ name_masked: '王*五', id_masked: '6527**********5678', id_hash: 'h-new' });
    expect(db.prepare('SELECT COUNT(*) AS n FROM tickets').get()).toEqual({ n: 2 });
    expect(db.prepare('SELECT id_hash FROM appointments').get()).toEqual({ id_hash: null });
    // A second run has nothing left to do.
    expect(purgePersonalData(db, cutoff, clock().toISOString())).toEqual({
      tickets: 0,
      appointments: 0,
      cases: 0,
      text: 0,
    });
  });

  it('erases a self-booking phone (masked and hashed) and a transfer note with the rest', () => {
    const clock = manualClock('2026-10-01T02:00:00Z');
    const db = openDb(':memory:');
    const store = new QueueStore(db, testConfig(), clock, () => true);
    const appointments = new AppointmentStore(db, clock, 'Asia/Shanghai', { earlyMinutes: 30, lateMinutes: 0 });
    appointments.book(
      {
        categoryId: 'civil',
        matterId: null,
        date: '2026-10-02',
        slotFrom: '10:00',
        slotTo: '11:00',
        nameMasked: null,
        idMasked: null,
        idHash: null,
        phoneMasked: '138****5678',
        phoneHash: 'h-tel',
      },
      'resident',
    );
    const t = store.issue({ categoryId: 'consult' }, 'kiosk').ticket;
    store.callNext(1, 'w1a');
    store.transfer(1, { windowNo: 6, note: '张三的户口本已核对' }, 'w1a');
    clock.set('2026-11-20T02:00:00Z');
    expect(purgePersonalData(db, retentionCutoff('2026-11-20', 30), clock().toISOString())).toEqual({
      tickets: 1,
      appointments: 1,
      cases: 0,
      text: 1,
    }); // text: the transfer event's note
    expect(db.prepare('SELECT phone_masked, phone_hash FROM appointments').get()).toEqual({
      phone_masked: null,
      phone_hash: null,
    });
    expect(db.prepare('SELECT transfer_note FROM tickets WHERE id = ?').get(t.id)).toEqual({ transfer_note: null });
  });

  it('never stores a full ID number anywhere in the database', () => {
    const db = openDb(':memory:');
    const store = new QueueStore(db, testConfig(), manualClock('2026-11-23T02:00:00Z'), () => true);
    store.issue(
      {
        categoryId: 'civil',
        idHash: 'hash',
        idMasked: maskIdNumber('652701195103151234'),
        nameMasked: maskName('张小三'),
      },
      'kiosk',
    );
    const dump =
      JSON.stringify(db.prepare('SELECT * FROM tickets').all()) +
      JSON.stringify(db.prepare('SELECT * FROM events').all());
    expect(dump).not.toMatch(/\d{17}[\dX]/);
    expect(dump).not.toContain('张小三');
  });
});

describe('per-kiosk rate limit', () => {
  it('refuses past N tickets a minute with a Chinese message, then lets the kiosk go on', async () => {
    const { RateLimit } = await import('../../server/http/rate-limit.ts');
    let t = 0;
    const limit = new RateLimit(3, () => t);
    limit.take('127.0.0.1');
    limit.take('127.0.0.1');
    limit.take('127.0.0.1');
    expect(() => limit.take('127.0.0.1')).toThrow(/取号过于频繁，请 60 秒后再试/);
    limit.take('10.0.0.9'); // another kiosk has its own budget
    t = 60_001;
    expect(() => limit.take('127.0.0.1')).not.toThrow();
  });
});
