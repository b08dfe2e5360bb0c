// The last overreaches (issue #23 item 6): a leader still on the first-use password approved 延期 (the
// first-login rule was not held on leader routes); first-use sessions read case details; a 代办员 saw
// centre-only ticket data.
import { copyTestConfig } from '../helpers/config.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { hashSecret } from '../../server/auth/password.ts';
import { manualClock, testConfig } from '../helpers/config.ts';
import { getJson, postJson, requestJson, startTestServer, type TestServer } from '../helpers/server.ts';

let server: TestServer | null = null;
let configDir = '';
afterEach(async () => {
  await server?.stop();
  server = null;
  rmSync(configDir, { recursive: true, force: true });
});

async function start() {
  configDir = mkdtempSync(join(tmpdir(), 'overreach-config-'));
  copyTestConfig(new URL('../../config', import.meta.url).pathname, configDir);
  const base = testConfig({ security: { ...testConfig().security, firstLoginPasswordChange: true } });
  const own = await hashSecret('583920');
  const staff = base.staff.map((s) => (s.id === 'w4a' || s.id === 'w3a' ? { ...s, pinHash: own } : s));
  staff.push({ ...staff[0]!, id: 'qs-agent', name: '李代办', role: 'agent', windows: [], pinHash: own });
  server = await startTestServer({
    config: { ...base, dir: configDir, staff },
    clock: manualClock('2026-11-23T02:00:00Z'),
  });
}

const login = async (staffId: string, pin: string, windowNo?: number) => {
  const r = await requestJson<{ token: string }>(server!.url, 'POST', '/api/login', {
    body: { staffId, pin, ...(windowNo ? { windowNo } : {}) },
    from: '127.0.0.2',
  });
  expect(r.status).toBe(200);
  return r.body.token;
};

describe('first-use sessions and 代办员', () => {
  it('a leader on the first-use password cannot decide an extension nor read a case’s details', async () => {
    await start();
    const clerk = await login('w4a', '583920', 4);
    await postJson(`${server!.url}/api/tickets`, { categoryId: 'civil' });
    await postJson(`${server!.url}/api/windows/4/call-next`, {}, clerk);
    const made = await postJson<{ case: { id: string } }>(
      `${server!.url}/api/windows/4/cases`,
      { matterId: 'street-03', kind: 'promised' },
      clerk,
    );
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    const id = made.body.case.id;
    const leader = await login('leader', '246810');
    const decided = await postJson<{ error: { code: string } }>(
      `${server!.url}/api/cases/${id}/extension/decision`,
      { approve: true },
      leader,
    );
    expect(decided.status).toBe(403);
    expect(decided.body.error.code).toBe('password-change-required');
    const full = await getJson<{ case: Record<string, unknown> }>(`${server!.url}/api/cases/${id}`, clerk);
    expect(full.body.case).toHaveProperty('windowNo');
    const seen = await getJson<{ case: Record<string, unknown> }>(`${server!.url}/api/cases/${id}`, leader);
    expect(seen.body.case).not.toHaveProperty('windowNo');
  });

  it('a first-contact entry at window 3 cannot carry window 4’s case id nor overwrite its applicant', async () => {
    await start();
    const clerk = await login('w4a', '583920', 4);
    await postJson(`${server!.url}/api/tickets`, { categoryId: 'civil' });
    await postJson(`${server!.url}/api/windows/4/call-next`, {}, clerk);
    const id = (
      await postJson<{ case: { id: string } }>(
        `${server!.url}/api/windows/4/cases`,
        { matterId: 'street-03', kind: 'promised' },
        clerk,
      )
    ).body.case.id;
    const other = await login('w3a', '583920', 3);
    const r = await postJson<{ error: { code: string } }>(
      `${server!.url}/api/registers/first-contact`,
      {
        channel: 'counter',
        windowNo: 3,
        outcome: 'consult',
        matterText: '咨询低保',
        caseId: id,
        name: '冒名者',
        phone: '13900000000',
      },
      other,
    );
    expect(r.status, JSON.stringify(r.body)).toBe(403);
    expect(r.body.error.code).toBe('other-window');
    const after = await getJson<{ case: Record<string, unknown> }>(`${server!.url}/api/cases/${id}`, clerk);
    expect(JSON.stringify(after.body)).not.toContain('冒');
  });

  it('a 代办员 sees only the public view of a ticket', async () => {
    await start();
    const ticket = (await postJson<{ ticket: { id: string } }>(`${server!.url}/api/tickets`, { categoryId: 'civil' }))
      .body.ticket;
    const agent = await login('qs-agent', '583920');
    const r = await requestJson<{ ticket: unknown; print?: unknown }>(server!.url, 'GET', `/api/tickets/${ticket.id}`, {
      token: agent,
      from: '127.0.0.2',
    });
    expect(r.status).toBe(200);
    expect(r.body.print).toBeUndefined();
  });
});

describe('the rating tablet is not a clerk’s PC', () => {
  it('pairing and verdicts are refused with a staff session or from a console address', async () => {
    await start();
    const clerk = await login('w4a', '583920', 4);
    const code = (await postJson<{ code: string }>(`${server!.url}/api/windows/4/rating/pairing-code`, {}, clerk)).body
      .code;
    // The clerk's own browser (it carries her session) cannot pair itself.
    const own = await postJson<{ error: { code: string } }>(
      `${server!.url}/api/windows/4/rating/pair`,
      { code },
      clerk,
    );
    expect(own.status).toBe(403);
    expect(own.body.error.code).toBe('staff-device');
    // Nor can a console address (127.0.0.2 is one in the test hall).
    const fromConsole = await requestJson<{ error: { code: string } }>(
      server!.url,
      'POST',
      '/api/windows/4/rating/pair',
      { body: { code }, from: '127.0.0.2' },
    );
    expect(fromConsole.status).toBe(403);
    // The tablet itself pairs; a verdict sent with a staff session is refused.
    const started = await postJson<{ nonce: string }>(`${server!.url}/api/windows/4/rating/pair`, { code });
    expect(started.status).toBe(200);
    // …after its own 确认 (issue #23 item 6).
    const paired = await postJson<{ token: string }>(`${server!.url}/api/windows/4/rating/pair/confirm`, {
      nonce: started.body.nonce,
    });
    expect(paired.status).toBe(200);
    const r = await fetch(`${server!.url}/api/windows/4/rating`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'X-Rate-Device': paired.body.token,
        Authorization: `Bearer ${clerk}`,
      },
      body: JSON.stringify({ ticketId: 'x', value: 5 }),
    });
    expect(r.status).toBe(403);
  });
});
