// Writes config/staff.json for the default configuration: an A and a B post for every window and one
// administrator and one leader (分管领导), with the documented first-use PINs hashed (the file never holds a plain PIN).
// Usage: tsx server/tools/make-staff.ts [configDir]
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { hashSecret } from '../auth/password.ts';

const dir = process.argv[2] ?? 'config';
const windows = JSON.parse(readFileSync(join(dir, 'windows.json'), 'utf8')) as {
  no: number;
  name: string;
  staff: { A?: string; B?: string };
}[];
const staff = [];
for (const w of windows) {
  for (const post of ['A', 'B'] as const) {
    const id = w.staff[post];
    if (id)
      staff.push({
        id,
        name: `${w.no}号窗口${post}岗`,
        role: 'staff',
        windows: [w.no],
        pinHash: await hashSecret('246810'),
      });
  }
}
staff.push({ id: 'admin', name: '中心管理员', role: 'admin', windows: [], pinHash: await hashSecret('admin2026') });
// 分管领导: approves extensions (限时办结制度 第七条) and may act on every window's cases; same first-use PIN as staff.
staff.push({ id: 'leader', name: '分管领导', role: 'leader', windows: [], pinHash: await hashSecret('246810') });
writeFileSync(join(dir, 'staff.json'), JSON.stringify(staff, null, 2) + '\n');
console.log(`已写入 ${staff.length} 名工作人员到 ${join(dir, 'staff.json')}`);
