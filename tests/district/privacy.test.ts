// 个人信息保护法 (minimum necessary): whatever the hall's log holds, what the shipper sends carries no ID
// number, no phone, no unmasked name, no staff id and no free text (notes, reasons typed by a person).
import { describe, expect, it } from 'vitest';
import { openDb } from '../../server/store/db.ts';
import { DistrictShipper } from '../../server/district-link/shipper.ts';
import { toDistrictEvent } from '../../server/district-link/to-district.ts';
import type { DistrictBatch } from '../../server/contract/district.ts';
import { addCase, FULL_NAME, hallDay, ID_NUMBER, logEvent, PHONE } from './hall-events.ts';

describe('the district form of hall events', () => {
  it('leaves every personal field and free text in the hall', async () => {
    const db = openDb(':memory:');
    const t = new Date('2026-11-20T01:00:00Z');
    hallDay(db, t, 3);
    const secret = `${FULL_NAME} ${ID_NUMBER} ${PHONE}`;
    logEvent(db, t, 'zhang', 'ticket.transferred', 't1', 2, 'social', { from: 'civil', toWindow: 3, note: secret });
    logEvent(db, t, 'zhang', 'window.paused', null, 1, null, { reason: secret });
    logEvent(db, t, 'zhang', 'window.signed-in', null, 1, null, { staffId: 'zhangxiaoming', post: 'A' });
    logEvent(db, t, 'li', 'rating.follow-up', 't1', 1, 'civil', {
      ratingId: 1,
      before: null,
      after: `已电话回访 ${PHONE}`,
    });
    logEvent(db, t, 'kiosk', 'ticket.issued', 't9', null, 'civil', {
      number: FULL_NAME,
      priority: 'elderly',
      appointment: false,
    });
    logEvent(db, t, 'kiosk', 'appointment.booked', null, null, 'civil', { date: '2026-11-21', slot: PHONE });
    logEvent(db, t, 'li', 'admin.staff.updated', null, null, null, { id: 'x', after: { name: FULL_NAME } });
    logEvent(db, t, 'li', 'register.viewed', null, null, null, {
      kind: 'first-contact',
      format: 'csv',
      from: '2026-11-01',
      to: '2026-11-30',
      rows: 3,
    });
    logEvent(db, t, 'li', 'register.viewed', null, null, null, {
      kind: 'report:month',
      format: 'pdf',
      from: '2026-11-01',
      to: '2026-11-30',
      rows: 0,
    });
    // One case with a properly masked applicant, one a buggy hall stored unmasked.
    addCase(db, 'c1', '20261120-0001', '王*', '2026-12-01', t);
    addCase(db, 'c2', '20261120-0002', FULL_NAME, '2026-12-01', t);
    logEvent(db, t, 'zhang', 'case.accepted', null, 1, null, {
      caseId: 'c1',
      matterId: 'dibao',
      kind: 'promised',
      promisedDate: '2026-12-01',
      note: secret,
    });
    logEvent(db, t, 'zhang', 'case.accepted', null, 1, null, {
      caseId: 'c2',
      matterId: 'dibao',
      kind: 'promised',
      promisedDate: '2026-12-01',
    });
    logEvent(db, t, 'zhang', 'case.extension-requested', null, 1, null, {
      caseId: 'c1',
      matterId: 'dibao',
      kind: 'promised',
      promisedDate: '2026-12-01',
      reason: secret,
    });

    const sent: DistrictBatch[] = [];
    const fakeFetch = (async (url: string, init?: RequestInit) => {
      if (String(url).endsWith('/cursor')) return new Response(JSON.stringify({ lastSeq: 0 }));
      const batch = JSON.parse(String(init!.body)) as DistrictBatch;
      sent.push(batch);
      return new Response(JSON.stringify({ lastSeq: batch.through, inserted: batch.events.length }));
    }) as typeof fetch;
    const shipper = new DistrictShipper({
      db,
      url: 'http://district.test',
      hallId: 'qiaotou',
      token: 'h_x',
      timezone: 'Asia/Shanghai',
      fetch: fakeFetch,
      batchSize: 7,
      caseClock: (id) => (id === 'c1' ? '2026-12-03' : null),
    });
    expect(await shipper.runOnce()).toBe('idle');
    const wire = JSON.stringify(sent);
    for (const forbidden of [
      ID_NUMBER,
      PHONE,
      FULL_NAME,
      '小明',
      'zhang',
      '已电话回访',
      'elderly',
      '"note"',
      '"reason"',
      'staffId',
      'closeReason',
    ])
      expect(wire).not.toContain(forbidden);
    // Ticket and case ids leave only as opaque keys.
    expect(wire).not.toContain('"c1"');
    expect(wire).not.toMatch(/"t1"/);
    const events = sent.flatMap((b) => b.events);
    expect(events.map((e) => e.type)).not.toContain('admin.staff.updated');
    expect(events.find((e) => e.type === 'report.generated')?.data).toEqual({
      kind: 'month',
      from: '2026-11-01',
      to: '2026-11-30',
    });
    expect(events.filter((e) => e.type === 'case.accepted').map((e) => e.data.applicantMasked)).toEqual([
      '王*',
      undefined,
    ]);
    expect(events.filter((e) => e.type === 'case.accepted').map((e) => e.data.clockDate)).toEqual([
      '2026-12-03',
      undefined,
    ]);
    expect(events.find((e) => e.type === 'ticket.transferred')?.data).toEqual({ from: 'civil', toWindow: 3 });
    // Every event keeps its place: seqs strictly increasing, batches chained after → through.
    let after = 0;
    for (const b of sent) {
      expect(b.after).toBe(after);
      for (const e of b.events) expect(e.seq).toBeGreaterThan(after), (after = e.seq);
      after = b.through;
    }
    expect(after).toBe((db.prepare('SELECT max(id) AS m FROM events').get() as { m: number }).m);
  });

  it('every event type the allow-list names keeps only its listed fields', () => {
    const row = {
      id: 1,
      at: '2026-11-20T01:00:00.000Z',
      actor: 'zhang',
      type: 'rating.recorded',
      ticket_id: 'abc',
      window_no: 1,
      category_id: 'civil',
      data: JSON.stringify({
        ratingId: 3,
        value: 'dissatisfied',
        reasons: ['服务态度不好', FULL_NAME],
        closeReason: 'answered',
        extra: PHONE,
      }),
    };
    // A reasons list with anything not on the tablet's fixed list is dropped as a whole.
    expect(toDistrictEvent('h', row)!.data).toEqual({ ratingId: 3, value: 'dissatisfied' });
    expect(
      toDistrictEvent('h', {
        ...row,
        data: JSON.stringify({ ratingId: 3, value: 'dissatisfied', reasons: ['服务态度不好'] }),
      })!.data,
    ).toEqual({ ratingId: 3, value: 'dissatisfied', reasons: ['服务态度不好'] });
    expect(toDistrictEvent('h', { ...row, type: 'privacy.purged' })).toBeNull();
    expect(toDistrictEvent('h', { ...row, data: '{broken' })!.data).toEqual({});
  });
});
