// What the booking confirmation lacked (issue 24): where to come, what to bring (the matter's materials from
// its guide, 一次性告知制), and a way to cancel one's own booking so the place goes back to others.
import { useState } from 'preact/hooks';
import type { Appointment } from '../../server/contract/appointments.ts';
import type { Material } from '../../server/contract/matters.ts';
import { type ApiCallError, call } from '../lib/api.ts';

export function BookedExtras(props: { appointment: Appointment; address: string; onCancelled(): void }) {
  const a = props.appointment;
  const [materials, setMaterials] = useState<Material[] | null>(null);
  const [materialsError, setMaterialsError] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [cancelled, setCancelled] = useState(false);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  const showMaterials = () => {
    if (!a.matterId || materials) return;
    call('GET /api/matters/:id', { params: { id: a.matterId } }).then(
      (r) => setMaterials(r.matter.guide?.materials ?? []),
      (err: ApiCallError) => setMaterialsError(err.message),
    );
  };
  const cancel = async () => {
    setBusy(true);
    setError('');
    try {
      await call('POST /api/book/:id/cancel', { params: { id: a.id }, body: { code: a.code } });
      setCancelled(true);
      props.onCancelled();
    } catch (err) {
      setError((err as ApiCallError).message);
    } finally {
      setBusy(false);
      setConfirming(false);
    }
  };

  return (
    <section class="card booked-extras" data-testid="booked-extras">
      {props.address && (
        <p class="booked-address" data-testid="booked-address">
          办理地点：{props.address}
        </p>
      )}
      {a.matterId && (
        <>
          <button type="button" class="link" onClick={showMaterials} data-testid="booked-materials-link">
            查看需要带的材料（一次性告知）
          </button>
          {materialsError && <p class="error">{materialsError}</p>}
          {materials && (
            <ul class="booked-materials" data-testid="booked-materials">
              {materials.length === 0 && <li>办事指南未列出材料，请来电咨询</li>}
              {materials.map((m) => (
                <li key={m.name}>
                  {m.name}
                  {m.original && m.copy ? '（原件和复印件）' : m.original ? '（原件）' : m.copy ? '（复印件）' : ''}
                  {m.required ? '' : '（视情况提供）'}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
      {cancelled ? (
        <p class="booked-cancelled" role="status" data-testid="booked-cancelled">
          预约已取消，名额已释放。需要时可重新预约。
        </p>
      ) : confirming ? (
        <div class="booked-cancel-confirm" role="alertdialog">
          <p>确定取消这个预约吗？取消后预约码作废。</p>
          <button type="button" class="btn" disabled={busy} onClick={() => void cancel()}>
            确定取消
          </button>
          <button type="button" class="link" disabled={busy} onClick={() => setConfirming(false)}>
            不取消
          </button>
        </div>
      ) : (
        <button type="button" class="link" onClick={() => setConfirming(true)} data-testid="booked-cancel">
          不能按时来？取消预约
        </button>
      )}
      {error && <p class="error">{error}</p>}
    </section>
  );
}
