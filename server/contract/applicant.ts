// The applicant of a case as staff type it at acceptance (issue 24 ⑦): the checks both the console (as the
// clerk types) and the server (on every body: hostile until checked) run. No Node imports.

/** A person's name: Chinese characters, letters, the middle dot of minority names (古丽·阿不都), 2–30 long. */
const NAME = /^[\p{Script=Han}\p{L}][\p{Script=Han}\p{L}·•．.\- ]{0,28}[\p{Script=Han}\p{L}]$/u;
const MOBILE = /^1[3-9]\d{9}$/;
const LANDLINE = /^0\d{2,3}-?\d{7,8}$/;
const ID18 = /^\d{17}[\dX]$/;

/** GB 11643-1999 check digit of an 18-digit 居民身份证号码. */
export function idNumberChecks(id: string): boolean {
  if (!ID18.test(id)) return false;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = weights.reduce((s, w, i) => s + w * Number(id[i]), 0);
  return '10X98765432'[sum % 11] === id[17];
}

export interface ApplicantFields {
  name?: string;
  phone?: string;
  idNumber?: string;
}

/** The fields trimmed (ID number upper-cased, spaces in numbers dropped); empty ones left out. */
export function normaliseApplicant(a: ApplicantFields): ApplicantFields {
  const name = a.name?.normalize('NFC').trim().replace(/\s+/g, ' ');
  const phone = a.phone?.replace(/\s/g, '');
  const idNumber = a.idNumber?.replace(/\s/g, '').toUpperCase();
  return {
    ...(name ? { name } : {}),
    ...(phone ? { phone } : {}),
    ...(idNumber ? { idNumber } : {}),
  };
}

/** What is wrong with the typed applicant, in Chinese for the clerk, or null. Expects normalised fields. */
export function applicantProblem(a: ApplicantFields): string | null {
  if (a.name !== undefined && !NAME.test(a.name))
    return '申请人姓名应为 2–30 个汉字或字母（少数民族姓名可用“·”分隔），不能含数字或符号';
  if (a.phone !== undefined && !MOBILE.test(a.phone) && !LANDLINE.test(a.phone))
    return '联系电话应为 11 位手机号码或带区号的固定电话（如 0991-1234567）';
  if (a.idNumber !== undefined && !idNumberChecks(a.idNumber))
    return '身份证号码应为 18 位，且校验位正确（最后一位可以是 X），请核对证件';
  return null;
}
