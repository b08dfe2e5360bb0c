// Set a staff member's PIN or the admin password: npm run set-pin -- <staffId> <new PIN>
// Only the scrypt hash is written to config/staff.json. Restart the server afterwards. A PIN set here counts
// as changed (no forced change at the next login), so it must be at least 6 characters and not a first-use one.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { hashSecret } from '../auth/password.ts';
import { MIN_PIN_LENGTH, pinRefusal } from '../auth/first-login.ts';
import { readEnvironment } from '../config/env.ts';

const [staffId, pin] = process.argv.slice(2);
if (!staffId || !pin) {
  console.error(`用法：npm run set-pin -- <工号> <新密码（至少 ${MIN_PIN_LENGTH} 位）>`);
  process.exit(1);
}
const refused = pinRefusal(pin, staffId);
if (refused) {
  console.error(`未修改：${refused}`);
  process.exit(1);
}
const file = join(readEnvironment().configDir, 'staff.json');
const staff = JSON.parse(readFileSync(file, 'utf8')) as { id: string; pinHash: string; firstUse?: boolean }[];
const member = staff.find((s) => s.id === staffId);
if (!member) {
  console.error(`没有工号为 ${staffId} 的工作人员（见 ${file}）`);
  process.exit(1);
}
member.pinHash = await hashSecret(pin);
delete member.firstUse;
writeFileSync(file, JSON.stringify(staff, null, 2) + '\n');
console.log(`已更新 ${staffId} 的密码；请重启服务使其生效`);
