// A booked resident scans the appointment QR at the kiosk (serial scanner): the ticket is an appointment
// ticket and the screen says the check-in succeeded.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { artifact, launchBrowser } from '../helpers/browser.ts';
import { postJson, staffToken, startTestServer, type TestServer } from '../helpers/server.ts';

let server: TestServer;
let browser: Browser;
beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('appointment check-in at the kiosk', () => {
  it('scanning YY:<code> issues the appointment ticket and shows the check-in message', async () => {
    const token = await staffToken(server.url, 3);
    const now = new Date(Date.now() + 8 * 3600_000); // China wall-clock time
    const hhmm = (d: Date) => d.toISOString().slice(11, 16);
    const from = hhmm(new Date(Math.max(now.getTime() - 10 * 60_000, Date.parse(now.toISOString().slice(0, 10) + 'T00:00:00Z'))));
    const to = hhmm(new Date(Math.min(now.getTime() + 30 * 60_000, Date.parse(now.toISOString().slice(0, 10) + 'T23:59:00Z'))));
    const booked = await postJson<{ appointment: { id: string }; qr: string }>(`${server.url}/api/appointments`, { categoryId: 'labor', date: now.toISOString().slice(0, 10), slotFrom: from, slotTo: to }, token);
    expect(booked.status).toBe(201);
    const page = await browser.newPage({ viewport: { width: 1080, height: 1920 } });
    await page.goto(`${server.url}/kiosk`);
    await page.getByText('请选择要办理的业务').waitFor();
    await postJson(`${server.url}/api/sim/scan`, { code: booked.body.qr });
    await page.getByText('预约签到成功').waitFor({ timeout: 10_000 });
    await page.screenshot({ path: artifact('kiosk-appointment-checked-in.png') });
    const open = await fetch(`${server.url}/api/tickets?status=open`, { headers: { Authorization: `Bearer ${token}` } }).then((r) => r.json() as Promise<{ tickets: { appointmentId: string | null }[] }>);
    expect(open.tickets.some((t) => t.appointmentId === booked.body.appointment.id)).toBe(true);
    await page.close();
  });
});
