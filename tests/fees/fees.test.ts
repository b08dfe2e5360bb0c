// 收费 (seed 001 三、3 规范收费 "需收费的,必须明确收费依据并出具相关的收费票据…实行收支两条线"; 一、4 "严禁违规收费、
// 搭车收费"): only a matter whose guide states a 收费标准 and 依据 can be charged; the receipt is recorded with its
// number, amount, basis, payer masked and 经办人; the 上缴 is its own act; the register shows both lines. The
// shipped guides state no fee, so this test uses a centre whose guide does.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getJson, postJson, startTestServer, type TestServer } from '../helpers/server.ts';
import { copyTestConfig, manualClock, testConfig } from '../helpers/config.ts';
import { loadConfig } from '../../server/config/load.ts';
import { parseCsv } from '../../server/contract/csv.ts';
import { chargeableBasis, yuanToFen } from '../../server/fees/store.ts';
import type { FeeView } from '../../server/fees/routes.ts';
import { login } from '../registers/fixtures.ts';

const FEE = '工本费每证 5 元（依据：省物价局 价费〔2020〕12号）';

function feeConfig() {
  const dir = mkdtempSync(join(tmpdir(), 'fee-config-'));
  copyTestConfig(new URL('../../config', import.meta.url).pathname, dir);
  const file = join(dir, 'matters', 'guides.json');
  const guides = JSON.parse(readFileSync(file, 'utf8'));
  guides.guides['special-birth-certificate'].fees = FEE; // street-01 再生育审核
  guides.guides['urban-minimum-living'].fees = '不收费'; // street-03
  writeFileSync(file, JSON.stringify(guides));
  const base = testConfig();
  return { ...loadConfig(dir), hours: base.hours, security: base.security, queue: base.queue };
}

describe('rules', () => {
  it('一、4 严禁违规收费: only a guide that states a fee is chargeable; 不收费 and 指南未载明 are not', () => {
    expect(chargeableBasis(FEE)).toBe(FEE);
    expect(chargeableBasis('不收费')).toBeNull();
    expect(chargeableBasis('免费')).toBeNull();
    expect(chargeableBasis(null)).toBeNull();
    expect(chargeableBasis('  ')).toBeNull();
    expect(yuanToFen('5')).toBe(500);
    expect(yuanToFen('12.5')).toBe(1250);
    expect(() => yuanToFen('-1')).toThrow();
    expect(() => yuanToFen('1e3')).toThrow();
    expect(() => yuanToFen('0')).toThrow();
  });
});

describe('三、3 规范收费 through the routes', () => {
  const clock = manualClock('2026-11-23T02:00:00Z');
  let server: TestServer;
  let w2: string;
  let admin: string;
  beforeAll(async () => {
    server = await startTestServer({ clock, config: feeConfig() });
    w2 = await login(server.url, 'w2a', '246810', 2);
    admin = await login(server.url, 'admin', 'admin2026');
  });
  afterAll(async () => server?.stop());

  it('shows what the guide says, refuses a fee the guide does not state, records the receipt with the payer masked', async () => {
    expect((await getJson(`${server.url}/api/matters/street-01/fee`, w2)).body).toEqual({
      chargeable: true,
      text: FEE,
      says: FEE,
    });
    expect((await getJson(`${server.url}/api/matters/street-03/fee`, w2)).body).toMatchObject({
      chargeable: false,
      says: '不收费',
    });
    const free = await postJson<{ error: { code: string; message: string } }>(
      `${server.url}/api/windows/2/fees`,
      { matterId: 'street-03', amountYuan: '5', receiptNo: 'A001' },
      w2,
    );
    expect(free.status).toBe(409);
    expect(free.body.error.code).toBe('fee-not-stated');
    const ok = await postJson<{ fee: FeeView }>(
      `${server.url}/api/windows/2/fees`,
      { matterId: 'street-01', amountYuan: '5', receiptNo: 'NO0012345', payerName: '王小明' },
      w2,
    );
    expect(ok.status).toBe(201);
    expect(ok.body.fee).toMatchObject({
      amount: '5.00',
      basis: FEE,
      payer: '王*明',
      staffName: '2号窗口A岗',
      remitted: false,
    });
    expect(
      (
        await postJson(
          `${server.url}/api/windows/2/fees`,
          { matterId: 'street-01', amountYuan: '5', receiptNo: 'NO0012345' },
          w2,
        )
      ).status,
    ).toBe(409);
    expect(
      (
        await postJson(
          `${server.url}/api/windows/2/fees`,
          { matterId: 'street-01', amountYuan: 'abc', receiptNo: 'NO2' },
          w2,
        )
      ).status,
    ).toBe(400);
    const w1 = await login(server.url, 'w1a', '246810', 1);
    expect(
      (
        await postJson(
          `${server.url}/api/windows/2/fees`,
          { matterId: 'street-01', amountYuan: '5', receiptNo: 'NO3' },
          w1,
        )
      ).status,
    ).toBe(403);
  });

  it('收支两条线: the register shows taken, remitted and not yet remitted; the 上缴 is recorded by the administrator', async () => {
    await postJson(
      `${server.url}/api/windows/2/fees`,
      { matterId: 'street-01', amountYuan: '5', receiptNo: 'NO0012346' },
      w2,
    );
    let reg = await getJson<{ total: string; remitted: string; items: FeeView[] }>(
      `${server.url}/api/fees/register`,
      admin,
    );
    expect(reg.body).toMatchObject({ total: '10.00', remitted: '0.00' });
    const first = reg.body.items[0]!;
    expect((await postJson(`${server.url}/api/fees/remit`, { ids: [first.id], remitNo: 'JK-1' }, w2)).status).toBe(403);
    expect((await postJson(`${server.url}/api/fees/remit`, { ids: [first.id], remitNo: 'JK-1' }, admin)).status).toBe(
      200,
    );
    expect((await postJson(`${server.url}/api/fees/remit`, { ids: [first.id], remitNo: 'JK-2' }, admin)).status).toBe(
      409,
    );
    reg = await getJson(`${server.url}/api/fees/register`, admin);
    expect(reg.body).toMatchObject({ total: '10.00', remitted: '5.00' });
    const csv = await fetch(`${server.url}/api/fees/register?format=csv`, {
      headers: { Authorization: `Bearer ${admin}` },
    });
    const lines = parseCsv(Buffer.from(await csv.arrayBuffer()).toString('utf8')).map((r) => r.fields);
    expect(lines[1]![0]).toContain('收取 2 笔 10.00 元，已上缴 5.00 元，未上缴 5.00 元');
    expect(lines.find((l) => l[1] === 'NO0012345')?.slice(6)).toEqual([
      '5.00',
      FEE,
      '王*明',
      '2号窗口A岗',
      '已上缴（JK-1）',
    ]);
    const html = await (
      await fetch(`${server.url}/api/fees/register?format=html`, { headers: { Authorization: `Bearer ${admin}` } })
    ).text();
    expect(html).toContain('收费登记（收支两条线）');
    expect(html).not.toContain('王小明');
  });
});
