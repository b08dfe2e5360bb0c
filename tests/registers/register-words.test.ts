// Registers speak of people and places by name (issue 24 ⑫): the 预约登记 showed 登记人 "resident" for a
// resident's own booking and the 代办登记 numbered a station's matters with its internal id
// (DB20261123-qingshan-001). In the table, the CSV and the printable page: names, never ids or role words.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getJson, postJson, startTestServer, type TestServer } from '../helpers/server.ts';
import { manualClock } from '../helpers/config.ts';
import { parseCsv } from '../../server/contract/csv.ts';
import type { BookingOptions } from '../../server/contract/appointments.ts';
import { login, stationConfig } from './fixtures.ts';

const clock = manualClock('2026-11-23T01:30:00Z'); // Monday 09:30 China time
let server: TestServer;
let admin: string;
let agent: string;

async function register(kind: string, format: 'csv' | 'html', from: string, to: string): Promise<string> {
  const res = await fetch(`${server.url}/api/registers/${kind}?from=${from}&to=${to}&format=${format}`, {
    headers: { Authorization: `Bearer ${admin}` },
  });
  expect(res.status).toBe(200);
  return res.text();
}
/** Every internal word the registers used to print. */
const INTERNAL = /\bresident\b|qingshan|qs-agent|\bkiosk\b|\bsystem\b|\bimport\b/;

beforeAll(async () => {
  server = await startTestServer({ clock, config: stationConfig() });
  admin = await login(server.url, 'admin', 'admin2026');
  agent = await login(server.url, 'qs-agent', '246810');
});
afterAll(async () => server?.stop());

describe('registers name people and stations', () => {
  it('预约登记: a resident who booked online is 本人（网上预约）, not "resident"', async () => {
    const options = (await getJson<BookingOptions>(`${server.url}/api/book/options`)).body;
    const day = options.days.slice(1).find((d) => d.open)!.date;
    const matter = options.matters.find((m) => m.categoryId === 'labor')!;
    const booked = await postJson(`${server.url}/api/book`, {
      matterId: matter.id,
      date: day,
      slotFrom: '16:00',
      slotTo: '17:00',
      phone: '13900002222',
    });
    expect(booked.status, JSON.stringify(booked.body)).toBe(201);
    const csv = await register('appointments', 'csv', '2026-11-01', '2026-12-31');
    const rows = parseCsv(csv.replace(/^\uFEFF/, '')).map((r) => r.fields);
    const col = rows[0]!.indexOf('登记人');
    expect(rows.slice(1).map((r) => r[col])).toEqual(['本人（网上预约）']);
    expect(csv).not.toMatch(INTERNAL);
    const html = await register('appointments', 'html', '2026-11-01', '2026-12-31');
    expect(html).toContain('本人（网上预约）');
    expect(html).not.toMatch(INTERNAL);
  });

  it('代办登记: the number carries no station id; the station and the agent by name', async () => {
    const r = await postJson<{ daiban: { no: string } }>(
      `${server.url}/api/station/daiban`,
      {
        residentName: '陈老伯',
        residentPhone: '13900002222',
        matterId: 'street-03',
        authorization: '本人签署授权委托书',
        materialsOk: ['书面申请报告'],
        materialsMissing: [],
      },
      agent,
    );
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body.daiban.no).toBe('DB20261123-001');
    const csv = await register('daiban', 'csv', '2026-11-23', '2026-11-23');
    expect(csv).toContain('青山村便民服务站');
    expect(csv).toContain('李代办');
    expect(csv).not.toMatch(INTERNAL);
    const html = await register('daiban', 'html', '2026-11-23', '2026-11-23');
    expect(html).toContain('青山村便民服务站');
    expect(html).not.toMatch(INTERNAL);
  });
});
