// Self-bookings on the hall Wi-Fi (issue #23 item 1): 100 bookings from 10 addresses with made-up phone
// numbers took the civil category's whole daily quota in 0.2 s and the kiosk then refused every walk-in.
// Now self-bookings have their own share of the day (booking.selfShare, default a third), one phone holds
// one live booking per matter and booking.perPhonePerWeek a week (a booking nobody came for counts), the
// hall-wide rate of new self-bookings is capped, and staff cancel one phone's or one address's bookings at once.
import { afterEach, describe, expect, it } from 'vitest';
import { manualClock, testConfig } from '../helpers/config.ts';
import { getJson, postJson, requestJson, startTestServer, type TestServer } from '../helpers/server.ts';
import { purgePersonalData } from '../../server/store/retention.ts';
import type { BookingOptions } from '../../server/contract/appointments.ts';

let server: TestServer | null = null;
afterEach(async () => {
  await server?.stop();
  server = null;
});

type Err = { error: { code: string; message: string } };
const phone = (i: number) => `139${String(10_000_000 + i * 7919).slice(-8)}`;

async function setup(booking: Record<string, number> = {}) {
  const clock = manualClock('2026-12-01T01:00:00Z'); // a Tuesday, 09:00 in Shanghai
  const config = testConfig();
  config.booking = { ...config.booking, ...booking };
  server = await startTestServer({ clock, config });
  const options = (await getJson<BookingOptions>(`${server.url}/api/book/options`)).body;
  return { clock, options };
}

const book = (matterId: string, date: string, p: string, from = '127.0.0.2', slot = ['16:00', '17:00']) =>
  requestJson<{ appointment: { id: string } } & Err>(server!.url, 'POST', '/api/book', {
    body: { matterId, date, slotFrom: slot[0], slotTo: slot[1], phone: p },
    from,
  });

describe('self-bookings and walk-ins', () => {
  it('100 bookings from 10 addresses take at most a third of the day, and walk-ins still get tickets', async () => {
    const { options } = await setup({ hallPerMinute: 1000 });
    const civil = options.matters.filter((m) => m.categoryId === 'civil');
    const date = '2026-12-02';
    const slots = [
      ['09:30', '10:30'],
      ['10:30', '11:30'],
      ['16:00', '17:00'],
      ['17:00', '18:00'],
    ];
    const answers = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        book(civil[i % civil.length]!.id, date, phone(i), `127.0.0.${10 + (i % 10)}`, slots[i % slots.length]),
      ),
    );
    const ok = answers.filter((a) => a.status === 201).length;
    expect(ok).toBe(50); // civil's quota is 150: a third for self-bookings
    for (const a of answers.filter((x) => x.status !== 201)) {
      expect(a.body.error.code).toBe('self-share-full');
      expect(a.body.error.message).toMatch(/现场取号/);
    }
    // Tomorrow's walk-ins: the rest of the quota is theirs (and today's kiosk is untouched).
    expect(
      (await postJson(`${server!.url}/api/tickets`, { categoryId: 'civil', idempotencyKey: 'walk-in-0001' })).status,
    ).toBe(201);
  });

  it('caps the hall-wide rate of new self-bookings with a clear Chinese message', async () => {
    const { options } = await setup({ hallPerMinute: 5 });
    const m = options.matters;
    const answers = [];
    for (let i = 0; i < 8; i++)
      answers.push(await book(m[i % m.length]!.id, '2026-12-02', phone(i), `127.0.0.${20 + i}`));
    expect(answers.filter((a) => a.status === 201).length).toBe(5);
    const refused = answers.find((a) => a.status === 429)!;
    expect(refused.body.error.code).toBe('too-many-requests');
    expect(refused.body.error.message).toMatch(/预约.*较多|秒后再试/);
  });

  it('one phone: a few bookings a week, and a booking nobody came for counts against it', async () => {
    const { clock, options } = await setup({ perPhonePerWeek: 2 });
    const m = options.matters;
    const p = '13912345678';
    expect((await book(m[0]!.id, '2026-12-01', p)).status).toBe(201);
    expect((await book(m[0]!.id, '2026-12-02', p)).body.error.code).toBe('already-booked');
    expect((await book(m[1]!.id, '2026-12-02', p)).status).toBe(201);
    const third = await book(m[2]!.id, '2026-12-03', p);
    expect(third.status).toBe(409);
    expect(third.body.error.code).toBe('phone-limit');
    // Eight days later the week is over, but both bookings were never used (no-shows): still refused.
    clock.set('2026-12-09T01:00:00Z');
    const later = await book(m[2]!.id, '2026-12-10', p);
    expect(later.body.error.code).toBe('phone-limit');
    expect(later.body.error.message).toMatch(/未到/);
    expect((await book(m[2]!.id, '2026-12-10', '13987654321')).status).toBe(201);
  });

  it('staff cancel all bookings of one phone or of one address in one action, audited', async () => {
    const { options } = await setup({ hallPerMinute: 1000, perAddressPerMinute: 1000, perPhonePerWeek: 10 });
    const m = options.matters;
    const p = '13911112222';
    for (let i = 0; i < 3; i++) expect((await book(m[i]!.id, '2026-12-02', p, '127.0.0.2')).status).toBe(201);
    for (let i = 0; i < 4; i++) expect((await book(m[i]!.id, '2026-12-02', phone(i), '127.0.0.3')).status).toBe(201);
    expect((await book(m[0]!.id, '2026-12-02', '13933334444', '127.0.0.4')).status).toBe(201);
    const admin = (
      await postJson<{ token: string }>(`${server!.url}/api/login`, { staffId: 'admin', pin: 'admin2026' })
    ).body.token;
    // A clerk at a window may not; the administrator may.
    const byPhone = await postJson<{ cancelled: number }>(
      `${server!.url}/api/admin/bookings/cancel`,
      { phone: p },
      admin,
    );
    expect(byPhone.status).toBe(200);
    expect(byPhone.body.cancelled).toBe(3);
    const byAddress = await postJson<{ cancelled: number }>(
      `${server!.url}/api/admin/bookings/cancel`,
      { address: '127.0.0.3' },
      admin,
    );
    expect(byAddress.body.cancelled).toBe(4);
    const audit = await getJson<{ entries: { type: string; data: { by: string; cancelled: number } }[] }>(
      `${server!.url}/api/admin/audit`,
      admin,
    );
    const entries = audit.body.entries.filter((e) => e.type === 'admin.bookings.cancelled');
    expect(entries.map((e) => [e.data.by, e.data.cancelled])).toEqual([
      ['address', 4],
      ['phone', 3],
    ]);
    expect(JSON.stringify(audit.body)).not.toContain(p);
    // The other resident's booking stands; the phone may book again.
    expect((await book(m[1]!.id, '2026-12-02', '13933334444', '127.0.0.4')).status).toBe(201);
    const bad = await postJson<Err>(`${server!.url}/api/admin/bookings/cancel`, { phone: '1', address: 'x' }, admin);
    expect(bad.status).toBe(400);
    // The addresses go with the retention purge.
    const db = server!.app.ctx.db;
    expect((db.prepare('SELECT COUNT(*) AS n FROM booking_origins').get() as { n: number }).n).toBeGreaterThan(0);
    purgePersonalData(db, '2026-12-03', '2026-12-03T00:00:00Z');
    expect((db.prepare('SELECT COUNT(*) AS n FROM booking_origins').get() as { n: number }).n).toBe(0);
  });
});
