// Logs under systemd and the data disk: with JOURNAL_STREAM set (as systemd sets it for a journal stdout)
// every line is one event with a syslog priority prefix and no timestamp of our own; a data disk below
// KIOSK_DISK_WARN_MB is a warning in the log (priority 4) and on /admin; a resident's card read and ticket
// leave no name or ID number in the log.
import { copyTestConfig } from '../helpers/config.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnServer, type ServerProcess } from '../helpers/server-process.ts';
import { requestJson } from '../helpers/server.ts';
import { createLogger } from '../../server/common/log.ts';
import { DiskWatch } from '../../server/ops/disk-watch.ts';
import type { OperationsStatus } from '../../server/contract/ops.ts';
import { sleep, until } from '../helpers/device-wait.ts';

const CARD = { name: '王小明', birthDate: '1950-03-07', idNumber: '65270119500307123X', sex: '男' };

describe('journal log lines and the disk warning', () => {
  let server: ServerProcess;

  beforeAll(async () => {
    // Every real disk has less than 1 TB free: the warning must show.
    // A copy of the shipped configuration: the password change below writes its staff.json.
    const configDir = mkdtempSync(join(tmpdir(), 'journal-config-'));
    copyTestConfig(new URL('../../config', import.meta.url).pathname, configDir);
    server = await spawnServer({
      dataDir: mkdtempSync(join(tmpdir(), 'journal-')),
      env: { KIOSK_CONFIG: configDir, JOURNAL_STREAM: '8:123456', KIOSK_DISK_WARN_MB: '1000000' },
    });
  }, 30_000);
  afterAll(() => server?.kill());

  it('writes one line per event with a priority prefix, warns about the disk, and logs no personal data', async () => {
    expect((await requestJson(server.url, 'POST', '/api/sim/idcard', { body: CARD })).status).toBe(200);
    await sleep(1500);
    const take = await requestJson(server.url, 'POST', '/api/tickets', { body: { categoryId: 'civil' } });
    expect(take.status).toBe(201);
    await until(() => server.output().includes('数据盘剩余空间不足'), 3000, 'the disk warning');
    const lines = server.output().trimEnd().split('\n');
    for (const line of lines) expect(line).toMatch(/^<[346]>\S/);
    expect(lines.some((l) => /^<6>.*服务已启动/.test(l))).toBe(true);
    expect(lines.filter((l) => l.startsWith('<4>数据盘剩余空间不足'))).toHaveLength(1);
    expect(server.output()).not.toMatch(/\[\d{4}-\d{2}-\d{2}T/); // the journal stamps the time itself
    for (const secret of [CARD.name, CARD.idNumber, CARD.idNumber.slice(6, 14)])
      expect(server.output()).not.toContain(secret);

    // The shipped configuration: the administrator must first replace admin2026.
    const first = (
      await requestJson<{ token: string; mustChangePassword?: boolean }>(server.url, 'POST', '/api/login', {
        body: { staffId: 'admin', pin: 'admin2026' },
      })
    ).body;
    expect(first.mustChangePassword).toBe(true);
    expect((await requestJson(server.url, 'GET', '/api/admin/operations', { token: first.token })).status).toBe(403);
    expect(
      (
        await requestJson(server.url, 'POST', '/api/password', {
          body: { currentPin: 'admin2026', newPin: 'journal-test-1' },
          token: first.token,
        })
      ).status,
    ).toBe(200);
    const token = (
      await requestJson<{ token: string }>(server.url, 'POST', '/api/login', {
        body: { staffId: 'admin', pin: 'journal-test-1' },
      })
    ).body.token;
    const ops = await requestJson<OperationsStatus>(server.url, 'GET', '/api/admin/operations', { token });
    expect(ops.status).toBe(200);
    expect(ops.body.disk.warning).toMatch(/^数据盘剩余空间仅 \d+ MB（低于 1000000 MB）/);
    expect(ops.body.disk.freeMb).toBeGreaterThan(0);
  });

  it('keeps a multi-line message on one line, and says warnings once per crossing', () => {
    const out: string[] = [];
    const log = createLogger({ journal: true, write: (t) => out.push(t) });
    log.warn('第一行\n第二行');
    log('普通');
    log.error('出错');
    expect(out).toEqual(['<4>第一行 ⏎ 第二行\n', '<6>普通\n', '<3>出错\n']);
    const terminal: string[] = [];
    createLogger({ journal: false, write: (t) => terminal.push(t) }).warn('x');
    expect(terminal[0]).toMatch(/^\[\d{4}-\d{2}-\d{2}T[^\]]+\] 警告：x\n$/);

    const warnings: string[] = [];
    const logs: string[] = [];
    const low = new DiskWatch(
      tmpdir(),
      1_000_000,
      (l) => logs.push(l),
      (l) => warnings.push(l),
    );
    low.check();
    low.check();
    expect(warnings).toHaveLength(1);
    const fine = new DiskWatch(
      tmpdir(),
      1,
      (l) => logs.push(l),
      (l) => warnings.push(l),
    );
    expect(fine.check().warning).toBeNull();
    expect(warnings).toHaveLength(1);
  });
});
