// The ID card reader driver against the simulator, through SimBinding and the real SerialPortStream.
import { afterEach, describe, expect, it } from 'vitest';
import type { DeviceStatus } from '../../server/contract/devices.ts';
import type { IdCard } from '../../drivers/device.ts';
import { SerialIdCardReader } from '../../drivers/idcard/idcard-reader.ts';
import { IdCardSimulator, type IdCardSimulatorOptions } from '../../drivers/idcard/idcard-simulator.ts';
import { describeStatus } from '../../drivers/idcard/sdt-codec.ts';
import { SimBinding, type SimulatedDevice } from '../../drivers/sim/sim-binding.ts';
import {
  BAD_CHECK,
  CMD_FIND,
  CMD_READ,
  CMD_SAM_STATUS,
  CMD_SELECT,
  LI_SI,
  STATUS_FIXTURES,
  ZHANG_SAN,
} from './idcard-fixtures.ts';
import { waitForState, until, sleep, waitForMore } from '../helpers/device-wait.ts';

let seq = 0;
const running: { reader: SerialIdCardReader; path: string }[] = [];

/** Records every chunk the host writes before the simulator sees it. */
function recording(device: SimulatedDevice, written: Buffer[]): SimulatedDevice {
  return {
    receive: (bytes) => {
      written.push(Buffer.from(bytes));
      device.receive(bytes);
    },
    attach: (send) => device.attach(send),
    detach: () => device.detach(),
  };
}

function setup(options: { pollMs?: number; responseTimeoutMs?: number; sim?: IdCardSimulatorOptions } = {}) {
  const path = `/sim/idcard-test-${process.pid}-${++seq}`;
  const sim = new IdCardSimulator(options.sim);
  const written: Buffer[] = [];
  SimBinding.register(path, recording(sim, written));
  const logs: string[] = [];
  const reader = new SerialIdCardReader({
    path,
    baudRate: 115200,
    binding: SimBinding,
    simulated: true,
    pollMs: options.pollMs ?? 100,
    responseTimeoutMs: options.responseTimeoutMs ?? 200,
    retryMs: 100,
    maxRetryMs: 400,
    log: (l) => logs.push(l),
  });
  const events: DeviceStatus[] = [];
  const cards: IdCard[] = [];
  reader.on('status', (s) => events.push(s));
  reader.on('card', (c) => cards.push(c));
  running.push({ reader, path });
  return { path, sim, reader, events, cards, logs, written };
}

afterEach(async () => {
  for (const { reader, path } of running.splice(0)) {
    await reader.stop();
    SimBinding.unregister(path);
  }
});

describe('ID card reader driver with the simulator (SimBinding)', () => {
  it('constructor does nothing; start() polls and reports ready', async () => {
    const { sim, reader } = setup();
    await sleep(50);
    expect(sim.commands).toBe(0);
    expect(reader.status().state).toBe('reconnecting');
    await reader.start();
    await waitForState(reader, 'ready', 2000);
    expect(reader.status().message).toBe('身份证读卡器正常');
    expect(reader.status().simulated).toBe(true);
  });

  it('one card → exactly one event while it stays; remove and reinsert → another', async () => {
    const { sim, reader, cards, logs } = setup();
    await reader.start();
    await waitForState(reader, 'ready', 2000);
    sim.insertCard(ZHANG_SAN);
    await until(() => cards.length === 1, 2000, '读到第一张卡');
    expect(cards[0]).toEqual(ZHANG_SAN);
    await waitForMore(() => sim.commands, 3, '卡留在读卡器上时继续轮询');
    expect(cards).toHaveLength(1);
    sim.removeCard();
    await waitForMore(() => sim.commands, 2, '取卡后的轮询');
    sim.insertCard(ZHANG_SAN);
    await until(() => cards.length === 2, 2000, '重新放卡后再次读到');
    sim.removeCard();
    await waitForMore(() => sim.commands, 2, '取卡后的轮询');
    sim.insertCard(LI_SI);
    await until(() => cards.length === 3, 2000, '读到第二个人的卡');
    expect(cards[2]).toEqual(LI_SI);
    // Log lines carry masked data only.
    const all = logs.join('\n');
    expect(all).not.toContain(ZHANG_SAN.idNumber);
    expect(all).not.toContain('张三');
    expect(all).toContain('6527**********1233');
  });

  it('writes exactly SAM status once, then find; with a card find → select → read, then only find', async () => {
    const { sim, reader, cards, written } = setup();
    await reader.start();
    await waitForState(reader, 'ready', 2000);
    await waitForMore(() => written.length, 3, '寻卡');
    const hexes = () => written.map((b) => b.toString('hex'));
    // AA AA AA 96 69 00 03 11 FF ED, then AA AA AA 96 69 00 03 20 01 22 on every poll.
    expect(hexes()[0]).toBe(CMD_SAM_STATUS.toString('hex'));
    expect(new Set(hexes().slice(1))).toEqual(new Set([CMD_FIND.toString('hex')]));
    const before = written.length;
    sim.insertCard(ZHANG_SAN);
    await until(() => cards.length === 1, 2000, '读卡');
    await waitForMore(() => written.length, 2, '读卡后的寻卡');
    const after = hexes().slice(before);
    const at = after.indexOf(CMD_SELECT.toString('hex'));
    // … 20 01 22 | 20 02 21 | 30 01 32 | 20 01 22 …: one select and one read for one insertion.
    expect(after.slice(at - 1, at + 3)).toEqual(
      [CMD_FIND, CMD_SELECT, CMD_READ, CMD_FIND].map((b) => b.toString('hex')),
    );
    expect(after.filter((x) => x === CMD_SELECT.toString('hex'))).toHaveLength(1);
    expect(after.filter((x) => x === CMD_READ.toString('hex'))).toHaveLength(1);
    expect(written.every((b) => b.length === 10)).toBe(true); // whole frames, one command in flight
  });

  it('every failure status from select / read: no card, one log line each; cleared → the card is read', async () => {
    const { sim, reader, cards, logs } = setup({ pollMs: 40 });
    await reader.start();
    await waitForState(reader, 'ready', 2000);
    sim.insertCard(ZHANG_SAN);
    for (const step of ['select', 'read'] as const) {
      for (const { sw3 } of STATUS_FIXTURES) {
        if (sw3 === 0x60 || sw3 === 0x66) continue; // SAM faults: next test
        sim.override(step, sw3);
        const line = `${step === 'select' ? '选卡' : '读卡'}失败：${describeStatus(sw3)}`;
        await until(() => logs.some((l) => l.endsWith(line)), 2000, line);
        await waitForMore(() => sim.commands, 3, '同一故障下的轮询');
        expect(logs.filter((l) => l.endsWith(line))).toHaveLength(1);
        expect(reader.status().state).toBe('ready');
      }
      sim.override(step, null);
    }
    expect(cards).toHaveLength(0);
    await until(() => cards.length === 1, 2000, '恢复后读卡');
    sim.override('find', 0x24);
    await until(() => logs.some((l) => l.endsWith(`寻卡失败：${describeStatus(0x24)}`)), 2000, '寻卡失败日志');
    expect(reader.status().state).toBe('ready');
  });

  it('SAM faults (60 at start-up, 66 later) → error with the reason; cleared → ready', async () => {
    const { sim, reader, cards, written } = setup();
    sim.setSamFault(0x60);
    await reader.start();
    await waitForState(reader, 'error', 2000);
    expect(reader.status().message).toContain('SAM');
    expect(written[0]).toEqual(CMD_SAM_STATUS);
    sim.setSamFault(null);
    await waitForState(reader, 'ready', 2000);
    sim.setSamFault(0x66);
    sim.insertCard(ZHANG_SAN);
    await waitForState(reader, 'error', 2000);
    expect(reader.status().message).toContain('没经过授权');
    expect(cards).toHaveLength(0);
    sim.setSamFault(null);
    await until(() => cards.length === 1, 2000, 'SAM 恢复后读卡');
  });

  it('a reader sending only noise (wrong baud rate) → error naming the baud rate, not offline', async () => {
    const { sim, reader, logs } = setup({ responseTimeoutMs: 100 });
    sim.setMode('noise');
    await reader.start();
    await waitForState(reader, 'error', 3000);
    expect(reader.status().message).toContain('波特率');
    expect(logs.some((l) => l.includes('115200'))).toBe(true);
    sim.setMode('normal');
    await waitForState(reader, 'ready', 2000);
  });

  it('reader whose find answers 80 after a read while the card stays: still one event per insertion', async () => {
    const { sim, reader, cards } = setup({ sim: { findAfterRead: 'no-card' } });
    await reader.start();
    await waitForState(reader, 'ready', 2000);
    sim.insertCard(ZHANG_SAN);
    await until(() => cards.length === 1, 2000, '读卡');
    await waitForMore(() => sim.commands, 4, '卡不动时的轮询');
    expect(cards).toHaveLength(1);
    sim.removeCard();
    await waitForMore(() => sim.commands, 2, '取卡后的轮询');
    sim.insertCard(ZHANG_SAN);
    await until(() => cards.length === 2, 2000, '重新放卡');
  });

  it('an ID number with a wrong check digit is refused with a masked log line', async () => {
    const { sim, reader, cards, logs } = setup();
    await reader.start();
    await waitForState(reader, 'ready', 2000);
    sim.insertCard(BAD_CHECK);
    await until(() => logs.some((l) => l.includes('校验不通过')), 2000, '拒绝日志');
    await waitForMore(() => sim.commands, 3, '拒绝后的轮询');
    expect(cards).toHaveLength(0);
    expect(logs.filter((l) => l.includes('校验不通过'))).toHaveLength(1);
    expect(logs.join('\n')).not.toContain(BAD_CHECK.idNumber);
  });

  it('garbage before every answer and split answers: still reads the card', async () => {
    const { sim, reader, cards } = setup();
    sim.setMode('garbage');
    await reader.start();
    await waitForState(reader, 'ready', 2000);
    sim.insertCard(ZHANG_SAN);
    await until(() => cards.length === 1, 2000, '读卡');
    expect(cards[0]).toEqual(ZHANG_SAN);
  });

  it('answers with a bad checksum: no card, then error; normal again → ready', async () => {
    const { sim, reader, cards } = setup();
    await reader.start();
    await waitForState(reader, 'ready', 2000);
    sim.setMode('bad-checksum');
    sim.insertCard(ZHANG_SAN);
    await waitForState(reader, 'error', 3000);
    expect(cards).toHaveLength(0);
    sim.setMode('normal');
    await waitForState(reader, 'ready', 2000);
    await until(() => cards.length === 1, 2000, '恢复后读卡');
  });

  it('silent reader → offline; answering again → ready, same card not reported twice', async () => {
    const { sim, reader, cards } = setup();
    await reader.start();
    await waitForState(reader, 'ready', 2000);
    sim.insertCard(ZHANG_SAN);
    await until(() => cards.length === 1, 2000, '读卡');
    sim.setMode('silent');
    await waitForState(reader, 'offline', 2000);
    expect(reader.status().message).toContain('无响应');
    sim.setMode('normal');
    await waitForState(reader, 'ready', 2000);
    await waitForMore(() => sim.commands, 3, '恢复后的轮询');
    expect(cards).toHaveLength(1);
  });

  it('unplug → unplugged within 2 s; plug → ready within 3 s, no restart', async () => {
    const { path, sim, reader, cards } = setup();
    await reader.start();
    await waitForState(reader, 'ready', 2000);
    const gone = waitForState(reader, 'unplugged', 2000);
    SimBinding.unplug(path);
    expect(await gone).toBeLessThan(2000);
    await waitForMore(() => SimBinding.openAttempts(path), 3, '拔出后的重连尝试');
    SimBinding.plug(path);
    expect(await waitForState(reader, 'ready', 3000)).toBeLessThan(3000);
    sim.insertCard(ZHANG_SAN);
    await until(() => cards.length === 1, 2000, '重连后读卡');
  });

  it('a different card placed while unplugged is reported after reconnecting', async () => {
    const { path, sim, reader, cards } = setup();
    await reader.start();
    sim.insertCard(ZHANG_SAN);
    await until(() => cards.length === 1, 2000, '读卡');
    SimBinding.unplug(path);
    await waitForState(reader, 'unplugged', 2000);
    sim.insertCard(LI_SI);
    SimBinding.plug(path);
    await until(() => cards.length === 2, 3000, '重连后读到新卡');
    expect(cards[1]?.idNumber).toBe(LI_SI.idNumber);
  });

  it('stop() leaves no timers or listeners behind', async () => {
    const timeouts = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
    await sleep(50);
    const before = timeouts();
    const { sim, reader } = setup();
    await reader.start();
    await waitForState(reader, 'ready', 2000);
    expect(timeouts()).toBeGreaterThan(before);
    await reader.stop();
    const n = sim.commands;
    await sleep(400);
    expect(sim.commands).toBe(n);
    expect(timeouts()).toBeLessThanOrEqual(before);
  });
});
