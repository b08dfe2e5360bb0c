// 村（社区）便民服务站 and their 代办员 accounts on /admin (issue 24 ⑫; seed 003 三级便民服务体系, seed 002 篇1
// 代办). Stations live in center.json `stations`, agents in staff.json (role agent, stationId). Retiring keeps
// both in the files (retiredOn): the registers keep showing their names; the accounts can no longer sign in.
import { obj, str, type Infer } from './schema.ts';

/** A station's name as people call it, e.g. 青山村便民服务站. */
export const StationBody = obj({ name: str({ min: 2, max: 40, hint: '服务站名称，如 青山村便民服务站' }) });
export type StationBody = Infer<typeof StationBody>;

/** A new 代办员: the login account (typed at the station's sign-in) and the person's name. */
export const AgentCreateBody = obj({
  id: str({ pattern: /^[a-z][a-z0-9_-]{1,31}$/, hint: '登录账号：小写字母开头，字母、数字、- 或 _，2–32 位' }),
  name: str({ min: 1, max: 30, hint: '代办员姓名' }),
});
export type AgentCreateBody = Infer<typeof AgentCreateBody>;
export const AgentEditBody = obj({ name: str({ min: 1, max: 30, hint: '代办员姓名' }) });

export interface AgentView {
  id: string;
  name: string;
  retiredOn: string | null;
}

export interface StationView {
  id: string;
  name: string;
  retiredOn: string | null;
  agents: AgentView[];
}

/** GET /api/admin/stations and the answer of every change. */
export interface StationsView {
  stations: StationView[];
}

/** A generated first password: in this one answer only (only its hash is stored). */
export interface AgentPassword {
  staffId: string;
  name: string;
  password: string;
}
