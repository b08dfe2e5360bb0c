// A printer failure in words a resident and the staff can act on.
import type { DeviceStatus } from '../contract/devices.ts';

export function printerErrorMessage(err: unknown, status: DeviceStatus): string {
  if (status.state !== 'ready' && status.state !== 'paper-near-end') return status.message;
  const message = (err as Error)?.message;
  return message && /[\u4e00-\u9fff]/.test(message) ? message : '打印失败，请联系工作人员补打小票';
}
