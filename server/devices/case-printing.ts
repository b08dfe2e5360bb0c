// Print a case's document on the kiosk printer: the acceptance receipt, the correction notice or the
// rejection notice, whichever fits the case's state.
import { acceptanceReceipt, correctionNotice, rejectionNotice } from '../printing/index.ts';
import type { CaseDetail } from '../store/case-store.ts';
import type { Config } from '../config/load.ts';
import type { Material, Matter } from '../wire.ts';
import type { Clock } from '../queue/clock.ts';
import type { DeviceHub } from './device-hub.ts';
import type { PrintResult } from '../app-context.ts';

/**
 * The materials an accepted case was accepted with: every material the guide requires (a case is only
 * accepted with all of them; the console sends it to 补正 otherwise), less any still listed as missing.
 */
export function receivedMaterials(detail: CaseDetail, matter: Matter | null): Material[] {
  if (!matter?.guide) return [];
  return matter.guide.materials.filter((m) => m.required && !detail.missingMaterials.includes(m.name));
}

export function caseDocument(detail: CaseDetail, config: Config, columns: number, statusUrl: string, now: Date, matter: Matter | null = null): Uint8Array {
  if (detail.state === 'correction') return correctionNotice({ caseRecord: detail, missing: detail.missingMaterials, center: config.center, columns, printedAt: now, statusUrl });
  if (detail.state === 'rejected') return rejectionNotice({ caseRecord: detail, reason: detail.reason ?? '', center: config.center, columns, printedAt: now });
  return acceptanceReceipt({ caseRecord: detail, center: config.center, columns, statusUrl, received: receivedMaterials(detail, matter) });
}

export function printCase(devices: DeviceHub, config: Config, clock: Clock, matterOf: (id: string) => Matter | null = () => null) {
  return (detail: CaseDetail): Promise<PrintResult> =>
    devices.print(caseDocument(detail, config, devices.set.printer.columns, `${devices.publicUrl()}/c/${detail.id}`, clock(), matterOf(detail.matterId)));
}
