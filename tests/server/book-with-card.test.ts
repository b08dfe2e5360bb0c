// Issue 24 ①: a resident books at the kiosk with the ID card on the reader instead of a phone. POST /api/book
// takes exactly one of `phone` and `readToken`; the booking keeps the card's masked name and number and the
// keyed hash (the same card checks in on the day), the per-person weekly limit counts the card.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getJson, postJson, startTestServer, WsRecorder, type TestServer } from '../helpers/server.ts';
import { testConfig } from '../helpers/config.ts';
import type { BookingOptions } from '../../server/contract/appointments.ts';
import { ZHANG_SAN } from '../drivers/idcard-fixtures.ts';

let server: TestServer;
let options: BookingOptions;
let day: string;
beforeAll(async () => {
  const config = testConfig();
  config.booking = { ...config.booking, daysAhead: 7, perPhonePerWeek: 2 };
  server = await startTestServer({ config });
  options = (await getJson<BookingOptions>(`${server.url}/api/book/options`)).body;
  day = options.days.slice(1).find((d) => d.open)!.date;
});
afterAll(async () => server?.stop());

/** A fresh read: the reader sees the card gone (it polls every 500 ms) before it is put on again. */
async function readCard(): Promise<string> {
  server.sim.removeCard();
  await new Promise((r) => setTimeout(r, 1500));
  const kiosk = new WsRecorder(server.url, 'kiosk');
  await kiosk.opened;
  server.sim.insertCard(ZHANG_SAN);
  const read = await kiosk.waitFor('idcard.read');
  kiosk.close();
  return read.card.readToken;
}

type Answer = {
  appointment?: { nameMasked: string | null; idMasked: string | null; phoneMasked: string | null };
  error?: { code: string; message: string };
};
const book = (body: Record<string, unknown>) =>
  postJson<Answer>(`${server.url}/api/book`, {
    matterId: options.matters.find((m) => m.categoryId === 'civil')!.id,
    date: day,
    slotFrom: '16:00',
    slotTo: '17:00',
    ...body,
  });

describe('POST /api/book with the ID card', () => {
  it('books with the card: masked name and number kept, no phone', async () => {
    const r = await book({ readToken: await readCard() });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body.appointment).toMatchObject({ nameMasked: '张*', idMasked: '6527**********1233', phoneMasked: null });
  });

  it('refuses both, neither, an unknown token and a malformed one', async () => {
    const token = await readCard();
    const cases: [Record<string, unknown>, number, string][] = [
      [{ phone: '13600002222', readToken: token }, 400, 'invalid-body'],
      [{}, 400, 'invalid-body'],
      [{ readToken: 'not-a-read' }, 410, 'card-expired'],
      [{ readToken: '' }, 400, 'invalid-body'],
      [{ readToken: 'x'.repeat(81) }, 400, 'invalid-body'],
      [{ readToken: { $ne: null } }, 400, 'invalid-body'],
    ];
    for (const [body, status, code] of cases) {
      const r = await book(body);
      expect(r.body.error?.code, JSON.stringify(body)).toBe(code);
      expect(r.status, JSON.stringify(body)).toBe(status);
      expect(r.body.error?.message).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('counts the card for the weekly limit, and says 身份证, not 手机号', async () => {
    const civil = options.matters.filter((m) => m.categoryId === 'civil');
    // The first test booked once with this card; the limit here is 2 a week.
    const second = await book({ readToken: await readCard(), matterId: civil[1]!.id });
    expect(second.status, JSON.stringify(second.body)).toBe(201);
    const third = await book({ readToken: await readCard(), matterId: civil[2]!.id });
    expect(third.body.error?.code).toBe('phone-limit');
    expect(third.body.error?.message).toContain('同一身份证 7 天内最多预约 2 次');
  });
});
