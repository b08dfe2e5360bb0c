// /admin → 便民服务站 (issue 24 ⑫): the administrator creates, renames and retires the village / community
// stations (村（社区）便民服务站, seed 003 三级便民服务体系) and their 代办员 accounts, instead of editing JSON.
// Each change goes through editConfigFile (the loader's own checks on a copy of the whole folder, then an
// atomic write), is recorded in the event log (admin.station.* / admin.agent.*, never a password or hash) and
// is applied to the running config in place, so logins and registers see it at once.
//
// A 代办员's first password is generated here (8 digits, the first-use rule) and shown once in the answer;
// only its scrypt hash is written. Retiring keeps the entry (retiredOn): the registers keep the name, the
// account can no longer sign in, and its open sessions end.
import type { AppContext } from '../app-context.ts';
import { localTime } from '../common/clock.ts';
import { DomainError } from '../common/errors.ts';
import { editConfigFile } from '../config/edit.ts';
import type { Config } from '../config/load.ts';
import { hashSecret } from '../auth/password.ts';
import { randomFirstUsePassword } from '../auth/first-use-passwords.ts';
import {
  AgentCreateBody,
  AgentEditBody,
  StationBody,
  type AgentPassword,
  type StationsView,
} from '../contract/stations.ts';
import { obj } from '../contract/schema.ts';
import { readBody, sendJson, type Request, type Router } from '../http/kit.ts';
import { ACTOR_NAMES } from '../registers/people.ts';

type RawStation = { id: string; name: string; retiredOn?: string };
type RawStaff = { id: string; name: string; role: string; stationId?: string; retiredOn?: string; pinHash: string };

export function stationRoutes() {
  return (router: Router, ctx: AppContext): void => {
    const admin = (req: Request) => ctx.access.requireAdmin(req);
    const today = () => localTime(ctx.clock(), ctx.config.center.timezone).date;

    const view = (): StationsView => ({
      stations: ctx.config.stations.map((s) => ({
        id: s.id,
        name: s.name,
        retiredOn: s.retiredOn ?? null,
        agents: ctx.config.staff
          .filter((a) => a.role === 'agent' && a.stationId === s.id)
          .map((a) => ({ id: a.id, name: a.name, retiredOn: a.retiredOn ?? null })),
      })),
    });
    /** The running config takes the saved lists (logins, the station page and the registers read them). */
    const apply = (next: Config) => {
      ctx.config.stations.splice(0, ctx.config.stations.length, ...next.stations);
      ctx.config.staff.splice(0, ctx.config.staff.length, ...next.staff);
    };
    const stationOf = (id: string | undefined) => {
      const s = ctx.config.stations.find((x) => x.id === id);
      if (!s) throw new DomainError('unknown-station', '没有这个服务站，请刷新页面');
      return s;
    };
    const agentOf = (id: string | undefined) => {
      const a = ctx.config.staff.find((x) => x.id === id && x.role === 'agent');
      if (!a) throw new DomainError('unknown-agent', '没有这个代办员账号，请刷新页面');
      return a;
    };
    const cleanName = (name: string) => name.trim().replace(/\s+/g, ' ');
    const sameName = (name: string, exceptId?: string) => {
      const taken = ctx.config.stations.find((s) => s.name === name && s.id !== exceptId);
      if (taken)
        throw new DomainError('station-exists', `已有名为“${name}”的服务站${taken.retiredOn ? '（已撤销）' : ''}`);
    };
    const editStations = (edit: (raw: RawStation[]) => void) =>
      editConfigFile(ctx.config.dir, 'center.json', (raw: { stations?: RawStation[] }) => {
        if (!raw || typeof raw !== 'object') throw new DomainError('config-unreadable', 'center.json 不是 JSON 对象');
        if (!Array.isArray(raw.stations)) raw.stations = [];
        edit(raw.stations);
      });
    const editStaff = (edit: (raw: RawStaff[]) => void) =>
      editConfigFile(ctx.config.dir, 'staff.json', (raw: RawStaff[]) => {
        if (!Array.isArray(raw)) throw new DomainError('config-unreadable', 'staff.json 不是列表，请检查配置文件');
        edit(raw);
      });
    const entry = <T extends { id: string }>(list: T[], id: string, file: string): T => {
      const found = list.find((x) => x && x.id === id);
      if (!found) throw new DomainError('config-changed', `${file} 中已没有“${id}”，请刷新页面`);
      return found;
    };
    /** A new station's id: s1, s2, … (never reused; the id is internal and never shown). */
    const nextStationId = () => {
      const used = ctx.config.stations
        .map((s) => /^s(\d+)$/.exec(s.id)?.[1])
        .filter(Boolean)
        .map(Number);
      return `s${Math.max(0, ...used) + 1}`;
    };

    router.add('GET', '/api/admin/stations', (req, res) => {
      admin(req);
      sendJson(res, 200, view());
    });

    router.add('POST', '/api/admin/stations', async (req, res) => {
      const session = admin(req);
      const name = cleanName((await readBody(req, StationBody)).name);
      sameName(name);
      const id = nextStationId();
      const next = editStations((list) => list.push({ id, name }));
      apply(next);
      ctx.store.logEvent(session.staffId, 'admin.station.created', { id, after: { name } });
      sendJson(res, 201, view());
    });

    router.add('PUT', '/api/admin/stations/:id', async (req, res) => {
      const session = admin(req);
      const live = stationOf(req.params.id);
      const name = cleanName((await readBody(req, StationBody)).name);
      if (live.retiredOn) throw new DomainError('station-retired', `${live.name}已撤销，不能再修改`);
      sameName(name, live.id);
      const before = { name: live.name };
      apply(editStations((list) => (entry(list, live.id, 'center.json').name = name)));
      ctx.store.logEvent(session.staffId, 'admin.station.updated', { id: live.id, before, after: { name } });
      sendJson(res, 200, view());
    });

    /** 撤销: the station and its agents stay in the files for the registers; its agents can no longer sign in. */
    router.add('POST', '/api/admin/stations/:id/retire', async (req, res) => {
      const session = admin(req);
      await readBody(req, obj({}));
      const live = stationOf(req.params.id);
      if (live.retiredOn) throw new DomainError('station-retired', `${live.name}已于 ${live.retiredOn} 撤销`);
      const on = today();
      apply(editStations((list) => (entry(list, live.id, 'center.json').retiredOn = on)));
      const agents = ctx.config.staff.filter((a) => a.role === 'agent' && a.stationId === live.id);
      for (const a of agents) ctx.sessions.revokeStaff(a.id);
      ctx.store.logEvent(session.staffId, 'admin.station.retired', {
        id: live.id,
        before: { name: live.name },
        after: { name: live.name, retiredOn: on },
        agents: agents.map((a) => a.id),
      });
      sendJson(res, 200, view());
    });

    router.add('POST', '/api/admin/stations/:id/agents', async (req, res) => {
      const session = admin(req);
      const live = stationOf(req.params.id);
      const body = await readBody(req, AgentCreateBody);
      if (live.retiredOn) throw new DomainError('station-retired', `${live.name}已撤销，不能再新增代办员`);
      // An actor word of the logs (resident, kiosk, system…) would make the registers name this person for them.
      if (ctx.config.staff.some((s) => s.id === body.id) || Object.hasOwn(ACTOR_NAMES, body.id))
        throw new DomainError('staff-exists', `账号“${body.id}”已被使用，请换一个`);
      const name = cleanName(body.name);
      const password = randomFirstUsePassword('agent', body.id);
      const pinHash = await hashSecret(password);
      apply(
        editStaff((list) =>
          list.push({ id: body.id, name, role: 'agent', stationId: live.id, windows: [], pinHash } as RawStaff),
        ),
      );
      ctx.store.logEvent(session.staffId, 'admin.agent.created', {
        id: body.id,
        after: { name, stationId: live.id },
      });
      const first: AgentPassword = { staffId: body.id, name, password };
      sendJson(res, 201, { ...view(), password: first });
    });

    router.add('PUT', '/api/admin/agents/:id', async (req, res) => {
      const session = admin(req);
      const live = agentOf(req.params.id);
      const name = cleanName((await readBody(req, AgentEditBody)).name);
      if (live.retiredOn)
        throw new DomainError('account-retired', `该代办员账号已于 ${live.retiredOn} 停用，不能再修改`);
      const before = { name: live.name };
      apply(editStaff((list) => (entry(list, live.id, 'staff.json').name = name)));
      ctx.store.logEvent(session.staffId, 'admin.agent.updated', { id: live.id, before, after: { name } });
      sendJson(res, 200, view());
    });

    /** A new password, shown once (the old one stops working, open sessions end). */
    router.add('POST', '/api/admin/agents/:id/password', async (req, res) => {
      const session = admin(req);
      await readBody(req, obj({}));
      const live = agentOf(req.params.id);
      if (live.retiredOn) throw new DomainError('account-retired', `该代办员账号已于 ${live.retiredOn} 停用`);
      const password = randomFirstUsePassword('agent', live.id);
      const pinHash = await hashSecret(password);
      apply(editStaff((list) => (entry(list, live.id, 'staff.json').pinHash = pinHash)));
      ctx.sessions.revokeStaff(live.id);
      ctx.store.logEvent(session.staffId, 'admin.agent.updated', { id: live.id, passwordReset: true });
      const first: AgentPassword = { staffId: live.id, name: live.name, password };
      sendJson(res, 200, { ...view(), password: first });
    });

    router.add('POST', '/api/admin/agents/:id/retire', async (req, res) => {
      const session = admin(req);
      await readBody(req, obj({}));
      const live = agentOf(req.params.id);
      if (live.retiredOn) throw new DomainError('account-retired', `该代办员账号已于 ${live.retiredOn} 停用`);
      const on = today();
      apply(editStaff((list) => (entry(list, live.id, 'staff.json').retiredOn = on)));
      ctx.sessions.revokeStaff(live.id);
      ctx.store.logEvent(session.staffId, 'admin.agent.retired', {
        id: live.id,
        before: { name: live.name },
        after: { name: live.name, retiredOn: on },
      });
      sendJson(res, 200, view());
    });
  };
}
