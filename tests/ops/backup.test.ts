// Backups while the hall is busy: 20 clients take tickets while an administrator asks for a backup. The copy
// passes integrity_check and holds every ticket acknowledged before the backup started; restoring it (with
// the server stopped) brings them back and keeps the database that was there aside; a corrupt file, a file
// that is not this system's database, and a restore while the server runs are refused. Plus keep-last-N and
// the /admin warnings (a failed backup, none newer than two days).
import { afterAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';
import Database from 'better-sqlite3';
import { bootServer, type BootedServer } from '../../server/boot.ts';
import { BackupService, checkBackupFile } from '../../server/ops/backup.ts';
import { restoreBackup, RestoreError } from '../../server/ops/restore.ts';
import { openDb } from '../../server/store/db.ts';
import type { OperationsStatus } from '../../server/contract/ops.ts';
import { testConfig } from '../helpers/config.ts';
import { requestJson } from '../helpers/server.ts';

const ROOT = resolve(new URL('../..', import.meta.url).pathname);
const DIST = join(ROOT, 'dist');
const work = mkdtempSync(join(tmpdir(), 'backup-test-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function config() {
  const c = testConfig();
  for (const cat of c.categories) cat.dailyQuota = 9999;
  return c;
}

async function boot(dataDir: string, backupDir: string, keep = 14): Promise<BootedServer> {
  mkdirSync(backupDir, { recursive: true }); // a mounted stick: it exists before the server backs up to it
  return bootServer({
    config: config(),
    env: {
      dataDir,
      distDir: DIST,
      printerPort: undefined,
      idReaderPort: undefined,
      scannerPort: undefined,
      backupDir,
      backupKeep: keep,
    },
    port: 0,
    host: '127.0.0.1',
    log: () => undefined,
  });
}

async function adminToken(url: string): Promise<string> {
  const r = await requestJson<{ token: string }>(url, 'POST', '/api/login', {
    body: { staffId: 'admin', pin: 'admin2026' },
  });
  expect(r.status).toBe(200);
  return r.body.token;
}

describe('backup and restore', () => {
  it('backs up while 20 clients take tickets; restore brings back every ticket acknowledged before it', async () => {
    const dataDir = join(work, 'busy');
    const backupDir = join(work, 'busy-backups');
    const app = await boot(dataDir, backupDir);
    const token = await adminToken(app.url);
    const acked: { id: string; at: number }[] = [];
    let running = true;
    const categories = config().categories.map((c) => c.id);
    const client = async (n: number) => {
      for (let i = 0; running; i++) {
        const r = await requestJson<{ ticket: { id: string } }>(app.url, 'POST', '/api/tickets', {
          body: { categoryId: categories[(n + i) % categories.length] },
        });
        expect(r.status, JSON.stringify(r.body)).toBe(201);
        acked.push({ id: r.body.ticket.id, at: performance.now() });
      }
    };
    const clients = Array.from({ length: 20 }, (_, n) => client(n));
    while (acked.length < 300) await new Promise((r) => setTimeout(r, 5));
    const startedAt = performance.now();
    const before = acked.filter((t) => t.at < startedAt).map((t) => t.id);
    const res = await requestJson<OperationsStatus>(app.url, 'POST', '/api/admin/backup', { body: {}, token });
    const duringBackup = acked.filter((t) => t.at >= startedAt).length;
    // Keep the load on a little after the backup, so the live database has tickets the backup lacks.
    await new Promise((r) => setTimeout(r, 200));
    running = false;
    await Promise.all(clients);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.backup.warning).toBeNull();
    expect(res.body.backup.lastFailure).toBeNull();
    expect(duringBackup).toBeGreaterThan(0); // tickets really were being taken while it ran
    const files = readdirSync(backupDir);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^kiosk-\d{8}-\d{6}-\d{3}\.sqlite$/);
    const file = join(backupDir, files[0]!);
    const check = checkBackupFile(file);
    expect(check).toMatchObject({ ok: true });
    const copy = new Database(file, { readonly: true });
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    const inCopy = new Set((copy.prepare('SELECT id FROM tickets').all() as { id: string }[]).map((r) => r.id));
    copy.close();
    expect(before.filter((id) => !inCopy.has(id))).toEqual([]);
    const total = acked.length;
    expect(inCopy.size).toBeLessThan(total);

    // Restoring while the server runs is refused, and nothing changes.
    expect(() => restoreBackup(file, dataDir)).toThrow(/正在使用中/);
    const status = await requestJson<OperationsStatus>(app.url, 'GET', '/api/admin/operations', { token });
    expect(status.body.backup.last?.file).toBe(files[0]);
    await app.stop();

    const result = restoreBackup(file, dataDir);
    expect(result.tickets).toBe(inCopy.size);
    expect(result.keptAside).toMatch(/kiosk\.sqlite\.before-restore-\d{8}T\d{6}$/);
    const aside = new Database(result.keptAside!, { readonly: true });
    expect((aside.prepare('SELECT COUNT(*) n FROM tickets').get() as { n: number }).n).toBe(total);
    aside.close();

    const again = await boot(dataDir, backupDir);
    try {
      const staff = await requestJson<{ token: string }>(again.url, 'POST', '/api/login', {
        body: { staffId: 'w1a', pin: '246810', windowNo: 1 },
      });
      for (const id of before.slice(0, 20).concat(before.slice(-20))) {
        const r = await requestJson(again.url, 'GET', `/api/tickets/${id}`, { token: staff.body.token });
        expect(r.status, id).toBe(200);
      }
      // The queue continues after the restored numbers (no duplicate number with a restored ticket).
      const next = await requestJson<{ ticket: { id: string; number: string } }>(again.url, 'POST', '/api/tickets', {
        body: { categoryId: categories[0] },
      });
      expect(next.status).toBe(201);
    } finally {
      await again.stop();
    }
  }, 60_000);

  it('refuses a corrupt file and a file that is not this system’s database, leaving the database as it was', async () => {
    const dataDir = join(work, 'refuse');
    const backupDir = join(work, 'refuse-backups');
    const app = await boot(dataDir, backupDir);
    await requestJson(app.url, 'POST', '/api/tickets', { body: { categoryId: config().categories[0]!.id } });
    const status = await requestJson<OperationsStatus>(app.url, 'POST', '/api/admin/backup', {
      body: {},
      token: await adminToken(app.url),
    });
    expect(status.status).toBe(200);
    await app.stop();
    const good = join(backupDir, readdirSync(backupDir)[0]!);
    const bytes = readFileSync(good);
    // Overwrite the pages after the header with garbage: the header still says SQLite.
    const corrupt = Buffer.from(bytes);
    for (let i = 4096; i < corrupt.length; i++) corrupt[i] = (i * 7919) & 0xff;
    writeFileSync(join(work, 'corrupt.sqlite'), corrupt);
    writeFileSync(join(work, 'not-a-db.sqlite'), 'hello, this is a spreadsheet');
    const other = new Database(join(work, 'other.sqlite'));
    other.exec('CREATE TABLE notes (x)');
    other.close();
    const live = readFileSync(join(dataDir, 'kiosk.sqlite'));
    for (const [file, why] of [
      ['corrupt.sqlite', /损坏|无法读取/],
      ['not-a-db.sqlite', /不是数据库文件|无法读取/],
      ['other.sqlite', /不是本系统的数据库备份/],
      ['missing.sqlite', /找不到备份文件/],
    ] as const) {
      expect(checkBackupFile(join(work, file)).ok).toBe(false);
      let err: unknown;
      try {
        restoreBackup(join(work, file), dataDir);
      } catch (e) {
        err = e;
      }
      expect(err, file).toBeInstanceOf(RestoreError);
      expect((err as Error).message, file).toMatch(why);
    }
    expect(readFileSync(join(dataDir, 'kiosk.sqlite')).equals(live)).toBe(true);
    expect(readdirSync(dataDir).filter((f) => f.includes('before-restore'))).toEqual([]);

    // The same through `npm run restore -- FILE`: refused with the reason, then the good backup restored.
    const cli = (file: string) =>
      spawnSync(join(ROOT, 'node_modules/.bin/tsx'), [join(ROOT, 'server/tools/restore.ts'), file], {
        env: { ...process.env, KIOSK_DATA: dataDir },
        encoding: 'utf8',
      });
    const refused = cli(join(work, 'corrupt.sqlite'));
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/^拒绝恢复：/);
    const restored = cli(good);
    expect(restored.stderr).toBe('');
    expect(restored.status).toBe(0);
    expect(restored.stdout).toMatch(/已恢复：.*完整性检查通过，1 个号[\s\S]*原数据库已保留为：/);
  }, 30_000);

  it('keeps the last N, reports a failed backup and warns when the newest is older than two days', async () => {
    const db = openDb(join(work, 'keep', 'kiosk.sqlite'));
    const dir = join(work, 'keep-backups');
    let now = Date.now();
    const warnings: string[] = [];
    const service = new BackupService(db, {
      dir,
      keep: 3,
      at: '02:30',
      timezone: 'Asia/Shanghai',
      clock: () => new Date(now),
      log: () => undefined,
      warn: (l) => warnings.push(l),
    });
    expect(service.status().warning).toBe('还没有任何数据库备份');
    for (let i = 0; i < 5; i++) {
      now += 1000;
      const s = await service.run('manual');
      expect(s.lastFailure).toBeNull();
    }
    expect(readdirSync(dir).filter((f) => f.endsWith('.sqlite'))).toHaveLength(3);
    expect(service.status().warning).toBeNull();
    now += 3 * 24 * 3600_000;
    expect(service.status().warning).toMatch(/^最近一次备份已超过两天/);

    // A backup target that cannot be written (a file where the folder should be): failure shown and logged.
    const broken = new BackupService(db, {
      dir: join(work, 'keep', 'kiosk.sqlite'),
      keep: 3,
      at: '02:30',
      timezone: 'Asia/Shanghai',
      clock: () => new Date(),
      log: () => undefined,
      warn: (l) => warnings.push(l),
    });
    const failed = await broken.run('nightly');
    expect(failed.lastFailure).not.toBeNull();
    expect(failed.warning).toMatch(/^最近一次备份失败：/);
    expect(warnings.some((w) => w.startsWith('数据库备份失败（每日定时）'))).toBe(true);
    // A stick that is not there: refused (never created on the kiosk's own disk), and said so.
    const absent = new BackupService(db, {
      dataDir: join(work, 'keep'),
      dir: join(work, 'no-stick', 'kiosk-backup'),
      keep: 3,
      at: '02:30',
      timezone: 'Asia/Shanghai',
      clock: () => new Date(),
      log: () => undefined,
      warn: (l) => warnings.push(l),
    });
    const missing = await absent.run('manual');
    expect(missing.lastFailure?.message).toMatch(/不存在（U 盘未插入或网络共享未连接？）/);
    expect(existsSync(join(work, 'no-stick'))).toBe(false);
    // The default folder inside the data folder is created, and flagged as the database's own disk.
    const own = new BackupService(db, {
      dataDir: join(work, 'keep'),
      dir: join(work, 'keep', 'backups'),
      keep: 3,
      at: '02:30',
      timezone: 'Asia/Shanghai',
      clock: () => new Date(),
      log: () => undefined,
      warn: () => undefined,
    });
    const ok = await own.run('manual');
    expect(ok.lastFailure).toBeNull();
    expect(ok.sameDisk).toBe(true);
    db.close();
  });

  it('takes the nightly backup once the configured time has passed, once a day', async () => {
    const db = openDb(join(work, 'nightly', 'kiosk.sqlite'));
    const dir = join(work, 'nightly-backups');
    let now = Date.parse('2026-12-01T18:20:00Z'); // 02:20 in China
    const service = new BackupService(db, {
      dir,
      keep: 5,
      at: '02:30',
      timezone: 'Asia/Shanghai',
      clock: () => new Date(now),
      log: () => undefined,
      warn: () => undefined,
    });
    service.startSchedule();
    await service.idle();
    expect(existsSync(dir) ? readdirSync(dir) : []).toEqual([]);
    service.stop();
    now = Date.parse('2026-12-01T18:31:00Z'); // 02:31
    service.startSchedule();
    await new Promise((r) => setTimeout(r, 50));
    await service.idle();
    service.stop();
    expect(readdirSync(dir)).toHaveLength(1);
    // Later that night (the server restarted, say): today's backup exists, no second one.
    now += 3600_000;
    service.startSchedule();
    await service.idle();
    service.stop();
    expect(readdirSync(dir)).toHaveLength(1);
    db.close();
  });
});
