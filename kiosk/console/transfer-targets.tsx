// 转办 targets (issue 24): each window says whether anyone is there to call the ticket — 在岗, 暂停（午休）,
// 无人值守 — so staff do not send a resident to a closed window unawares (首问负责制: the first window stays
// responsible until the resident is with someone who serves them).
import type { WindowState } from '../../server/contract/queue.ts';

export type WindowAvailability = { kind: 'open' } | { kind: 'paused'; reason: string } | { kind: 'unstaffed' };

export function windowAvailability(w: Pick<WindowState, 'staffName' | 'paused' | 'pauseReason'>): WindowAvailability {
  if (w.paused) return { kind: 'paused', reason: w.pauseReason && w.pauseReason !== '暂停服务' ? w.pauseReason : '' };
  if (!w.staffName) return { kind: 'unstaffed' };
  return { kind: 'open' };
}

export function availabilityText(a: WindowAvailability): string {
  if (a.kind === 'open') return '在岗';
  if (a.kind === 'paused') return a.reason ? `暂停（${a.reason}）` : '暂停';
  return '无人值守';
}

/** The windows as buttons, each with its state; a closed one can still be chosen, with a warning below. */
export function WindowTargets(props: {
  windows: WindowState[];
  value: number;
  disabled: boolean;
  onChange(no: number): void;
}) {
  const chosen = props.windows.find((w) => w.no === props.value);
  const chosenState = chosen ? windowAvailability(chosen) : null;
  return (
    <div class="transfer-windows" data-testid="transfer-windows">
      <div class="transfer-window-grid" role="radiogroup" aria-label="转到窗口">
        {props.windows.map((w) => {
          const a = windowAvailability(w);
          return (
            <button
              type="button"
              key={w.no}
              role="radio"
              aria-checked={w.no === props.value}
              disabled={props.disabled}
              class={`transfer-window avail-${a.kind}${w.no === props.value ? ' chosen' : ''}`}
              data-window={w.no}
              onClick={() => props.onChange(w.no)}
            >
              <span class="transfer-window-name">
                {w.no}号窗口 {w.name}
              </span>
              <span class="transfer-window-state">{availabilityText(a)}</span>
            </button>
          );
        })}
      </div>
      {!props.disabled && chosen && chosenState && chosenState.kind !== 'open' && (
        <p class="transfer-warning" role="alert" data-testid="transfer-warning">
          {chosen.no}号窗口现在{availabilityText(chosenState)}：转过去要等该窗口恢复办理后才会叫号，请告知群众。
        </p>
      )}
    </div>
  );
}
