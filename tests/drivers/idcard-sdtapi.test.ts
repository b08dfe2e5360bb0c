// The ID card reader through a vendor's sdtapi library: a small C library (tests/helpers/fake-sdtapi.c)
// built here with cc, exporting SDT_OpenPort / SDT_ClosePort / SDT_StartFindIDCard / SDT_SelectIDCard /
// SDT_ReadBaseMsg with the vendors' signatures and return codes, loaded through the real koffi path
// (loadSdtApi) by the real driver. The synthetic card's 256-byte text block comes from encodeCardText.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { IdCard } from '../../drivers/device.ts';
import { encodeCardText } from '../../drivers/idcard/sdt-codec.ts';
import { SdtApiIdCardReader } from '../../drivers/idcard/sdtapi-reader.ts';
import { loadSdtApi } from '../../drivers/idcard/sdtapi-library.ts';
import { parsePortSpec } from '../../drivers/transport/port-spec.ts';
import { until, waitForMore, waitForState } from '../helpers/device-wait.ts';
import { FOREIGN_2017, HMT_CHEN, LI_SI, ZHANG_SAN } from './idcard-fixtures.ts';

const CC = spawnSync('sh', ['-c', 'command -v cc'], { encoding: 'utf8' }).stdout.trim();
const dir = mkdtempSync(join(tmpdir(), 'kiosk-sdtapi-'));
const control = join(dir, 'control');
const textPath = join(dir, 'text.bin');
const logPath = join(dir, 'calls.log');
const library = join(dir, 'libsdtapi.so');

const setMode = (m: 'card' | 'nocard' | 'sam60' | 'sam66' | 'gone' | 'readfail') => writeFileSync(control, m);
const putCard = (card: IdCard) => {
  writeFileSync(textPath, encodeCardText(card));
  setMode('card');
};
const calls = (): string[] => readFileSync(logPath, 'utf8').trim().split('\n').filter(Boolean);

beforeAll(() => {
  if (!CC) return;
  const src = new URL('../helpers/fake-sdtapi.c', import.meta.url).pathname;
  const r = spawnSync(
    CC,
    [
      '-shared',
      '-fPIC',
      '-O1',
      `-DCONTROL_PATH="${control}"`,
      `-DTEXT_PATH="${textPath}"`,
      `-DLOG_PATH="${logPath}"`,
      '-o',
      library,
      src,
    ],
    { encoding: 'utf8' },
  );
  if (r.status !== 0) throw new Error(`cc 编译测试用 sdtapi 库失败：${r.stderr}`);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const stops: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (stops.length) await stops.pop()!();
});

function reader(port = 1001) {
  writeFileSync(logPath, '');
  const logs: string[] = [];
  const r = new SdtApiIdCardReader({
    library,
    port,
    pollMs: 100,
    retryMs: 100,
    maxRetryMs: 400,
    log: (l) => logs.push(l),
  });
  const cards: IdCard[] = [];
  r.on('card', (c) => cards.push(c));
  stops.push(() => r.stop());
  return { r, cards, logs };
}

if (!CC) console.warn('跳过 sdtapi 测试：未找到 cc');

describe.skipIf(!CC)('vendor sdtapi library through koffi', () => {
  it('the port form names the library and port', () => {
    expect(parsePortSpec(`sdtapi:${library}`)).toEqual({ transport: 'sdtapi', library, port: 1001 });
    expect(parsePortSpec(`sdtapi:${library}:1002`)).toEqual({ transport: 'sdtapi', library, port: 1002 });
  });

  it('koffi binding: the five calls with their real return codes', async () => {
    setMode('nocard');
    writeFileSync(logPath, '');
    const api = loadSdtApi(library);
    try {
      expect(await api.openPort(1001)).toBe(0x90);
      expect(await api.startFindIdCard(1001)).toBe(0x80);
      putCard(ZHANG_SAN);
      expect(await api.startFindIdCard(1001)).toBe(0x9f);
      expect(await api.selectIdCard(1001)).toBe(0x90);
      const read = await api.readBaseMsg(1001);
      expect(read.code).toBe(0x90);
      expect(read.text.equals(encodeCardText(ZHANG_SAN))).toBe(true);
      expect(await api.closePort(1001)).toBe(0x90);
      expect(calls()).toEqual([
        'OpenPort 1001 -1 90',
        'StartFindIDCard 1001 0 80',
        'StartFindIDCard 1001 0 9F',
        'SelectIDCard 1001 0 90',
        'ReadBaseMsg 1001 0 90',
        'ClosePort 1001 -1 90',
      ]);
    } finally {
      api.unload();
    }
  });

  it('a library that is not there, or lacks the functions, is a clear error', () => {
    expect(() => loadSdtApi(join(dir, 'missing.so'))).toThrow(/无法加载读卡器厂商动态库/);
    const libc = spawnSync('sh', ['-c', 'ldconfig -p | grep -m1 "libm.so.6 " | sed "s/.*=> //"'], {
      encoding: 'utf8',
    }).stdout.trim();
    if (libc) expect(() => loadSdtApi(libc)).toThrow(/缺少标准接口函数/);
  });

  it('no card → ready and nothing reported; a card → one event, decoded by the shared decoder; kept on → not again', async () => {
    setMode('nocard');
    const { r, cards } = reader();
    await r.start();
    await waitForState(r, 'ready', 2000);
    await waitForMore(() => calls().length, 3, '无卡时的寻卡');
    expect(cards).toHaveLength(0);
    putCard(ZHANG_SAN);
    await until(() => cards.length === 1, 2000, '读到张三');
    expect(cards[0]).toEqual(ZHANG_SAN);
    await waitForMore(() => calls().length, 4, '卡不动时的寻卡');
    expect(cards).toHaveLength(1);
    setMode('nocard');
    await waitForMore(() => calls().length, 2, '取卡后的寻卡');
    putCard(LI_SI);
    await until(() => cards.length === 2, 2000, '读到李四');
    expect(calls()[0]).toBe('OpenPort 1001 -1 90');
  });

  it('港澳台居民居住证 and 外国人永久居留身份证 come through the library the same way', async () => {
    setMode('nocard');
    const { r, cards } = reader(1002);
    await r.start();
    await waitForState(r, 'ready', 2000);
    putCard(HMT_CHEN);
    await until(() => cards.length === 1, 2000, '读到居住证');
    expect(cards[0]).toEqual(HMT_CHEN);
    setMode('nocard');
    await waitForMore(() => calls().length, 2, '取卡后的寻卡');
    putCard(FOREIGN_2017);
    await until(() => cards.length === 2, 2000, '读到永久居留身份证');
    expect(cards[1]).toEqual(FOREIGN_2017);
    expect(calls().every((c) => c.split(' ')[1] === '1002')).toBe(true);
  });

  it('an unknown card layout is reported as such and not emitted', async () => {
    const text = encodeCardText(ZHANG_SAN);
    text.writeUInt16LE(0x0051, 248);
    writeFileSync(textPath, text);
    setMode('card');
    const { r, cards, logs } = reader();
    await r.start();
    await until(() => logs.some((l) => l.includes('无法识别的证件类型')), 2000, '报告未知证件类型');
    expect(cards).toHaveLength(0);
    expect(logs.join('\n')).not.toContain('张');
  });

  it('SAM errors (60, 66) → error with the reader’s words; a failed read (41) is logged, not reported', async () => {
    setMode('sam60');
    const { r, cards, logs } = reader();
    await r.start();
    await waitForState(r, 'error', 2000);
    expect(r.status().message).toContain('安全模块（SAM）自检失败');
    setMode('sam66');
    await until(() => r.status().message.includes('没经过授权'), 2000, 'SAM 未授权');
    setMode('readfail');
    await waitForState(r, 'ready', 2000);
    await until(() => logs.some((l) => l.includes('读卡失败：读证/卡操作失败')), 2000, '读卡失败记入日志');
    expect(cards).toHaveLength(0);
  });

  it('vanished device → unplugged within 2 s (port closed); back → ready within 3 s and reads again', async () => {
    setMode('nocard');
    const { r, cards } = reader();
    await r.start();
    await waitForState(r, 'ready', 2000);
    setMode('gone');
    expect(await waitForState(r, 'unplugged', 2000)).toBeLessThan(2000);
    expect(calls()).toContain('ClosePort 1001 -1 90');
    expect(r.status().message).toContain('接收读卡器数据超时');
    await waitForMore(() => calls().filter((c) => c.startsWith('OpenPort')).length, 2, '设备消失后的重连尝试');
    putCard(ZHANG_SAN);
    expect(await waitForState(r, 'ready', 3000)).toBeLessThan(3000);
    await until(() => cards.length === 1, 2000, '恢复后读卡');
    // Reopened: OpenPort after the ClosePort.
    const log = calls();
    expect(log.lastIndexOf('OpenPort 1001 -1 90')).toBeGreaterThan(log.indexOf('ClosePort 1001 -1 90'));
  });

  it('a port number the library refuses → unplugged with its words, retried', async () => {
    setMode('nocard');
    const { r } = reader(77);
    await r.start();
    await waitForState(r, 'unplugged', 2000);
    expect(r.status().message).toContain('端口打开失败');
  });
});

describe('a configured library that is not there', () => {
  it('→ error state saying what to do (the loader’s words only in the log), retried', async () => {
    const logs: string[] = [];
    const r = new SdtApiIdCardReader({
      library: '/nonexistent/libsdtapi.so',
      port: 1001,
      pollMs: 100,
      retryMs: 100,
      maxRetryMs: 200,
      log: (l) => logs.push(l),
    });
    stops.push(() => r.stop());
    await r.start();
    await waitForState(r, 'error', 2000);
    expect(r.status().message).toBe('设备故障，请联系工作人员（读卡器厂商动态库无法加载，请在设备设置中检查）');
    expect(logs[0]).toMatch(/无法加载读卡器厂商动态库 \/nonexistent\/libsdtapi.so/);
    expect(logs).toHaveLength(1);
  });
});
