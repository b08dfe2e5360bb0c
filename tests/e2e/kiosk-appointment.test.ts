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
    const from = hhmm(
      new Date(Math.max(now.getTime() - 10 * 60_000, Date.parse(now.toISOString().slice(0, 10) + 'T00:00:00Z'))),
    );
    const to = hhmm(
      new Date(Math.min(now.getTime() + 30 * 60_000, Date.parse(now.toISOString().slice(0, 10) + 'T23:59:00Z'))),
    );
    const booked = await postJson<{ appointment: { id: string }; qr: string }>(
      `${server.url}/api/appointments`,
      { categoryId: 'labor', date: now.toISOString().slice(0, 10), slotFrom: from, slotTo: to },
      token,
    );
    expect(booked.status).toBe(201);
    const page = await browser.newPage({ viewport: { width: 1080, height: 1920 } });
    await page.goto(`${server.url}/kiosk`);
    await page.getByText('请选择要办理的业务').waitFor();
    await postJson(`${server.url}/api/sim/scan`, { code: booked.body.qr });
    await page.getByText('预约签到成功').waitFor({ timeout: 10_000 });
    await page.screenshot({ path: artifact('kiosk-appointment-checked-in.png') });
    const open = await fetch(`${server.url}/api/tickets?status=open`, {
      headers: { Authorization: `Bearer ${token}` },
    }).then((r) => r.json() as Promise<{ tickets: { appointmentId: string | null }[] }>);
    expect(open.tickets.some((t) => t.appointmentId === booked.body.appointment.id)).toBe(true);
    await page.close();
  });

  it('an early scan asks: keep the appointment (nothing issued) or a normal ticket now (the appointment is used)', async () => {
    const token = await staffToken(server.url, 3);
    const now = new Date(Date.now() + 8 * 3600_000); // China wall-clock time
    const day = now.toISOString().slice(0, 10);
    const later = new Date(Math.min(now.getTime() + 3 * 3600_000, Date.parse(day + 'T23:00:00Z')));
    const from = later.toISOString().slice(11, 16);
    const booked = await postJson<{ appointment: { id: string }; qr: string }>(
      `${server.url}/api/appointments`,
      { categoryId: 'health', date: day, slotFrom: from, slotTo: '23:59' },
      token,
    );
    expect(booked.status).toBe(201);
    const openTickets = () =>
      fetch(`${server.url}/api/tickets?status=open`, { headers: { Authorization: `Bearer ${token}` } }).then(
        (r) => r.json() as Promise<{ tickets: { categoryId: string }[] }>,
      );
    const page = await browser.newPage({ viewport: { width: 1080, height: 1920 } });
    await page.goto(`${server.url}/kiosk`);
    await page.getByText('请选择要办理的业务').waitFor();
    await postJson(`${server.url}/api/sim/scan`, { code: booked.body.qr });
    const dialog = page.getByTestId('early-check-in');
    await dialog.getByText('还没到签到时间').waitFor({ timeout: 10_000 });
    await page.screenshot({ path: artifact('kiosk-appointment-early-ask.png') });
    await dialog.getByRole('button', { name: /保留预约/ }).click();
    await dialog.getByText('已为您保留预约，没有取号').waitFor();
    expect((await openTickets()).tickets.filter((t) => t.categoryId === 'health')).toHaveLength(0);
    await dialog.getByRole('button', { name: '知道了' }).click();

    await postJson(`${server.url}/api/sim/scan`, { code: booked.body.qr });
    await dialog.getByRole('button', { name: /现在取普通号/ }).click();
    await page.getByText('本次预约已使用').waitFor({ timeout: 10_000 });
    await page.screenshot({ path: artifact('kiosk-appointment-early-ticket.png') });
    expect((await openTickets()).tickets.filter((t) => t.categoryId === 'health')).toHaveLength(1);
    await page.close();
  });
});
