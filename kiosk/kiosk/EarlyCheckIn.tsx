// 预约签到 too early: ask the resident which they want — keep the appointment and come back at the time the
// server gives (nothing is issued), or a normal ticket now (the appointment is used). Never one of them
// done while the screen says the other.
import { useState } from 'preact/hooks';
import { useSpokenHeading } from './kiosk-context.ts';

export interface EarlyCheckIn {
  code: string;
  message: string;
  opensAt: string;
}

export function EarlyCheckInDialog(props: {
  early: EarlyCheckIn;
  busy: boolean;
  onTicketNow(): void;
  onClose(): void;
}) {
  const [kept, setKept] = useState(false);
  const text = kept
    ? `已为您保留预约，没有取号。请在 ${props.early.opensAt} 后再来扫码签到，优先办理。`
    : props.early.message;
  useSpokenHeading(text);
  return (
    <div class="dialog-veil">
      <div class="dialog" role="alertdialog" aria-modal="true" data-testid="early-check-in">
        <h2>{kept ? '预约已保留' : '还没到签到时间'}</h2>
        <p class="dialog-text">{text}</p>
        <div class="dialog-actions">
          {kept ? (
            <button class="btn btn-primary" onClick={props.onClose}>
              知道了
            </button>
          ) : (
            <>
              <button class="btn btn-primary" disabled={props.busy} onClick={() => setKept(true)}>
                保留预约，{props.early.opensAt} 后再来
              </button>
              <button class="btn" disabled={props.busy} onClick={props.onTicketNow}>
                现在取普通号（预约作废）
              </button>
            </>
          )}
        </div>
      </div>
    </div>
  );
}
