// 投诉查实 for the centre's leaders (seed 004 一次性告知制度 第七条 "经街道查实后，即被认定为'有效投诉'"): the
// complaints of the last 90 days still waiting for a verdict, each recorded once as 有效投诉 (naming the staff
// member) or 不属实, with what was found. The 意见和投诉登记 shows the verdict.
import { useEffect, useState } from 'preact/hooks';
import { api, ApiCallError } from '../lib/api.ts';

interface ComplaintRecord {
  id: string;
  received_date: string;
  content: string;
  window_no: number | null;
  verdict: string | null;
}

function daysBefore(date: string, days: number): string {
  const t = new Date(`${date}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() - days);
  return t.toISOString().slice(0, 10);
}

export function ComplaintVerdictCard(props: { today: string }) {
  const [list, setList] = useState<ComplaintRecord[] | null>(null);
  const [message, setMessage] = useState('');
  const load = () =>
    api<{ records: ComplaintRecord[] }>(
      'GET',
      `/api/registers/complaints?from=${daysBefore(props.today, 90)}&to=${props.today}`,
    )
      .then((r) => setList(r.records.filter((c) => !c.verdict)))
      .catch((err: ApiCallError) => setMessage(err.message));
  useEffect(() => {
    void load();
  }, []);

  const record = async (c: ComplaintRecord, verdict: 'valid' | 'unfounded') => {
    setMessage('');
    const staffId = verdict === 'valid' ? prompt('被投诉的窗口工作人员工号')?.trim() : undefined;
    if (verdict === 'valid' && !staffId) return;
    const note = prompt('查实情况')?.trim();
    if (!note) return;
    try {
      await api('POST', `/api/registers/complaints/${encodeURIComponent(c.id)}/verdict`, {
        verdict,
        note,
        ...(staffId ? { staffId } : {}),
      });
      setMessage(verdict === 'valid' ? '已认定为有效投诉' : '已认定为不属实');
    } catch (err) {
      setMessage(err instanceof ApiCallError ? err.message : '操作失败，请重试');
    }
    void load();
  };

  return (
    <section class="card" data-testid="complaint-verdicts">
      <h2>投诉查实（一次性告知制度第七条）</h2>
      {message && <p class="msg">{message}</p>}
      {list === null ? (
        <p class="muted">正在读取…</p>
      ) : list.length === 0 ? (
        <p class="muted">近90天没有待查实的意见或投诉</p>
      ) : (
        <table class="data">
          <thead>
            <tr>
              <th>登记日期</th>
              <th>涉及窗口</th>
              <th>意见或投诉内容</th>
              <th>查实</th>
            </tr>
          </thead>
          <tbody>
            {list.map((c) => (
              <tr key={c.id}>
                <td>{c.received_date}</td>
                <td>{c.window_no === null ? '' : `${c.window_no}号窗口`}</td>
                <td>{c.content}</td>
                <td>
                  <button class="small" onClick={() => void record(c, 'valid')}>
                    有效投诉
                  </button>{' '}
                  <button class="small" onClick={() => void record(c, 'unfounded')}>
                    不属实
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
