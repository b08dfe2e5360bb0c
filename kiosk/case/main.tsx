// /c/:id — the case status page a resident opens by scanning the receipt's QR (phone or kiosk).
// Shows only what the receipt already says: no applicant, no staff.
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { api, ApiCallError } from '../lib/api.ts';
import { CASE_STATE_NAMES, type CaseHistoryEntry, type CaseKind, type CaseState } from '../../server/wire.ts';

interface PublicCase {
  caseNo: string;
  matterName: string;
  kind: CaseKind;
  state: CaseState;
  acceptedAt: string;
  promisedDate: string | null;
  history: CaseHistoryEntry[];
  missingMaterials: string[];
}

const time = (iso: string) => new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });

function App() {
  const id = location.pathname.split('/').pop() ?? '';
  const [c, setCase] = useState<PublicCase | null>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    api<{ case: PublicCase }>('GET', `/api/cases/${encodeURIComponent(id)}`)
      .then((r) => setCase(r.case))
      .catch((err: ApiCallError) => setError(err.message));
  }, [id]);

  if (error) return <main class="page"><h1>办件查询</h1><p class="error">{error}</p></main>;
  if (!c) return <main class="page"><h1>办件查询</h1><p>正在查询…</p></main>;
  return (
    <main class="page">
      <h1>办件查询</h1>
      <p class="no">办件编号 {c.caseNo}</p>
      <h2>{c.matterName}</h2>
      <p class={`state state-${c.state}`}>{CASE_STATE_NAMES[c.state]}</p>
      <dl>
        <dt>办件类型</dt>
        <dd>{c.kind === 'promised' ? '承诺件' : '即办件'}</dd>
        <dt>受理时间</dt>
        <dd>{time(c.acceptedAt)}</dd>
        {c.kind === 'promised' && (
          <>
            <dt>承诺办结日期</dt>
            <dd>{c.promisedDate ?? (c.state === 'correction' ? '补齐材料后重新计算' : '—')}</dd>
          </>
        )}
      </dl>
      {c.missingMaterials.length > 0 && (
        <section>
          <h3>需要补正的材料</h3>
          <ul>{c.missingMaterials.map((m) => <li key={m}>{m}</li>)}</ul>
        </section>
      )}
      <h3>办理记录</h3>
      <ol class="history">
        {c.history.map((h, i) => (
          <li key={i}>
            <b>{CASE_STATE_NAMES[h.state]}</b> · {time(h.at)}
            {h.note && <div>{h.note}</div>}
          </li>
        ))}
      </ol>
    </main>
  );
}

const style = document.createElement('style');
style.textContent = `
  body { margin: 0; font: 18px/1.6 system-ui, "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; color: #1a1a1a; background: #f4f6f8; }
  .page { max-width: 640px; margin: 0 auto; padding: 16px; }
  h1 { font-size: 22px; color: #b3261e; margin: 8px 0; }
  .no { color: #555; margin: 0; }
  .state { display: inline-block; padding: 6px 14px; border-radius: 8px; background: #1565c0; color: #fff; font-size: 22px; font-weight: 700; }
  .state-finished, .state-collected { background: #2e7d32; }
  .state-correction { background: #ef6c00; }
  .state-rejected { background: #6d6d6d; }
  dl { display: grid; grid-template-columns: 8em 1fr; gap: 4px 8px; }
  dt { color: #555; }
  dd { margin: 0; font-weight: 600; }
  .history { padding-left: 20px; }
  .error { color: #b3261e; }
`;
document.head.appendChild(style);
render(<App />, document.getElementById('app')!);
