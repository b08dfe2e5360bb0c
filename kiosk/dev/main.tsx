// The developer page for simulated devices (/dev): insert an ID card, scan a code, take the printer's
// paper out or open its cover, pull a cable, and look at the slips the simulated printer received.
// Works only on the kiosk machine and only for devices running on their simulator.
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { api, ApiCallError, call } from '../lib/api.ts';
import type { DeviceStatus } from '../../server/contract/devices.ts';

interface Job {
  index: number;
  size: number;
  svg: string;
}

/** GB 11643 check digit, so the synthetic test cards are valid numbers. */
function withCheckDigit(first17: string): string {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((s, d, i) => s + Number(d) * w[i]!, 0);
  return first17 + '10X98765432'[sum % 11];
}

function syntheticCard(age: number) {
  const year = new Date().getFullYear() - age;
  const birth = `${year}0315`;
  return {
    name: age >= 60 ? '张三' : '李四',
    birthDate: `${year}-03-15`,
    idNumber: withCheckDigit(`652701${birth}123`),
    sex: '男',
    address: '新疆博乐市顾力木图街道（测试数据）',
  };
}

function App() {
  const [devices, setDevices] = useState<DeviceStatus[]>([]);
  const [jobs, setJobs] = useState<Job[]>([]);
  const [message, setMessage] = useState('');
  const [code, setCode] = useState('');

  const refresh = async () => {
    const health = await call('GET /api/health');
    setDevices(health.devices);
    try {
      setJobs((await api<{ jobs: Job[] }>('GET', '/api/sim/printer/jobs?limit=6')).jobs.reverse());
    } catch (err) {
      setMessage((err as ApiCallError).message);
    }
  };
  useEffect(() => {
    void refresh();
    const t = setInterval(() => void refresh(), 2000);
    return () => clearInterval(t);
  }, []);

  const act = async (path: string, body: unknown, done: string) => {
    try {
      await api('POST', path, body);
      setMessage(done);
    } catch (err) {
      setMessage((err as ApiCallError).message);
    }
    void refresh();
  };

  return (
    <main style={{ font: '16px system-ui, "Noto Sans CJK SC", sans-serif', padding: 16, maxWidth: 1100 }}>
      <h1>模拟设备</h1>
      <p>仅用于没有硬件时的演示和测试；所有身份证数据都是合成的测试数据。</p>
      <p role="status" style={{ minHeight: 24, color: '#a40' }}>
        {message}
      </p>
      <section>
        <h2>设备状态</h2>
        <ul>
          {devices.map((d) => (
            <li key={d.kind}>
              {d.kind}：{d.message}（{d.simulated ? '模拟' : '串口'}）{' '}
              <button onClick={() => act('/api/sim/unplug', { device: d.kind }, `${d.kind} 已拔出`)}>拔出</button>{' '}
              <button onClick={() => act('/api/sim/plug', { device: d.kind }, `${d.kind} 已插回`)}>插回</button>
            </li>
          ))}
        </ul>
      </section>
      <section>
        <h2>身份证读卡器</h2>
        <button onClick={() => act('/api/sim/idcard', syntheticCard(75), '已放入 75 岁居民的测试身份证')}>
          放入 75 岁居民身份证
        </button>{' '}
        <button onClick={() => act('/api/sim/idcard', syntheticCard(35), '已放入 35 岁居民的测试身份证')}>
          放入 35 岁居民身份证
        </button>{' '}
        <button onClick={() => act('/api/sim/idcard', { remove: true }, '已取走身份证')}>取走身份证</button>
      </section>
      <section>
        <h2>扫码器</h2>
        <input
          value={code}
          onInput={(e) => setCode((e.target as HTMLInputElement).value)}
          placeholder="预约码 YY:XXXXXXXX 或小票二维码内容"
          style={{ width: 360 }}
        />{' '}
        <button onClick={() => act('/api/sim/scan', { code }, `已扫码：${code}`)} disabled={!code}>
          扫码
        </button>
      </section>
      <section>
        <h2>打印机</h2>
        <button onClick={() => act('/api/sim/printer', { paper: 'ok' }, '已装纸')}>装纸</button>{' '}
        <button onClick={() => act('/api/sim/printer', { paper: 'near-end' }, '纸将尽')}>纸将尽</button>{' '}
        <button onClick={() => act('/api/sim/printer', { paper: 'out' }, '已缺纸')}>缺纸</button>{' '}
        <button onClick={() => act('/api/sim/printer', { cover: 'open' }, '纸仓盖已打开')}>打开纸仓盖</button>{' '}
        <button onClick={() => act('/api/sim/printer', { cover: 'closed' }, '纸仓盖已关闭')}>关闭纸仓盖</button>
        <h3>最近打印的小票（由打印机收到的 ESC/POS 字节还原）</h3>
        <div style={{ display: 'flex', gap: 16, flexWrap: 'wrap', alignItems: 'flex-start' }}>
          {jobs.map((j) => (
            <figure key={j.index} style={{ margin: 0 }}>
              <div
                style={{ border: '1px solid #ccc', background: '#fff' }}
                dangerouslySetInnerHTML={{ __html: j.svg }}
              />
              <figcaption>
                第 {j.index + 1} 张 · {j.size} 字节
              </figcaption>
            </figure>
          ))}
        </div>
      </section>
    </main>
  );
}

render(<App />, document.getElementById('app')!);
