// Quota drain (issue): one kiosk client with fresh idempotency keys took a category's whole daily quota in
// two minutes, and check-in had no limit at all. With the shipped limits (6 a minute, 120 an hour per kiosk
// client, check-ins included) a real hall still works: one resident at a time, a ticket every 15 s or more.
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config/load.ts';
import { manualClock, testConfig } from '../helpers/config.ts';
import { postJson, staffToken, startTestServer, type TestServer } from '../helpers/server.ts';

let server: TestServer | null = null;
afterEach(async () => server?.stop());

const shipped = loadConfig(new URL('../../config', import.meta.url).pathname).security;

describe('tickets from one kiosk client', () => {
  it('the shipped defaults are 6 a minute and 120 an hour', () => {
    expect(shipped.ticketsPerMinute).toBe(6);
    expect(shipped.ticketsPerHour).toBe(120);
  });

  it('a script with fresh keys gets 12 tickets in two minutes, not the 150 of the quota; a resident every 15 s is never refused', async () => {
    const clock = manualClock('2026-12-01T01:00:00Z');
    server = await startTestServer({
      clock,
      config: testConfig({
        security: {
          ...testConfig().security,
          ticketsPerMinute: shipped.ticketsPerMinute,
          ticketsPerHour: shipped.ticketsPerHour,
        },
      }),
    });
    let issued = 0;
    let refused = 0;
    for (let second = 0; second < 120; second += 0.5) {
      clock.set(new Date(Date.parse('2026-12-01T01:00:00Z') + second * 1000).toISOString());
      const r = await postJson<{ error?: { code: string; message: string } }>(`${server.url}/api/tickets`, {
        categoryId: 'civil',
        idempotencyKey: `drain-${second}-00000`,
      });
      if (r.status === 201) issued++;
      else {
        expect(r.status).toBe(429);
        expect(r.body.error!.message).toMatch(/取号过于频繁/);
        refused++;
      }
    }
    expect(issued).toBe(12);
    expect(refused).toBe(228);
    // A busy hall an hour later: a resident every 15 s for half an hour (4 a minute, 120 tickets): all served.
    const start = Date.parse('2026-12-01T02:00:00Z');
    const answers: number[] = [];
    for (let i = 0; i < 120; i++) {
      clock.set(new Date(start + i * 15_000).toISOString());
      answers.push(
        (
          await postJson(`${server.url}/api/tickets`, {
            categoryId: ['labor', 'consult', 'general'][i % 3],
            idempotencyKey: `busy-${i}-000000`,
          })
        ).status,
      );
    }
    expect(answers.filter((s) => s === 201).length).toBe(120);
  });

  it('appointment check-ins count against the same limit', async () => {
    const clock = manualClock('2026-12-01T01:00:00Z');
    server = await startTestServer({
      clock,
      config: testConfig({ security: { ...testConfig().security, ticketsPerMinute: 3, ticketsPerHour: 100 } }),
    });
    const token = await staffToken(server.url, 4);
    const codes: string[] = [];
    for (let i = 0; i < 5; i++) {
      const a = await postJson<any>(
        `${server.url}/api/appointments`,
        { categoryId: 'civil', date: '2026-12-01', slotFrom: '00:00', slotTo: '23:59' },
        token,
      );
      codes.push(a.body.appointment.code);
    }
    const statuses: number[] = [];
    for (const code of codes)
      statuses.push((await postJson(`${server.url}/api/appointments/check-in`, { code })).status);
    expect(statuses).toEqual([201, 201, 201, 429, 429]);
    clock.advance(61_000);
    expect((await postJson(`${server.url}/api/appointments/check-in`, { code: codes[3] })).status).toBe(201);
  });
});
