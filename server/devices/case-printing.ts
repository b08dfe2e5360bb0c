// Print a case's document on the kiosk printer: the acceptance receipt, the correction notice or the
// rejection notice, whichever fits the case's state.
import { acceptanceReceipt, correctionNotice, rejectionNotice } from '../printing/index.ts';
import type { CaseDetail } from '../store/case-store.ts';
import type { Config } from '../config/load.ts';
import type { Clock } from '../queue/clock.ts';
import type { DeviceHub } from './device-hub.ts';
import type { PrintResult } from '../app-context.ts';

export function caseDocument(detail: CaseDetail, config: Config, columns: number, statusUrl: string, now: Date): Uint8Array {
  if (detail.state === 'correction') return correctionNotice({ caseRecord: detail, missing: detail.missingMaterials, center: config.center, columns, printedAt: now });
  if (detail.state === 'rejected') return rejectionNotice({ caseRecord: detail, reason: detail.reason ?? '', center: config.center, columns, printedAt: now });
  return acceptanceReceipt({ caseRecord: detail, center: config.center, columns, statusUrl });
}

export function printCase(devices: DeviceHub, config: Config, clock: Clock) {
  return (detail: CaseDetail): Promise<PrintResult> =>
    devices.print(caseDocument(detail, config, devices.set.printer.columns, `${devices.publicUrl()}/c/${detail.id}`, clock()));
}
