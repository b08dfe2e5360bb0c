// /api/sim/*: drive the simulated devices (insert an ID card, scan, paper out, unplug) from the developer
// page and the tests. Only on the kiosk machine, and only for devices that run on their simulator.
import { bool, DATE, literal, obj, optional, str } from '../contract/schema.ts';
import { DomainError } from '../common/errors.ts';
import { DEVICE_KINDS } from '../contract/devices.ts';
import { renderReceiptSvg } from '../../drivers/printer/receipt-image.ts';
import { dotsForColumns } from '../../drivers/printer/commands.ts';
import type { AppContext } from '../app-context.ts';
import type { DeviceHub, SimulationControls } from './device-hub.ts';
import { readBody, sendJson, type Request, type Router } from '../http/kit.ts';

const CardBody = obj({
  remove: optional(bool()),
  name: optional(str({ min: 1, max: 15 })),
  idNumber: optional(str({ pattern: /^\d{17}[\dX]$/, hint: '18 位身份证号码' })),
  birthDate: optional(DATE),
  sex: optional(literal(['男', '女'] as const)),
  address: optional(str({ max: 35 })),
});
const ScanBody = obj({ code: str({ min: 1, max: 512 }) });
const PrinterBody = obj({
  paper: optional(literal(['ok', 'near-end', 'out'] as const)),
  cover: optional(literal(['open', 'closed'] as const)),
});
const DeviceBody = obj({ device: literal(DEVICE_KINDS) });

export function simulationRoutes(router: Router, ctx: AppContext, hub: DeviceHub): void {
  const sim = (req: Request): SimulationControls => {
    ctx.access.requireKiosk(req);
    if (!hub.set.simulation) throw new DomainError('no-simulator', '所有设备都接的是真实串口设备，没有模拟设备');
    return hub.set.simulation;
  };
  const attempt = (fn: () => void) => {
    try {
      fn();
    } catch (err) {
      throw new DomainError('not-simulated', (err as Error).message);
    }
  };

  router.add('POST', '/api/sim/idcard', async (req, res) => {
    const s = sim(req);
    const body = await readBody(req, CardBody);
    if (body.remove) {
      attempt(() => s.removeCard());
      return sendJson(res, 200, { ok: true });
    }
    if (!body.name || !body.idNumber || !body.birthDate)
      throw new DomainError('invalid-body', '放入身份证需要姓名、身份证号码和出生日期（测试数据）');
    const card = {
      name: body.name,
      sex: body.sex ?? '男',
      nation: '汉',
      birthDate: body.birthDate,
      address: body.address ?? '（测试数据）',
      idNumber: body.idNumber,
      authority: '（测试数据）',
      validFrom: '2020-01-01',
      validTo: '长期',
    } as const;
    attempt(() => s.insertCard(card));
    sendJson(res, 200, { ok: true });
  });

  router.add('POST', '/api/sim/scan', async (req, res) => {
    const s = sim(req);
    const { code } = await readBody(req, ScanBody);
    attempt(() => s.scan(code));
    sendJson(res, 200, { ok: true });
  });

  router.add('POST', '/api/sim/printer', async (req, res) => {
    const s = sim(req);
    const body = await readBody(req, PrinterBody);
    attempt(() => {
      if (body.paper) s.setPaper(body.paper);
      if (body.cover) s.setCover(body.cover === 'open');
    });
    sendJson(res, 200, { ok: true });
  });

  router.add('POST', '/api/sim/unplug', async (req, res) => {
    const s = sim(req);
    const { device } = await readBody(req, DeviceBody);
    attempt(() => s.unplug(device));
    sendJson(res, 200, { ok: true });
  });

  router.add('POST', '/api/sim/plug', async (req, res) => {
    const s = sim(req);
    const { device } = await readBody(req, DeviceBody);
    attempt(() => s.plug(device));
    sendJson(res, 200, { ok: true });
  });

  /** The last printed jobs: bytes (base64) and the receipt rendered back from them. */
  router.add('GET', '/api/sim/printer/jobs', (req, res) => {
    const s = sim(req);
    let jobs: Uint8Array[] = [];
    let total = 0;
    attempt(() => {
      jobs = s.printedJobs();
      total = s.printedCount();
    });
    const limit = Math.min(Number(req.query.get('limit') ?? 10) || 10, 50);
    const widthDots = dotsForColumns(hub.set.printer.columns);
    sendJson(res, 200, {
      total,
      jobs: jobs.slice(-limit).map((bytes, i) => ({
        index: total - Math.min(limit, jobs.length) + i,
        bytes: Buffer.from(bytes).toString('base64'),
        size: bytes.length,
        svg: renderReceiptSvg(bytes, { widthDots }),
      })),
    });
  });
}
