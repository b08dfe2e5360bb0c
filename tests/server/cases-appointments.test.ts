// Cases at a window (承诺件 with a promised date in working days, correction restart, receipt printing,
// public status) and appointments checked in at the kiosk, through the real HTTP routes.
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getJson, postJson, staffToken, startTestServer, type TestServer } from '../helpers/server.ts';
import { manualClock, testConfig } from '../helpers/config.ts';
import { addWorkingDays } from '../../server/calendar/working-days.ts';
import type { Ticket } from '../../server/contract/queue.ts';

const clock = manualClock('2026-11-23T02:00:00Z'); // Monday 10:00 in China
let server: TestServer;
let token: string;
beforeAll(async () => {
  server = await startTestServer({ clock });
  token = await staffToken(server.url, 4);
});
afterAll(async () => server?.stop());

interface CaseView {
  id: string;
  caseNo: string;
  state: string;
  promisedDate: string | null;
  applicantMasked?: string | null;
  history: { state: string }[];
}

describe('cases at a window', () => {
  it('accepts a promised case with its date in working days, prints the receipt and shows a public status', async () => {
    await postJson(`${server.url}/api/tickets`, { categoryId: 'civil' });
    await postJson(`${server.url}/api/windows/4/call-next`, {}, token);
    // 限时办结制度 第六条 "法律法规和政策没有规定的,按20个工作日计算": the guide gives no limit → 20, and says so.
    const noDays = await postJson<{ case: CaseView & { clock: { limitDays: number; limitSource: string } } }>(
      `${server.url}/api/windows/4/cases`,
      { matterId: 'street-03', kind: 'promised' },
      token,
    );
    expect(noDays.status).toBe(201);
    expect(noDays.body.case.clock).toMatchObject({ limitDays: 20, limitSource: 'default' });
    expect(noDays.body.case.promisedDate).toBe('2026-12-21'); // 20 working days after Monday 2026-11-23

    const accepted = await postJson<{ case: CaseView }>(
      `${server.url}/api/windows/4/cases`,
      { matterId: 'street-03', kind: 'promised', promisedDays: 15 },
      token,
    );
    expect(accepted.status).toBe(201);
    expect(accepted.body.case).toMatchObject({
      state: 'accepted',
      promisedDate: addWorkingDays('2026-11-23', 15),
      caseNo: '20261123-0002',
    });

    const before = server.sim.printedJobs().length;
    expect((await postJson(`${server.url}/api/cases/${accepted.body.case.id}/print`, {}, token)).status).toBe(200);
    await expect.poll(() => server.sim.printedJobs().length).toBe(before + 1);

    const pub = await getJson<{ case: CaseView }>(`${server.url}/api/cases/${accepted.body.case.id}`);
    expect(pub.body.case.state).toBe('accepted');
    expect(pub.body.case).not.toHaveProperty('applicantMasked');
  });

  it('refuses a promised matter with a reason and no time limit (a refusal starts no clock); a blank reason is refused', async () => {
    const refused = await postJson<{ case: CaseView }>(
      `${server.url}/api/windows/4/cases`,
      { matterId: 'street-03', kind: 'promised', rejectReason: '申请人户籍不在本街道' },
      token,
    );
    expect(refused.status).toBe(201);
    expect(refused.body.case).toMatchObject({ state: 'rejected', promisedDate: null });
    const blank = await postJson<{ error: { code: string } }>(
      `${server.url}/api/windows/4/cases`,
      { matterId: 'street-03', kind: 'promised', rejectReason: '  ' },
      token,
    );
    expect(blank.status).toBe(400);
    expect(blank.body.error.code).toBe('reason-required');
  });

  it('stops the clock for a correction and restarts it from the day after the materials arrive', async () => {
    const c = await postJson<{ case: CaseView }>(
      `${server.url}/api/windows/4/cases`,
      { matterId: 'street-03', kind: 'promised', promisedDays: 5, missingMaterials: ['户口簿复印件'] },
      token,
    );
    expect(c.body.case).toMatchObject({ state: 'correction', promisedDate: null });
    clock.set('2026-11-25T03:00:00Z'); // Wednesday: the materials arrive (a new working day, a new login)
    try {
      const wednesday = await staffToken(server.url, 4);
      const back = await postJson<{ case: CaseView }>(
        `${server.url}/api/cases/${c.body.case.id}/materials-received`,
        {},
        wednesday,
      );
      expect(back.body.case).toMatchObject({ state: 'accepted', promisedDate: addWorkingDays('2026-11-25', 5) });
      expect(back.body.case.history.map((h) => h.state)).toEqual(['correction', 'accepted']);
      const refused = await postJson<{ error: { code: string } }>(
        `${server.url}/api/cases/${c.body.case.id}/state`,
        { to: 'collected' },
        wednesday,
      );
      expect(refused.status).toBe(409);
    } finally {
      clock.set('2026-11-23T02:00:00Z');
    }
  });
});

describe('appointments', () => {
  it('a resident checking in inside the slot is called before earlier walk-ins; an early one is asked, then gets a normal ticket if they choose it', async () => {
    token = await staffToken(server.url, 4);
    const booked = await postJson<{ appointment: { id: string; code: string }; qr: string }>(
      `${server.url}/api/appointments`,
      {
        categoryId: 'labor',
        date: '2026-11-23',
        slotFrom: '10:00',
        slotTo: '10:30',
        name: '张小三',
        idNumber: '652701199003071233',
      },
      token,
    );
    expect(booked.status).toBe(201);
    expect(booked.body.qr).toBe(`YY:${booked.body.appointment.code}`);
    const listed = await getJson<{ appointments: { nameMasked: string; idMasked: string }[] }>(
      `${server.url}/api/appointments?date=2026-11-23`,
      token,
    );
    expect(listed.body.appointments[0]).toMatchObject({ nameMasked: '张*三', idMasked: '6527**********1233' });

    const walkIn = await postJson<{ ticket: Ticket }>(`${server.url}/api/tickets`, { categoryId: 'labor' });
    const checkIn = await postJson<{ ticket: Ticket; onTime: boolean; message: string }>(
      `${server.url}/api/appointments/check-in`,
      { code: booked.body.qr },
    );
    expect(checkIn.body.onTime).toBe(true);
    expect(checkIn.body.ticket.appointmentId).toBe(booked.body.appointment.id);
    const again = await postJson<{ error: { code: string } }>(`${server.url}/api/appointments/check-in`, {
      code: booked.body.qr,
    });
    expect(again.body.error.code).toBe('already-checked-in');

    const token3 = await staffToken(server.url, 3);
    const first = await postJson<{ call: { ticketId: string } }>(`${server.url}/api/windows/3/call-next`, {}, token3);
    expect(first.body.call.ticketId).toBe(checkIn.body.ticket.id);
    const second = await postJson<{ call: { ticketId: string } }>(`${server.url}/api/windows/3/call-next`, {}, token3);
    expect(second.body.call.ticketId).toBe(walkIn.body.ticket.id);

    const later = await postJson<{ appointment: { code: string } }>(
      `${server.url}/api/appointments`,
      { categoryId: 'labor', date: '2026-11-23', slotFrom: '15:00', slotTo: '15:30' },
      token,
    );
    // Early: the kiosk asks first; only the resident's choice of a normal ticket uses the appointment.
    const asked = await postJson<{ error: { code: string; message: string } }>(
      `${server.url}/api/appointments/check-in`,
      { code: later.body.appointment.code },
    );
    expect(asked.body.error).toMatchObject({ code: 'appointment-early' });
    const early = await postJson<{ ticket: Ticket; onTime: boolean; message: string }>(
      `${server.url}/api/appointments/check-in`,
      { code: later.body.appointment.code, early: 'ticket' },
    );
    expect(early.body.onTime).toBe(false);
    expect(early.body.ticket.appointmentId).toBeNull();
    expect(early.body.message).toContain('本次预约已使用');
  });
});

describe('appointment import', () => {
  it('books every row of a good file with identities masked, and nothing from a file with one bad row', async () => {
    const t = await staffToken(server.url, 4);
    const list = async () =>
      (
        await getJson<{
          appointments: { code: string; nameMasked: string | null; idMasked: string | null; matterId: string | null }[];
        }>(`${server.url}/api/appointments?date=2026-11-25`, t)
      ).body.appointments;
    const good =
      '日期,开始,结束,事项,姓名,身份证号\r\n2026-11-25,09:30,10:30,最低生活保障,张小三,652701199003071233\r\n2026-11-25,10:30,11:30,street-03,,\r\n';
    const r = await postJson<{ appointments: { code: string }[] }>(
      `${server.url}/api/appointments/import`,
      { csv: good },
      t,
    );
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body.appointments).toHaveLength(2);
    expect(await list()).toMatchObject([
      { nameMasked: '张*三', idMasked: '6527**********1233', matterId: 'street-03' },
      { nameMasked: null, idMasked: null, matterId: 'street-03' },
    ]);
    const bad = '日期,开始,结束,业务类别,事项\r\n2026-11-25,11:30,12:30,,street-03\r\n2026-11-25,11:30,12:30,户籍,\r\n';
    const refused = await postJson<{ error: { code: string; message: string; details: string[] } }>(
      `${server.url}/api/appointments/import`,
      { csv: bad },
      t,
    );
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('invalid-csv');
    expect(refused.body.error.message).toBe('预约表有 1 处问题，没有导入任何预约，请改正后重新导入');
    expect(refused.body.error.details).toEqual([
      '第 3 行“业务类别”：没有“户籍”，可选：综合咨询·帮办代办、民政、劳动保障·社保、计生·卫健、残联、综合受理·统一出证',
    ]);
    expect(await list()).toHaveLength(2);
    // The console page sends the file's bytes: a GB18030 export from Excel/WPS books like the UTF-8 one.
    const gbk = '日期,开始,结束,事项,姓名\r\n2026-11-25,14:30,15:30,最低生活保障,王五\r\n';
    const fromGbk = await postJson<{ appointments: { code: string }[] }>(
      `${server.url}/api/appointments/import`,
      { csvBase64: iconv.encode(gbk, 'gb18030').toString('base64') },
      t,
    );
    expect(fromGbk.status, JSON.stringify(fromGbk.body)).toBe(201);
    expect((await list()).map((a) => a.nameMasked)).toContain('王*');
    const binary = await postJson<{ error: { code: string; details: string[] } }>(
      `${server.url}/api/appointments/import`,
      { csvBase64: Buffer.from([0x50, 0x4b, 0x03, 0x04, 0xff, 0xfe, 0x80]).toString('base64') },
      t,
    );
    expect(binary.status).toBe(400);
    expect(binary.body.error.details[0]).toMatch(/无法识别文件的编码/);
  });
});

describe('appointment slots in a hall that enforces its hours', () => {
  it('offers hourly slots inside the opening sessions with their bookings, and refuses rest days, hours outside them and years without a calendar', async () => {
    const hallClock = manualClock('2026-11-23T02:00:00Z');
    const hall = await startTestServer({
      clock: hallClock,
      config: testConfig({
        hours: {
          enforce: true,
          workingDaysOnly: true,
          sessions: [
            { from: '09:30', to: '13:30' },
            { from: '16:00', to: '19:30' },
          ],
        },
      }),
    });
    try {
      const t = await staffToken(hall.url, 4);
      const book = (date: string, slotFrom: string, slotTo: string) =>
        postJson<{ error?: { code: string; message: string } }>(
          `${hall.url}/api/appointments`,
          { categoryId: 'civil', date, slotFrom, slotTo },
          t,
        );
      expect((await book('2026-11-24', '09:30', '10:30')).status).toBe(201);
      const slots = await getJson<{ open: boolean; slots: { from: string; to: string; booked: number }[] }>(
        `${hall.url}/api/appointments/slots?date=2026-11-24`,
        t,
      );
      expect(slots.body.open).toBe(true);
      expect(slots.body.slots.map((s) => `${s.from}-${s.to}`)).toEqual([
        '09:30-10:30',
        '10:30-11:30',
        '11:30-12:30',
        '12:30-13:30',
        '16:00-17:00',
        '17:00-18:00',
        '18:00-19:00',
        '19:00-19:30',
      ]);
      expect(slots.body.slots[0]!.booked).toBe(1);

      const sunday = await book('2026-11-29', '09:30', '10:30');
      expect([sunday.status, sunday.body.error?.code]).toEqual([400, 'not-working-day']);
      // By the official calendar: the National Day holiday is closed, its make-up Saturday (调休) open.
      expect(
        (await getJson<{ open: boolean }>(`${hall.url}/api/appointments/slots?date=2026-10-01`, t)).body.open,
      ).toBe(false);
      expect(
        (await getJson<{ open: boolean }>(`${hall.url}/api/appointments/slots?date=2026-10-10`, t)).body.open,
      ).toBe(true);
      const lunch = await book('2026-11-24', '13:30', '14:30');
      expect([lunch.status, lunch.body.error?.code]).toEqual([400, 'outside-hours']);
      expect(lunch.body.error?.message).toBe('预约时段应在办公时间内：09:30–13:30、16:00–19:30');
      // The manual clock is 10:00 on 2026-11-23: this morning's first slot has ended, the next has not.
      const ended = await book('2026-11-23', '09:30', '10:00');
      expect([ended.status, ended.body.error?.code]).toEqual([400, 'slot-ended']);
      expect((await book('2026-11-23', '10:30', '11:30')).status).toBe(201);
      hallClock.set('2026-11-23T03:45:00Z'); // 11:45
      const today = await getJson<{ slots: { from: string; ended: boolean }[] }>(
        `${hall.url}/api/appointments/slots?date=2026-11-23`,
        t,
      );
      expect(today.body.slots.filter((s) => s.ended).map((s) => s.from)).toEqual(['09:30', '10:30']);
      const nextYear = await book('2027-01-05', '09:30', '10:30');
      expect([nextYear.status, nextYear.body.error?.code]).toEqual([503, 'calendar-missing']);
      expect(nextYear.body.error?.message).toContain('2027');
    } finally {
      await hall.stop();
    }
  });
});
