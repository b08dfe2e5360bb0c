// A street centre with one village station and its 代办员 (the shipped config plus a station).
import { testConfig } from '../helpers/config.ts';
import type { Config } from '../../server/config/load.ts';
import { postJson } from '../helpers/server.ts';

export function stationConfig(): Config {
  const config = testConfig();
  config.stations = [{ id: 'qingshan', name: '青山村便民服务站' }];
  // The same PIN as the shipped test accounts (246810).
  const pinHash = config.staff.find((s) => s.id === 'w1a')!.pinHash;
  config.staff.push({ id: 'qs-agent', name: '李代办', role: 'agent', windows: [], stationId: 'qingshan', pinHash });
  return config;
}

export async function login(url: string, staffId: string, pin: string, windowNo?: number): Promise<string> {
  const r = await postJson<{ token: string }>(`${url}/api/login`, { staffId, pin, ...(windowNo ? { windowNo } : {}) });
  if (r.status !== 200) throw new Error(`登录失败：${JSON.stringify(r.body)}`);
  return r.body.token;
}
