// 预约服务制 and the daily quota (issue 17): a booking takes its place out of the quota when booked, the
// slot has a capacity, a valid appointment is never refused at check-in on the walk-in quota, and an early
// resident is asked before anything is issued or used. Through the real HTTP routes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getJson, postJson, staffToken, startTestServer, type TestServer } from '../helpers/server.ts';
import { manualClock, testConfig } from '../helpers/config.ts';
import type { Appointment } from '../../server/contract/appointments.ts';
import type { Ticket } from '../../server/contract/queue.ts';

const clock = manualClock('2026-11-23T02:00:00Z'); // Monday 10:00 in China
let server: TestServer;
let token: string;
beforeAll(async () => {
  const config = testConfig();
  const labor = config.categories.find((c) => c.id === 'labor')!;
  labor.dailyQuota = 3;
  labor.appointmentCapacity = 1;
  const civil = config.categories.find((c) => c.id === 'civil')!;
  civil.dailyQuota = 1;
  config.categories.find((c) => c.id === 'health')!.appointmentSlots = [{ from: '15:00', to: '16:00', capacity: 2 }];
  server = await startTestServer({ config, clock });
  token = await staffToken(server.url, 4);
});
afterAll(async () => server?.stop());

type Err = { error: { code: string; message: string; opensAt?: string } };
const book = (body: object) =>
  postJson<{ appointment: Appointment } & Err>(`${server.url}/api/appointments`, body, token);

describe('bookings and the quota', () => {
  it('reserves a booked place out of the daily quota; check-in of that booking never fails on the quota', async () => {
    const a = await book({ categoryId: 'labor', date: '2026-11-23', slotFrom: '10:00', slotTo: '11:00' });
    expect(a.status).toBe(201);
    const full = await book({ categoryId: 'labor', date: '2026-11-23', slotFrom: '10:00', slotTo: '11:00' });
    expect(full.status).toBe(409);
    expect(full.body.error).toMatchObject({ code: 'slot-full' });
    expect(full.body.error.message).toContain('预约名额已满');
    // 3 a day: one booked, so two walk-ins, then the quota is used up for walk-ins.
    for (let i = 0; i < 2; i++)
      expect((await postJson(`${server.url}/api/tickets`, { categoryId: 'labor' })).status).toBe(201);
    const refused = await postJson<Err>(`${server.url}/api/tickets`, { categoryId: 'labor' });
    expect(refused.body.error.code).toBe('quota-exhausted');
    const cats = await getJson<{ categories: { id: string; closedReason: string | null }[] }>(
      `${server.url}/api/categories`,
    );
    expect(cats.body.categories.find((c) => c.id === 'labor')!.closedReason).toMatch(/号码已发完/);
    const checkIn = await postJson<{ ticket: Ticket; onTime: boolean }>(`${server.url}/api/appointments/check-in`, {
      code: `YY:${a.body.appointment.code}`,
    });
    expect(checkIn.status).toBe(201);
    expect(checkIn.body.onTime).toBe(true);
    expect(checkIn.body.ticket.appointmentId).toBe(a.body.appointment.id);
  });

  it('refuses a booking once the day is fully taken, and a slot past its configured capacity', async () => {
    expect((await book({ categoryId: 'civil', date: '2026-11-24', slotFrom: '10:00', slotTo: '11:00' })).status).toBe(
      201,
    );
    const dayFull = await book({ categoryId: 'civil', date: '2026-11-24', slotFrom: '11:00', slotTo: '12:00' });
    expect(dayFull.body.error.code).toBe('day-full');
    for (let i = 0; i < 2; i++)
      expect(
        (await book({ categoryId: 'health', date: '2026-11-24', slotFrom: '15:00', slotTo: '16:00' })).status,
      ).toBe(201);
    expect(
      (await book({ categoryId: 'health', date: '2026-11-24', slotFrom: '15:00', slotTo: '16:00' })).body.error.code,
    ).toBe('slot-full');
    expect((await book({ categoryId: 'health', date: '2026-11-24', slotFrom: '16:00', slotTo: '17:00' })).status).toBe(
      201,
    ); // no capacity set there
  });

  it('keeps one live booking per ID number per matter', async () => {
    const body = {
      categoryId: 'health',
      date: '2026-11-25',
      slotFrom: '10:00',
      slotTo: '11:00',
      name: '李四',
      idNumber: '652701199003071233',
    };
    expect((await book(body)).status).toBe(201);
    const again = await book({ ...body, date: '2026-11-26' });
    expect(again.body.error.code).toBe('already-booked');
    expect(again.body.error.message).toContain('同一事项只能保留一个预约');
  });
});

describe('checking in early', () => {
  it('asks first: nothing is issued or used until the resident chooses a normal ticket', async () => {
    const later = await book({ categoryId: 'consult', date: '2026-11-23', slotFrom: '15:00', slotTo: '16:00' });
    const asked = await postJson<Err>(`${server.url}/api/appointments/check-in`, { code: later.body.appointment.code });
    expect(asked.status).toBe(409);
    expect(asked.body.error).toMatchObject({ code: 'appointment-early', opensAt: '14:30' });
    expect(asked.body.error.message).toContain('可以保留预约');
    const list = await getJson<{ appointments: Appointment[] }>(
      `${server.url}/api/appointments?date=2026-11-23`,
      token,
    );
    expect(list.body.appointments.find((x) => x.id === later.body.appointment.id)).toMatchObject({
      status: 'booked',
      ticketId: null,
    });
    const open = await getJson<{ tickets: Ticket[] }>(`${server.url}/api/tickets?status=open`, token);
    expect(open.body.tickets.filter((t) => t.categoryId === 'consult')).toHaveLength(0);

    const chosen = await postJson<{ ticket: Ticket; message: string }>(`${server.url}/api/appointments/check-in`, {
      code: later.body.appointment.code,
      early: 'ticket',
    });
    expect(chosen.status).toBe(201);
    expect(chosen.body.ticket.appointmentId).toBeNull();
    expect(chosen.body.message).toBe('已为您取普通号，按顺序办理；本次预约已使用');
    const after = await getJson<{ appointments: Appointment[] }>(
      `${server.url}/api/appointments?date=2026-11-23`,
      token,
    );
    expect(after.body.appointments.find((x) => x.id === later.body.appointment.id)!.status).toBe('checked-in');
  });
});
