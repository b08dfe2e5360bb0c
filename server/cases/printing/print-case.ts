// Print a case's document on the kiosk printer: the acceptance receipt, the correction notice, the
// rejection notice (不予受理 / 不予批准), whichever fits the case's state, or the 延期办理告知书 on request.
import {
  acceptanceReceipt,
  approvedExtension,
  correctionNotice,
  extensionNotice,
  rejectionNotice,
} from '../../printing/index.ts';
import type { CaseDetail } from '../store.ts';
import type { Config } from '../../config/load.ts';
import type { Material, Matter } from '../../contract/matters.ts';
import type { Clock } from '../../common/clock.ts';
import type { DeviceHub } from '../../devices/device-hub.ts';
import type { PrintResult } from '../../app-context.ts';
import type { CaseDocumentKind } from '../page.ts';
import { DomainError } from '../../common/errors.ts';
import { missingAsGuide } from './missing-lines.ts';
import type { PublicJoint } from '../../contract/joint.ts';

/**
 * The materials an accepted case was accepted with: every material the guide requires (a case is only
 * accepted with all of them; the console sends it to 补正 otherwise), less any still listed as missing.
 */
export function receivedMaterials(detail: CaseDetail, matter: Matter | null): Material[] {
  if (!matter?.guide) return [];
  return matter.guide.materials.filter((m) => m.required && !detail.missingMaterials.includes(m.name));
}

export function caseDocument(
  detail: CaseDetail,
  config: Config,
  columns: number,
  statusUrl: string,
  now: Date,
  kind: CaseDocumentKind = 'case',
  matter: Matter | null = null,
  /** 联办件: the lead window and the participating windows' steps, listed on the receipt. */
  joint: PublicJoint | null = null,
): Uint8Array {
  if (kind === 'extension') {
    const extension = approvedExtension(detail);
    if (!extension)
      throw new DomainError('no-approved-extension', `办件 ${detail.caseNo} 没有已批准的延期，不能打印延期办理告知书`);
    return extensionNotice({ caseRecord: detail, extension, center: config.center, columns, printedAt: now });
  }
  if (detail.state === 'correction')
    return correctionNotice({
      caseRecord: detail,
      missing: missingAsGuide(detail.missingMaterials, matter),
      center: config.center,
      columns,
      printedAt: now,
      statusUrl,
    });
  if (detail.state === 'rejected')
    return rejectionNotice({
      caseRecord: detail,
      reason: detail.reason ?? '',
      center: config.center,
      columns,
      printedAt: now,
    });
  if (detail.state === 'not-approved') {
    return rejectionNotice({
      caseRecord: detail,
      reason: detail.reason ?? '',
      center: config.center,
      columns,
      printedAt: now,
      notApprovedBy: detail.pauses.at(-1)?.authority ?? '上级机关',
    });
  }
  return acceptanceReceipt({
    caseRecord: detail,
    center: config.center,
    columns,
    statusUrl,
    received: receivedMaterials(detail, matter),
    joint,
  });
}

export function printCase(
  devices: DeviceHub,
  config: Config,
  clock: Clock,
  matterOf: (id: string) => Matter | null = () => null,
  jointOf: (caseId: string) => PublicJoint | null = () => null,
) {
  return async (detail: CaseDetail, kind: CaseDocumentKind = 'case'): Promise<PrintResult & { job: Uint8Array }> => {
    const job = caseDocument(
      detail,
      config,
      devices.set.printer.columns,
      `${devices.publicUrl()}/c/${detail.id}`,
      clock(),
      kind,
      matterOf(detail.matterId),
      jointOf(detail.id),
    );
    return { ...(await devices.print(job)), job };
  };
}
