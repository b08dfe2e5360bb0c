// Issue 24 item 10: one counting rule for the case kinds. Seed 004 四㈣ 应知应会 names them: "即办件、退回件、
// 承诺件、联办件、补办件和代理件". December's admin monthly report (server/stats/) said 承诺件 1 while the
// register month report (server/registers/) said 2: the register counted a refusal and a 补正 never completed
// as 承诺件, and read states the case reached after the month. One module (server/cases/kinds.ts) now
// classifies and counts for both; this test walks a month of cases under the injectable clock and compares
// the two reports cell by cell.
import { afterEach, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../../server/store/db.ts';
import { CaseStore } from '../../server/cases/store.ts';
import { RegisterStore } from '../../server/registers/store.ts';
import { loadStats } from '../../server/stats/load.ts';
import { reportSpec, reportTables } from '../../server/stats/report.ts';
import { reportDoc } from '../../server/registers/reports.ts';
import type { Matter } from '../../server/contract/matters.ts';
import { manualClock } from '../helpers/config.ts';
import { stationConfig } from './fixtures.ts';
import { JointStore } from '../../server/joint/store.ts';

const open: Db[] = [];
afterEach(() => {
  for (const db of open.splice(0)) if (db.open) db.close();
});

const china = (date: string, time: string) => new Date(Date.parse(`${date}T${time}:00+08:00`)).toISOString();

const matter = (id: string, name: string, caseKind: 'immediate' | 'promised'): Matter => ({
  id,
  name,
  type: '公共服务',
  body: '顾力木图街道',
  levels: ['street'],
  department: '民政',
  categoryId: 'civil',
  guide: {
    basis: [],
    conditions: [],
    materials: [
      { name: '户口簿', original: true, copy: false, count: null, required: true, condition: null, note: null },
    ],
    steps: [],
    promisedDays: caseKind === 'promised' ? 5 : null,
    legalDays: null,
    timeLimitText: null,
    caseKind,
    fees: null,
    place: null,
    phone: null,
    source: '测试',
  },
});

/** A December of cases, from the last day of November to mid-January. */
function walkDecember() {
  const config = stationConfig();
  const clock = manualClock(china('2026-11-30', '09:00'));
  const db = openDb(':memory:');
  open.push(db);
  const tz = config.center.timezone;
  const cases = new CaseStore(db, clock, tz, () => true);
  const registers = new RegisterStore(db, clock, tz);
  const joint = new JointStore(db, clock, tz, () => true);
  const at = (date: string, time = '10:00') => clock.set(china(date, time));
  const base = { windowNo: 4, staffId: 'w4a', ticketId: null, applicantMasked: null };
  const gaoling = matter('gaoling', '高龄津贴申请', 'immediate');
  const dibao = matter('dibao', '最低生活保障申请', 'promised');

  // November: accepted on the 30th, finished in December. Not December's case.
  const nov = cases.accept({ ...base, matter: dibao });
  at('2026-12-01');
  cases.accept({ ...base, matter: gaoling }); // 即办件, finished at once
  at('2026-12-02');
  const promised = cases.accept({ ...base, matter: dibao }); // 承诺件
  cases.advance(nov.id, 'finished', null, 'w4a');
  at('2026-12-03');
  // 补办件 at acceptance (一次性告知制度 第三条): never completed, so never accepted — 补正件, not a 承诺件.
  cases.accept({ ...base, matter: dibao, missingMaterials: ['户口簿'] });
  at('2026-12-04');
  // 不予受理 (退回件): neither 即办件 nor 承诺件.
  cases.accept({ ...base, matter: dibao, rejectReason: '户籍不在本街道' });
  at('2026-12-07');
  // 代理件 (代办): a village station's matter, accepted by the street window as a 承诺件.
  const db1 = registers.registerDaiban({
    stationId: 'qingshan',
    agentId: 'qs-agent',
    residentName: '王小明',
    matterId: 'dibao',
    matterName: dibao.name,
    authorization: '书面委托',
    materialsOk: ['户口簿'],
    materialsMissing: [],
  });
  registers.forward(db1.id, 'qingshan');
  const daiban = cases.accept({ ...base, matter: dibao });
  registers.accepted(db1.id, daiban.id, 'w4a');
  at('2026-12-08');
  // 联办件 (一次性告知制度 第四条 "所办事项涉及多个部门"): window 4 leads, window 5 does the 入户核实.
  const jointCase = cases.accept({ ...base, matter: dibao });
  joint.create(
    { ...jointCase, promisedDate: jointCase.promisedDate },
    [{ windowNo: 5, step: '入户核实', dueDate: '2026-12-10' }],
    {
      staffId: 'w4a',
      allowedSteps: ['入户核实'],
      windows: [4, 5],
    },
  );
  at('2026-12-10');
  cases.advance(promised.id, 'finished', null, 'w4a');
  // Accepted on the 29th, 补正 asked on January 4th: in December it was a running 承诺件, no 补正件 yet.
  at('2026-12-29');
  const lateCorrection = cases.accept({ ...base, matter: dibao });
  // Accepted on the 30th, extended across the month's end, finished in January.
  at('2026-12-30');
  const extended = cases.accept({ ...base, matter: dibao });
  cases.requestExtension(extended.id, { days: 5, reason: '需入户核实' }, 'w4a');
  cases.decideExtension(extended.id, { approve: true }, { id: 'lead', name: '带班领导' });
  // 收件 on the 31st (第三条: the decision comes later), decided on January 4th.
  at('2026-12-31', '16:00');
  const received = cases.accept({ ...base, matter: dibao, intake: true });
  at('2027-01-04');
  cases.requestCorrection(lateCorrection.id, ['收入证明'], 'w4a');
  cases.decide(received.id, { outcome: 'accept' }, dibao, 'w4a');
  at('2027-01-08');
  cases.advance(extended.id, 'finished', null, 'w4a');
  at('2027-01-11', '09:00');
  return { config, clock, db, registers };
}

/** The 合计 row of a table, as {column: cell}. */
function totals(table: { columns: string[]; rows: (string | number)[][] }): Record<string, string | number> {
  const row = table.rows.find((r) => r[0] === '合计')!;
  return Object.fromEntries(table.columns.map((c, i) => [c, row[i]!]));
}

describe('one counting rule for the case kinds (seed 004 四㈣: 即办件、退回件、承诺件、联办件、补办件和代理件)', () => {
  it('the admin monthly report and the register month report give the same December figures', () => {
    const { config, clock, db, registers } = walkDecember();
    const spec = reportSpec('month', '2026-12', config.center.name)!;
    const stats = loadStats(db, config, { from: spec.from, to: spec.to, period: spec.period }, clock(), () => true);
    const admin = totals(reportTables(stats, spec).find((t) => t.heading === '六、办件统计（按事项）')!);
    const doc = reportDoc('month', '2026-12', {
      centerName: config.center.name,
      timeZone: config.center.timezone,
      stations: config.stations,
      agents: [{ id: 'qs-agent', name: '李代办', stationId: 'qingshan' }],
      cases: (from, to) => registers.cases(from, to),
      daiban: () => [],
      firstContacts: () => [],
      homeVisits: () => [],
      complaints: () => [],
      generatedAt: '2027-01-11',
    })!;
    const register = totals(doc.tables[0]!);
    // By hand: 即办 1 (12-01); 承诺 5 (12-02, 代办 12-07, 联办 12-08, 12-29, 12-30) — not the 补正 of 12-03, the
    // refusal of 12-04 or the 收件 of 12-31 decided in January; 补正件 1 (12-03; the 12-29 case's 补正 came in
    // January); 退回件 1; 代办件 1; 联办件 1; 9 cases registered in December.
    const expected = { 即办件: 1, 承诺件: 5, 上报件: 0, 补正件: 1, 退回件: 1, 代办件: 1, 联办件: 1 };
    expect(register).toMatchObject({ 办件数: 9, ...expected });
    expect({
      即办件: admin.即办件,
      承诺件: admin.承诺件,
      上报件: admin.上报件,
      补正件: admin.补正件,
      退回件: admin['退回件（不予受理）'],
      代办件: admin.代办件,
      联办件: admin.联办件,
    }).toEqual(expected);
    expect(admin.收件数).toBe(register.办件数);
  });
});
