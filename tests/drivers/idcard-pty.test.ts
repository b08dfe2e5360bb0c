// The ID card reader driver on a real tty: socat makes a pty pair, the hardware binding
// (@serialport/bindings-cpp) opens one end, and this test plays the reader on the other end with plain
// fs, answering SDT frames with the simulator's logic. Killing socat is the cable pulled; starting it
// again with the same link names is the cable back.
import { autoDetect } from '@serialport/bindings-cpp';
import { afterAll, describe, expect, it } from 'vitest';
import type { IdCard } from '../../drivers/device.ts';
import type { DeviceState } from '../../server/contract/devices.ts';
import { SerialIdCardReader } from '../../drivers/idcard/idcard-reader.ts';
import { IdCardSimulator } from '../../drivers/idcard/idcard-simulator.ts';
import { PtyCable, SOCAT } from '../helpers/pty.ts';
import { CMD_FIND, CMD_READ, CMD_SAM_STATUS, CMD_SELECT, LI_SI, ZHANG_SAN } from './idcard-fixtures.ts';

const cable = new PtyCable(`/tmp/kiosk-idc-${process.pid}-a`, `/tmp/kiosk-idc-${process.pid}-b`);
const hostEnd = cable.hostEnd;

if (!SOCAT) console.warn('跳过 pty 读卡器测试：未找到 socat（apt-get install socat）');

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The simulated reader on the cable's far end: answers SDT frames, records what the host sent. */
class PtyReader {
  readonly hostBytes: Buffer[] = [];

  constructor(readonly device: IdCardSimulator) {}

  async up(): Promise<void> {
    await cable.up((chunk) => {
      this.hostBytes.push(chunk);
      this.device.receive(chunk);
    });
    this.device.attach((bytes) => cable.write(bytes));
  }

  async down(): Promise<void> {
    this.device.detach();
    await cable.down();
  }
}

describe.skipIf(!SOCAT)('ID card reader driver over a socat pty pair', () => {
  const device = new IdCardSimulator();
  const pty = new PtyReader(device);

  afterAll(async () => {
    await pty.down();
  });

  it('hardware binding: exact command bytes, one card, silent → offline; socat killed → unplugged, restarted → ready', async () => {
    await pty.up();
    const logs: string[] = [];
    const reader = new SerialIdCardReader({
      path: hostEnd,
      baudRate: 115200,
      binding: autoDetect(),
      pollMs: 150,
      responseTimeoutMs: 400,
      log: (l) => logs.push(l),
    });
    const cards: IdCard[] = [];
    reader.on('card', (c) => cards.push(c));
    const waitFor = (s: DeviceState, ms = 3000): Promise<number> =>
      new Promise((resolve, reject) => {
        const t0 = Date.now();
        if (reader.status().state === s) return resolve(0);
        const timer = setTimeout(() => {
          reader.off('status', on);
          reject(new Error(`${ms} ms 内未报告 ${s}，当前 ${reader.status().state}`));
        }, ms);
        const on = (st: { state: DeviceState }): void => {
          if (st.state !== s) return;
          clearTimeout(timer);
          reader.off('status', on);
          resolve(Date.now() - t0);
        };
        reader.on('status', on);
      });
    const until = async (cond: () => boolean, what: string): Promise<void> => {
      const t0 = Date.now();
      while (!cond()) {
        if (Date.now() - t0 > 3000) throw new Error(`3000 ms 内未等到：${what}`);
        await sleep(20);
      }
    };
    try {
      await reader.start();
      await waitFor('ready');
      // AA AA AA 96 69 00 03 11 FF ED (SAM 状态), then AA AA AA 96 69 00 03 20 01 22 (寻卡)
      expect(Buffer.concat(pty.hostBytes).subarray(0, 20)).toEqual(Buffer.concat([CMD_SAM_STATUS, CMD_FIND]));
      device.insertCard(ZHANG_SAN);
      await until(() => cards.length === 1, '读卡');
      expect(cards).toEqual([ZHANG_SAN]);
      // … 20 02 21 (选卡) and 30 01 32 (读卡) went over the tty too.
      const all = Buffer.concat(pty.hostBytes);
      expect(all.indexOf(CMD_SELECT)).toBeGreaterThan(0);
      expect(all.indexOf(CMD_READ)).toBeGreaterThan(all.indexOf(CMD_SELECT));
      // Kept on the reader: three more polls (10-byte find commands) and still one event.
      const sent = () => Buffer.concat(pty.hostBytes).length;
      const polled = sent();
      await until(() => sent() >= polled + 30, '卡不动时的寻卡');
      expect(cards).toHaveLength(1);
      device.setMode('silent');
      await waitFor('offline');
      device.setMode('normal');
      await waitFor('ready');

      // Cable pulled: socat gone, the pty and its link vanish.
      const gone = waitFor('unplugged', 2000);
      await pty.down();
      expect(await gone).toBeLessThan(2000);
      expect(reader.status().message).toContain('未连接');
      await sleep(1200); // several failed reopen attempts while the path does not exist
      device.insertCard(LI_SI);
      const back = waitFor('ready', 3000);
      await pty.up();
      expect(await back).toBeLessThan(3000);
      await until(() => cards.length === 2, '恢复后读到新卡');
      expect(cards[1]).toEqual(LI_SI);
      expect(logs.some((l) => l.includes('将自动重连'))).toBe(true);
      expect(logs.some((l) => l.includes('已恢复'))).toBe(true);
    } finally {
      await reader.stop();
    }
  }, 20000);
});
