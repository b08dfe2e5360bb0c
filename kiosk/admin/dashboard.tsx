// The dashboard: a period picker, headline figures, charts (waiting time by hour, load by category,
// ratings, trend) and the tables per category, window, staff member and matter.
import { useEffect, useState } from 'preact/hooks';
import { api, ApiCallError } from '../lib/api.ts';
import type { Figures, Group, StatsReport } from '../../server/contract/stats.ts';
import {
  addDays,
  monthRange,
  PERIOD_NAMES,
  PERIODS,
  quarterRange,
  type Period,
} from '../../server/contract/periods.ts';
import { RATING_NAMES, RATING_VALUES } from '../../server/contract/ratings.ts';
import { HourChart, LoadChart, RatingDonut, TrendChart } from './charts.tsx';
import { SupervisionCard } from './supervision.tsx';
import { DaibanStageCard } from './registers.tsx';

const min = (m: number | null) => (m === null ? '—' : m.toFixed(1));
const pct = (r: number | null) => (r === null ? '—' : `${(r * 100).toFixed(1)}%`);

/** Quick ranges relative to the centre's service date. */
function quickRanges(today: string): { name: string; from: string; to: string; period: Period }[] {
  const weekday = (new Date(`${today}T00:00:00Z`).getUTCDay() + 6) % 7;
  const q = `${today.slice(0, 4)}-Q${Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1}`;
  const lastMonth = monthRange(addDays(`${today.slice(0, 7)}-01`, -1).slice(0, 7))!;
  return [
    { name: '今天', from: today, to: today, period: 'day' },
    { name: '本周', from: addDays(today, -weekday), to: today, period: 'day' },
    { name: '本月', from: `${today.slice(0, 7)}-01`, to: today, period: 'day' },
    { name: '上月', ...lastMonth, period: 'day' },
    { name: '本季度', from: quarterRange(q)!.from, to: today, period: 'month' },
    { name: '今年', from: `${today.slice(0, 4)}-01-01`, to: today, period: 'month' },
  ];
}

export function Dashboard(props: { today: string }) {
  const [query, setQuery] = useState({
    from: `${props.today.slice(0, 7)}-01`,
    to: props.today,
    period: 'day' as Period,
  });
  const [report, setReport] = useState<StatsReport | null>(null);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    setBusy(true);
    setError('');
    api<{ report: StatsReport }>('GET', `/api/admin/stats?${new URLSearchParams(query)}`)
      .then((r) => live && setReport(r.report))
      .catch((err: ApiCallError) => live && setError(err.message))
      .finally(() => live && setBusy(false));
    return () => {
      live = false;
    };
  }, [query.from, query.to, query.period]);

  return (
    <div class="dashboard">
      <SupervisionCard />
      <DaibanStageCard />
      <section class="picker" data-testid="period-picker">
        <div class="quick">
          {quickRanges(props.today).map((r) => (
            <button
              key={r.name}
              class={r.from === query.from && r.to === query.to ? 'chip on' : 'chip'}
              onClick={() => setQuery({ from: r.from, to: r.to, period: r.period })}
            >
              {r.name}
            </button>
          ))}
        </div>
        <label>
          从{' '}
          <input
            type="date"
            name="from"
            value={query.from}
            max={query.to}
            onChange={(e) => e.currentTarget.value && setQuery({ ...query, from: e.currentTarget.value })}
          />
        </label>
        <label>
          到{' '}
          <input
            type="date"
            name="to"
            value={query.to}
            min={query.from}
            onChange={(e) => e.currentTarget.value && setQuery({ ...query, to: e.currentTarget.value })}
          />
        </label>
        <label>
          汇总
          <select
            name="period"
            value={query.period}
            onChange={(e) => setQuery({ ...query, period: e.currentTarget.value as Period })}
          >
            {PERIODS.map((p) => (
              <option key={p} value={p}>
                {PERIOD_NAMES[p]}
              </option>
            ))}
          </select>
        </label>
        {busy && <span class="muted">正在统计…</span>}
      </section>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {report && <ReportView report={report} />}
    </div>
  );
}

function Kpi(props: { label: string; value: string; sub?: string; tone?: string; testid?: string }) {
  return (
    <div class={`kpi ${props.tone ?? ''}`} data-testid={props.testid}>
      <span>{props.label}</span>
      <b>{props.value}</b>
      {props.sub && <small>{props.sub}</small>}
    </div>
  );
}

function ReportView({ report }: { report: StatsReport }) {
  const t = report.totals;
  const hours = report.hours;
  // The working day (08–18 at least), widened to any hour with a ticket: quiet hours show as gaps.
  const used = hours.filter((h) => h.issued > 0 || h.wait.count > 0).map((h) => h.hour);
  const span = used.length ? hours.slice(Math.min(8, ...used), Math.max(18, ...used) + 1) : [];
  const r = t.ratings;
  return (
    <>
      <section class="kpis" data-testid="kpis">
        <Kpi label="取号" value={String(t.issued)} sub={`办结 ${t.served}`} testid="kpi-issued" />
        <Kpi
          label="平均等候"
          value={`${min(t.wait.meanMinutes)} 分钟`}
          sub={`中位数 ${min(t.wait.medianMinutes)} · 90% ${min(t.wait.p90Minutes)}`}
          tone={(t.wait.meanMinutes ?? 0) > 30 ? 'warn' : ''}
        />
        <Kpi
          label="平均办理"
          value={`${min(t.service.meanMinutes)} 分钟`}
          sub={`中位数 ${min(t.service.medianMinutes)} · 90% ${min(t.service.p90Minutes)}`}
        />
        <Kpi label="过号 / 未办" value={`${t.skipped} / ${t.noShows}`} sub={`转办 ${t.transferred}`} />
        <Kpi
          label="满意率"
          value={pct(r.satisfactionRate)}
          sub={`评价 ${r.rated} · 未评价 ${r.counts['not-rated']}`}
          tone={r.satisfactionRate !== null && r.satisfactionRate < 0.9 ? 'warn' : 'good'}
          testid="kpi-satisfaction"
        />
        <Kpi
          label="办件"
          value={String(report.cases.registered)}
          sub={`按时 ${report.cases.finishedOnTime} · 超期 ${report.cases.finishedOverdue + report.cases.openOverdue}`}
          tone={report.cases.openOverdue ? 'warn' : ''}
        />
      </section>
      <section class="charts">
        <figure class="card span2">
          <figcaption>各时段取号量与平均等候时间</figcaption>
          <HourChart rows={span.map((h) => ({ hour: h.hour, issued: h.issued, waitMean: h.wait.meanMinutes }))} />
        </figure>
        <figure class="card">
          <figcaption>好差评</figcaption>
          <RatingDonut
            slices={[
              ...RATING_VALUES.map((v, i) => ({ label: RATING_NAMES[v], value: r.counts[v], cls: `r${i}` })),
              { label: '未评价', value: r.counts['not-rated'], cls: 'rn' },
            ]}
            centre={pct(r.satisfactionRate)}
            caption="满意率"
          />
        </figure>
        <figure class="card">
          <figcaption>各业务类别取号与办结</figcaption>
          <LoadChart
            rows={report.byCategory.map((g) => ({
              label: g.label,
              issued: g.figures.issued,
              served: g.figures.served,
            }))}
          />
        </figure>
        <figure class="card span2">
          <figcaption>办结量（{PERIOD_NAMES[report.period]}）</figcaption>
          <TrendChart rows={report.byPeriod.map((g) => ({ label: g.label, value: g.figures.served }))} unit="件" />
        </figure>
      </section>
      <FigureTable title="按业务类别" first="业务类别" groups={report.byCategory} testid="table-category" />
      <FigureTable title="按窗口" first="窗口" groups={report.byWindow} />
      <FigureTable title="按工作人员" first="工作人员" groups={report.byStaff} />
      <section class="card">
        <h2>办件统计（按事项）</h2>
        <table class="grid-table">
          <thead>
            <tr>
              <th>事项</th>
              <th>收件</th>
              <th>受理</th>
              <th>即办件</th>
              <th>承诺件</th>
              <th>补正</th>
              <th>不予受理</th>
              <th>按时办结</th>
              <th>超期办结</th>
              <th>超期未办结</th>
            </tr>
          </thead>
          <tbody>
            {report.cases.byMatter.length === 0 && (
              <tr>
                <td colSpan={10} class="empty">
                  本期没有办件
                </td>
              </tr>
            )}
            {report.cases.byMatter.map((m) => (
              <tr key={m.matterId}>
                <td>{m.matterName}</td>
                <td>{m.registered}</td>
                <td>{m.accepted}</td>
                <td>{m.immediate}</td>
                <td>{m.promised}</td>
                <td>{m.correction}</td>
                <td>{m.rejected}</td>
                <td>{m.finishedOnTime + m.finishedImmediate}</td>
                <td class={m.finishedOverdue ? 'bad' : ''}>{m.finishedOverdue}</td>
                <td class={m.openOverdue ? 'bad' : ''}>{m.openOverdue}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </>
  );
}

function FigureTable(props: { title: string; first: string; groups: Group[]; testid?: string }) {
  const row = (f: Figures) => [
    f.issued,
    f.served,
    f.skipped,
    f.transferred,
    f.noShows,
    min(f.wait.meanMinutes),
    min(f.wait.medianMinutes),
    min(f.wait.p90Minutes),
    min(f.service.meanMinutes),
    f.ratings.rated,
    pct(f.ratings.satisfactionRate),
  ];
  return (
    <section class="card" data-testid={props.testid}>
      <h2>{props.title}</h2>
      <table class="grid-table">
        <thead>
          <tr>
            <th>{props.first}</th>
            <th>取号</th>
            <th>办结</th>
            <th>过号</th>
            <th>转办</th>
            <th>过号未办</th>
            <th>平均等候</th>
            <th>等候中位数</th>
            <th>等候90%</th>
            <th>平均办理</th>
            <th>评价</th>
            <th>满意率</th>
          </tr>
        </thead>
        <tbody>
          {props.groups.length === 0 && (
            <tr>
              <td colSpan={12} class="empty">
                本期无数据
              </td>
            </tr>
          )}
          {props.groups.map((g) => (
            <tr key={g.key}>
              <td>{g.label}</td>
              {row(g.figures).map((v, i) => (
                <td key={i}>{v}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <p class="note">
        时间单位：分钟。等候＝取号到首次叫号；办理＝最后一次叫号到办结；满意率＝（非常满意＋满意＋基本满意）÷
        评价数（不含未评价）。
      </p>
    </section>
  );
}
