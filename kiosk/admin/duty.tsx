// AB岗 on /admin (seed 004 AB岗工作制度 四 "不得以任何理由,任何方式空岗、缺位"): a strip on every tab naming the
// windows that are 空岗 now (polled every 20 s), and the 在岗值班 tab: who is at each window, and the month's
// AB岗 register (空岗 minutes, 签到, 移交, the 第五条 扣分 as facts) as a printable page or CSV.
import { useEffect, useState } from 'preact/hooks';
import { api, ApiCallError } from '../lib/api.ts';
import type { DutyNow } from '../../server/contract/duty.ts';
import './duty.css';

function useDutyNow(): { now: DutyNow | null; error: string } {
  const [now, setNow] = useState<DutyNow | null>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    const load = () =>
      api<DutyNow>('GET', '/api/duty/now')
        .then((n) => {
          setNow(n);
          setError('');
        })
        .catch((err: ApiCallError) => setError(err.message));
    void load();
    const t = setInterval(() => void load(), 20_000);
    return () => clearInterval(t);
  }, []);
  return { now, error };
}

export function EmptyPostAlert(props: { onOpen: () => void }) {
  const { now } = useDutyNow();
  const empty = now?.open ? now.windows.filter((w) => w.empty) : [];
  if (!empty.length) return null;
  return (
    <div class="empty-post-banner" role="alert" data-testid="empty-post-alert">
      空岗：
      {empty.map((w) => `${w.no}号窗口（${w.name}）自 ${w.emptySince} 起无人在岗`).join('；')}
      <button class="link" onClick={props.onOpen}>
        查看在岗情况
      </button>
    </div>
  );
}

export function DutyBoard(props: { today: string }) {
  const { now, error } = useDutyNow();
  const [month, setMonth] = useState(props.today.slice(0, 7));
  const link = (format: string) => `/api/duty/register?month=${encodeURIComponent(month)}&format=${format}`;
  return (
    <section class="card duty-board" data-testid="duty-board">
      <h2>在岗情况（AB岗）</h2>
      {error && <p class="error">{error}</p>}
      {now && (
        <>
          <p class="muted">
            {now.date}　{now.open ? '办公时间内' : '当前不在办公时间'}
          </p>
          <table class="data">
            <thead>
              <tr>
                <th>窗口</th>
                <th>A岗</th>
                <th>B岗</th>
                <th>在岗</th>
                <th>空岗</th>
              </tr>
            </thead>
            <tbody>
              {now.windows.map((w) => (
                <tr key={w.no} class={w.empty ? 'bad' : ''}>
                  <td>
                    {w.no}号 {w.name}
                  </td>
                  <td>{w.aName ?? '—'}</td>
                  <td>{w.bName ?? '—'}</td>
                  <td>{w.staffName ? `${w.staffName}（${w.post ? `${w.post}岗` : '兼任'}）` : '无人签到'}</td>
                  <td>
                    {w.empty
                      ? `自 ${w.emptySince} 起 ${w.emptyMinutes} 分钟；无人办理：${w.unserved.join('、')}`
                      : w.staffName
                        ? ''
                        : '由兼任窗口办理'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      <h3>AB岗在岗登记（月）</h3>
      <p>
        <input
          type="month"
          value={month}
          onInput={(e) => setMonth((e.target as HTMLInputElement).value)}
          aria-label="月份"
        />{' '}
        <a href={link('html')} target="_blank" rel="noopener">
          打印页
        </a>{' '}
        <a href={link('csv')}>导出 CSV</a>
      </p>
      <p class="muted">
        扣分栏为AB岗工作制度第五条所列（脱岗每人每次2分；因无人在岗被投诉经查实每人每次10分），供中心考核参考，系统不自动处分。
      </p>
    </section>
  );
}
