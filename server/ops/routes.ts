// The administrator's view of the machine itself (/admin 运行维护): the last backup and whether it is
// older than two days or failed, free space on the data disk, and a backup taken now.
import type { AppContext } from '../app-context.ts';
import type { BackupService } from './backup.ts';
import type { DiskWatch } from './disk-watch.ts';
import type { OperationsStatus } from '../contract/ops.ts';
import { obj } from '../contract/schema.ts';
import { DomainError } from '../common/errors.ts';
import { readBody, sendJson, type Router } from '../http/kit.ts';

export function opsRoutes(backups: BackupService, disk: DiskWatch) {
  return (router: Router, ctx: AppContext): void => {
    const status = (): OperationsStatus => ({ backup: backups.status(), disk: disk.check() });

    router.add('GET', '/api/admin/operations', (req, res) => {
      ctx.access.requireAdmin(req);
      sendJson(res, 200, status());
    });

    router.add('POST', '/api/admin/backup', async (req, res) => {
      const session = ctx.access.requireAdmin(req);
      await readBody(req, obj({}));
      const backup = await backups.run('manual');
      ctx.store.logEvent(session.staffId, 'admin.backup', {
        ok: backup.lastFailure === null,
        file: backup.last?.file ?? null,
      });
      if (backup.lastFailure) throw new DomainError('backup-failed', `备份失败：${backup.lastFailure.message}`);
      sendJson(res, 200, { backup, disk: disk.check() } satisfies OperationsStatus);
    });
  };
}
