// Bad input at the server's edges: random and mutated HTTP bodies and WebSocket messages. Never a 500,
// never a stack, always the {error: {code, message}} shape, and the server keeps serving.
// FUZZ_RUNS raises the count for the nightly profile (tests/fuzz/nightly.sh, 100,000 cases).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import WebSocket from 'ws';
import { fuzzRuns } from '../helpers/fuzz-runs.ts';
import { postJson, staffToken, startTestServer, type TestServer } from '../helpers/server.ts';
import { manualClock } from '../helpers/config.ts';

// The quick profile's timeouts; the nightly profile gives none here, so vitest's --testTimeout applies.
const timeout = (quick: number) => (process.env.FUZZ_RUNS ? undefined : quick);
let server: TestServer;
let token: string;
beforeAll(async () => {
  server = await startTestServer();
  token = await staffToken(server.url, 4);
});
afterAll(async () => server?.stop());

const ROUTES = [
  '/api/tickets',
  '/api/windows/4/transfer',
  '/api/windows/4/pause',
  '/api/windows/4/call',
  '/api/login',
  '/api/matters/street-03/notice',
  '/api/appointments',
  '/api/appointments/import',
  '/api/kiosk/unlock',
  '/api/windows/4/cases',
  '/api/sim/printer',
  // registers (server/registers/)
  '/api/registers/first-contact',
  '/api/registers/home-visits',
  '/api/registers/complaints',
  '/api/kiosk/complaints',
  '/api/station/daiban',
];
const valid = {
  categoryId: 'civil',
  idempotencyKey: 'fuzz-key-0001',
  priority: 'elderly',
  reason: '午休',
  staffId: 'w4a',
  pin: '246810',
  windowNo: 4,
  matterId: 'street-03',
  date: '2026-12-01',
  slotFrom: '10:00',
  slotTo: '10:30',
  paper: 'ok',
  csv: '日期,开始,结束,业务类别\n2026-12-01,10:00,10:30,民政\n',
  channel: 'phone',
  outcome: 'transfer',
  toWindowNo: 1,
  matterText: '低保',
  content: '意见',
  source: 'phone',
  name: '张三',
};

const body = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
  fc.string({ maxLength: 200 }),
  fc
    .record({ key: fc.constantFrom(...Object.keys(valid)), value: fc.jsonValue({ maxDepth: 2 }) })
    .map(({ key, value }) => JSON.stringify({ ...valid, [key]: value })),
  fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b).toString('latin1')),
);

describe('HTTP bodies', () => {
  it(
    'answers every random or mutated body with a 2xx or a 4xx/503 in the error shape',
    async () => {
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...ROUTES), body, fc.boolean(), async (route, text, authed) => {
          const res = await fetch(`${server.url}${route}`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json', ...(authed ? { Authorization: `Bearer ${token}` } : {}) },
            body: text,
          });
          expect(res.status).not.toBe(500);
          const json = (await res.json()) as { error?: { code: string; message: string } };
          if (res.status >= 400) {
            expect(typeof json.error?.code).toBe('string');
            expect(json.error!.message).toMatch(/[\u4e00-\u9fff]/);
            expect(JSON.stringify(json)).not.toMatch(/at .*\.ts:\d+/);
          }
        }),
        { numRuns: fuzzRuns(150) },
      );
      expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
    },
    timeout(120_000),
  );
});

describe('限时办结 case routes (issue 15)', () => {
  it(
    'answers every random or mutated body on the case clock routes in the error shape, as staff and as the leader',
    async () => {
      // A fixed server day inside the calendar's years, so the promised date is computable whenever this runs.
      const day = await startTestServer({ clock: manualClock('2026-11-23T02:00:00Z') });
      try {
        const staff = await staffToken(day.url, 4);
        const leader = (await postJson<{ token: string }>(`${day.url}/api/login`, { staffId: 'leader', pin: '246810' }))
          .body.token;
        const made = await postJson<{ case: { id: string } }>(
          `${day.url}/api/windows/4/cases`,
          { matterId: 'street-03', kind: 'promised' },
          staff,
        );
        const intake = await postJson<{ case: { id: string } }>(
          `${day.url}/api/windows/4/cases`,
          { matterId: 'street-01', intake: true },
          staff,
        );
        const ids = [made.body.case.id, intake.body.case.id, 'no-such-case'];
        const actions = [
          'decide',
          'report',
          'return',
          'extension',
          'extension/decision',
          'applicant-delay',
          'print',
          'materials-received',
          'correction',
          'state',
        ];
        const validCase = {
          outcome: 'returned',
          authority: '博乐市民政局',
          days: 3,
          reason: '理由',
          approve: true,
          note: '说明',
          manualDate: '2027-01-11',
          manualReason: '理由',
          missingMaterials: ['户口簿'],
          to: 'finished',
          document: 'extension',
          date: '2026-11-23',
        };
        const caseBody = fc.oneof(
          fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
          fc
            .record({ key: fc.constantFrom(...Object.keys(validCase)), value: fc.jsonValue({ maxDepth: 2 }) })
            .map(({ key, value }) => JSON.stringify({ ...validCase, [key]: value })),
          fc
            .subarray(Object.keys(validCase))
            .map((keys) =>
              JSON.stringify(Object.fromEntries(keys.map((k) => [k, validCase[k as keyof typeof validCase]]))),
            ),
        );
        await fc.assert(
          fc.asyncProperty(
            fc.constantFrom(...ids),
            fc.constantFrom(...actions),
            caseBody,
            fc.constantFrom(staff, leader, ''),
            async (id, action, text, who) => {
              const res = await fetch(`${day.url}/api/cases/${id}/${action}`, {
                method: 'POST',
                headers: { 'Content-Type': 'application/json', ...(who ? { Authorization: `Bearer ${who}` } : {}) },
                body: text,
              });
              expect(res.status).not.toBe(500);
              const json = (await res.json()) as { error?: { code: string; message: string } };
              if (res.status >= 400) {
                expect(typeof json.error?.code).toBe('string');
                expect(json.error!.message).toMatch(/[\u4e00-\u9fff]/);
              }
            },
          ),
          { numRuns: fuzzRuns(200) },
        );
        expect(
          (await fetch(`${day.url}/api/cases/supervision`, { headers: { Authorization: `Bearer ${leader}` } })).status,
        ).toBe(200);
      } finally {
        await day.stop();
      }
    },
    timeout(120_000),
  );
});

describe('WebSocket messages', () => {
  it(
    'answers garbage with an error message and keeps the connection and the server',
    async () => {
      const ws = new WebSocket(`${server.url.replace('http', 'ws')}/ws?role=display`);
      const received: string[] = [];
      ws.on('message', (d) => received.push(d.toString()));
      await new Promise((r) => ws.once('open', r));
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(
            fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
            fc.string({ maxLength: 500 }),
          ),
          async (msg) => {
            ws.send(msg);
          },
        ),
        { numRuns: fuzzRuns(150) },
      );
      ws.send(JSON.stringify({ type: 'snapshot.request' }));
      await expect
        .poll(() => received.filter((m) => m.includes('"type":"snapshot"')).length, { timeout: 5000 })
        .toBeGreaterThanOrEqual(2);
      expect(ws.readyState).toBe(WebSocket.OPEN);
      // An oversized message closes that connection (1009) but not the server.
      const closed = new Promise<number>((r) => ws.once('close', (code) => r(code)));
      ws.send('x'.repeat(10_000));
      expect(await closed).toBe(1009);
      expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
    },
    timeout(60_000),
  );
});
