// Guessing PINs (issue: lock-out bypass, lock-out as a weapon, login flood). Against the real HTTP server.
import { httpStatus } from '../../server/http/error-status.ts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { requestJson, startTestServer, type TestServer } from '../helpers/server.ts';
import { manualClock } from '../helpers/config.ts';
import { ADDRESS_ATTEMPTS } from '../../server/auth/login-guard.ts';
import { Semaphore } from '../../server/auth/password.ts';

let server: TestServer;
beforeEach(async () => {
  server = await startTestServer();
});
afterEach(async () => server?.stop());

type Answer = { status: number; body: { token?: string; error?: { code: string; message: string } } };
const login = (staffId: string, pin: string, from = '127.0.0.2') =>
  requestJson(server.url, 'POST', '/api/login', { body: { staffId, pin, windowNo: 3 }, from }) as Promise<Answer>;
const unlock = (pin: string) =>
  requestJson(server.url, 'POST', '/api/kiosk/unlock', { body: { pin } }) as Promise<Answer>;

describe('parallel guesses', () => {
  it('/api/login: the right PIN last among 40 parallel guesses gets no token, and the account ends locked', async () => {
    const guesses = Array.from({ length: 39 }, (_, i) => String(100000 + i));
    const answers = await Promise.all([...guesses.map((pin) => login('w3a', pin)), login('w3a', '246810')]);
    expect(answers.filter((a) => a.body.token)).toHaveLength(0);
    expect(answers.at(-1)!.status).toBe(423);
    // Exactly maxLoginFailures guesses were checked; the rest were refused before any scrypt.
    expect(answers.filter((a) => a.status === 401 || a.body.error?.message.includes('已锁定 ')).length).toBe(
      server.app.ctx.config.security.maxLoginFailures,
    );
    const after = await login('w3a', '246810');
    expect(after.status).toBe(423);
    expect(after.body.error!.message).toMatch(/已锁定/);
  });

  it('/api/kiosk/unlock: the right password last among 40 parallel guesses does not unlock, and the settings lock stays locked', async () => {
    const answers = await Promise.all([
      ...Array.from({ length: 39 }, (_, i) => unlock(`wrong-${i}`)),
      unlock('admin2026'),
    ]);
    expect(answers.filter((a) => a.status === 200)).toHaveLength(0);
    expect((await unlock('admin2026')).status).toBe(423);
  });

  it('a restart does not lift a lock', async () => {
    const max = server.app.ctx.config.security.maxLoginFailures;
    for (let i = 0; i < max; i++) await login('w2a', '000000');
    await server.restart();
    expect((await login('w2a', '246810')).status).toBe(423);
  });

  it('a lock is never cleared by a later failure', async () => {
    const max = server.app.ctx.config.security.maxLoginFailures;
    for (let i = 0; i < max; i++) await login('w3a', '000000');
    expect((await login('w3a', '000000')).status).toBe(423);
    expect((await login('w3a', '246810')).status).toBe(423);
  });
});

describe('lock-out as a weapon', () => {
  it('a stranger locking w3a from a phone does not lock the clerk out of her own console', async () => {
    const max = server.app.ctx.config.security.maxLoginFailures;
    for (let i = 0; i < max + 3; i++) await login('w3a', '999999', '127.0.0.9');
    expect((await login('w3a', '246810', '127.0.0.9')).status).toBe(423);
    const clerk = await login('w3a', '246810', '127.0.0.3');
    expect(clerk.status).toBe(200);
    expect(clerk.body.token).toBeTruthy();
  });

  it('a login body cannot name the kiosk unlock key', async () => {
    const r = await login('kiosk:unlock', '000000');
    expect(r.status).toBe(400);
    for (let i = 0; i < 10; i++) await login('kiosk-unlock', '000000');
    expect((await unlock('admin2026')).status).toBe(200);
  });

  it('each further lock of the same account and address lasts twice as long', async () => {
    await server.stop();
    const clock = manualClock('2026-12-01T02:00:00Z');
    server = await startTestServer({ clock });
    const { maxLoginFailures: max, lockoutMinutes } = server.app.ctx.config.security;
    const lockFor = async () => {
      let last: Answer | null = null;
      for (let i = 0; i < max; i++) last = await login('w3b', '000000');
      expect(last!.status).toBe(423);
      return Number(/已锁定 (\d+) 分钟/.exec(last!.body.error!.message)?.[1]);
    };
    expect(await lockFor()).toBe(lockoutMinutes);
    clock.advance((lockoutMinutes + 1) * 60_000);
    expect(await lockFor()).toBe(lockoutMinutes * 2);
    clock.advance((2 * lockoutMinutes + 1) * 60_000);
    // A success clears the pair: the next lock is the first one again.
    expect((await login('w3b', '246810')).status).toBe(200);
    expect(await lockFor()).toBe(lockoutMinutes);
  });
});

describe('per-address throttle', () => {
  it(`one address gets at most ${ADDRESS_ATTEMPTS} password checks in ten minutes, whatever the accounts`, async () => {
    const ids = ['w1a', 'w1b', 'w2a', 'w2b', 'w4a', 'w4b', 'w5a', 'w5b', 'w6a', 'w6b', 'w3a', 'w3b'];
    const answers: Answer[] = [];
    for (const id of ids) for (let i = 0; i < 2; i++) answers.push(await login(id, '000000', '127.0.0.7'));
    expect(answers.slice(0, ADDRESS_ATTEMPTS).every((a) => a.status === 401)).toBe(true);
    expect(answers.slice(ADDRESS_ATTEMPTS).every((a) => a.status === 429)).toBe(true);
    expect(answers.at(-1)!.body.error!.message).toMatch(/过于频繁/);
    // Even the right PIN from that address waits; another address is not affected.
    expect((await login('w3a', '246810', '127.0.0.7')).status).toBe(429);
    expect((await login('w3a', '246810', '127.0.0.8')).status).toBe(200);
  });
});

describe('password checks at once', () => {
  it('the semaphore never runs more than its limit and refuses past its queue', async () => {
    const s = new Semaphore(2, 5);
    let running = 0;
    let peak = 0;
    const work = () =>
      s.run(async () => {
        running++;
        peak = Math.max(peak, running);
        await new Promise((r) => setTimeout(r, 5));
        running--;
        return true;
      });
    const results = await Promise.allSettled(Array.from({ length: 10 }, work));
    expect(peak).toBe(2);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(7);
    expect(
      results.filter((r) => r.status === 'rejected').map((r) => httpStatus((r as PromiseRejectedResult).reason)),
    ).toEqual([503, 503, 503]);
    expect(s.running).toBe(0);
  });
});
