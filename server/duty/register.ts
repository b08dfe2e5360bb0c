// The month's AB岗 register (AB岗工作制度 四、五; seed 002 篇8 上午、下午两次签到; seed 004 运行机制㈠ 考勤考核):
// the 空岗 gaps with their minutes, the 签到 record, the 移交 and 书面记录, and beside each gap the 扣分 the rule
// names — as facts for the centre's assessment (第五条 "纳入街道社区年终考核"), never applied by this program.
import { instantOf, localTime } from '../common/clock.ts';
import type { Cell, PrintDoc } from '../registers/format.ts';
import { dayAttendance, dayGaps, type DutyWindow, type Gap, type SignEvent } from './presence.ts';
import type { DutyStore, GapComplaintRow, HandoverRow } from './store.ts';

export interface DutyCalendar {
  timeZone: string;
  /** config hours.sessions, HH:MM local. */
  sessions: readonly { from: string; to: string }[];
  /** Is the centre open on this date (official working day, or any day if hours.workingDaysOnly is false). */
  isOpenDay(date: string): boolean;
}

export interface DutyNames {
  staff(id: string | null | undefined): string;
  window(no: number): string;
  category(id: string): string;
}

/** The opening sessions of a date as instants. */
export function daySessions(date: string, cal: DutyCalendar, reference: Date): { from: number; to: number }[] {
  if (!cal.isOpenDay(date)) return [];
  return cal.sessions.map((s) => ({
    from: instantOf(date, s.from, cal.timeZone, reference).getTime(),
    to: instantOf(date, s.to, cal.timeZone, reference).getTime(),
  }));
}

function nextDate(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

export interface DutyDay {
  date: string;
  gaps: Gap[];
  events: SignEvent[];
  firstSessionEnd: number;
}

/** The days from `from` to `to` (inclusive) that are judged: open days up to today. */
export function dutyDays(
  store: DutyStore,
  windows: readonly DutyWindow[],
  cal: DutyCalendar,
  from: string,
  to: string,
  now: Date,
): DutyDay[] {
  const days: DutyDay[] = [];
  const today = localTime(now, cal.timeZone).date;
  // Judged from the first day the windows signed in through this system: before it there is no record to
  // judge, not a month of 空岗.
  const first = store.firstSignDate(cal.timeZone);
  if (first === null) return days;
  if (from < first) from = first;
  for (let d = from; d <= to && d <= today; d = nextDate(d)) {
    const sessions = daySessions(d, cal, now);
    if (!sessions.length) continue;
    const dayStart = instantOf(d, '00:00', cal.timeZone, now).toISOString();
    const dayEnd = instantOf(nextDate(d), '00:00', cal.timeZone, now).toISOString();
    const events = store.signEvents(dayStart, dayEnd);
    days.push({
      date: d,
      gaps: dayGaps(windows, sessions, events, now.getTime()),
      events,
      firstSessionEnd: sessions[0]!.to,
    });
  }
  return days;
}

const hhmm = (iso: string | null, tz: string) => (iso ? localTime(new Date(iso), tz).time : '');
const POST_NAMES = { A: 'A岗', B: 'B岗' } as const;

/**
 * 第五条 for one gap: "凡上班期间无临时性特殊安排而出现脱岗现象的,所在岗位或兼任岗位人员每人每次扣2分". A 移交
 * made before the gap (下班, or 外出 until after the gap began) is such an arrangement: not 脱岗, yet still a
 * 空岗 the centre should not have (第四条).
 */
export function gapAssessment(
  gap: Gap,
  window: DutyWindow,
  handovers: readonly HandoverRow[],
  names: DutyNames,
  timeZone: string,
): { arranged: HandoverRow | null; text: string } {
  const start = hhmm(gap.from, timeZone);
  const arranged =
    handovers.find(
      (h) =>
        h.kind === 'handover' &&
        h.window_no === gap.windowNo &&
        h.at <= gap.from &&
        (h.leave === 'day' || (h.until !== null && h.until > start)),
    ) ?? null;
  const people = [window.staff.A, window.staff.B].filter((x): x is string => !!x).map((id) => names.staff(id));
  if (arranged)
    return {
      arranged,
      text: `有移交（${hhmm(arranged.at, timeZone)} ${names.staff(arranged.from_staff)}${arranged.leave === 'day' ? '下班' : `外出至${arranged.until}`}），非脱岗；仍属空岗（第四条）`,
    };
  return {
    arranged,
    text: `脱岗：第五条每人每次扣2分${people.length ? `（${people.join('、')}）` : ''}`,
  };
}

export function complaintText(c: GapComplaintRow): string {
  // The complaint register carries no 查实 verdict in this build: the link is kept, the verdict joined later.
  return `投诉${c.complaint_id}（${c.state ?? '已删除'}）：经查实每人每次扣10分，待查实`;
}

export function dutyRegisterDoc(input: {
  title: string;
  from: string;
  to: string;
  days: readonly DutyDay[];
  windows: readonly DutyWindow[];
  handovers: readonly HandoverRow[];
  complaints: readonly GapComplaintRow[];
  names: DutyNames;
  timeZone: string;
}): PrintDoc & {
  summary: { windowNo: number; gaps: number; minutes: number; unarranged: number; complaints: number }[];
} {
  const { names, timeZone: tz } = input;
  const win = new Map(input.windows.map((w) => [w.no, w]));
  const gapRows: Cell[][] = [];
  const summary = new Map<
    number,
    { windowNo: number; gaps: number; minutes: number; unarranged: number; complaints: number }
  >();
  const sum = (no: number) => {
    let s = summary.get(no);
    if (!s) summary.set(no, (s = { windowNo: no, gaps: 0, minutes: 0, unarranged: 0, complaints: 0 }));
    return s;
  };
  for (const w of input.windows) sum(w.no);
  for (const day of input.days) {
    const dayHandovers = input.handovers.filter((h) => h.service_date === day.date);
    for (const g of day.gaps) {
      const w = win.get(g.windowNo)!;
      const a = gapAssessment(g, w, dayHandovers, names, tz);
      const cs = input.complaints.filter((c) => c.window_no === g.windowNo && c.service_date === day.date);
      const s = sum(g.windowNo);
      s.gaps++;
      s.minutes += g.minutes;
      if (!a.arranged) s.unarranged++;
      gapRows.push([
        gapRows.length + 1,
        day.date,
        names.window(g.windowNo),
        names.staff(w.staff.A),
        names.staff(w.staff.B),
        `${hhmm(g.from, tz)}–${g.open ? '（至今）' : hhmm(g.to, tz)}`,
        g.minutes,
        g.unserved.map((c) => names.category(c)).join('、'),
        a.text,
        cs.map(complaintText).join('；'),
      ]);
    }
  }
  for (const c of input.complaints) sum(c.window_no).complaints++;
  const attendanceRows: Cell[][] = [];
  for (const day of input.days) {
    for (const a of dayAttendance(day.events, day.firstSessionEnd)) {
      const w = win.get(a.windowNo);
      const post = w?.staff.A === a.staffId ? POST_NAMES.A : w?.staff.B === a.staffId ? POST_NAMES.B : '兼任';
      attendanceRows.push([
        day.date,
        names.staff(a.staffId),
        names.window(a.windowNo),
        post,
        hhmm(a.morning, tz) || '未签到',
        hhmm(a.afternoon, tz) || '未签到',
        hhmm(a.signedOut, tz),
      ]);
    }
  }
  const handoverRows: Cell[][] = input.handovers.map((h) => [
    localTime(new Date(h.at), tz).date + ' ' + hhmm(h.at, tz),
    names.window(h.window_no),
    h.kind === 'handover' ? '移交' : '书面记录',
    names.staff(h.from_staff),
    names.staff(h.to_staff),
    h.kind === 'handover' ? (h.leave === 'day' ? '下班' : `外出至${h.until ?? ''}`) : '',
    (JSON.parse(h.open_cases) as string[]).join('、'),
    (JSON.parse(h.open_tickets) as string[]).join('、'),
    h.note ?? '',
    h.read_at ? `${names.staff(h.read_by)} ${hhmm(h.read_at, tz)}` : '未确认',
  ]);
  const summaryRows = [...summary.values()]
    .sort((a, b) => a.windowNo - b.windowNo)
    .map((s) => [names.window(s.windowNo), s.gaps, s.minutes, s.unarranged, s.complaints] as Cell[]);
  return {
    title: input.title,
    meta: `期间：${input.from} 至 ${input.to}（办公时间内；扣分为第五条所列，供考核参考，非系统处分）`,
    tables: [
      {
        heading: '汇总',
        columns: ['窗口', '空岗次数', '空岗分钟', '其中无移交（脱岗）次数', '因无人在岗被投诉'],
        rows: summaryRows,
      },
      {
        heading: '空岗记录（AB岗工作制度 第四条 不得空岗、缺位）',
        columns: [
          '序号',
          '日期',
          '窗口',
          'A岗',
          'B岗',
          '空岗时段',
          '分钟',
          '无人办理的业务',
          '第五条扣分（供考核）',
          '因无人在岗被投诉',
        ],
        rows: gapRows,
      },
      {
        heading: '签到记录（上午、下午两次签到）',
        columns: ['日期', '工作人员', '窗口', '岗位', '上午签到', '下午签到', '签退'],
        rows: attendanceRows,
      },
      {
        heading: '移交与书面记录（AB岗工作制度 第三条）',
        columns: ['时间', '窗口', '类型', '移交人', '接收人', '下班/外出', '在办件', '在办号', '说明', '接收确认'],
        rows: handoverRows,
      },
    ],
    notes: [
      'AB岗工作制度 第五条：上班期间无临时性特殊安排而出现脱岗现象的，所在岗位或兼任岗位人员每人每次扣2分；因无人在岗导致前来办事人员投诉、提意见的，经查实每人每次扣10分。',
      '空岗：办公时间内本窗口无人签到，且本窗口至少一项业务没有其他在岗窗口办理（兼任岗位在岗不算空岗）。',
    ],
    summary: [...summary.values()].sort((a, b) => a.windowNo - b.windowNo),
  };
}
