// /c/:id — the case status page a resident opens by scanning the receipt's QR with a phone.
// Shows only what the receipt already says: no applicant, no staff.
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ApiCallError, api, call } from '../lib/api.ts';
import { CaseStatus } from '../lib/CaseStatus.tsx';
import { JointProgress } from '../lib/JointProgress.tsx';
import type { PublicCase } from '../../server/contract/cases.ts';
import type { PublicJoint } from '../../server/contract/joint.ts';

function App() {
  const id = location.pathname.split('/').pop() ?? '';
  const [c, setCase] = useState<PublicCase | null>(null);
  const [joint, setJoint] = useState<PublicJoint | null>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    call('GET /api/cases/:id', { params: { id } })
      .then((r) => setCase(r.case))
      .catch((err: ApiCallError) => setError(err.message));
    // 联办件: the participating windows' steps (none for an ordinary case).
    api<{ joint: PublicJoint | null }>('GET', `/api/cases/${encodeURIComponent(id)}/joint`)
      .then((r) => setJoint(r.joint))
      .catch(() => setJoint(null));
  }, [id]);

  return (
    <main class="page">
      <h1>办件查询</h1>
      {error && <p class="error">{error}</p>}
      {!error && !c && <p>正在查询…</p>}
      {c && <CaseStatus c={c} />}
      {c && joint && <JointProgress joint={joint} />}
    </main>
  );
}

const style = document.createElement('style');
style.textContent = `
  body { margin: 0; font: 18px/1.6 system-ui, "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; color: #1a1a1a; background: #f4f6f8; }
  .page { max-width: 640px; margin: 0 auto; padding: 16px; }
  h1 { font-size: 22px; color: #b3261e; margin: 8px 0; }
  .case-state { font-size: 22px; }
  .error { color: #b3261e; }
`;
document.head.appendChild(style);
render(<App />, document.getElementById('app')!);
