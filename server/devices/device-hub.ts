// The kiosk's three devices seen by the server: their health as data, card swipes and scans as events,
// and printing of ticket slips, notice slips and receipts. Which driver sits behind each device (the real
// serial one or the simulator speaking the same bytes) is decided in create-devices.ts.
import { networkInterfaces } from 'node:os';
import { TypedEmitter, type CodeScanner, type IdCard, type IdCardReader, type Printer } from '../../drivers/device.ts';
import type { Config } from '../config/load.ts';
import type { PrintResult, AppContext } from '../app-context.ts';
import type { Router } from '../http/kit.ts';
import type { CategoryView, Ticket } from '../contract/queue.ts';
import type { DeviceKind, DeviceStatus } from '../contract/devices.ts';
import { printerErrorMessage } from './print-errors.ts';

/** What the developer page and the tests can do to simulated devices. */
export interface SimulationControls {
  insertCard(card: IdCard): void;
  removeCard(): void;
  scan(code: string): void;
  setPaper(state: 'ok' | 'near-end' | 'out'): void;
  setCover(open: boolean): void;
  unplug(kind: DeviceKind): void;
  plug(kind: DeviceKind): void;
  /** The last completed print jobs, oldest first (the bytes the printer received). */
  printedJobs(): Uint8Array[];
  /** All jobs printed since start, also those no longer kept. */
  printedCount(): number;
}

export interface DeviceSet {
  printer: Printer;
  idcard: IdCardReader;
  scanner: CodeScanner;
  simulation: SimulationControls | null;
}

export interface SlipLayouts {
  ticketSlip(input: {
    ticket: Ticket;
    category: CategoryView;
    center: Config['center'];
    statusUrl: string;
    reprint: boolean;
    columns: number;
  }): Uint8Array;
}

type HubEvents = { status: [DeviceStatus]; card: [IdCard]; scan: [string] };

/** Where a device's port came from, shown on the device set-up page. */
export interface DeviceSource {
  kind: DeviceKind;
  /** The KIOSK_*_PORT form; null when the device runs on its simulator. */
  port: string | null;
  origin: 'config' | 'env' | 'simulator';
  transport: 'serial' | 'tcp' | 'file' | 'usb' | 'sdtapi' | 'simulator';
}

/** What the set-up page needs to switch a device to another port while the server runs. */
export interface DeviceSwitching {
  sources: Record<DeviceKind, DeviceSource>;
  /** Where `kind`'s port comes from now (after a config change): the page's choice, KIOSK_*_PORT, or none. */
  chosen(kind: DeviceKind): DeviceSource;
  /** A fresh, not yet started driver for `kind` on `port` (null → the simulator). */
  rebuild(kind: DeviceKind, port: string | null): Printer | IdCardReader | CodeScanner;
}

/** The last trouble a device reported (for the set-up page): kept after it recovers. */
export interface DeviceProblem {
  message: string;
  at: string;
}

export class DeviceHub extends TypedEmitter<HubEvents> {
  #port = 0;
  /** One job at a time: slips must not interleave on paper. */
  #queue: Promise<unknown> = Promise.resolve();

  constructor(
    readonly set: DeviceSet,
    private readonly config: Config,
    private readonly layouts: SlipLayouts,
    private readonly extraRoutes: (router: Router, ctx: AppContext, hub: DeviceHub) => void = () => {},
    private readonly switching: DeviceSwitching | null = null,
  ) {
    super();
  }

  readonly #problems = new Map<DeviceKind, DeviceProblem>();
  /** Listeners this hub put on each device, removed when the device is replaced. */
  readonly #unhook = new Map<DeviceKind, () => void>();
  #started = false;

  #hook(kind: DeviceKind): void {
    const device = this.set[kind] as Printer;
    const onStatus = (s: DeviceStatus) => {
      if (s.state !== 'ready' && s.state !== 'reconnecting')
        this.#problems.set(kind, { message: s.message, at: s.since });
      this.emit('status', s);
    };
    const onCard = (c: IdCard) => {
      const capture = this.#captures.idcard;
      if (!capture) return this.emit('card', c);
      this.#captures.idcard = null;
      capture(c);
    };
    const onScan = (code: string) => {
      const capture = this.#captures.scanner;
      if (!capture) return this.emit('scan', code);
      this.#captures.scanner = null;
      capture(code);
    };
    device.on('status', onStatus);
    if (kind === 'idcard') this.set.idcard.on('card', onCard);
    if (kind === 'scanner') this.set.scanner.on('scan', onScan);
    this.#unhook.set(kind, () => {
      device.off('status', onStatus);
      if (kind === 'idcard') (device as IdCardReader).off('card', onCard);
      if (kind === 'scanner') (device as CodeScanner).off('scan', onScan);
    });
  }

  async start(): Promise<void> {
    for (const kind of ['printer', 'idcard', 'scanner'] as const) this.#hook(kind);
    this.#started = true;
    await Promise.all([this.set.printer.start(), this.set.idcard.start(), this.set.scanner.start()]);
  }

  async stop(): Promise<void> {
    this.#started = false;
    await Promise.all([this.set.printer.stop(), this.set.idcard.stop(), this.set.scanner.stop()]);
    for (const unhook of this.#unhook.values()) unhook();
    this.#unhook.clear();
    this.removeAllListeners();
  }

  /** A test read or scan waiting on the set-up page: the next card or code goes there, not to the kiosk. */
  readonly #captures: { idcard: ((c: IdCard) => void) | null; scanner: ((code: string) => void) | null } = {
    idcard: null,
    scanner: null,
  };

  /** The next card (or scanned code) within timeoutMs, kept from the kiosk; null when none came. */
  captureNext(kind: 'idcard', timeoutMs: number): Promise<IdCard | null>;
  captureNext(kind: 'scanner', timeoutMs: number): Promise<string | null>;
  captureNext(kind: 'idcard' | 'scanner', timeoutMs: number): Promise<IdCard | string | null> {
    if (this.#captures[kind]) return Promise.reject(new Error('已有一次测试正在等待，请稍候'));
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.#captures[kind] = null;
        resolve(null);
      }, timeoutMs);
      const done = (v: IdCard | string) => {
        clearTimeout(timer);
        resolve(v);
      };
      if (kind === 'idcard') this.#captures.idcard = done;
      else this.#captures.scanner = done;
    });
  }

  /** Where each device's port comes from (the set-up page). */
  sources(): DeviceSource[] {
    const s = this.switching?.sources;
    const fallback = (kind: DeviceKind): DeviceSource => ({
      kind,
      port: null,
      origin: 'simulator',
      transport: 'simulator',
    });
    return (['printer', 'idcard', 'scanner'] as const).map((k) => s?.[k] ?? fallback(k));
  }

  problem(kind: DeviceKind): DeviceProblem | null {
    return this.#problems.get(kind) ?? null;
  }

  /**
   * Put `kind` on the port the config now names (after an edit on the set-up page) while the server runs:
   * the old driver is stopped (its port closed) before the new one opens, so a device is never opened
   * twice. Print jobs wait for the switch.
   */
  async reapply(kind: DeviceKind): Promise<DeviceSource> {
    if (!this.switching) throw new Error('此服务器不支持在运行中切换设备端口');
    const switching = this.switching;
    const run = async (): Promise<DeviceSource> => {
      const source = switching.chosen(kind);
      const old = this.set[kind];
      // Built first (a constructor opens nothing): if the new port cannot be used, the old driver stays.
      const next = switching.rebuild(kind, source.port);
      this.#unhook.get(kind)?.();
      this.#unhook.delete(kind);
      await old.stop();
      (this.set as unknown as Record<DeviceKind, unknown>)[kind] = next;
      this.#problems.delete(kind);
      switching.sources[kind] = source;
      if (this.#started) {
        this.#hook(kind);
        await next.start();
        this.emit('status', next.status());
      }
      return source;
    };
    // Through the print queue: no job is half-sent when the printer's driver is swapped.
    const next = this.#queue.then(run, run);
    this.#queue = next.catch(() => undefined);
    return next;
  }

  statuses(): DeviceStatus[] {
    return [this.set.printer.status(), this.set.idcard.status(), this.set.scanner.status()];
  }

  setPort(port: number): void {
    this.#port = port;
  }

  /** The address phones use to reach this server (QR codes on slips). */
  publicUrl(): string {
    if (this.config.center.publicUrl) return this.config.center.publicUrl.replace(/\/$/, '');
    // Asking the OS for the interfaces costs more than a request; the LAN address rarely changes.
    const now = Date.now();
    if (this.#lan && now - this.#lan.at < 60_000) return this.#lan.url;
    let url = `http://127.0.0.1:${this.#port}`;
    outer: for (const list of Object.values(networkInterfaces())) {
      for (const a of list ?? []) {
        if (a.family === 'IPv4' && !a.internal) {
          url = `http://${a.address}:${this.#port}`;
          break outer;
        }
      }
    }
    this.#lan = { url, at: now };
    return url;
  }
  #lan: { url: string; at: number } | null = null;

  /**
   * Print one job; never throws. The resident's ticket stays valid whatever the printer does. A job may be
   * given as the function that builds it: it is built when its turn comes, so a line of slips waiting for a
   * slow printer holds a few bytes each, not each slip's rendering (issue 26: RSS on a busy day).
   */
  print(job: Uint8Array | (() => Uint8Array | PrintResult)): Promise<PrintResult> {
    const run = async (): Promise<PrintResult> => {
      try {
        const bytes = typeof job === 'function' ? job() : job;
        if (!(bytes instanceof Uint8Array)) return bytes;
        await this.set.printer.print(bytes);
        return { ok: true, message: '已打印' };
      } catch (err) {
        return { ok: false, message: printerErrorMessage(err, this.set.printer.status()) };
      }
    };
    const next = this.#queue.then(run, run);
    this.#queue = next;
    return next;
  }

  /**
   * A ticket slip, built at its turn from the ticket and its category as they are then (`slipOf`: null when
   * the ticket or its category is gone).
   */
  printTicket(reprint: boolean, slipOf: () => { ticket: Ticket; category: CategoryView } | null): Promise<PrintResult> {
    return this.print(() => {
      const found = slipOf();
      if (!found) return { ok: false, message: '号码不存在' };
      return this.layouts.ticketSlip({
        ticket: found.ticket,
        category: found.category,
        center: this.config.center,
        statusUrl: `${this.publicUrl()}/t/${found.ticket.id}`,
        reprint,
        columns: this.set.printer.columns,
      });
    });
  }

  routes(router: Router, ctx: AppContext): void {
    this.extraRoutes(router, ctx, this);
  }
}
