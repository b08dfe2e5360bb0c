// The only module that reads process.env (docs/design.md): everything else receives these values.
import { join, resolve } from 'node:path';

export interface Environment {
  port: number;
  configDir: string;
  dataDir: string;
  /** Serial device paths; undefined → the simulator speaking the same bytes. */
  printerPort: string | undefined;
  idReaderPort: string | undefined;
  scannerPort: string | undefined;
  /** Built pages (vite build output). */
  distDir: string;
  /** Under systemd (server/ops/sd-notify.ts): NOTIFY_SOCKET, WATCHDOG_USEC, WATCHDOG_PID. */
  notifySocket: string | undefined;
  watchdogUsec: number | undefined;
  watchdogPid: number | undefined;
  /** stdout goes to the journal (JOURNAL_STREAM is set): no timestamp of our own, a syslog priority prefix. */
  journal: boolean;
  /** Backups (server/ops/backup.ts): folder, nightly time HH:MM in the centre's time zone, how many to keep. */
  backupDir: string;
  backupAt: string;
  backupKeep: number;
  /** Warn when the data folder's disk has less free space than this (MB). */
  diskWarnMb: number;
  /** 区级 (issue 25): KIOSK_DISTRICT_URL, KIOSK_HALL_ID, KIOSK_DISTRICT_TOKEN (each may instead come from center.json district). */
  district: { url?: string; hallId?: string; token?: string };
}

export function readEnvironment(env: NodeJS.ProcessEnv = process.env): Environment {
  const port = env.KIOSK_PORT === undefined ? 8080 : Number(env.KIOSK_PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`环境变量 KIOSK_PORT 应为 0–65535 的端口号，实际是 "${env.KIOSK_PORT}"`);
  }
  return {
    port,
    configDir: resolve(env.KIOSK_CONFIG || 'config'),
    dataDir: resolve(env.KIOSK_DATA || 'data'),
    printerPort: env.KIOSK_PRINTER_PORT || undefined,
    idReaderPort: env.KIOSK_IDREADER_PORT || undefined,
    scannerPort: env.KIOSK_SCANNER_PORT || undefined,
    distDir: resolve(env.KIOSK_DIST || 'dist'),
    notifySocket: env.NOTIFY_SOCKET || undefined,
    watchdogUsec: positive(env.WATCHDOG_USEC),
    watchdogPid: positive(env.WATCHDOG_PID),
    journal: Boolean(env.JOURNAL_STREAM),
    backupDir: resolve(env.KIOSK_BACKUP_DIR || join(env.KIOSK_DATA || 'data', 'backups')),
    backupAt: backupTime(env.KIOSK_BACKUP_AT),
    backupKeep: whole(env.KIOSK_BACKUP_KEEP, 'KIOSK_BACKUP_KEEP', 14, 1, 365),
    diskWarnMb: whole(env.KIOSK_DISK_WARN_MB, 'KIOSK_DISK_WARN_MB', 500, 1, 1_000_000),
    district: {
      url: env.KIOSK_DISTRICT_URL || undefined,
      hallId: env.KIOSK_HALL_ID || undefined,
      token: env.KIOSK_DISTRICT_TOKEN || undefined,
    },
  };
}

function positive(raw: string | undefined): number | undefined {
  const n = Number(raw);
  return raw && Number.isSafeInteger(n) && n > 0 ? n : undefined;
}

function whole(raw: string | undefined, name: string, fallback: number, min: number, max: number): number {
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new Error(`环境变量 ${name} 应为 ${min}–${max} 的整数，实际是 "${raw}"`);
  return n;
}

function backupTime(raw: string | undefined): string {
  if (raw === undefined || raw === '') return '02:30';
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(raw);
  if (!m) throw new Error(`环境变量 KIOSK_BACKUP_AT 应为每天备份的时间 HH:MM（如 02:30），实际是 "${raw}"`);
  return raw;
}
