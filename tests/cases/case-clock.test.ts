// The 限时办结 clock, rule by rule, on the State Council's 2026 calendar (chinese-days): each example's date
// was counted by hand on that calendar (National Day 10-01…10-07 off, make-up Sunday 09-20 and Saturday
// 10-10 worked; Mid-Autumn 09-25…09-27 off). Each test quotes the article it checks.
import { describe, expect, it } from 'vitest';
import { CalendarMissingError, isWorkingDay } from '../../server/calendar/working-days.ts';
import {
  computeClock,
  correctionNoticeDue,
  DEFAULT_LIMIT_DAYS,
  dueDate,
  extensionRefusal,
  timeLimit,
  workingDaysLeft,
  type ClockFacts,
} from '../../server/cases/clock.ts';

const facts = (f: Partial<ClockFacts>): ClockFacts => ({
  limitDays: 10,
  limitSource: 'guide',
  acceptedOn: '2026-11-02',
  startAfter: '2026-11-02',
  waitingCorrectionSince: null,
  pauses: [],
  extensionDays: 0,
  applicantDays: 0,
  endedOn: null,
  manual: null,
  ...f,
});

describe('限时办结制度 第六条 "法律法规和政策没有规定的,按20个工作日计算"', () => {
  it('rule 1: no promise and no legal limit in the guide → 20 working days, source 第六条默认', () => {
    expect(timeLimit({ promisedDays: null, legalDays: null }, undefined)).toEqual({
      days: DEFAULT_LIMIT_DAYS,
      source: 'default',
    });
    expect(timeLimit(null, undefined)).toEqual({ days: 20, source: 'default' });
    // Accepted Wednesday 2026-09-16: the 20th working day, across Mid-Autumn and National Day with both make-up days, is 2026-10-20.
    expect(dueDate('2026-09-16', 20, [], isWorkingDay)).toBe('2026-10-20');
  });

  it('rule 1: the guide promise (指南承诺), the legal limit (法定), a number typed at the window (窗口填写), never past the legal limit', () => {
    expect(timeLimit({ promisedDays: 5, legalDays: null }, undefined)).toEqual({ days: 5, source: 'guide' });
    expect(timeLimit({ promisedDays: 5, legalDays: null }, 5)).toEqual({ days: 5, source: 'guide' });
    expect(timeLimit({ promisedDays: null, legalDays: 30 }, undefined)).toEqual({ days: 30, source: 'legal' });
    expect(timeLimit({ promisedDays: 5, legalDays: 30 }, 12)).toEqual({ days: 12, source: 'window' });
    expect(timeLimit({ promisedDays: null, legalDays: 30 }, 31)).toEqual({
      error: '承诺时限 31 个工作日超过了法定时限 30 个工作日，承诺时限应在法定时限以内',
    });
  });
});

describe('限时办结制度 第八条 "告知申请人补正材料时有遗漏的,其办结时限从收到第一次补正材料的次日起计算"', () => {
  it('rule 2: first materials Wednesday 11-04 → 10 days end 11-18; the omitted ones back on 11-12 do not restart the count (it would be 11-26)', () => {
    // The store keeps startAfter at the first materials' day through a second correction; the clock never restarts.
    const clock = computeClock(
      facts({ startAfter: '2026-11-04', acceptedOn: '2026-11-04' }),
      '2026-11-12',
      isWorkingDay,
    );
    expect(clock.promisedDate).toBe('2026-11-18');
    expect(clock.usedDays).toBe(6); // 11-05, 06, 09, 10, 11, 12: the wait for the omitted materials counts
    expect(dueDate('2026-11-12', 10, [], isWorkingDay)).toBe('2026-11-26'); // what a restart would have given
  });

  it('the first correction: not started until the materials arrive, then from the next day', () => {
    const waiting = computeClock(
      facts({ startAfter: null, waitingCorrectionSince: '2026-11-02' }),
      '2026-11-10',
      isWorkingDay,
    );
    expect(waiting).toMatchObject({
      running: 'not-started',
      usedDays: 0,
      leftDays: 10,
      promisedDate: null,
      pausedSince: '2026-11-02',
    });
  });
});

describe('限时办结制度 第九条 "需报上级机关、部门批准的服务事项,其办结时限不包含上级机关、部门办理的时间"', () => {
  const reported = { pauses: [{ from: '2026-11-05', to: null }] };
  it('rule 3: accepted 11-02 (10 days, due 11-16), reported Thursday 11-05 → paused with 3 used and 7 left, no date', () => {
    const c = computeClock(facts(reported), '2026-11-20', isWorkingDay);
    expect(c).toMatchObject({
      running: 'paused',
      usedDays: 3,
      leftDays: 7,
      pausedDays: 11,
      promisedDate: null,
      overdue: false,
      pausedSince: '2026-11-05',
    });
  });

  it('rule 3: returned Monday 11-23 after 12 working days at the authority → due 12-02; finished 11-30 is on time though past 11-16', () => {
    const back = facts({ pauses: [{ from: '2026-11-05', to: '2026-11-23' }] });
    expect(dueDate('2026-11-02', 10, [], isWorkingDay)).toBe('2026-11-16');
    const c = computeClock(back, '2026-11-24', isWorkingDay);
    expect(c).toMatchObject({ running: 'running', usedDays: 4, pausedDays: 12, promisedDate: '2026-12-02' });
    const done = computeClock({ ...back, endedOn: '2026-11-30' }, '2026-12-10', isWorkingDay);
    expect(done).toMatchObject({ running: 'stopped', usedDays: 8, overdue: false });
    // Reported late (after its 10 days were used) it stays overdue whatever the city does.
    const late = computeClock(
      facts({ pauses: [{ from: '2026-11-18', to: '2026-11-20' }], endedOn: '2026-11-20' }),
      '2026-11-20',
      isWorkingDay,
    );
    expect(late).toMatchObject({ usedDays: 12, overdue: true });
  });
});

describe('限时办结制度 第七条 "须经街道相关领导书面批准,并提前3日书面告知申请人"', () => {
  it('rule 4: due Monday 11-16: approval on Wednesday 11-11 leaves 3 working days (allowed), on Thursday 11-12 only 2 (refused)', () => {
    expect(extensionRefusal('2026-11-11', '2026-11-16', isWorkingDay)).toBeNull();
    expect(extensionRefusal('2026-11-12', '2026-11-16', isWorkingDay)).toBe(
      '延期须在原承诺办结日期（2026-11-16）前至少 3 个工作日经领导书面批准并书面告知申请人，现仅剩 2 个工作日，不能批准延期',
    );
    expect(extensionRefusal('2026-11-17', '2026-11-16', isWorkingDay)).toContain('已过');
  });

  it('rule 4: 5 approved extension days move 11-16 to 11-23', () => {
    expect(computeClock(facts({ extensionDays: 5 }), '2026-11-11', isWorkingDay)).toMatchObject({
      allowedDays: 15,
      promisedDate: '2026-11-23',
      leftDays: 8,
    });
  });
});

describe('限时办结制度 第十三条 "因申请人原因,导致未在承诺时限內办结的,视为按时办结"', () => {
  it('rule 5: 2 applicant-caused days: finished Wednesday 11-18 (12 working days elapsed) is on time; the date moves to 11-18', () => {
    const c = computeClock(facts({ applicantDays: 2, endedOn: '2026-11-18' }), '2026-11-18', isWorkingDay);
    expect(c).toMatchObject({ usedDays: 10, applicantDays: 2, overdue: false, promisedDate: '2026-11-18' });
    expect(computeClock(facts({ endedOn: '2026-11-18' }), '2026-11-18', isWorkingDay).overdue).toBe(true);
  });
});

describe('一次性告知制度 第三条 "是行政许可范围的应在五个工作日内一次性告知其所需补正的全部内容"', () => {
  it('rule 6: a 行政许可 application taken in Wednesday 09-23 → notice by 10-08 (Mid-Autumn and National Day off); other types: no such deadline', () => {
    expect(correctionNoticeDue('行政许可', '2026-09-23', isWorkingDay)).toBe('2026-10-08');
    expect(correctionNoticeDue('公共服务', '2026-09-23', isWorkingDay)).toBeNull();
    expect(workingDaysLeft('2026-09-28', '2026-10-08', isWorkingDay)).toBe(3);
    expect(workingDaysLeft('2026-10-09', '2026-10-08', isWorkingDay)).toBe(-1);
  });
});

describe('rule 9: a year the holiday calendar does not carry (a date confirmed by hand, 人工确认)', () => {
  // 2027 without data (as chinese-days 1.5.7), then with an example notice that makes only 01-01 a holiday.
  const without2027 = (d: string) =>
    d.startsWith('2027')
      ? (() => {
          throw new CalendarMissingError('2027');
        })()
      : isWorkingDay(d);
  const with2027 = (d: string) =>
    d.startsWith('2027')
      ? d !== '2027-01-01' && ![0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay())
      : isWorkingDay(d);
  const dec = facts({
    limitDays: 20,
    limitSource: 'default',
    acceptedOn: '2026-12-10',
    startAfter: '2026-12-10',
    manual: { date: '2027-01-11', reason: '国务院2027年放假安排尚未公布，按周一至周五计' },
  });

  it('the count into 2027 cannot be computed: the hand-set date stands, marked unchecked; used days still count in 2026', () => {
    expect(() => dueDate('2026-12-10', 20, [], without2027)).toThrow(CalendarMissingError);
    const c = computeClock(dec, '2026-12-18', without2027);
    expect(c).toMatchObject({
      promisedDate: '2027-01-11',
      usedDays: 6,
      manual: { date: '2027-01-11', check: 'unchecked', computedDate: null },
    });
  });

  it('once 2027 arrives the date is recomputed (12-11…12-31 give 15, then 01-04…01-08) and a different hand-set date is flagged', () => {
    expect(computeClock(dec, '2026-12-18', with2027).manual).toEqual({
      date: '2027-01-11',
      reason: dec.manual!.reason,
      check: 'disagrees',
      computedDate: '2027-01-08',
    });
    expect(
      computeClock({ ...dec, manual: { date: '2027-01-08', reason: 'x' } }, '2026-12-18', with2027).manual?.check,
    ).toBe('agrees');
  });
});
