// 收费登记 at the console (seed 001 三、3 规范收费 "必须明确收费依据并出具相关的收费票据"): pick the matter, see what
// its guide says about fees (指南未载明 / 不收费 / the 收费标准和依据); only a stated fee can be recorded, with the fiscal
// receipt's number, the amount and the payer (stored masked).
import { useState } from 'preact/hooks';
import { api, ApiCallError } from '../lib/api.ts';
import type { Matter } from '../../server/contract/matters.ts';
import { MatterPicker } from './matter-picker.tsx';
import './duty-desk.css';

export function FeeDesk(props: { windowNo: number; categoryIds: string[]; onSignedOut: () => void }) {
  const [open, setOpen] = useState(false);
  const [matter, setMatter] = useState<Matter | null>(null);
  const [fee, setFee] = useState<{ chargeable: boolean; says: string } | null>(null);
  const [amount, setAmount] = useState('');
  const [receiptNo, setReceiptNo] = useState('');
  const [payer, setPayer] = useState('');
  const [message, setMessage] = useState('');
  const fail = (err: unknown) => {
    if (err instanceof ApiCallError && err.code === 'login-required') return props.onSignedOut();
    setMessage(err instanceof ApiCallError ? err.message : '操作失败，请重试');
  };
  const pick = async (m: Matter) => {
    setMatter(m);
    setMessage('');
    try {
      setFee(await api<{ chargeable: boolean; says: string }>('GET', `/api/matters/${encodeURIComponent(m.id)}/fee`));
    } catch (err) {
      fail(err);
    }
  };
  const record = async (e: Event) => {
    e.preventDefault();
    try {
      const r = await api<{ fee: { receiptNo: string; amount: string } }>(
        'POST',
        `/api/windows/${props.windowNo}/fees`,
        {
          matterId: matter!.id,
          amountYuan: amount.trim(),
          receiptNo: receiptNo.trim(),
          ...(payer.trim() ? { payerName: payer.trim() } : {}),
        },
      );
      setMessage(`已登记收费票据 ${r.fee.receiptNo}：${r.fee.amount} 元`);
      setAmount('');
      setReceiptNo('');
      setPayer('');
    } catch (err) {
      fail(err);
    }
  };
  return (
    <section class="jiaoban-desk" data-testid="fee-desk">
      <h2>
        收费登记
        <button
          aria-pressed={open}
          onClick={() => {
            setOpen(!open);
            setMatter(null);
            setFee(null);
          }}
        >
          收费
        </button>
      </h2>
      {open && !matter && (
        <MatterPicker
          categoryIds={props.categoryIds}
          wanted={[]}
          onPick={(m) => void pick(m)}
          onCancel={() => setOpen(false)}
        />
      )}
      {open && matter && fee && (
        <form class="jiaoban-form" onSubmit={(e) => void record(e)}>
          <div>
            <b>{matter.name}</b>　收费：{fee.says}
          </div>
          {fee.chargeable ? (
            <>
              <input
                value={amount}
                placeholder="金额（元）"
                aria-label="金额"
                inputMode="decimal"
                maxLength={12}
                onInput={(e) => setAmount((e.target as HTMLInputElement).value)}
              />
              <input
                value={receiptNo}
                placeholder="收费票据号"
                aria-label="收费票据号"
                maxLength={40}
                onInput={(e) => setReceiptNo((e.target as HTMLInputElement).value)}
              />
              <input
                value={payer}
                placeholder="缴款人姓名（可不填）"
                aria-label="缴款人"
                maxLength={40}
                onInput={(e) => setPayer((e.target as HTMLInputElement).value)}
              />
              <button type="submit" class="primary" disabled={!amount.trim() || !receiptNo.trim()}>
                登记收费票据
              </button>
            </>
          ) : (
            <p class="muted">办事指南未载明收费标准和依据，不能收费。</p>
          )}
        </form>
      )}
      {message && <p class="info">{message}</p>}
    </section>
  );
}
