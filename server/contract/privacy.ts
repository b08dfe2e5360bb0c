// Personal information (个人信息保护法): names and ID numbers are shown, printed and logged only masked.
// No Node imports: the pages use the same functions.

/** 张三 → 张*, 张小三 → 张*三, 欧阳小明 → 欧**明. */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length <= 1) return chars.join('');
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}

/** 18-digit ID number → first 4 and last 4 kept: 6527**********1234. Anything else: only the last 4. */
export function maskIdNumber(id: string): string {
  const s = id.trim();
  if (s.length <= 8) return '*'.repeat(Math.max(0, s.length - 2)) + s.slice(-2);
  return `${s.slice(0, 4)}${'*'.repeat(s.length - 8)}${s.slice(-4)}`;
}

/** 11-digit mobile number → first 3 and last 4 kept: 138****1234. */
export function maskPhone(phone: string): string {
  const s = phone.trim();
  return s.length === 11 ? `${s.slice(0, 3)}****${s.slice(-4)}` : '*'.repeat(Math.max(0, s.length - 4)) + s.slice(-4);
}
