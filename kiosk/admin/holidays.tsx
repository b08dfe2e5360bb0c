// /admin → 节假日安排 (issue 24 ⑪): the State Council's holiday notice (国务院办公厅关于…年部分节假日安排的通知)
// for a year the calendar data does not carry yet. The administrator copies the notice: its name, its document
// number, and on a year calendar each day off (放假) and each weekend made a working day (调休上班). The server
// checks it with the same validator as config/holidays.json at start-up, saves it, records it in the audit list,
// and counts the hand-set promised dates (待核对) of open cases again on it.
// 限时办结制度 第八条 "限时办结时间以工作日计算": working days are the official calendar's.
import { useEffect, useState } from 'preact/hooks';
import { api, ApiCallError } from '../lib/api.ts';
import type { HolidayNoticeBody, HolidaySaved, HolidaysView, HolidayYearView } from '../../server/contract/holidays.ts';
import './holidays.css';

const WEEK = ['一', '二', '三', '四', '五', '六', '日'];
const pad = (n: number) => String(n).padStart(2, '0');
const weekdayOf = (date: string) => (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7; // Monday 0
const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

type Mark = 'off' | 'work';

export function Holidays() {
  const [view, setView] = useState<HolidaysView | null>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    api<HolidaysView>('GET', '/api/admin/holidays')
      .then(setView)
      .catch((err: ApiCallError) => setError(err.message));
  }, []);
  if (error)
    return (
      <p class="error" role="alert">
        {error}
      </p>
    );
  if (!view) return <p class="muted">正在读取节假日日历…</p>;
  return (
    <div class="holidays" data-testid="holidays">
      <section class="card">
        <h2>节假日安排（承诺办结日期按官方日历的工作日计算）</h2>
        <p class="muted">
          限时办结制度第八条：“限时办结时间以工作日计算”。工作日以国务院办公厅每年公布的《关于××年部分节假日安排的通知》为准。
          日历数据未收录的年份，请在通知公布后按原文录入放假日期和调休上班日期；录入前窗口只能人工确认承诺办结日期（待核对），
          保存后这些日期按官方日历重新计算，并记入各办件的办理记录。
        </p>
        {view.manualCases > 0 && (
          <p class="warn-line" data-testid="manual-cases">
            目前有 {view.manualCases} 件在办办件的承诺办结日期为人工确认（待核对）。
          </p>
        )}
      </section>
      {view.years.map((y) =>
        y.calendar?.from === 'package' ? (
          <CarriedYear key={y.year} cal={y.calendar} />
        ) : (
          <NoticeForm key={y.year} year={y.year} cal={y.calendar} onSaved={(v) => setView(v)} />
        ),
      )}
    </div>
  );
}

function CarriedYear({ cal }: { cal: HolidayYearView }) {
  return (
    <section class="card" data-testid={`year-${cal.year}`}>
      <h2>{cal.year} 年：日历数据已收录</h2>
      <p class="muted">
        放假 {cal.holidays.length} 天，调休上班 {cal.workdays.length} 天（随软件提供的官方日历数据，不在此修改）。
        调休上班：{cal.workdays.map((d) => d.slice(5).replace('-', '月') + '日').join('、') || '无'}
      </p>
    </section>
  );
}

function NoticeForm(props: { year: string; cal: HolidayYearView | null; onSaved: (v: HolidaysView) => void }) {
  const { year, cal } = props;
  const [notice, setNotice] = useState(cal?.notice ?? '');
  const [documentNo, setDocumentNo] = useState(cal?.documentNo ?? '');
  const [marks, setMarks] = useState<Map<string, Mark>>(
    () =>
      new Map([
        ...(cal?.holidays ?? []).map((d) => [d, 'off'] as [string, Mark]),
        ...(cal?.workdays ?? []).map((d) => [d, 'work'] as [string, Mark]),
      ]),
  );
  const [message, setMessage] = useState<{ ok: boolean; text: string; lines?: string[] } | null>(null);
  const [busy, setBusy] = useState(false);
  const off = [...marks].filter(([, m]) => m === 'off').map(([d]) => d);
  const work = [...marks].filter(([, m]) => m === 'work').map(([d]) => d);

  // A weekday: 工作日 ⇄ 放假. A weekend day: 休息 → 放假（节日当天）→ 调休上班 → 休息.
  const cycle = (date: string) => {
    const weekend = weekdayOf(date) >= 5;
    const now = marks.get(date);
    const next: Mark | undefined = weekend
      ? now === undefined
        ? 'off'
        : now === 'off'
          ? 'work'
          : undefined
      : now === undefined
        ? 'off'
        : undefined;
    const m = new Map(marks);
    if (next) m.set(date, next);
    else m.delete(date);
    setMarks(m);
    setMessage(null);
  };

  const save = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setMessage(null);
    const body: HolidayNoticeBody = {
      notice: notice.trim(),
      documentNo: documentNo.trim(),
      holidays: off.sort(),
      workdays: work.sort(),
    };
    try {
      const r = await api<HolidaySaved>('PUT', `/api/admin/holidays/${year}`, body);
      setMessage({
        ok: true,
        text: `已保存 ${year} 年放假安排，已记入操作记录。重新计算承诺办结日期 ${r.recomputed.length} 件${r.recomputed.length ? '（已记入各办件的办理记录，请告知申请人）：' : '。'}`,
        lines: r.recomputed.map(
          (c) => `办件 ${c.caseNo}：${c.before}${c.wasManual ? '（人工确认）' : ''} → ${c.after}`,
        ),
      });
      props.onSaved(r.view);
    } catch (err) {
      // The schema names the fields as sent; the administrator knows them by the form's labels.
      const text = (err as ApiCallError).message
        .replace(/documentNo/g, '文号')
        .replace(/notice/g, '通知名称')
        .replace(/holidays/g, '放假日期')
        .replace(/workdays/g, '调休上班日期');
      setMessage({ ok: false, text });
    } finally {
      setBusy(false);
    }
  };

  const y = Number(year);
  return (
    <section class="card notice-form" data-testid={`year-${year}`}>
      <h2>
        {year} 年：
        {cal
          ? `已按《${cal.notice ?? ''}》（${cal.documentNo ?? '文号未填'}）录入`
          : '日历数据尚未收录，请按国务院办公厅通知录入'}
      </h2>
      <form onSubmit={save}>
        <div class="notice-fields">
          <label>
            通知名称
            <input
              name="notice"
              value={notice}
              placeholder={`国务院办公厅关于${year}年部分节假日安排的通知`}
              maxLength={120}
              onInput={(e) => setNotice(e.currentTarget.value)}
            />
          </label>
          <label>
            文号
            <input
              name="documentNo"
              value={documentNo}
              placeholder="如 国办发明电〔2025〕7号"
              maxLength={40}
              onInput={(e) => setDocumentNo(e.currentTarget.value)}
            />
          </label>
        </div>
        <p class="legend">
          点击日期标注：<span class="day off">放假</span> <span class="day work">调休上班</span>（仅周六、周日）
          <span class="day weekend">周末休息</span> <span class="day">工作日</span> · 已标注放假 {off.length}{' '}
          天、调休上班 {work.length} 天
        </p>
        <div class="year-grid">
          {Array.from({ length: 12 }, (_, i) => i + 1).map((month) => {
            const first = `${year}-${pad(month)}-01`;
            const lead = weekdayOf(first);
            return (
              <div class="month" key={month}>
                <b>{month}月</b>
                <div class="days">
                  {WEEK.map((w) => (
                    <span key={w} class="wk">
                      {w}
                    </span>
                  ))}
                  {Array.from({ length: lead }, (_, k) => (
                    <span key={`l${k}`} />
                  ))}
                  {Array.from({ length: daysIn(y, month) }, (_, k) => {
                    const date = `${year}-${pad(month)}-${pad(k + 1)}`;
                    const mark = marks.get(date);
                    const weekend = weekdayOf(date) >= 5;
                    return (
                      <button
                        type="button"
                        key={date}
                        data-date={date}
                        class={`day ${mark ?? (weekend ? 'weekend' : '')}`}
                        title={`${date} ${mark === 'off' ? '放假' : mark === 'work' ? '调休上班' : weekend ? '周末休息' : '工作日'}`}
                        onClick={() => cycle(date)}
                      >
                        {k + 1}
                      </button>
                    );
                  })}
                </div>
              </div>
            );
          })}
        </div>
        <div class="actions">
          <button type="submit" class="primary" disabled={busy || off.length === 0} data-testid="save-notice">
            保存 {year} 年放假安排
          </button>
          {message && (
            <div
              class={message.ok ? 'ok' : 'error'}
              role={message.ok ? 'status' : 'alert'}
              data-testid="notice-message"
            >
              {message.text}
              {message.lines && message.lines.length > 0 && (
                <ul>
                  {message.lines.map((l) => (
                    <li key={l}>{l}</li>
                  ))}
                </ul>
              )}
            </div>
          )}
        </div>
      </form>
    </section>
  );
}
