// 批示 for the 带班领导 (seed 002 四、工作流程 4、批示 "社區帶班領導對當天申辦事項辦理情況進行批示"): the day's 交办
// items with their feedback, a 批示 box on each, the items whose same-day feedback (5、反饋) is late, and the
// register's printable page and CSV.
import { useEffect, useState } from 'preact/hooks';
import { api, ApiCallError } from '../lib/api.ts';
import { JIAOBAN_STATE_NAMES, type JiaobanView } from '../../server/contract/jiaoban.ts';
import './duty.css';

export function JiaobanCard(props: { today: string }) {
  const [date, setDate] = useState(props.today);
  const [data, setData] = useState<{ items: JiaobanView[]; late: JiaobanView[] } | null>(null);
  const [text, setText] = useState<Record<string, string>>({});
  const [message, setMessage] = useState('');
  const load = () =>
    api<{ items: JiaobanView[]; late: JiaobanView[] }>('GET', `/api/jiaoban/day?date=${encodeURIComponent(date)}`)
      .then(setData)
      .catch((err: ApiCallError) => setMessage(err.message));
  useEffect(() => {
    void load();
  }, [date]);
  const instruct = async (j: JiaobanView) => {
    try {
      await api('POST', `/api/jiaoban/${encodeURIComponent(j.id)}/instruction`, { text: text[j.id]?.trim() ?? '' });
      setMessage(`${j.no} 已批示`);
      void load();
    } catch (err) {
      setMessage(err instanceof ApiCallError ? err.message : '操作失败，请重试');
    }
  };
  const row = (j: JiaobanView) => (
    <tr key={j.id} class={j.late ? 'bad' : ''} data-testid="jiaoban-row">
      <td>{j.no}</td>
      <td>
        {j.date} {j.time}
      </td>
      <td>
        {j.windowNo}号 {j.byName} → {j.toName}
      </td>
      <td>{j.matter}</td>
      <td>
        {j.feedback ? `${j.feedbackTime} ${j.feedback}` : '待反馈'}
        {j.late && '（未当天反馈）'}
      </td>
      <td>
        {j.instruction ? (
          `${j.instructedBy}：${j.instruction}`
        ) : (
          <span class="inline">
            <input
              value={text[j.id] ?? ''}
              maxLength={1000}
              placeholder="批示"
              aria-label={`批示 ${j.no}`}
              onInput={(e) => setText({ ...text, [j.id]: (e.target as HTMLInputElement).value })}
            />
            <button disabled={!text[j.id]?.trim()} onClick={() => void instruct(j)}>
              批示
            </button>
          </span>
        )}
      </td>
      <td>{JIAOBAN_STATE_NAMES[j.state]}</td>
    </tr>
  );
  const head = (
    <thead>
      <tr>
        <th>交办单</th>
        <th>时间</th>
        <th>交办 → 承办</th>
        <th>事项</th>
        <th>反馈</th>
        <th>带班领导批示</th>
        <th>状态</th>
      </tr>
    </thead>
  );
  return (
    <section class="card duty-board" data-testid="jiaoban-card">
      <h2>交办—反馈—批示</h2>
      <p>
        <input
          type="date"
          value={date}
          aria-label="日期"
          onInput={(e) => setDate((e.target as HTMLInputElement).value)}
        />{' '}
        <a href={`/api/jiaoban/register?from=${date}&to=${date}&format=html`} target="_blank" rel="noopener">
          打印交办登记
        </a>{' '}
        <a href={`/api/jiaoban/register?from=${date}&to=${date}&format=csv`}>导出 CSV</a>
      </p>
      {message && <p class="info">{message}</p>}
      {data && (
        <>
          {data.late.length > 0 && (
            <>
              <h3>未当天反馈（近 31 天，未批示）：{data.late.length} 件</h3>
              <table class="data">
                {head}
                <tbody>{data.late.map(row)}</tbody>
              </table>
            </>
          )}
          <h3>
            {date} 交办事项：{data.items.length} 件
          </h3>
          {data.items.length ? (
            <table class="data">
              {head}
              <tbody>{data.items.map(row)}</tbody>
            </table>
          ) : (
            <p class="muted">当天没有交办事项</p>
          )}
        </>
      )}
    </section>
  );
}
