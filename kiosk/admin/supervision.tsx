// 限时办结 supervision for the centre's leaders: open promised cases past their date or due within two
// days, whichever window holds them. The same list the window consoles show for their own cases.
import { useEffect, useState } from 'preact/hooks';
import { api, ApiCallError } from '../lib/api.ts';
import { CASE_STATE_NAMES, type CaseRecord, type CaseSupervision } from '../../server/wire.ts';

/** The case number starts with the centre's local acceptance date (20261123-0007). */
const acceptedDate = (c: CaseRecord) => `${c.caseNo.slice(0, 4)}-${c.caseNo.slice(4, 6)}-${c.caseNo.slice(6, 8)}`;

export function SupervisionCard() {
  const [data, setData] = useState<CaseSupervision | null>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    api<CaseSupervision>('GET', '/api/cases/supervision')
      .then(setData)
      .catch((err: ApiCallError) => setError(err.message));
  }, []);

  const rows = data ? [...data.overdue.map((c) => ({ c, overdue: true })), ...data.dueSoon.map((c) => ({ c, overdue: false }))] : [];
  return (
    <section class="card" data-testid="supervision">
      <h2>
        限时办结督办
        {data && (
          <span class="note">
            　超期未办结 <b class={data.overdue.length ? 'bad' : ''}>{data.overdue.length}</b> 件，两日内到期 <b>{data.dueSoon.length}</b> 件
          </span>
        )}
      </h2>
      {error && <p class="error">{error}</p>}
      {data && rows.length === 0 && <p class="empty">没有超期或即将到期的承诺件</p>}
      {rows.length > 0 && (
        <table class="grid-table">
          <thead>
            <tr><th>办件编号</th><th>事项</th><th>窗口</th><th>申请人</th><th>受理日期</th><th>承诺办结</th><th>状态</th></tr>
          </thead>
          <tbody>
            {rows.map(({ c, overdue }) => (
              <tr key={c.id}>
                <td>{c.caseNo}</td><td>{c.matterName}</td><td>{c.windowNo}号窗口</td><td>{c.applicantMasked ?? '—'}</td><td>{acceptedDate(c)}</td>
                <td class={overdue ? 'bad' : ''}>{c.promisedDate}{overdue ? '（已超期）' : ''}</td><td>{CASE_STATE_NAMES[c.state]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
