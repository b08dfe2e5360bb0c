// 回访评议 on /admin → 差评整改 (seed 002 篇8 "定期從中抽取部分羣眾進行評議"): draw the month's sample (the number
// is the centre's choice), record each call's 满意度 and 意见, follow up an unsatisfied one as for a bad rating,
// and the month's report beside 好差评 (print / CSV).
import { useEffect, useState } from 'preact/hooks';
import { api, ApiCallError } from '../lib/api.ts';
import type { PingyiView } from '../../server/contract/pingyi.ts';
import './duty.css';

const RESULTS: [string, string][] = [
  ['very-satisfied', '非常满意'],
  ['satisfied', '满意'],
  ['basic', '基本满意'],
  ['dissatisfied', '不满意'],
  ['very-dissatisfied', '非常不满意'],
  ['unreachable', '未接通'],
];

export function PingyiCard(props: { today: string }) {
  const [month, setMonth] = useState(props.today.slice(0, 7));
  const [size, setSize] = useState('10');
  const [data, setData] = useState<{ candidates: number; items: PingyiView[]; followUps: PingyiView[] } | null>(null);
  const [result, setResult] = useState<Record<string, string>>({});
  const [opinion, setOpinion] = useState<Record<string, string>>({});
  const [followUp, setFollowUp] = useState<Record<string, string>>({});
  const [message, setMessage] = useState('');
  const fail = (err: unknown) => setMessage(err instanceof ApiCallError ? err.message : '操作失败，请重试');
  const load = () =>
    api<{ candidates: number; items: PingyiView[]; followUps: PingyiView[] }>(
      'GET',
      `/api/pingyi?month=${encodeURIComponent(month)}`,
    )
      .then(setData)
      .catch(fail);
  useEffect(() => {
    void load();
  }, [month]);
  const act = async (path: string, body: unknown, done: string) => {
    setMessage('');
    try {
      await api('POST', path, body);
      setMessage(done);
      void load();
    } catch (err) {
      fail(err);
    }
  };
  return (
    <section class="card duty-board" data-testid="pingyi-card">
      <h2>回访评议（定期抽取部分群众评议）</h2>
      <p>
        <input
          type="month"
          value={month}
          aria-label="月份"
          onInput={(e) => setMonth((e.target as HTMLInputElement).value)}
        />{' '}
        {data && data.items.length === 0 && (
          <>
            本月留有电话的已办结办件和窗口来访 {data.candidates} 件，抽取{' '}
            <input
              class="small"
              inputMode="numeric"
              value={size}
              aria-label="抽取件数"
              onInput={(e) => setSize((e.target as HTMLInputElement).value)}
            />{' '}
            件{' '}
            <button
              disabled={!/^\d+$/.test(size) || !data.candidates}
              onClick={() => void act('/api/pingyi/draw', { month, size: Number(size) }, '已随机抽取')}
            >
              随机抽取
            </button>
          </>
        )}{' '}
        <a href={`/api/pingyi/report?month=${month}&format=html`} target="_blank" rel="noopener">
          打印评议结果
        </a>{' '}
        <a href={`/api/pingyi/report?month=${month}&format=csv`}>导出 CSV</a>
      </p>
      {message && <p class="info">{message}</p>}
      {data && data.items.length > 0 && (
        <table class="data" data-testid="pingyi-list">
          <thead>
            <tr>
              <th>来源</th>
              <th>事项</th>
              <th>窗口</th>
              <th>回访电话</th>
              <th>满意度 / 意见</th>
              <th>整改</th>
            </tr>
          </thead>
          <tbody>
            {data.items.map((i) => (
              <tr key={i.id} class={i.unsatisfied && !i.followUp ? 'bad' : ''}>
                <td>
                  {i.sourceName} {i.refNo ?? ''}
                </td>
                <td>{i.matter}</td>
                <td>{i.windowNo ? `${i.windowNo}号` : ''}</td>
                <td>{i.phone ?? '（已清除）'}</td>
                <td>
                  {i.result && i.result !== 'unreachable' ? (
                    `${i.resultName}${i.opinion ? `：${i.opinion}` : ''}（${i.calledBy}）`
                  ) : (
                    <span class="inline">
                      {i.result === 'unreachable' && '未接通，可再拨 '}
                      <select
                        aria-label="满意度"
                        value={result[i.id] ?? ''}
                        onChange={(e) => setResult({ ...result, [i.id]: (e.target as HTMLSelectElement).value })}
                      >
                        <option value="">满意度</option>
                        {RESULTS.map(([v, n]) => (
                          <option key={v} value={v}>
                            {n}
                          </option>
                        ))}
                      </select>
                      <input
                        placeholder="意见"
                        maxLength={500}
                        aria-label="意见"
                        value={opinion[i.id] ?? ''}
                        onInput={(e) => setOpinion({ ...opinion, [i.id]: (e.target as HTMLInputElement).value })}
                      />
                      <button
                        disabled={!result[i.id]}
                        onClick={() =>
                          void act(
                            `/api/pingyi/${encodeURIComponent(i.id)}/result`,
                            {
                              result: result[i.id],
                              ...(opinion[i.id]?.trim() ? { opinion: opinion[i.id]!.trim() } : {}),
                            },
                            '已记录',
                          )
                        }
                      >
                        记录
                      </button>
                    </span>
                  )}
                </td>
                <td>
                  {i.unsatisfied &&
                    (i.followUp ? (
                      `${i.followUpBy}：${i.followUp}`
                    ) : (
                      <span class="inline">
                        <input
                          placeholder="整改情况"
                          aria-label="整改情况"
                          maxLength={1000}
                          value={followUp[i.id] ?? ''}
                          onInput={(e) => setFollowUp({ ...followUp, [i.id]: (e.target as HTMLInputElement).value })}
                        />
                        <button
                          disabled={!followUp[i.id]?.trim()}
                          onClick={() =>
                            void act(
                              `/api/pingyi/${encodeURIComponent(i.id)}/follow-up`,
                              { text: followUp[i.id]!.trim() },
                              '整改已记录',
                            )
                          }
                        >
                          保存整改
                        </button>
                      </span>
                    ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {data?.followUps.some((f) => f.month !== month) && (
        <p class="error">其他月份还有 {data.followUps.filter((f) => f.month !== month).length} 件不满意的评议待整改</p>
      )}
    </section>
  );
}
