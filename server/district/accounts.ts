// Who may talk to the district: halls by their token (only its SHA-256 is stored; a token is valid for its
// own hall only), district staff by user name and password (scrypt), then a session token (SHA-256 stored).
import { createHash, randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import { HALL_LEVELS, type HallLevel } from '../contract/district.ts';
import type { DistrictDb } from './database.ts';
import { DistrictFailure } from './failure.ts';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const SESSION_HOURS = 10;

export async function addHall(
  db: DistrictDb,
  hallId: string,
  name: string,
  level: HallLevel,
  parentId: string | null,
): Promise<string> {
  if (!/^[a-z0-9][a-z0-9-]{0,39}$/.test(hallId))
    throw new DistrictFailure(
      400,
      'bad-hall-id',
      `中心编号 "${hallId}" 应为小写英文字母、数字和连字符（最多 40 个字符）`,
    );
  if (!name.trim() || name.length > 60) throw new DistrictFailure(400, 'bad-hall-name', '中心名称应为 1–60 个字');
  if (!HALL_LEVELS.includes(level))
    throw new DistrictFailure(400, 'bad-level', `层级应为 ${HALL_LEVELS.join('、')} 之一`);
  if (parentId) {
    const [parent] = await db.query('SELECT 1 FROM halls WHERE hall_id = $1', [parentId]);
    if (!parent) throw new DistrictFailure(400, 'unknown-parent', `上级中心 ${parentId} 尚未登记`);
  }
  const token = `h_${randomBytes(24).toString('base64url')}`;
  // Registering again gives the hall a new token (the old one stops working) and keeps its events.
  await db.run(
    `INSERT INTO halls (hall_id, name, level, parent_id, token_hash) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (hall_id) DO UPDATE SET name = excluded.name, level = excluded.level, parent_id = excluded.parent_id, token_hash = excluded.token_hash`,
    [hallId, name.trim(), level, parentId, sha256(token)],
  );
  return token;
}

/** The hall a bearer token belongs to: 401 without a known token, 403 when it is another hall's. */
export async function hallForToken(db: DistrictDb, authorization: string | undefined, hallId: string): Promise<string> {
  const token = /^Bearer (\S+)$/.exec(authorization ?? '')?.[1];
  if (!token) throw new DistrictFailure(401, 'no-token', '缺少中心令牌（Authorization: Bearer …）');
  const [row] = await db.query<{ hall_id: string }>('SELECT hall_id FROM halls WHERE token_hash = $1', [sha256(token)]);
  if (!row) throw new DistrictFailure(401, 'bad-token', '中心令牌无效，请向区里重新登记获取');
  if (row.hall_id !== hallId) throw new DistrictFailure(403, 'wrong-hall', '此令牌只能上报本中心的数据');
  return row.hall_id;
}

function hashPassword(password: string): string {
  const salt = randomBytes(16);
  const key = scryptSync(password, salt, 32);
  return `scrypt$${salt.toString('base64')}$${key.toString('base64')}`;
}

function passwordMatches(password: string, stored: string): boolean {
  const [scheme, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64');
  return timingSafeEqual(scryptSync(password, Buffer.from(salt, 'base64'), expected.length), expected);
}

export async function setPassword(db: DistrictDb, user: string, password: string): Promise<void> {
  if (!/^[A-Za-z0-9_.-]{1,40}$/.test(user))
    throw new DistrictFailure(400, 'bad-user', '用户名应为 1–40 个英文字母、数字、点、下划线或连字符');
  if (password.length < 8) throw new DistrictFailure(400, 'weak-password', '密码至少 8 位');
  await db.run(
    'INSERT INTO accounts (user_name, password_hash) VALUES ($1, $2) ON CONFLICT (user_name) DO UPDATE SET password_hash = excluded.password_hash, updated_at = now()',
    [user, hashPassword(password)],
  );
  // A reset password ends the sessions opened with the old one.
  await db.run('DELETE FROM sessions WHERE user_name = $1', [user]);
}

/** Failed logins per user name: five in a row lock the name for ten minutes (in memory: a restart forgets). */
const failures = new Map<string, { count: number; until: number }>();

export async function login(db: DistrictDb, user: unknown, password: unknown): Promise<string> {
  if (typeof user !== 'string' || typeof password !== 'string' || user.length > 40 || password.length > 200) {
    throw new DistrictFailure(400, 'bad-login', '请填写用户名和密码');
  }
  const f = failures.get(user);
  if (f && f.until > Date.now()) throw new DistrictFailure(429, 'locked', '密码错误次数过多，请 10 分钟后再试');
  const [row] = await db.query<{ password_hash: string }>('SELECT password_hash FROM accounts WHERE user_name = $1', [
    user,
  ]);
  if (!row || !passwordMatches(password, row.password_hash)) {
    const count = (f?.count ?? 0) + 1;
    failures.set(user, { count: count >= 5 ? 0 : count, until: count >= 5 ? Date.now() + 10 * 60_000 : 0 });
    throw new DistrictFailure(401, 'bad-login', '用户名或密码不正确');
  }
  failures.delete(user);
  const token = `d_${randomBytes(24).toString('base64url')}`;
  await db.run(
    `INSERT INTO sessions (token_hash, user_name, expires_at) VALUES ($1, $2, now() + interval '${SESSION_HOURS} hours')`,
    [sha256(token), user],
  );
  await db.run('DELETE FROM sessions WHERE expires_at < now()');
  return token;
}

export async function userForSession(db: DistrictDb, authorization: string | undefined): Promise<string> {
  const token = /^Bearer (\S+)$/.exec(authorization ?? '')?.[1];
  if (!token) throw new DistrictFailure(401, 'not-logged-in', '请先登录');
  const [row] = await db.query<{ user_name: string }>(
    'SELECT user_name FROM sessions WHERE token_hash = $1 AND expires_at > now()',
    [sha256(token)],
  );
  if (!row) throw new DistrictFailure(401, 'not-logged-in', '登录已过期，请重新登录');
  return row.user_name;
}
