// The 部标 USB ID reader (usb:0400:c35a): the real SerialIdCardReader and SdtFramer over UsbBulkLink,
// with node-usb's API played by tests/helpers/fake-usb.ts, whose reader answers with real SDT frames
// (the IdCardSimulator) cut into 64-byte bulk transfers.
import { afterEach, describe, expect, it } from 'vitest';
import { autoDetect } from '@serialport/bindings-cpp';
import type { IdCard } from '../../drivers/device.ts';
import { SerialIdCardReader } from '../../drivers/idcard/idcard-reader.ts';
import { IdCardSimulator } from '../../drivers/idcard/idcard-simulator.ts';
import { linkFactory, loadUsb } from '../../drivers/transport/create-link.ts';
import { UsbBulkLink } from '../../drivers/transport/usb-bulk-link.ts';
import { parsePortSpec } from '../../drivers/transport/port-spec.ts';
import { FakeUsb, FakeUsbReader } from '../helpers/fake-usb.ts';
import { sleep, until, waitForMore, waitForState } from '../helpers/device-wait.ts';
import { CMD_FIND, CMD_READ, CMD_SAM_STATUS, CMD_SELECT, LI_SI, ZHANG_SAN } from './idcard-fixtures.ts';

const stops: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (stops.length) await stops.pop()!();
});

function setUp() {
  const usb = new FakeUsb();
  const sim = new IdCardSimulator();
  const device = new FakeUsbReader(sim);
  usb.attach(device);
  const logs: string[] = [];
  const reader = new SerialIdCardReader({
    path: 'usb:0400:c35a',
    baudRate: 115200,
    binding: autoDetect(),
    pollMs: 150,
    responseTimeoutMs: 400,
    log: (l) => logs.push(l),
    createLink: linkFactory(parsePortSpec('usb:0400:c35a'), {
      usb,
      retryMs: 100,
      maxRetryMs: 500,
      log: (l) => logs.push(l),
    }),
  });
  const cards: IdCard[] = [];
  reader.on('card', (c) => cards.push(c));
  stops.push(() => reader.stop());
  return { usb, sim, device, reader, cards, logs };
}

describe('部标 USB ID reader over bulk endpoints (node-usb API)', () => {
  it('claims the interface, sends the exact SDT commands, reassembles a card read from 64-byte transfers', async () => {
    const { sim, device, reader, cards } = setUp();
    await reader.start();
    await waitForState(reader, 'ready', 2000);
    expect(device.claimed).toEqual([0]);
    // No card: only SAM status, then find card answered 80, again and again.
    await waitForMore(() => device.outTransfers.length, 3, '无卡时的寻卡');
    expect(cards).toHaveLength(0);
    expect(device.outTransfers[0]!.toString('hex')).toBe(CMD_SAM_STATUS.toString('hex'));
    expect(device.outTransfers.slice(1).every((b) => b.equals(CMD_FIND))).toBe(true);

    sim.insertCard(ZHANG_SAN);
    await until(() => cards.length === 1, 2000, '读到张三的卡');
    expect(cards[0]).toEqual(ZHANG_SAN);
    const sent = device.outTransfers.map((b) => b.toString('hex'));
    expect(sent).toContain(CMD_SELECT.toString('hex'));
    expect(sent).toContain(CMD_READ.toString('hex'));
    // The read answer (7 + 3 + 4 + 256 + 1024 + 1 = 1,295 bytes) came in 64-byte pieces.
    expect(Math.max(...device.inTransferSizes)).toBe(64);
    expect(device.inTransferSizes.filter((n) => n === 64).length).toBeGreaterThanOrEqual(20);
    // Still on the reader: reported once.
    await waitForMore(() => device.outTransfers.length, 4, '卡不动时的寻卡');
    expect(cards).toHaveLength(1);
  });

  it('SAM self-check failure → error with the reader’s words; cleared → ready', async () => {
    const { sim, reader } = setUp();
    sim.setSamFault(0x60);
    await reader.start();
    await waitForState(reader, 'error', 2000);
    expect(reader.status().message).toContain('安全模块（SAM）自检失败');
    sim.setSamFault(null);
    await waitForState(reader, 'ready', 3000);
  });

  it('a card the reader cannot read (41) is not reported; the next good read is', async () => {
    const { sim, reader, cards, logs } = setUp();
    await reader.start();
    await waitForState(reader, 'ready', 2000);
    sim.override('read', 0x41);
    sim.insertCard(ZHANG_SAN);
    await until(() => logs.some((l) => l.includes('读卡失败')), 2000, '读卡失败记入日志');
    expect(cards).toHaveLength(0);
    sim.override('read', null);
    await until(() => cards.length === 1, 2000, '重读成功');
  });

  it('vanished device (pulled out): unplugged within 2 s; plugged back: ready within 3 s and reads again', async () => {
    const { usb, sim, device, reader, cards } = setUp();
    await reader.start();
    await waitForState(reader, 'ready', 2000);
    sim.insertCard(ZHANG_SAN);
    await until(() => cards.length === 1, 2000, '第一张卡');
    usb.detach(device);
    expect(await waitForState(reader, 'unplugged', 2000)).toBeLessThan(2000);
    await sleep(700);
    sim.insertCard(LI_SI);
    usb.attach(device);
    expect(await waitForState(reader, 'ready', 3000)).toBeLessThan(3000);
    await until(() => cards.length === 2, 2000, '重新插上后读到第二张卡');
    expect(cards[1]!.name).toBe('李四');
  });

  it('a device that is not there at start is reported unplugged and found when it arrives', async () => {
    const { usb, device, reader } = setUp();
    usb.detach(device);
    await reader.start();
    await waitForState(reader, 'unplugged', 2000);
    usb.attach(device);
    expect(await waitForState(reader, 'ready', 3000)).toBeLessThan(3000);
  });

  it('the real node-usb where the reader (or the whole USB bus, in a container) is absent: unplugged, retried, no crash', async () => {
    const logs: string[] = [];
    const link = new UsbBulkLink({
      vendorId: 0x0400,
      productId: 0xc35a,
      usb: loadUsb(),
      label: '身份证读卡器',
      retryMs: 100,
      maxRetryMs: 200,
      log: (l) => logs.push(l),
    });
    const closes: string[] = [];
    link.on('close', (err) => closes.push(err?.message ?? ''));
    stops.push(() => link.stop());
    link.start();
    await until(() => closes.length >= 3, 3000, '三次查找设备');
    expect(link.isOpen).toBe(false);
    expect(logs.filter((l) => l.includes('不可用'))).toHaveLength(1);
    await sleep(300); // a failure node-usb rethrows from a timer would fail the test run here
  });
});
