// 评价器配对: the window's staff pair the rating tablet on their counter. The button asks the server for a
// 6-digit code (valid 5 minutes, single use); staff type it on the tablet (/rate/<n>). Only a paired
// tablet receives this window's rating requests and can cast a verdict.
import { useState } from 'preact/hooks';
import { ApiCallError, call } from '../lib/api.ts';

export function TabletPairing(props: { windowNo: number }) {
  const [code, setCode] = useState<{ code: string; until: string } | null>(null);
  const [error, setError] = useState('');
  const ask = async () => {
    setError('');
    try {
      const r = await call('POST /api/windows/:no/rating/pairing-code', { params: { no: props.windowNo }, body: {} });
      const d = new Date(r.expiresAt);
      setCode({
        code: r.code,
        until: `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`,
      });
    } catch (err) {
      setError((err as ApiCallError).message);
    }
  };
  return (
    <span class="tablet-pairing">
      <button onClick={() => void ask()} data-testid="pairing-button">
        评价器配对
      </button>
      {code && (
        <span class="info" data-testid="pairing-code">
          请在评价器上输入配对码 <b>{code.code}</b>（{code.until} 前有效，仅可使用一次）
        </span>
      )}
      {error && <span class="error">{error}</span>}
    </span>
  );
}
