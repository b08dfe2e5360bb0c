// A scanned acceptance receipt (受理回执, QR /c/<id>): the case's progress, read from the server.
import { useEffect, useState } from 'preact/hooks';
import { CASE_STATE_NAMES, type PublicCase } from '../../server/contract/cases.ts';
import { type ApiCallError, call } from '../lib/api.ts';
import { CaseStatus } from '../lib/CaseStatus.tsx';
import { useKiosk, useSpokenHeading } from './kiosk-context.ts';

export function CaseStatusScreen({ caseId, onBack }: { caseId: string; onBack(): void }) {
  const { t } = useKiosk();
  const [found, setFound] = useState<PublicCase | null>(null);
  const [error, setError] = useState('');
  useSpokenHeading(found ? `${found.matterName} ${CASE_STATE_NAMES[found.state]}` : error || null);

  useEffect(() => {
    setFound(null);
    setError('');
    let current = true;
    call('GET /api/cases/:id', { params: { id: caseId } })
      .then((r) => current && setFound(r.case))
      .catch((err: ApiCallError) => current && setError(err.message));
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
      <div class="actions">
        <button class="btn btn-primary" onClick={onBack}>
          {t('app.back')}
        </button>
      </div>
    </div>
  );
}
