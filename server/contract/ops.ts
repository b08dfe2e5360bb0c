// The wire protocol (ops): types that cross HTTP or the WebSocket, shared by the server and the pages.
// No Node imports and nothing outside server/contract/ (docs/architecture.md, "the contract rule").

// ---- Running unattended: backups, disk, first login (issue 14) -------------------------------------

export interface BackupStatus {
  dir: string;
  /** HH:MM, the centre's time. */
  dailyAt: string;
  keep: number;
  last: { file: string; at: string; sizeBytes: number } | null;
  lastFailure: { at: string; message: string } | null;
  count: number;
  running: boolean;
  /** Chinese, shown on /admin: the last backup failed, none yet, or the newest is older than two days. */
  warning: string | null;
  /** The backups are on the database's own disk (/admin suggests a USB stick or a share). */
  sameDisk: boolean;
}

export interface DiskStatus {
  freeMb: number | null;
  totalMb: number | null;
  warnBelowMb: number;
  warning: string | null;
}

/** GET /api/admin/operations and POST /api/admin/backup. */
export interface OperationsStatus {
  backup: BackupStatus;
  disk: DiskStatus;
}

/** POST /api/password: the signed-in account replaces its password (required after a default one). */
