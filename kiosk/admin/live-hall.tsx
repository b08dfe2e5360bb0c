// /admin → 数据概览: the hall right now (issue 24 ⑬), live over the existing WebSocket (the admin's session
// connects as a console: the same snapshot and events the window consoles get, nothing polled). Waiting per
// business category, every window open / paused / 空岗 with who is signed in, and the devices' state.
// Counts and staff names only: no resident's ticket or name is shown here.
import { useLive } from '../lib/use-live.ts';
import type { DeviceKind, DeviceStatus } from '../../server/contract/devices.ts';
import type { WindowState } from '../../server/contract/queue.ts';
import './live-hall.css';

const KIND_NAMES: Record<DeviceKind, string> = { printer: '小票打印机', idcard: '身份证读卡器', scanner: '扫码器' };

function windowLine(w: WindowState): { cls: string; state: string; who: string } {
  const who = w.staffName ? `${w.staffName}（${w.staffRole ?? 'A'}岗）` : '无人签到';
  if (!w.staffName) return { cls: 'empty', state: '空岗', who };
  if (w.paused) return { cls: 'paused', state: `暂停${w.pauseReason ? `（${w.pauseReason}）` : ''}`, who };
  return { cls: 'open', state: '开放', who };
}

function deviceLine(d: DeviceStatus): { cls: string; text: string } {
  if (d.state === 'ready') return { cls: 'open', text: `正常${d.simulated ? '（模拟设备）' : ''}` };
  return { cls: d.state === 'paper-near-end' ? 'paused' : 'empty', text: d.message };
}

export function LiveHall() {
  const { connected, snapshot } = useLive('console');
  return (
    <section class="card live-hall" data-testid="live-hall">
      <h2>
        大厅实时状态
        <span class={connected ? 'conn on' : 'conn off'} data-testid="live-conn">
          {connected ? '● 实时' : '○ 连接中断，正在重连…'}
        </span>
      </h2>
      {!snapshot ? (
        <p class="muted">正在连接服务器…</p>
      ) : (
        <div class="live-grid">
          <div>
            <h3>各业务类别等候人数</h3>
            <table class="grid-table" data-testid="live-waiting">
              <tbody>
                {snapshot.categories.map((c) => (
                  <tr key={c.id} data-category={c.id}>
                    <td>{c.name}</td>
                    <td class="num">
                      <b>{c.waiting}</b> 人
                    </td>
                    <td class="muted">{c.closedReason ?? c.noServiceReason ?? ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div>
            <h3>窗口</h3>
            <table class="grid-table" data-testid="live-windows">
              <tbody>
                {snapshot.windows.map((w) => {
                  const l = windowLine(w);
                  return (
                    <tr key={w.no} data-window={w.no}>
                      <td>
                        {w.no}号窗口 {w.name}
                      </td>
                      <td>
                        <span class={`pill ${l.cls}`}>{l.state}</span>
                      </td>
                      <td>{l.who}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <div>
            <h3>设备</h3>
            <table class="grid-table" data-testid="live-devices">
              <tbody>
                {snapshot.devices.map((d) => {
                  const l = deviceLine(d);
                  return (
                    <tr key={d.kind} data-device={d.kind}>
                      <td>{KIND_NAMES[d.kind]}</td>
                      <td>
                        <span class={`pill ${l.cls}`}>{l.text}</span>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </div>
      )}
    </section>
  );
}
