// The display above one counter (/display/:window): window number and name, the staff on duty (A/B岗),
// the number being served, or the pause and its reason. Silent: the hall display speaks.
import { useEffect, useState } from 'preact/hooks';
import { clockText, useLive, useNow } from '../lib/use-live.ts';
import { callKey, windowMode } from './view.ts';
import { isPlaceholderStaffName } from '../../server/contract/staff-names.ts';

export function WindowDisplay(props: { windowNo: number }) {
  const [flash, setFlash] = useState<string | null>(null);
  const now = useNow();
  const live = useLive('display', (msg) => {
    if (msg?.type === 'ticket.called' && msg.call.windowNo === props.windowNo) setFlash(callKey(msg.call));
  });
  useEffect(() => {
    if (!flash) return;
    const t = setTimeout(() => setFlash(null), 8000);
    return () => clearTimeout(t);
  }, [flash]);

  const s = live.snapshot;
  const w = s?.windows.find((x) => x.no === props.windowNo) ?? null;
  const mode = s && w ? windowMode(s, w) : null;

  return (
    <div class={`win ${mode?.kind ?? ''}`}>
      <header class="win-head">
        <span class="win-no">{props.windowNo}号窗口</span>
        <span class="win-name">{w?.name ?? ''}</span>
        <span class="win-time">{clockText(now, s?.center.timezone).time}</span>
      </header>
      <main class={`win-main${flash ? ' flash' : ''}`} data-testid="window-state">
        {s && !w && <div class="win-big win-missing">没有{props.windowNo}号窗口，请检查地址</div>}
        {mode?.kind === 'serving' && (
          <>
            <div class="win-label">正在办理</div>
            <div class="win-big num">{mode.number}</div>
          </>
        )}
        {mode?.kind === 'paused' && (
          <>
            <div class="win-big paused">暂停服务</div>
            {mode.reason && <div class="win-reason">{mode.reason}</div>}
          </>
        )}
        {mode?.kind === 'idle' && <div class="win-big idle">等候叫号</div>}
        {mode?.kind === 'closed' && <div class="win-big idle">本窗口暂未开放</div>}
      </main>
      <footer class="win-foot">
        {w?.staffName && !isPlaceholderStaffName(w.staffName) ? (
          <span class="win-staff" data-testid="window-staff">
            <span class="win-staff-name">工作人员：{w.staffName}</span>
            <span class="win-staff-id">
              {w.staffId ? `工号 ${w.staffId}` : ''}
              {w.staffRole && !w.staffName.includes(`${w.staffRole}岗`) ? ` · ${w.staffRole}岗` : ''}
            </span>
          </span>
        ) : w?.staffName ? (
          // The centre has not named its staff ("6号窗口A岗"): the window's name, not a post and a 工号.
          <span class="win-staff-name" data-testid="window-staff">
            {w.name}
          </span>
        ) : (
          <span>{s?.center.name ?? ''}</span>
        )}
      </footer>
      {!live.connected && (
        <div class="conn-lost" role="status">
          {s ? '连接中断，正在重连…' : '正在连接服务器…'}
        </div>
      )}
    </div>
  );
}
