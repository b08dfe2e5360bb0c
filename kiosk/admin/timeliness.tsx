// 限时办结考核 on /admin (限时办结制度 第十条 "…纳入…工作人员考核", 第十一条): per staff member and per window, the
// cases accepted in the month — on time, late, still open past their date, approved extensions, 补正 asked
// after acceptance. The figures are GET /api/registers-timeliness's, the same rule the monthly report prints.
import { useEffect, useState } from 'preact/hooks';
import { api, ApiCallError } from '../lib/api.ts';
import { monthRange } from '../../server/contract/periods.ts';

/** One row of GET /api/registers-timeliness (server/cases/timeliness.ts TimelinessRow). */
interface Row {
  key: string;
  accepted: number;
  onTime: number;
  late: number;
  openOverdue: number;
  extensions: number;
  corrections: number;
  /** 急事特办 that missed its target (第十二条(四)); absent from an older server. */
  urgentLate?: number;
}

function Table(props: { first: string; rows: Row[]; testid: string }) {
  return (
    <table class="grid-table" data-testid={props.testid}>
      <thead>
        <tr>
          <th>{props.first}</th>
          <th>受理件数</th>
          <th>按时办结</th>
          <th>超时办结</th>
          <th>未办结已超时</th>
          <th>批准延期</th>
          <th>受理后补正</th>
          <th>其中紧急未特办</th>
        </tr>
      </thead>
      <tbody>
        {props.rows.length === 0 ? (
          <tr>
            <td colSpan={8}>本月无受理件</td>
          </tr>
        ) : (
          props.rows.map((r) => (
            <tr key={r.key}>
              <td>{r.key}</td>
              <td>{r.accepted}</td>
              <td>{r.onTime}</td>
              <td class={r.late ? 'bad' : ''}>{r.late}</td>
              <td class={r.openOverdue ? 'bad' : ''}>{r.openOverdue}</td>
              <td>{r.extensions}</td>
              <td>{r.corrections}</td>
              <td class={r.urgentLate ? 'bad' : ''}>{r.urgentLate ?? 0}</td>
            </tr>
          ))
        )}
      </tbody>
    </table>
  );
}

export function TimelinessCard(props: { month: string }) {
  const [data, setData] = useState<{ byStaff: Row[]; byWindow: Row[] } | null>(null);
  const [message, setMessage] = useState('');
  useEffect(() => {
    const r = monthRange(props.month);
    if (!r) return;
    setMessage('');
    api<{ byStaff: Row[]; byWindow: Row[] }>('GET', `/api/registers-timeliness?${new URLSearchParams(r)}`)
      .then(setData)
      .catch((err) => setMessage(err instanceof ApiCallError ? err.message : '读取失败，请重试'));
  }, [props.month]);
  return (
    <section class="card report-card timeliness-card" data-testid="timeliness-card">
      <h2>限时办结考核 · {props.month.replace('-', '年')}月受理</h2>
      <p class="note">依据限时办结制度第十条、第十一条，纳入工作人员考核；按本中心工作日计算，与月报第八部分一致。</p>
      {message && <p class="message error">{message}</p>}
      {data && (
        <>
          <Table first="工作人员" rows={data.byStaff} testid="timeliness-staff" />
          <Table first="窗口" rows={data.byWindow} testid="timeliness-window" />
        </>
      )}
    </section>
  );
}
