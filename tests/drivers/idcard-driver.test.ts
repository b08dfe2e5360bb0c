// The ID card reader driver against the simulator, through SimBinding and the real SerialPortStream.
import { afterEach, describe, expect, it } from 'vitest';
import type { DeviceState, DeviceStatus } from '../../server/wire.ts';
import type { IdCard } from '../../drivers/device.ts';
import { SerialIdCardReader } from '../../drivers/idcard/idcard-reader.ts';
import { IdCardSimulator } from '../../drivers/idcard/idcard-simulator.ts';
import { SimBinding } from '../../drivers/sim/sim-binding.ts';
import { BAD_CHECK, LI_SI, ZHANG_SAN } from './idcard-fixtures.ts';

let seq = 0;
const running: { reader: SerialIdCardReader; path: string }[] = [];

function setup(options: { pollMs?: number; responseTimeoutMs?: number } = {}) {
  const path = `/sim/idcard-test-${process.pid}-${++seq}`;
  const sim = new IdCardSimulator();
  SimBinding.register(path, sim);
  const logs: string[] = [];
  const reader = new SerialIdCardReader({
    path, baudRate: 115200, binding: SimBinding, simulated: true, pollMs: options.pollMs ?? 100,
    responseTimeoutMs: options.responseTimeoutMs ?? 200, retryMs: 100, maxRetryMs: 400, log: (l) => logs.push(l),
  });
  const events: DeviceStatus[] = [];
  const cards: IdCard[] = [];
  reader.on('status', (s) => events.push(s));
  reader.on('card', (c) => cards.push(c));
  running.push({ reader, path });
  return { path, sim, reader, events, cards, logs };
}

function waitForState(reader: SerialIdCardReader, state: DeviceState, timeoutMs: number): Promise<number> {
  const t0 = Date.now();
  if (reader.status().state === state) return Promise.resolve(0);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      reader.off('status', on);
      reject(new Error(`${timeoutMs} ms 内未报告 ${state}，当前 ${reader.status().state}`));
    }, timeoutMs);
    const on = (s: DeviceStatus): void => {
      if (s.state !== state) return;
      clearTimeout(timer);
      reader.off('status', on);
      resolve(Date.now() - t0);
    };
    reader.on('status', on);
  });
}

async function until(cond: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const t0 = Date.now();
  while (!cond()) {
    if (Date.now() - t0 > timeoutMs) throw new Error(`${timeoutMs} ms 内未等到：${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

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
    const polls = sim.commands;
    await sleep(600);
    expect(sim.commands).toBeGreaterThan(polls + 2); // still polling
    expect(cards).toHaveLength(1);
    sim.removeCard();
    await sleep(300);
    sim.insertCard(ZHANG_SAN);
    await until(() => cards.length === 2, 2000, '重新放卡后再次读到');
    sim.removeCard();
    await sleep(300);
    sim.insertCard(LI_SI);
    await until(() => cards.length === 3, 2000, '读到第二个人的卡');
    expect(cards[2]).toEqual(LI_SI);
    // Log lines carry masked data only.
    const all = logs.join('\n');
    expect(all).not.toContain(ZHANG_SAN.idNumber);
    expect(all).not.toContain('张三');
    expect(all).toContain('6527**********1233');
  });

  it('an ID number with a wrong check digit is refused with a masked log line', async () => {
    const { sim, reader, cards, logs } = setup();
    await reader.start();
    await waitForState(reader, 'ready', 2000);
    sim.insertCard(BAD_CHECK);
    await until(() => logs.some((l) => l.includes('校验不通过')), 2000, '拒绝日志');
    await sleep(300);
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
    await sleep(400);
    expect(cards).toHaveLength(1);
  });

  it('unplug → unplugged within 2 s; plug → ready within 3 s, no restart', async () => {
    const { path, sim, reader, cards } = setup();
    await reader.start();
    await waitForState(reader, 'ready', 2000);
    const gone = waitForState(reader, 'unplugged', 2000);
    SimBinding.unplug(path);
    expect(await gone).toBeLessThan(2000);
    await sleep(1500); // several failed reopen attempts
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
