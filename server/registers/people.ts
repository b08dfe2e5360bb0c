// Who did something, as a register says it (issue 24 ⑫): a person by name, and the few actors that are not an
// account by what they are — never an internal id or role word ("resident", "kiosk", "system"…). An id that
// names no account any more (removed from staff.json by hand) is said so, not printed.
import type { StaffConfig } from '../config/schema.ts';

/** Actors that are not a staff account (queue, appointments, cases, the system's own steps). */
export const ACTOR_NAMES: Record<string, string> = {
  resident: '本人（网上预约）',
  kiosk: '自助服务一体机',
  import: '批量导入',
  system: '系统',
  'auto-call': '自动叫号',
};

/** The name a register prints for an actor id; '' for none. */
export function personName(staff: readonly Pick<StaffConfig, 'id' | 'name'>[], id: string | null | undefined): string {
  if (!id) return '';
  return staff.find((s) => s.id === id)?.name ?? ACTOR_NAMES[id] ?? '（已删除的账号）';
}
