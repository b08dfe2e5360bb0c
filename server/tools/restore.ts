// Restore the database from a backup: npm run restore -- FILE (the server must be stopped first).
// On a kiosk: sudo service-hall-kiosk restore FILE (stops and starts the service around it).
import { resolve } from 'node:path';
import { readEnvironment } from '../config/env.ts';
import { restoreBackup, RestoreError } from '../ops/restore.ts';

const file = process.argv[2];
if (!file) {
  console.error('用法：npm run restore -- <备份文件>（备份在 KIOSK_BACKUP_DIR，默认 data/backups/）');
  process.exit(1);
}
try {
  const env = readEnvironment();
  const result = restoreBackup(resolve(file), env.dataDir);
  console.log(`已恢复：${file}（完整性检查通过，${result.tickets} 个号）`);
  if (result.keptAside) console.log(`原数据库已保留为：${result.keptAside}`);
  console.log('请启动服务');
} catch (err) {
  console.error(err instanceof RestoreError ? err.message : `恢复失败：${(err as Error).message}`);
  process.exit(1);
}
