// Raw bytes at the real server process (dist-server/main.mjs started as npm start starts it), over loopback
// TCP: the three requests that used to end the process, then random and mutated request lines, header
// blocks, cookies and WebSocket upgrades in batches. After every batch the process is alive and
// /api/health answers; no answer is ever a 500; every refusal with a body is {error:{code,message}} in
// Chinese. Quick profile in npm test; FUZZ_RUNS=100000 (tests/fuzz/nightly.sh) for the nightly one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { connect } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fuzzRuns } from '../helpers/fuzz-runs.ts';
import { loadTestConfigDir, spawnServer, type ServerProcess } from '../helpers/server-process.ts';

const timeout = (quick: number) => (process.env.FUZZ_RUNS ? undefined : quick);
let server: ServerProcess;
beforeAll(async () => {
  server = await spawnServer({
    dataDir: mkdtempSync(join(tmpdir(), 'raw-fuzz-')),
    env: { KIOSK_CONFIG: loadTestConfigDir() },
  });
}, 30_000);
afterAll(async () => server?.kill());

/** Send bytes on a fresh connection; resolve with what came back before the server closed it (or 1.5 s). */
function raw(bytes: string | Buffer): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const socket = connect(server.port, '127.0.0.1');
    const done = () => {
      clearTimeout(timer);
      socket.destroy();
      resolve(Buffer.concat(chunks).toString('latin1'));
    };
    const timer = setTimeout(done, 1500);
    socket.on('data', (d) => {
      chunks.push(d);
      // One answer is enough; a 101 upgrade stays open, so stop there.
      const text = Buffer.concat(chunks).toString('latin1');
      const head = text.indexOf('\r\n\r\n');
      if (head >= 0) {
        const length = /content-length: *(\d+)/i.exec(text.slice(0, head));
        if (text.startsWith('HTTP/1.1 101') || (length && text.length >= head + 4 + Number(length[1]))) done();
      }
    });
    socket.on('error', done);
    socket.on('close', done);
    // Half-close after the bytes: a request left incomplete ends at EOF instead of waiting for more.
    socket.end(bytes);
  });
}

const status = (answer: string) => Number(/^HTTP\/1\.[01] (\d{3})/.exec(answer)?.[1] ?? 0);
/** The first answer's body (exactly Content-Length bytes: a pipelined second answer may follow it). */
const body = (answer: string) => {
  const head = answer.indexOf('\r\n\r\n');
  const length = /content-length: *(\d+)/i.exec(answer.slice(0, head));
  const rest = answer.slice(head + 4);
  return Buffer.from(length ? rest.slice(0, Number(length[1])) : rest, 'latin1').toString('utf8');
};

/** What every answer must be: no 500, and a JSON refusal carries a Chinese message (a HEAD answer has no body). */
function checkAnswer(answer: string, what: string, head = false): void {
  const code = status(answer);
  expect(code, `${what} → ${answer.slice(0, 120)}`).not.toBe(500);
  if (!head && code >= 400 && /application\/json/i.test(answer.slice(0, answer.indexOf('\r\n\r\n')))) {
    const json = JSON.parse(body(answer)) as { error?: { code?: string; message?: string } };
    expect(typeof json.error?.code, what).toBe('string');
    expect(json.error?.message, what).toMatch(/[\u4e00-\u9fff]/);
  }
}

async function alive(): Promise<void> {
  expect(server.child.exitCode, server.output()).toBeNull();
  const res = await fetch(`${server.url}/api/health`);
  expect(res.status).toBe(200);
}

const UPGRADE =
  'Connection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n';
const host = () => `Host: 127.0.0.1:${server.port}\r\n`;

describe('the requests that used to end the process', () => {
  it('GET //[ answers 400 in Chinese and the server keeps serving', async () => {
    const answer = await raw(`GET //[ HTTP/1.1\r\n${host()}\r\n`);
    expect(status(answer)).toBe(400);
    expect(JSON.parse(body(answer)).error.message).toMatch(/地址/);
    await alive();
  });

  it('the same path as a WebSocket upgrade is refused with 400', async () => {
    const answer = await raw(`GET //[ HTTP/1.1\r\n${host()}${UPGRADE}\r\n`);
    expect(status(answer)).toBe(400);
    await alive();
  });

  it('Cookie: kiosk_session=%E0%A4%A on a /ws?role=console upgrade is refused with 400', async () => {
    const answer = await raw(
      `GET /ws?role=console HTTP/1.1\r\n${host()}${UPGRADE}Cookie: kiosk_session=%E0%A4%A\r\n\r\n`,
    );
    expect(status(answer)).toBe(400);
    expect(JSON.parse(body(answer)).error.code).toBe('bad-escape');
    await alive();
  });

  it('broken escapes in a path or cookie over plain HTTP answer 400, not 500', async () => {
    for (const [line, extra] of [
      ['GET /api/cases/%E0%A4%A HTTP/1.1', ''],
      ['GET /api/session HTTP/1.1', 'Cookie: kiosk_session=%E0%A4%A\r\n'],
      ['GET /api/windows/%ZZ HTTP/1.1', ''],
      ['GET /console/%C0%AF HTTP/1.1', ''],
      ['GET /api/matters?q=%E4%BD HTTP/1.1', ''],
      ['POST /api/tickets/%E0/reprint HTTP/1.1', 'Content-Length: 2\r\n\r\n{}'],
    ] as const) {
      const answer = await raw(`${line}\r\n${host()}${extra}${extra.includes('\r\n\r\n') ? '' : '\r\n'}`);
      expect(status(answer), line).toBe(400);
      checkAnswer(answer, line);
    }
    expect(server.output()).not.toMatch(/URIError|Invalid URL|内部错误/);
    await alive();
  });
});

// ---- generators ---------------------------------------------------------------------------------------
const PATHS = [
  '/',
  '/kiosk',
  '/display/3',
  '/console/3',
  '/rate/3',
  '/c/abc',
  '/api/health',
  '/api/tickets',
  '/api/tickets/x/reprint',
  '/api/windows/3/call-next',
  '/api/windows/3/rating',
  '/api/login',
  '/api/cases/abc',
  '/api/admin/report?kind=month&key=2026-11',
  '/api/matters?q=低保',
  '/ws?role=display',
  '/ws?role=kiosk',
  '/ws?role=console',
  '/ws?role=rate',
  '/assets/x.js',
];
const NASTY = [
  '%',
  '%E0%A4%A',
  '%ZZ',
  '%00',
  '%2F',
  '%C0%AF',
  '//',
  '/../',
  '[',
  ']',
  '?',
  '#',
  '\\',
  '%u0041',
  '%%',
  '@',
  ':',
  '\u00e9',
  '\u4e2d',
  '\x7f',
  ' ',
  '\t',
  '*',
  'http://evil.example/',
  '%F0%9F%98',
  '..%2F..%2F',
  '?role=%',
  '&&&',
  '=',
  ';',
];
const METHODS = [
  'GET',
  'POST',
  'PUT',
  'DELETE',
  'HEAD',
  'OPTIONS',
  'PATCH',
  'CONNECT',
  'TRACE',
  'get',
  'G\u00c9T',
  'XYZ',
  '',
];
const HEADER_NAMES = [
  'Host',
  'Cookie',
  'Origin',
  'Content-Type',
  'Content-Length',
  'Transfer-Encoding',
  'Authorization',
  'Upgrade',
  'Connection',
  'Sec-WebSocket-Key',
  'Sec-WebSocket-Version',
  'X-Rate-Device',
  'Expect',
  'X-Forwarded-For',
  'If-None-Match',
];

/** A path from the list with random nasty pieces inserted (or replaced). */
const target = fc.oneof(
  {
    weight: 3,
    arbitrary: fc
      .tuple(fc.constantFrom(...PATHS), fc.array(fc.tuple(fc.nat(), fc.constantFrom(...NASTY)), { maxLength: 4 }))
      .map(([p, ins]) =>
        ins.reduce((s, [at, piece]) => s.slice(0, at % (s.length + 1)) + piece + s.slice(at % (s.length + 1)), p),
      ),
  },
  { weight: 1, arbitrary: fc.string({ maxLength: 60 }) },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 40 }).map((b) => '/' + Buffer.from(b).toString('latin1')) },
);

const headerValue = fc.oneof(
  fc.constantFrom(
    'kiosk_session=%E0%A4%A',
    'kiosk_session=' + 'a'.repeat(300),
    'a=b; kiosk_session=%',
    'rate_device=%ZZ',
    'evil.example',
    '127.0.0.1:8080',
    '[::1]',
    '[zz]:1',
    'http://evil.example',
    'null',
    '-1',
    '99999999999999999999',
    'chunked',
    'chunked, identity',
    'websocket',
    'Upgrade',
    '100-continue',
    'Bearer %E0',
    'application/json',
    '',
  ),
  fc.string({ maxLength: 80 }),
  fc.uint8Array({ maxLength: 60 }).map((b) => Buffer.from(b).toString('latin1')),
);
const headers = fc.array(
  fc.tuple(fc.oneof(fc.constantFrom(...HEADER_NAMES), fc.string({ maxLength: 20 })), headerValue),
  { maxLength: 8 },
);
const bodyText = fc.oneof(fc.constant(''), fc.json({ maxDepth: 2 }), fc.string({ maxLength: 100 }));

/** One request as bytes: a mutated request line, a header block, maybe the upgrade headers, maybe a body. */
const request = fc
  .record({
    method: fc.oneof(fc.constantFrom(...METHODS), fc.string({ maxLength: 8 })),
    target,
    version: fc.constantFrom('HTTP/1.1', 'HTTP/1.1', 'HTTP/1.0', 'HTTP/2.0', 'HTTP/1.1 x', ''),
    withHost: fc.boolean(),
    upgrade: fc.boolean(),
    headers,
    body: bodyText,
    mangle: fc.option(fc.tuple(fc.nat(), fc.uint8Array({ minLength: 1, maxLength: 4 })), { freq: 4 }),
  })
  .map((r) => {
    const lines = [`${r.method} ${r.target} ${r.version}`];
    if (r.withHost) lines.push(`Host: 127.0.0.1:${server.port}`);
    for (const [name, value] of r.headers) lines.push(`${name}: ${value}`);
    const text =
      lines.join('\r\n') +
      '\r\n' +
      (r.upgrade ? UPGRADE : '') +
      `Content-Length: ${Buffer.byteLength(r.body)}\r\n\r\n` +
      r.body;
    let bytes = Buffer.from(text, 'utf8');
    if (r.mangle) {
      const [at, junk] = r.mangle;
      const i = at % (bytes.length + 1);
      bytes = Buffer.concat([bytes.subarray(0, i), Buffer.from(junk), bytes.subarray(i)]);
    }
    return bytes;
  });

const BATCH = 25;

describe('random and mutated requests', () => {
  it(
    'no request line, header block, cookie or upgrade ends the process or answers 500',
    async () => {
      const cases = fuzzRuns(1000);
      let sent = 0;
      await fc.assert(
        fc.asyncProperty(fc.array(request, { minLength: BATCH, maxLength: BATCH }), async (batch) => {
          const answers = await Promise.all(batch.map((bytes) => raw(bytes)));
          answers.forEach((a, i) =>
            checkAnswer(
              a,
              JSON.stringify(batch[i]!.toString('latin1').slice(0, 200)),
              batch[i]!.subarray(0, 5).toString('latin1') === 'HEAD ',
            ),
          );
          sent += batch.length;
          await alive();
        }),
        { numRuns: Math.ceil(cases / BATCH) },
      );
      console.log(
        `raw-socket fuzz: ${sent} requests in ${Math.ceil(cases / BATCH)} batches, the server answered /api/health after each`,
      );
      expect(server.output()).not.toMatch(/URIError|Invalid URL|内部错误|Uncaught/);
    },
    timeout(180_000),
  );
});
