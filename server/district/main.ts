// `npm run district`: the district server (区级), or one of its commands:
//   npm run district -- add-hall <hallId> <名称> [--level 街道|乡镇|村] [--parent <hallId>]   (prints the token last)
//   npm run district -- set-password <user> <password>
// DISTRICT_DATABASE_URL=postgres://… selects a real PostgreSQL; without it, the embedded one (PGlite) in
// DISTRICT_DATA (default data/district). DISTRICT_PORT (default 8090). See docs/district.md.
import { resolve } from 'node:path';
import { HALL_LEVELS, type HallLevel } from '../contract/district.ts';
import { openDistrictDb } from './database.ts';
import { addHall, setPassword } from './accounts.ts';
import { startDistrictServer } from './http.ts';
import { DistrictFailure } from './failure.ts';

export interface DistrictEnvironment {
  port: number;
  databaseUrl: string | undefined;
  dataDir: string;
  distDir: string;
}

export function readDistrictEnvironment(env: NodeJS.ProcessEnv = process.env): DistrictEnvironment {
  const port = env.DISTRICT_PORT === undefined || env.DISTRICT_PORT === '' ? 8090 : Number(env.DISTRICT_PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`环境变量 DISTRICT_PORT 应为 0–65535 的端口号，实际是 "${env.DISTRICT_PORT}"`);
  const databaseUrl = env.DISTRICT_DATABASE_URL || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl))
    throw new Error('环境变量 DISTRICT_DATABASE_URL 应为 postgres:// 开头的连接地址');
  return {
    port,
    databaseUrl,
    dataDir: resolve(env.DISTRICT_DATA || 'data/district'),
    distDir: resolve(env.KIOSK_DIST || 'dist'),
  };
}

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  if (i < 0) return undefined;
  const value = args[i + 1];
  args.splice(i, 2);
  return value;
}

async function main(argv: string[]): Promise<void> {
  const env = readDistrictEnvironment();
  const where = env.databaseUrl ? 'PostgreSQL（DISTRICT_DATABASE_URL）' : `内置 PostgreSQL（PGlite，${env.dataDir}）`;
  const [command, ...rest] = argv;
  if (command === 'add-hall') {
    const level = (option(rest, '--level') ?? '街道') as HallLevel;
    const parent = option(rest, '--parent') ?? null;
    const [hallId, name] = rest;
    if (!hallId || !name)
      throw new DistrictFailure(
        400,
        'usage',
        '用法：npm run district -- add-hall <中心编号> <名称> [--level 街道|乡镇|村] [--parent <上级中心编号>]',
      );
    if (!HALL_LEVELS.includes(level))
      throw new DistrictFailure(400, 'bad-level', `--level 应为 ${HALL_LEVELS.join('、')} 之一`);
    const db = await openDistrictDb({ url: env.databaseUrl, dataDir: env.dataDir });
    try {
      const token = await addHall(db, hallId, name, level, parent);
      console.log(
        `已登记 ${name}（${hallId}，${level}）于 ${where}。请把下面的令牌填入该中心的 KIOSK_DISTRICT_TOKEN（只显示这一次，区里只保存其摘要）：`,
      );
      console.log(token);
    } finally {
      await db.close();
    }
    return;
  }
  if (command === 'set-password') {
    const [user, password] = rest;
    if (!user || !password)
      throw new DistrictFailure(400, 'usage', '用法：npm run district -- set-password <用户名> <密码>');
    const db = await openDistrictDb({ url: env.databaseUrl, dataDir: env.dataDir });
    try {
      await setPassword(db, user, password);
      console.log(`已设置区级账号 ${user} 的密码`);
    } finally {
      await db.close();
    }
    return;
  }
  if (command !== undefined && command !== 'serve')
    throw new DistrictFailure(
      400,
      'usage',
      `不认识的命令 "${command}"：可用 add-hall、set-password，或不带参数启动区级服务`,
    );
  const db = await openDistrictDb({ url: env.databaseUrl, dataDir: env.dataDir });
  const log = (line: string) => console.log(`[${new Date().toISOString()}] ${line}`);
  const app = await startDistrictServer({ db, port: env.port, distDir: env.distDir, log });
  log(`区级政务服务监察已启动：${app.url}/district，数据库：${where}`);
  const shutdown = async () => {
    await app.stop();
    await db.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown());
  process.once('SIGTERM', () => void shutdown());
}

main(process.argv.slice(2)).catch((err) => {
  console.error(err instanceof DistrictFailure ? err.message : `区级服务出错：${(err as Error)?.stack ?? err}`);
  process.exit(1);
});
