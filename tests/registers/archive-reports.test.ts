// The registers' archive period (names and phones erased after year-end filing plus the configured years,
// the counts kept), the report reminders' dates, and the config rules for stations and 代办员 accounts.
import { copyTestConfig } from '../helpers/config.ts';
import { describe, expect, it } from 'vitest';
import { openDb } from '../../server/store/db.ts';
import { RegisterStore } from '../../server/registers/store.ts';
import { purgePersonalData, retentionCutoff } from '../../server/store/retention.ts';
import { dueReports, reportPeriod } from '../../server/registers/reports.ts';
import { manualClock } from '../helpers/config.ts';
import { loadConfig, ConfigError } from '../../server/config/load.ts';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const years = { firstContact: 1, cases: 1, daiban: 1, homeVisits: 1, complaints: 1 };

describe('archive period', () => {
  it('keeps a 2026 row through 2027 and erases its name and phone on 1 January 2028, keeping the row', () => {
    const db = openDb(':memory:');
    const clock = manualClock('2026-06-01T02:00:00Z');
    const store = new RegisterStore(db, clock, 'Asia/Shanghai');
    store.addFirstContact({
      channel: 'phone',
      windowNo: 1,
      staffId: 'w1a',
      ticketId: null,
      name: '王小明',
      unit: '青山村',
      phone: '13800001111',
      matterId: null,
      matterText: '低保',
      outcome: 'consult',
    });
    store.addComplaint({ source: 'kiosk', enteredBy: null, name: '赵六', phone: '13500005555', content: '意见' });
    store.bookHomeVisit({
      bookedBy: 'w4a',
      name: '周奶奶',
      phone: '1',
      address: '三组',
      reason: '年迈',
      matterText: '认证',
    });
    clock.set('2027-12-31T15:59:00Z'); // 23:59 on 31 December 2027 in China
    expect(Object.values(store.purge(years)).every((n) => n === 0)).toBe(true);
    expect(store.firstContacts('2026-01-01', '2026-12-31')[0]!.name).toBe('王小明');
    clock.set('2027-12-31T16:00:00Z'); // 00:00 on 1 January 2028
    expect(store.purge(years)).toMatchObject({ firstContact: 1, complaints: 1, homeVisits: 1 });
    const [row] = store.firstContacts('2026-01-01', '2026-12-31');
    expect(row).toMatchObject({ name: null, unit: null, phone: null, matter_text: '低保', outcome: 'consult' });
    expect(store.complaints('2026-01-01', '2026-12-31')[0]).toMatchObject({ name: null, phone: null, content: '意见' });
    const logged = db.prepare("SELECT data FROM events WHERE type = 'register.purged'").get() as { data: string };
    expect(JSON.parse(logged.data)).toMatchObject({ firstContact: 1 });
    // A longer period for one record type keeps that type.
    const db2 = openDb(':memory:');
    const c2 = manualClock('2026-06-01T02:00:00Z');
    const s2 = new RegisterStore(db2, c2, 'Asia/Shanghai');
    s2.addComplaint({ source: 'counter', enteredBy: 'w1a', name: '赵六', content: '意见' });
    c2.set('2028-03-01T02:00:00Z');
    expect(s2.purge({ ...years, complaints: 3 }).complaints).toBe(0);
  });
});

describe("the queue's 30 days and the registers' archive are separate", () => {
  it("keeps the register's name when the queue erases its identities after 30 days", () => {
    const db = openDb(':memory:');
    const clock = manualClock('2026-03-02T02:00:00Z');
    const store = new RegisterStore(db, clock, 'Asia/Shanghai');
    store.addFirstContact({
      channel: 'counter',
      windowNo: 1,
      staffId: 'w1a',
      ticketId: null,
      name: '王小明',
      phone: '13800001111',
      matterId: null,
      matterText: '低保',
      outcome: 'consult',
    });
    clock.set('2026-04-15T02:00:00Z');
    purgePersonalData(db, retentionCutoff('2026-04-15', 30), clock().toISOString());
    expect(store.purge(years).firstContact).toBe(0);
    expect(store.firstContacts('2026-03-01', '2026-03-31')[0]).toMatchObject({ name: '王小明', phone: '13800001111' });
  });
});

describe('report periods and reminders', () => {
  it('names the periods the seeds give', () => {
    expect(reportPeriod('mid-month', '2026-11-H1')).toMatchObject({ from: '2026-11-01', to: '2026-11-15' });
    expect(reportPeriod('quarter', '2026-Q4')).toMatchObject({ from: '2026-10-01', to: '2026-12-31' });
    expect(reportPeriod('year', '2026')).toMatchObject({ from: '2026-01-01', to: '2026-12-31' });
    expect(reportPeriod('month', '2026-13')).toBeNull();
  });

  it('reminds of the mid-month report on the 13th–15th, month-end in the last three days, the quarter by the 10th, the year in January', () => {
    expect(dueReports('2026-11-12')).toEqual([]);
    expect(dueReports('2026-11-13').map((d) => [d.kind, d.key, d.dueBy])).toEqual([
      ['mid-month', '2026-11-H1', '2026-11-15'],
    ]);
    expect(dueReports('2026-11-28').map((d) => d.kind)).toEqual(['month', 'station-month']);
    expect(dueReports('2026-10-10').map((d) => [d.kind, d.key, d.dueBy])).toEqual([
      ['quarter', '2026-Q3', '2026-10-10'],
    ]);
    expect(dueReports('2026-10-11')).toEqual([]);
    expect(dueReports('2027-01-05').map((d) => [d.kind, d.key])).toEqual([
      ['quarter', '2026-Q4'],
      ['year', '2026'],
    ]);
  });
});

describe('config: stations and 代办员', () => {
  const folder = (edit: (center: any, staff: any[]) => void) => {
    const dir = mkdtempSync(join(tmpdir(), 'cfg-'));
    copyTestConfig(new URL('../../config', import.meta.url).pathname, dir);
    const center = JSON.parse(readFileSync(join(dir, 'center.json'), 'utf8'));
    const staff = JSON.parse(readFileSync(join(dir, 'staff.json'), 'utf8'));
    edit(center, staff);
    writeFileSync(join(dir, 'center.json'), JSON.stringify(center));
    writeFileSync(join(dir, 'staff.json'), JSON.stringify(staff));
    return dir;
  };
  const problems = (dir: string) => {
    try {
      loadConfig(dir);
      return [];
    } catch (err) {
      return (err as ConfigError).problems;
    }
  };

  it('accepts an agent bound to a configured station', () => {
    const dir = folder((c, s) => {
      c.stations = [{ id: 'qingshan', name: '青山村便民服务站' }];
      s.push({ ...s[0], id: 'qs-agent', name: '李代办', role: 'agent', windows: [], stationId: 'qingshan' });
    });
    expect(loadConfig(dir).staff.find((s) => s.id === 'qs-agent')?.stationId).toBe('qingshan');
  });

  it('refuses an agent without a station, an unknown station and a station on window staff', () => {
    let first = 0;
    const dir = folder((c, s) => {
      c.stations = [{ id: 'qingshan', name: '青山村便民服务站' }];
      first = s.length;
      s.push({ ...s[0], id: 'a1', role: 'agent', windows: [] });
      s.push({ ...s[0], id: 'a2', role: 'agent', windows: [], stationId: 'nowhere' });
      s[0].stationId = 'qingshan';
    });
    const p = problems(dir);
    expect(p).toContain(
      `staff.json [${first}].stationId：代办员账号必须填写所属服务站（center.json stations 中的编号）`,
    );
    expect(p).toContain(
      `staff.json [${first + 1}].stationId：没有编号为 "nowhere" 的服务站（见 center.json stations）`,
    );
    expect(p).toContain('staff.json [0].stationId：只有代办员（role 为 "agent"）属于服务站');
  });
});
