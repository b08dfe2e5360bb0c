// /admin 节假日安排 (issue 24 ⑪): the administrator enters the State Council's holiday notice
// (国务院办公厅关于…年部分节假日安排的通知) for a year the calendar package does not carry yet. The notice is
// written to config/holidays.json through editConfigFile — checked with the loader's own validator on a copy of
// the whole config folder, then written atomically — recorded in the event log (admin.holidays.updated, before
// and after), applied to the running calendar, and the hand-set promised dates of open cases are counted again.
//
// 限时办结制度 第八条 "限时办结时间以工作日计算": a promised date is counted in working days, and working days are
// the official calendar's; a date confirmed by hand while the notice was missing is only a stand-in (待核对).
import type { AppContext } from '../app-context.ts';
import { localTime } from '../common/clock.ts';
import { DomainError } from '../common/errors.ts';
import { editConfigFile } from '../config/edit.ts';
import type { HolidaysConfig } from '../config/schema.ts';
import { HolidayNoticeBody, type HolidaySaved, type HolidaysView, type HolidayYearView } from '../contract/holidays.ts';
import { readBody, sendJson, type Router } from '../http/kit.ts';
import type { CaseStore } from '../cases/store.ts';
import { officialYear, packageCalendarYears, replaceOfficialYear } from './working-days.ts';
import { statutoryHolidays } from './statutory-holidays.ts';

type NoticeYear = HolidaysConfig['years'][number];

export function holidayRoutes(services: { cases: CaseStore }) {
  return (router: Router, ctx: AppContext): void => {
    const { cases } = services;
    const thisYear = () => Number(localTime(ctx.clock(), ctx.config.center.timezone).date.slice(0, 4));

    const yearView = (year: string): HolidayYearView | null => {
      const cal = officialYear(year);
      if (!cal) return null;
      const entry = ctx.config.holidays?.years.find((y) => y.year === year);
      return {
        year,
        from: cal.from,
        notice: cal.from === 'notice' ? (entry?.notice ?? ctx.config.holidays?.source ?? null) : null,
        documentNo: cal.from === 'notice' ? (entry?.documentNo ?? null) : null,
        holidays: cal.holidays,
        workdays: cal.workdays,
      };
    };
    const view = (): HolidaysView => {
      const y = thisYear();
      return {
        today: localTime(ctx.clock(), ctx.config.center.timezone).date,
        years: [String(y), String(y + 1)].map((year) => ({ year, calendar: yearView(year) })),
        manualCases: cases.countManualOpen(),
      };
    };

    router.add('GET', '/api/admin/holidays', (req, res) => {
      ctx.access.requireAdmin(req);
      sendJson(res, 200, view());
    });

    router.add('PUT', '/api/admin/holidays/:year', async (req, res) => {
      const session = ctx.access.requireAdmin(req);
      const year = req.params.year ?? '';
      const now = thisYear();
      if (!/^\d{4}$/.test(year) || Number(year) < now || Number(year) > now + 1)
        throw new DomainError('bad-year', `只能录入今年（${now}）或明年（${now + 1}）的放假安排`);
      if (packageCalendarYears().includes(year))
        throw new DomainError(
          'calendar-carried',
          `${year} 年的放假安排日历数据已经收录（国务院办公厅通知），无需录入，也不能在此修改`,
        );
      const body = await readBody(req, HolidayNoticeBody);
      const notice = body.notice.trim();
      const documentNo = body.documentNo.trim();
      const holidays = [...new Set(body.holidays)].sort();
      const workdays = [...new Set(body.workdays)].sort();
      // 《全国年节及纪念日放假办法》: the notice arranges the statutory days and may only add days off around them;
      // a list without one of them is a typing slip, not the notice.
      const statutory = [...statutoryHolidays(Number(year))];
      const left = statutory.filter(([d]) => !holidays.includes(d));
      if (left.length)
        throw new DomainError(
          'notice-incomplete',
          `放假日期缺少法定节假日（《全国年节及纪念日放假办法》）：${left.map(([d, n]) => `${d}（${n}）`).join('、')}，请按通知原文核对`,
        );
      const entry: NoticeYear = { year, notice, documentNo, holidays, workdays };
      const before = ctx.config.holidays?.years.find((y) => y.year === year) ?? null;
      const next = editConfigFile(ctx.config.dir, 'holidays.json', (raw: Record<string, unknown>) => {
        if (!raw || typeof raw !== 'object' || Array.isArray(raw))
          throw new DomainError('config-unreadable', 'holidays.json 不是一个 JSON 对象，请检查配置文件');
        const years = (Array.isArray(raw.years) ? (raw.years as NoticeYear[]) : []).filter(
          (y) => !(y && typeof y === 'object' && y.year === year),
        );
        years.push(entry);
        years.sort((a, b) => String(a.year).localeCompare(String(b.year)));
        raw.years = years;
        // The file's source names every notice it holds; a year written by hand keeps the old wording.
        const named = years.filter((y) => y.notice).map((y) => `${y.notice}（${y.documentNo ?? '文号未填'}）`);
        const byHand = years.some((y) => !y.notice) && typeof raw.source === 'string' ? [raw.source] : [];
        raw.source = [...byHand, ...named].join('；').slice(0, 300);
      });
      const saved = next.holidays!.years.find((y) => y.year === year)!;
      replaceOfficialYear(saved);
      ctx.config.holidays = next.holidays;
      const recomputed = cases.recomputeForNotice(year, `《${notice}》（${documentNo}）`, session.staffId);
      ctx.store.logEvent(session.staffId, 'admin.holidays.updated', {
        year,
        before,
        after: saved,
        recomputed: recomputed.map((c) => ({ caseNo: c.caseNo, before: c.before, after: c.after })),
      });
      ctx.log(
        `节假日日历：管理员录入 ${year} 年放假安排（${notice}，${documentNo}），重新计算承诺办结日期 ${recomputed.length} 件`,
      );
      const answer: HolidaySaved = { saved: yearView(year)!, recomputed, view: view() };
      sendJson(res, 200, answer);
    });
  };
}
