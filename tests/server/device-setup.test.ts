// The whole server with its printer on the network (KIOSK_PRINTER_PORT=tcp://…, a local TCP server playing
// the printer): a ticket taken while the printer is away is still a valid ticket, and the kiosk hears why
// it was not printed; then the device set-up routes: the port chosen, validated, written to center.json
// atomically, audited, and effective without a restart; test print, masked test read, test scan.
import { copyTestConfig } from '../helpers/config.ts';
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { testConfig } from '../helpers/config.ts';
import { getJson, postJson, startTestServer, type TestServer } from '../helpers/server.ts';
import { NetPrinter } from '../helpers/net-printer.ts';
import { until, waitForState } from '../helpers/device-wait.ts';
import { discoverPorts } from '../../server/devices/setup-routes.ts';
import type { DeviceSetupView } from '../../server/contract/devices.ts';
import type { ServerMessage } from '../../server/contract/ws.ts';
import { ZHANG_SAN } from '../drivers/idcard-fixtures.ts';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function put<T>(url: string, body: unknown, token: string): Promise<{ status: number; body: T }> {
  const res = await fetch(url, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as T };
}

async function serverWithConfigCopy(ports?: {
  printerPort?: string;
}): Promise<{ server: TestServer; configDir: string; admin: string }> {
  const configDir = mkdtempSync(join(tmpdir(), 'device-setup-config-'));
  copyTestConfig(new URL('../../config', import.meta.url).pathname, configDir);
  const server = await startTestServer({ config: { ...testConfig(), dir: configDir }, ports });
  cleanups.push(() => server.stop());
  const admin = (await postJson<{ token: string }>(`${server.url}/api/login`, { staffId: 'admin', pin: 'admin2026' }))
    .body.token;
  return { server, configDir, admin };
}

function kioskSocket(url: string): { messages: ServerMessage[]; close(): void } {
  const ws = new WebSocket(`${url.replace('http', 'ws')}/ws?role=kiosk`, { headers: { Origin: url } });
  const messages: ServerMessage[] = [];
  ws.on('message', (d) => messages.push(JSON.parse(String(d)) as ServerMessage));
  return { messages, close: () => ws.close() };
}

describe('network printer in the running server', () => {
  it('printer away → unplugged within 2 s; a ticket taken meanwhile is valid and its print failure is told; back within 3 s → prints', async () => {
    const net = new NetPrinter();
    await net.up();
    cleanups.push(() => net.down());
    const { server } = await serverWithConfigCopy({ printerPort: net.url });
    const printer = server.app.devices.set.printer;
    await waitForState(printer, 'ready', 3000);
    const kiosk = kioskSocket(server.url);
    cleanups.push(async () => kiosk.close());

    await net.down();
    expect(await waitForState(printer, 'unplugged', 2000)).toBeLessThan(2000);
    const taken = await postJson<{ ticket: { id: string; number: string; status: string } }>(
      `${server.url}/api/tickets`,
      { categoryId: 'civil' },
    );
    expect(taken.status).toBe(201);
    const { ticket } = taken.body;
    await until(
      () => kiosk.messages.some((m) => m.type === 'print.result' && m.ticketId === ticket.id),
      3000,
      '告知打印结果',
    );
    const result = kiosk.messages.find((m) => m.type === 'print.result' && m.ticketId === ticket.id) as Extract<
      ServerMessage,
      { type: 'print.result' }
    >;
    expect(result.ok).toBe(false);
    expect(result.message).toMatch(/打印机/);
    const again = await getJson<{ ticket: { number: string; status: string } }>(
      `${server.url}/api/tickets/${ticket.id}`,
    );
    expect(again.status).toBe(200);
    expect(again.body.ticket).toMatchObject({ number: ticket.number, status: 'waiting' });

    await net.up();
    expect(await waitForState(printer, 'ready', 3000)).toBeLessThan(3000);
    const next = await postJson<{ ticket: { id: string } }>(`${server.url}/api/tickets`, { categoryId: 'civil' });
    await until(
      () => kiosk.messages.some((m) => m.type === 'print.result' && m.ticketId === next.body.ticket.id && m.ok),
      3000,
      '恢复后打印成功',
    );
    expect(net.receivedBytes().length).toBeGreaterThan(100);
  });
});

describe('device set-up routes', () => {
  it('switch the printer to tcp:// and back without a restart: validated, atomic, audited; test print reaches it', async () => {
    const net = new NetPrinter();
    await net.up();
    cleanups.push(() => net.down());
    const { server, configDir, admin } = await serverWithConfigCopy();
    const view = await getJson<DeviceSetupView>(`${server.url}/api/admin/devices`, admin);
    expect(view.status).toBe(200);
    expect(view.body.devices.map((d) => [d.kind, d.origin, d.transport])).toEqual([
      ['printer', 'simulator', 'simulator'],
      ['idcard', 'simulator', 'simulator'],
      ['scanner', 'simulator', 'simulator'],
    ]);
    // Only an administrator; a window clerk is refused.
    const clerk = (
      await postJson<{ token: string }>(`${server.url}/api/login`, { staffId: 'w3a', pin: '246810', windowNo: 3 })
    ).body.token;
    expect((await getJson(`${server.url}/api/admin/devices`, clerk)).status).toBe(403);

    const bad = await put<{ error: { code: string; message: string } }>(
      `${server.url}/api/admin/devices/printer`,
      { port: 'usb:0400:c35a' },
      admin,
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/打印机不能接在“usb:0400:c35a”/);
    const bad2 = await put<{ error: { message: string } }>(
      `${server.url}/api/admin/devices/printer`,
      { port: 'tcp://printer' },
      admin,
    );
    expect(bad2.status).toBe(400);
    expect(bad2.body.error.message).toMatch(/tcp:\/\/主机:端口/);
    expect(JSON.parse(readFileSync(join(configDir, 'center.json'), 'utf8')).devices.printer.port).toBeUndefined();

    const ok = await put<DeviceSetupView>(
      `${server.url}/api/admin/devices/printer`,
      { port: net.url, flowControl: 'rtscts' },
      admin,
    );
    expect(ok.status).toBe(200);
    expect(ok.body.devices[0]).toMatchObject({ kind: 'printer', port: net.url, origin: 'config', transport: 'tcp' });
    expect(ok.body.printerFlowControl).toBe('rtscts');
    const saved = JSON.parse(readFileSync(join(configDir, 'center.json'), 'utf8'));
    expect(saved.devices.printer).toMatchObject({ port: net.url, flowControl: 'rtscts' });
    await waitForState(server.app.devices.set.printer, 'ready', 3000);
    const audit = server.app.ctx.db
      .prepare("SELECT actor, data FROM events WHERE type = 'admin.device.updated'")
      .all() as { actor: string; data: string }[];
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.data)).toMatchObject({
      device: 'printer',
      before: { port: null, flowControl: 'none' },
      after: { port: net.url, flowControl: 'rtscts' },
    });

    const test = await postJson<{ printed: boolean }>(`${server.url}/api/admin/devices/printer/test`, {}, admin);
    expect(test.status).toBe(200);
    // The slip's bytes reached the network printer (the call resolves once the job is written and checked).
    await until(() => net.receivedBytes().length > 200, 2000, '测试页到达打印机');

    // The network printer goes away: the set-up page shows the state and the last problem.
    await net.down();
    await waitForState(server.app.devices.set.printer, 'unplugged', 2000);
    const away = await getJson<DeviceSetupView>(`${server.url}/api/admin/devices`, admin);
    expect(away.body.devices[0]!.status.state).toBe('unplugged');
    expect(away.body.devices[0]!.lastProblem?.message).toMatch(/打印机未连接/);
    const failed = await postJson<{ error: { code: string; message: string } }>(
      `${server.url}/api/admin/devices/printer/test`,
      {},
      admin,
    );
    expect(failed.status).toBe(503);
    expect(failed.body.error.message).toMatch(/打印机/);

    // Back to the simulator: the port choice is removed from center.json.
    const back = await put<DeviceSetupView>(`${server.url}/api/admin/devices/printer`, { port: '' }, admin);
    expect(back.body.devices[0]).toMatchObject({ port: null, origin: 'simulator' });
    expect(JSON.parse(readFileSync(join(configDir, 'center.json'), 'utf8')).devices.printer.port).toBeUndefined();
    await waitForState(server.app.devices.set.printer, 'ready', 3000);
    expect(server.sim.printedCount()).toBe(0);
    await postJson(`${server.url}/api/admin/devices/printer/test`, {}, admin);
    expect(server.sim.printedCount()).toBe(1);
  });

  it('test card read answers masked and does not reach the kiosk; test scan likewise', async () => {
    const { server, admin } = await serverWithConfigCopy();
    await waitForState(server.app.devices.set.idcard, 'ready', 3000);
    const kiosk = kioskSocket(server.url);
    cleanups.push(async () => kiosk.close());
    const reading = postJson<{ card: { cardType: string; nameMasked: string; idMasked: string } }>(
      `${server.url}/api/admin/devices/idcard/test`,
      {},
      admin,
    );
    await new Promise((r) => setTimeout(r, 100));
    server.sim.insertCard(ZHANG_SAN);
    const read = await reading;
    expect(read.status).toBe(200);
    expect(read.body.card).toEqual({ cardType: '居民身份证', nameMasked: '张*', idMasked: '6527**********1233' });
    expect(JSON.stringify(read.body)).not.toContain('652701199003071233');
    const scanning = postJson<{ code: string }>(`${server.url}/api/admin/devices/scanner/test`, {}, admin);
    await new Promise((r) => setTimeout(r, 100));
    server.sim.scan('TEST-1234');
    expect((await scanning).body.code).toBe('TEST-1234');
    await new Promise((r) => setTimeout(r, 300));
    expect(kiosk.messages.some((m) => m.type === 'idcard.read' || m.type === 'scan')).toBe(false);
    // Afterwards the kiosk gets them again.
    server.sim.scan('AFTER-1');
    await until(() => kiosk.messages.some((m) => m.type === 'scan' && m.code === 'AFTER-1'), 2000, '扫码回到自助机');
  });
});

describe('port discovery', () => {
  it('lists serial ports by id, usblp printers and USB devices by VID:PID (recognised ones named)', async () => {
    const dev = mkdtempSync(join(tmpdir(), 'fake-dev-'));
    mkdirSync(join(dev, 'serial', 'by-id'), { recursive: true });
    mkdirSync(join(dev, 'usb'));
    writeFileSync(join(dev, 'ttyUSB0'), '');
    writeFileSync(join(dev, 'ttyUSB1'), '');
    symlinkSync(join(dev, 'ttyUSB0'), join(dev, 'serial', 'by-id', 'usb-1a86_USB_Serial-if00-port0'));
    writeFileSync(join(dev, 'usb', 'lp0'), '');
    const usb = {
      findDeviceByIds: async () => undefined,
      addEventListener: () => {},
      removeEventListener: () => {},
      getDevices: async () => [
        { vendorId: 0x0400, productId: 0xc35a, productName: null },
        { vendorId: 0x1234, productId: 0x5678, productName: 'Some Gadget' },
      ],
    };
    const found = await discoverPorts({ devDir: dev, usb });
    expect(found.options.map((o) => [o.port.replace(dev, '/dev'), o.transport, o.suits.join(',')])).toEqual([
      ['/dev/serial/by-id/usb-1a86_USB_Serial-if00-port0', 'serial', 'printer,idcard,scanner'],
      ['/dev/ttyUSB1', 'serial', 'printer,idcard,scanner'],
      ['/dev/usb/lp0', 'file', 'printer'],
      ['usb:0400:c35a', 'usb', 'idcard'],
      ['usb:1234:5678', 'usb', ''],
    ]);
    expect(found.options[3]!.label).toContain('部标');
    expect(found.options[4]!.label).toContain('Some Gadget');
    expect(found.notes).toEqual([]);
  });
});
