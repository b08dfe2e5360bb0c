// The applicant on a case's paper (issue 24 ⑦): name, ID number and phone as given at acceptance, masked
// (张*三, 3201**********1234, 138****1234); a line only for what was given.
import type { CaseRecord } from '../../contract/cases.ts';
import { maskPhone } from '../../contract/privacy.ts';
import { printableId, printableName } from '../../printing/slip-kit.ts';
import type { JobBuilder } from '../../../drivers/printer/job-builder.ts';

export function applicantLines(
  b: JobBuilder,
  c: Pick<CaseRecord, 'applicantMasked' | 'applicantIdMasked' | 'applicantPhoneMasked'>,
): void {
  const name = printableName(c.applicantMasked);
  if (name) b.field('申 请 人：', name);
  const id = printableId(c.applicantIdMasked);
  if (id) b.field('证件号码：', id);
  const phone = c.applicantPhoneMasked;
  if (phone) b.field('联系电话：', phone.includes('*') ? phone : maskPhone(phone));
}
