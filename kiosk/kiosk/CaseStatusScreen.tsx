// A scanned acceptance receipt (受理回执, QR /c/<id>): the case's progress, read from the server.
import { useEffect, useState } from 'preact/hooks';
import { CASE_STATE_NAMES, type PublicCase } from '../../server/contract/cases.ts';
import { type ApiCallError, api, call } from '../lib/api.ts';
import { CaseStatus } from '../lib/CaseStatus.tsx';
import { JointProgress } from '../lib/JointProgress.tsx';
import type { PublicJoint } from '../../server/contract/joint.ts';
import { useKiosk, useSpokenHeading } from './kiosk-context.ts';

export function CaseStatusScreen({ caseId, onBack }: { caseId: string; onBack(): void }) {
  const { t } = useKiosk();
  const [found, setFound] = useState<PublicCase | null>(null);
  const [joint, setJoint] = useState<PublicJoint | null>(null);
  const [error, setError] = useState('');
  useSpokenHeading(found ? `${found.matterName} ${CASE_STATE_NAMES[found.state]}` : error || null);

  useEffect(() => {
    setFound(null);
    setJoint(null);
    setError('');
    let current = true;
    call('GET /api/cases/:id', { params: { id: caseId } })
      .then((r) => current && setFound(r.case))
      .catch((err: ApiCallError) => current && setError(err.message));
    // 联办件: the participating windows' steps, as on the phone page.
    api<{ joint: PublicJoint | null }>('GET', `/api/cases/${encodeURIComponent(caseId)}/joint`)
      .then((r) => current && setJoint(r.joint))
      .catch(() => undefined);
    return () => {
      current = false;
    };
  }, [caseId]);

  return (
    <div class="case-screen" data-testid="case-screen">
      <h1 class="heading">{t('case.heading')}</h1>
      {!found && !error && <p class="hint">{t('status.loading')}</p>}
      {error && <p class="error-text">{error}</p>}
      {found && <CaseStatus c={found} />}
      {found && joint && <JointProgress joint={joint} />}
      <div class="actions">
        <button class="btn btn-primary" onClick={onBack}>
          {t('app.back')}
        </button>
      </div>
    </div>
  );
}
