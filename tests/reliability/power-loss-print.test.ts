// Power loss while a ticket slip is being printed: the real server (dist-server/main.mjs) drives a real
// tty (a socat pty pair) and this test plays the printer on the far end. The printer first stays silent,
// so the slips are still in flight (the driver waits for its DLE EOT answer before sending the job) when
// kill -9 lands. After the restart the printer answers: the tickets are intact, nothing reprints by
// itself, a console (non-kiosk address, staff login) reprints one marked 【补打】, numbering continues.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EscPosParser } from '../../drivers/printer/escpos-parser.ts';
import { encodeStatus } from '../../drivers/printer/status-codec.ts';
import type { StatusRequest } from '../../drivers/printer/commands.ts';
import { loadTestConfigDir, spawnServer, type ServerProcess } from '../helpers/server-process.ts';
import { requestJson } from '../helpers/server.ts';
import { PtyCable, SOCAT } from '../helpers/pty.ts';

if (!SOCAT) console.warn('跳过断电打印测试：未找到 socat（apt-get install socat）');

/** A console PC on the LAN: 127.0.0.2 is loopback to the OS but not a kiosk address in config. */
const CONSOLE_ADDRESS = '127.0.0.2';

interface Answer<T> {
  status: number;
  body: T;
}

const call = <T>(
  base: string,
  method: 'GET' | 'POST',
  path: string,
  opts: { body?: unknown; token?: string; from?: string } = {},
): Promise<Answer<T>> => requestJson<T>(base, method, path, opts);

interface TicketAnswer {
  ticket: { id: string; number: string; status: string; categoryId: string };
  print?: { state: string; reprints: number } | null;
}

async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${timeoutMs} ms 内未等到：${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe.skipIf(!SOCAT)('power loss while a ticket slip is printing', () => {
  const root = mkdtempSync(join(tmpdir(), 'power-loss-'));
  const dataDir = join(root, 'data');
  const hostEnd = join(root, 'printer-host');
  const printerEnd = join(root, 'printer-far');
  let configDir = '';
  const cable = new PtyCable(hostEnd, printerEnd);
  let server: ServerProcess | null = null;
  // The far-end printer: silent until powered, then answers DLE EOT like a ready printer.
  const printer = { answering: false, jobs: [] as Buffer[], current: [] as Buffer[], statusRequests: 0 };

  beforeAll(async () => {
    configDir = loadTestConfigDir();
    // Always read (so nothing stale waits in the pty for the second server), answer only when powered.
    const parser = new EscPosParser();
    await cable.up((chunk) => {
      for (const cmd of parser.push(chunk)) {
        if (cmd.op === 'status-request') {
          printer.statusRequests++;
          if (printer.answering)
            cable.write(Buffer.of(encodeStatus(cmd.n as StatusRequest, { paper: 'ok', coverOpen: false })));
          continue;
        }
        printer.current.push(Buffer.from(cmd.raw));
        if (cmd.op === 'cut') {
          printer.jobs.push(Buffer.concat(printer.current));
          printer.current = [];
        }
      }
    });
  });

  afterAll(async () => {
    await server?.kill('SIGKILL');
    await cable.down();
    rmSync(root, { recursive: true, force: true });
    if (configDir) rmSync(configDir, { recursive: true, force: true });
  });

  it('keeps the tickets, prints nothing by itself after the restart, and reprints 【补打】 from the console', async () => {
    const env = { KIOSK_CONFIG: configDir, KIOSK_PRINTER_PORT: hostEnd };
    server = await spawnServer({ dataDir, env });
    const first = server;
    // The driver polls the silent printer: it is on the line, just not answering.
    await until('打印机状态查询到达 pty', () => printer.statusRequests > 0);

    // Three slips queue on the one printer: each waits for a status answer that never comes.
    const issued: TicketAnswer['ticket'][] = [];
    for (let i = 0; i < 3; i++) {
      const r = await call<TicketAnswer>(first.url, 'POST', '/api/tickets', {
        body: { categoryId: 'labor', idempotencyKey: `power-loss-${i}-000000` },
      });
      expect(r.status).toBe(201);
      issued.push(r.body.ticket);
    }
    expect(issued.map((t) => t.number)).toEqual(['C001', 'C002', 'C003']);
    for (const t of issued) {
      const r = await call<TicketAnswer>(first.url, 'GET', `/api/tickets/${t.id}`);
      expect(r.body.print).toEqual({ state: 'pending', reprints: 0 });
    }
    // Power off: no chance to finish, fail or log the prints.
    await first.kill('SIGKILL');
    expect(printer.jobs).toEqual([]);

    printer.answering = true;
    server = await spawnServer({ dataDir, env, port: first.port });
    const again = server;
    await until('重启后打印机就绪', async () => {
      const health = await call<{ devices: { kind: string; state: string }[] }>(again.url, 'GET', '/api/health');
      return health.body.devices.find((d) => d.kind === 'printer')?.state === 'ready';
    });

    for (const t of issued) {
      const r = await call<TicketAnswer>(again.url, 'GET', `/api/tickets/${t.id}`);
      expect(r.status).toBe(200);
      expect(r.body.ticket).toMatchObject({ id: t.id, number: t.number, status: 'waiting', categoryId: 'labor' });
      // No slip came out before the power went; the one still queued is exactly as it was.
      expect(r.body.print?.state).not.toBe('printed');
    }
    const inFlight = issued[2]!;
    expect((await call<TicketAnswer>(again.url, 'GET', `/api/tickets/${inFlight.id}`)).body.print).toEqual({
      state: 'pending',
      reprints: 0,
    });

    // The console is not the kiosk: without a login the reprint is refused.
    const anonymous = await call<{ error: { code: string } }>(
      again.url,
      'POST',
      `/api/tickets/${inFlight.id}/reprint`,
      { body: {}, from: CONSOLE_ADDRESS },
    );
    expect(anonymous.status).toBe(401);
    const login = await call<{ token: string }>(again.url, 'POST', '/api/login', {
      body: { staffId: 'w3a', pin: '246810', windowNo: 3 },
      from: CONSOLE_ADDRESS,
    });
    expect(login.status).toBe(200);
    // Nothing printed on its own after the restart.
    expect(printer.jobs).toEqual([]);

    const reprint = await call<{ printed: boolean; ticket: { number: string } }>(
      again.url,
      'POST',
      `/api/tickets/${inFlight.id}/reprint`,
      { body: {}, token: login.body.token, from: CONSOLE_ADDRESS },
    );
    expect(reprint.status).toBe(200);
    expect(reprint.body).toMatchObject({ printed: true, ticket: { number: 'C003' } });
    await until('补打小票到达打印机', () => printer.jobs.length > 0);
    expect(printer.jobs).toHaveLength(1);
    const job = printer.jobs[0]!;
    expect(job.indexOf(iconv.encode('【补打】', 'gb18030'))).toBeGreaterThan(-1);
    expect(job.indexOf(Buffer.from('C003', 'ascii'))).toBeGreaterThan(-1);
    expect(job.indexOf(Buffer.from('C001', 'ascii'))).toBe(-1);
    expect((await call<TicketAnswer>(again.url, 'GET', `/api/tickets/${inFlight.id}`)).body.print).toEqual({
      state: 'printed',
      reprints: 1,
    });

    // Numbering continues after the power loss: next is C004, and C001–C004 each exist exactly once.
    const next = await call<TicketAnswer>(again.url, 'POST', '/api/tickets', { body: { categoryId: 'labor' } });
    expect(next.status).toBe(201);
    expect(next.body.ticket.number).toBe('C004');
    const open = await call<{ tickets: { number: string; categoryId: string }[] }>(
      again.url,
      'GET',
      '/api/tickets?status=open',
      { token: login.body.token, from: CONSOLE_ADDRESS },
    );
    expect(open.status).toBe(200);
    expect(
      open.body.tickets
        .filter((t) => t.categoryId === 'labor')
        .map((t) => t.number)
        .sort(),
    ).toEqual(['C001', 'C002', 'C003', 'C004']);
  }, 20_000);
});
