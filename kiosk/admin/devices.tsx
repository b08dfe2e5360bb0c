// 设备设置 on /admin: every device's state, its port (and where that comes from) and its last problem;
// the ports found on this machine (serial by-id names, USB printers, USB devices by VID:PID); pick the port
// per device (validated and saved by the server, effective at once), print a test slip, read a test card
// (masked), scan a test code. A keyboard-wedge scanner types into the field at the bottom.
import { useEffect, useState } from 'preact/hooks';
import { api, ApiCallError, call } from '../lib/api.ts';
import {
  DEVICE_TRANSPORT_NAMES,
  type DeviceKind,
  type DeviceSetupDevice,
  type DeviceSetupView,
} from '../../server/contract/devices.ts';

const KIND_NAMES: Record<DeviceKind, string> = { printer: '小票打印机', idcard: '身份证读卡器', scanner: '扫码器' };
const ORIGIN_NAMES: Record<DeviceSetupDevice['origin'], string> = {
  config: '本页设置',
  env: '环境变量',
  simulator: '未设置',
};
const EXAMPLES: Record<DeviceKind, string> = {
  printer: '/dev/serial/by-id/…、tcp://192.168.1.87:9100、/dev/usb/lp0',
  idcard: '/dev/serial/by-id/…、usb:0400:c35a、sdtapi:/opt/sdt/libsdtapi.so:1001',
  scanner: '/dev/serial/by-id/…',
};
const TEST_NAMES: Record<DeviceKind, string> = { printer: '打印测试页', idcard: '测试读卡', scanner: '测试扫码' };

export function Devices() {
  const [view, setView] = useState<DeviceSetupView | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  const load = () =>
    call('GET /api/admin/devices')
      .then(setView)
      .catch((err: ApiCallError) => setMessage({ ok: false, text: err.message }));
  useEffect(() => {
    void load();
    // States change by themselves (a printer out of paper, a reader pulled out): keep them current.
    const timer = setInterval(() => void load(), 2000);
    return () => clearInterval(timer);
  }, []);

  const save = async (kind: DeviceKind, port: string, flowControl?: 'none' | 'rtscts') => {
    setMessage(null);
    try {
      setView(
        await call('PUT /api/admin/devices/:kind', {
          params: { kind },
          body: { port, ...(flowControl ? { flowControl } : {}) },
        }),
      );
      setMessage({
        ok: true,
        text: `已保存：${KIND_NAMES[kind]}${port ? `改用 ${port}` : '不再指定端口'}（已立即生效）`,
      });
    } catch (err) {
      setMessage({ ok: false, text: err instanceof ApiCallError ? err.message : '保存失败，请重试' });
    }
  };

  const test = async (kind: DeviceKind) => {
    setMessage({
      ok: true,
      text:
        kind === 'printer'
          ? '正在打印测试页…'
          : kind === 'idcard'
            ? '请在 15 秒内把证件放到读卡器上…'
            : '请在 15 秒内用扫码器扫一个条码…',
    });
    try {
      if (kind === 'printer') {
        await api('POST', '/api/admin/devices/printer/test', {});
        setMessage({ ok: true, text: '测试页已打印，请查看打印机出纸' });
      } else if (kind === 'idcard') {
        const { card } = await call('POST /api/admin/devices/idcard/test', { body: {} });
        setMessage({ ok: true, text: `读卡成功：${card.cardType} ${card.nameMasked} ${card.idMasked}` });
      } else {
        const { code } = await call('POST /api/admin/devices/scanner/test', { body: {} });
        setMessage({ ok: true, text: `扫码成功：${code}` });
      }
    } catch (err) {
      setMessage({ ok: false, text: err instanceof ApiCallError ? err.message : '测试失败，请重试' });
    }
  };

  if (!view) return message ? <p class="error">{message.text}</p> : <p class="muted">正在读取设备状态…</p>;
  return (
    <div class="settings devices">
      {message && (
        <p class={message.ok ? 'ok' : 'error'} role="status" data-testid="devices-message">
          {message.text}
        </p>
      )}
      <section class="card">
        <h2>设备状态与端口</h2>
        <table class="grid-table form-table">
          <thead>
            <tr>
              <th>设备</th>
              <th>状态</th>
              <th>当前连接</th>
              <th>最近问题</th>
              <th>选择端口</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {view.devices.map((d) => (
              <DeviceRow
                key={`${d.kind}-${d.port ?? ''}-${view.printerFlowControl}`}
                device={d}
                view={view}
                onSave={save}
                onTest={test}
              />
            ))}
          </tbody>
        </table>
        <p class="note">
          端口写法：串口用 /dev/serial/by-id/ 下的名称（拔插后不变）；网络打印机 tcp://地址:9100；USB 打印机
          /dev/usb/lp0；部标 USB 读卡器 usb:0400:c35a；厂商动态库 sdtapi:/路径/libsdtapi.so:1001（1001–1016 为 USB，1–16
          为串口）。留空则使用环境变量 KIOSK_*_PORT，都没有时为模拟设备。
        </p>
      </section>
      <section class="card">
        <h2>本机找到的端口</h2>
        {view.options.length === 0 && <p class="empty">没有找到串口、USB 打印机或 USB 设备</p>}
        <ul class="ports" data-testid="ports">
          {view.options.map((o) => (
            <li key={o.port}>
              <code>{o.port}</code> <span>{o.label}</span>{' '}
              <span class="muted">
                {DEVICE_TRANSPORT_NAMES[o.transport]}
                {o.suits.length ? `，可接${o.suits.map((k) => KIND_NAMES[k]).join('、')}` : '，本系统不直接使用'}
              </span>
            </li>
          ))}
        </ul>
        {view.notes.map((n) => (
          <p class="note" key={n}>
            {n}
          </p>
        ))}
      </section>
      <section class="card">
        <h2>键盘式扫码器测试</h2>
        <WedgeTest />
      </section>
    </div>
  );
}

function DeviceRow(props: {
  device: DeviceSetupDevice;
  view: DeviceSetupView;
  onSave: (kind: DeviceKind, port: string, flow?: 'none' | 'rtscts') => void;
  onTest: (kind: DeviceKind) => void;
}) {
  const { device: d, view } = props;
  const [port, setPort] = useState(d.origin === 'config' ? (d.port ?? '') : '');
  const [flow, setFlow] = useState(view.printerFlowControl);
  const options = view.options.filter((o) => o.suits.includes(d.kind));
  const listId = `ports-${d.kind}`;
  return (
    <tr data-testid={`device-${d.kind}`}>
      <td>
        <b>{KIND_NAMES[d.kind]}</b>
      </td>
      <td class={d.status.state === 'ready' ? 'ok' : 'error'} data-testid={`state-${d.kind}`}>
        {d.status.message}
      </td>
      <td>
        {DEVICE_TRANSPORT_NAMES[d.transport]}
        {d.port && (
          <>
            {' '}
            <code>{d.port}</code>
          </>
        )}
        <div class="muted">{ORIGIN_NAMES[d.origin]}</div>
      </td>
      <td>
        {d.lastProblem ? (
          <>
            {d.lastProblem.message}
            <div class="muted">
              {new Date(d.lastProblem.at).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false })}
            </div>
          </>
        ) : (
          <span class="muted">无</span>
        )}
      </td>
      <td>
        <input
          name="port"
          class="port-input"
          list={listId}
          value={port}
          placeholder={EXAMPLES[d.kind]}
          onInput={(e) => setPort(e.currentTarget.value)}
        />
        <datalist id={listId}>
          {options.map((o) => (
            <option key={o.port} value={o.port}>
              {o.label}
            </option>
          ))}
        </datalist>
        {d.kind === 'printer' && (
          <label class="muted flow">
            硬件流控{' '}
            <select
              name="flowControl"
              value={flow}
              onChange={(e) => setFlow(e.currentTarget.value as 'none' | 'rtscts')}
            >
              <option value="none">无</option>
              <option value="rtscts">RTS/CTS</option>
            </select>
          </label>
        )}
      </td>
      <td class="actions">
        <button
          type="button"
          class="primary"
          onClick={() => props.onSave(d.kind, port.trim(), d.kind === 'printer' ? flow : undefined)}
        >
          保存
        </button>
        <button type="button" onClick={() => props.onTest(d.kind)}>
          {TEST_NAMES[d.kind]}
        </button>
      </td>
    </tr>
  );
}

/** A keyboard-wedge scanner types into whatever has focus: click the field, scan, see the code. */
function WedgeTest() {
  const [text, setText] = useState('');
  const [codes, setCodes] = useState<string[]>([]);
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        if (text) setCodes((c) => [text, ...c].slice(0, 5));
        setText('');
      }}
    >
      <p class="note">点一下输入框，再用键盘式（USB HID）扫码器扫码：扫码器以回车结束时，扫到的内容会列在下面。</p>
      <input
        name="wedge"
        value={text}
        autocomplete="off"
        inputMode="none"
        onInput={(e) => setText(e.currentTarget.value)}
        size={40}
      />
      <ul data-testid="wedge-codes">
        {codes.map((c, i) => (
          <li key={i}>
            <code>{c}</code>
          </li>
        ))}
      </ul>
    </form>
  );
}
