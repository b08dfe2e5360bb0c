// Report export: the monthly 便民服务办理情况统计表 and the quarterly 办件统计 (due before the 10th of the
// quarter's first month), as CSV for Excel or as a page to print.
import { useState } from 'preact/hooks';
import { addDays } from '../../server/contract/periods.ts';

const quarterOf = (date: string) => `${date.slice(0, 4)}-Q${Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1}`;

export function Reports(props: { today: string }) {
  // Reports are usually for the period just ended.
  const lastMonth = addDays(`${props.today.slice(0, 7)}-01`, -1).slice(0, 7);
  const lastQuarter = quarterOf(
    addDays(
      `${quarterOf(props.today).slice(0, 4)}-${String((Number(quarterOf(props.today).slice(6)) - 1) * 3 + 1).padStart(2, '0')}-01`,
      -1,
    ),
  );
  const [month, setMonth] = useState(lastMonth);
  const [quarter, setQuarter] = useState(lastQuarter);
  const years = [
    Number(props.today.slice(0, 4)),
    Number(props.today.slice(0, 4)) - 1,
    Number(props.today.slice(0, 4)) - 2,
  ];
  const link = (kind: string, key: string, format: string) =>
    `/api/admin/report?${new URLSearchParams({ kind, key, format })}`;

  return (
    <div class="reports">
      <section class="card report-card">
        <h2>月报 · 便民服务办理情况统计表</h2>
        <p class="note">
          按月填写；含取号、办结、过号、转办、等候与办理时间、办件和好差评，分业务类别、窗口、工作人员和日期。
        </p>
        <label>
          月份{' '}
          <input
            type="month"
            name="month"
            value={month}
            max={props.today.slice(0, 7)}
            onChange={(e) => e.currentTarget.value && setMonth(e.currentTarget.value)}
          />
        </label>
        <div class="actions">
          <a class="button primary" href={link('month', month, 'csv')} download data-testid="export-month-csv">
            导出 Excel（CSV）
          </a>
          <a
            class="button"
            href={link('month', month, 'html')}
            target="_blank"
            rel="noopener"
            data-testid="export-month-html"
          >
            打印版
          </a>
        </div>
      </section>
      <section class="card report-card">
        <h2>季报 · 办件统计表</h2>
        <p class="note">每季度首月10日前报送上一季度办件统计数。</p>
        <label>
          季度
          <select name="quarter" value={quarter} onChange={(e) => setQuarter(e.currentTarget.value)}>
            {years
              .flatMap((y) => [4, 3, 2, 1].map((q) => `${y}-Q${q}`))
              .filter((k) => k <= quarterOf(props.today))
              .map((k) => (
                <option key={k} value={k}>{`${k.slice(0, 4)}年第${k.slice(6)}季度`}</option>
              ))}
          </select>
        </label>
        <div class="actions">
          <a class="button primary" href={link('quarter', quarter, 'csv')} download data-testid="export-quarter-csv">
            导出 Excel（CSV）
          </a>
          <a class="button" href={link('quarter', quarter, 'html')} target="_blank" rel="noopener">
            打印版
          </a>
        </div>
      </section>
    </div>
  );
}
