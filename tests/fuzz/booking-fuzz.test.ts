// The public booking routes (/api/book…) take whatever a phone on the LAN sends: random and mutated bodies
// and queries never give a 500 or a stack, always {error: {code, message}} in Chinese, and the server keeps
// serving. FUZZ_RUNS raises the count for the nightly profile.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fuzzRuns } from '../helpers/fuzz-runs.ts';
import { getJson, startTestServer, type TestServer } from '../helpers/server.ts';
import { testConfig } from '../helpers/config.ts';
import type { BookingOptions } from '../../server/contract/appointments.ts';

const timeout = (quick: number) => (process.env.FUZZ_RUNS ? undefined : quick);
let server: TestServer;
let valid: Record<string, unknown>;
beforeAll(async () => {
  const config = testConfig();
  config.booking = { daysAhead: 7, perAddressPerMinute: 1000 }; // the limit has its own test (tests/e2e/book-phone.test.ts)
  server = await startTestServer({ config });
  const options = (await getJson<BookingOptions>(`${server.url}/api/book/options`)).body;
  valid = {
    matterId: options.matters[0]!.id,
    date: options.days.find((d) => d.open)!.date,
    slotFrom: '16:00',
    slotTo: '17:00',
    phone: '13800138000',
  };
});
afterAll(async () => server?.stop());

const check = async (res: Response) => {
  expect(res.status).not.toBe(500);
  const json = (await res.json()) as { error?: { code: string; message: string } };
  if (res.status >= 400) {
    expect(typeof json.error?.code).toBe('string');
    expect(json.error!.message).toMatch(/[\u4e00-\u9fff]/);
    expect(JSON.stringify(json)).not.toMatch(/at .*\.ts:\d+/);
  }
};

describe('public booking routes', () => {
  it(
    'answer every random or mutated body and query in the error shape',
    async () => {
      const body = fc.oneof(
        fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
        fc.string({ maxLength: 200 }),
        fc
          .record({
            key: fc.constantFrom('matterId', 'date', 'slotFrom', 'slotTo', 'phone', 'extra'),
            value: fc.jsonValue({ maxDepth: 2 }),
          })
          .map(({ key, value }) => JSON.stringify({ ...valid, [key]: value })),
      );
      await fc.assert(
        fc.asyncProperty(
          body,
          fc.string({ maxLength: 60 }),
          fc.string({ maxLength: 20 }),
          async (text, matterId, date) => {
            await check(
              await fetch(`${server.url}/api/book`, {
                method: 'POST',
                headers: { 'Content-Type': 'application/json' },
                body: text,
              }),
            );
            await check(
              await fetch(
                `${server.url}/api/book/slots?matterId=${encodeURIComponent(matterId)}&date=${encodeURIComponent(date)}`,
              ),
            );
          },
        ),
        { numRuns: fuzzRuns(150) },
      );
      expect((await fetch(`${server.url}/api/book/options`)).status).toBe(200);
    },
    timeout(120_000),
  );
});
