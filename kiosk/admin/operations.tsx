// 运行维护 on /admin, above every tab: the last database backup (a warning when it failed or is older than
// two days), free space on the data disk (a warning below the threshold), and a backup taken now.
import { useEffect, useState } from 'preact/hooks';
import { ApiCallError, call } from '../lib/api.ts';
import type { OperationsStatus } from '../../server/contract/ops.ts';

const when = (iso: string) => new Date(iso).toLocaleString('zh-CN', { hour12: false });
const size = (bytes: number) =>
  bytes >= 1048576 ? `${(bytes / 1048576).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;

export function Operations() {
  const [status, setStatus] = useState<OperationsStatus | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState('');

  const load = () =>
    call('GET /api/admin/operations')
      .then(setStatus)
      .catch((err: ApiCallError) => setMessage(err.message));
  useEffect(() => {
    void load();
    const timer = setInterval(load, 60_000);
    return () => clearInterval(timer);
  }, []);

  const backupNow = async () => {
    setBusy(true);
    setMessage('');
    try {
      const s = await call('POST /api/admin/backup', { body: {} });
      setStatus(s);
      setMessage(`备份完成：${s.backup.last?.file ?? ''}`);
    } catch (err) {
      setMessage(err instanceof ApiCallError ? err.message : '备份失败，请重试');
      void load();
    } finally {
      setBusy(false);
    }
  };

  if (!status) return message ? <p class="error">{message}</p> : null;
  const { backup, disk } = status;
  const warnings = [backup.warning, disk.warning].filter((w): w is string => !!w);
  return (
    <section class={warnings.length ? 'card operations warn' : 'card operations'} data-testid="operations">
      <h2>运行维护</h2>
      {warnings.map((w) => (
        <p class="error" role="alert" key={w}>
          ⚠ {w}
        </p>
      ))}
      <p>
        数据库备份：
        {backup.last ? (
          <span data-testid="last-backup">
            最近一次 {when(backup.last.at)}（{size(backup.last.sizeBytes)}，已通过完整性检查）
          </span>
        ) : (
          <span data-testid="last-backup">尚无备份</span>
        )}
        <span class="muted">
          ；每天 {backup.dailyAt} 自动备份到 {backup.dir}，保留最近 {backup.keep} 份（现有 {backup.count} 份）
        </span>
      </p>
      {backup.sameDisk && (
        <p class="note">
          备份与数据库在同一块磁盘上：磁盘损坏时两者会一起丢失，建议把 KIOSK_BACKUP_DIR 设为 U 盘或网络共享。
        </p>
      )}
      <p>
        数据盘剩余空间：{disk.freeMb === null ? '未知' : `${disk.freeMb} MB`}
        <span class="muted">（低于 {disk.warnBelowMb} MB 时提醒）</span>
      </p>
      <button class="primary" onClick={backupNow} disabled={busy} data-testid="backup-now">
        {busy ? '正在备份…' : '立即备份'}
      </button>
      <span class="note" data-testid="backup-message">
        {' '}
        {message}
      </span>
    </section>
  );
}
