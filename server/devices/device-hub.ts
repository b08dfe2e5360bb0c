// The kiosk's three devices seen by the server: their health as data, card swipes and scans as events,
// and printing of ticket slips, notice slips and receipts. Which driver sits behind each device (the real
// serial one or the simulator speaking the same bytes) is decided in create-devices.ts.
import { networkInterfaces } from 'node:os';
import { TypedEmitter, type CodeScanner, type IdCard, type IdCardReader, type Printer } from '../../drivers/device.ts';
import type { Config } from '../config/load.ts';
import type { PrintResult, AppContext } from '../app-context.ts';
import type { Router } from '../http/kit.ts';
import type { CategoryView, DeviceKind, DeviceStatus, Ticket } from '../wire.ts';
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
  ticketSlip(input: { ticket: Ticket; category: CategoryView; center: Config['center']; statusUrl: string; reprint: boolean; columns: number }): Uint8Array;
}

type HubEvents = { status: [DeviceStatus]; card: [IdCard]; scan: [string] };

export class DeviceHub extends TypedEmitter<HubEvents> {
  #port = 0;
  /** One job at a time: slips must not interleave on paper. */
  #queue: Promise<unknown> = Promise.resolve();

  constructor(
    readonly set: DeviceSet,
    private readonly config: Config,
    private readonly layouts: SlipLayouts,
    private readonly extraRoutes: (router: Router, ctx: AppContext, hub: DeviceHub) => void = () => {},
  ) {
    super();
  }

  async start(): Promise<void> {
    this.set.printer.on('status', (s) => this.emit('status', s));
    this.set.idcard.on('status', (s) => this.emit('status', s));
    this.set.scanner.on('status', (s) => this.emit('status', s));
    this.set.idcard.on('card', (c) => this.emit('card', c));
    this.set.scanner.on('scan', (code) => this.emit('scan', code));
    await Promise.all([this.set.printer.start(), this.set.idcard.start(), this.set.scanner.start()]);
  }

  async stop(): Promise<void> {
    await Promise.all([this.set.printer.stop(), this.set.idcard.stop(), this.set.scanner.stop()]);
    this.removeAllListeners();
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

  /** Print one job; never throws. The resident's ticket stays valid whatever the printer does. */
  print(job: Uint8Array): Promise<PrintResult> {
    const run = async (): Promise<PrintResult> => {
      try {
        await this.set.printer.print(job);
        return { ok: true, message: '已打印' };
      } catch (err) {
        return { ok: false, message: printerErrorMessage(err, this.set.printer.status()) };
      }
    };
    const next = this.#queue.then(run, run);
    this.#queue = next;
    return next;
  }

  printTicket(ticket: Ticket, reprint: boolean, categories: CategoryView[]): Promise<PrintResult> {
    const category = categories.find((c) => c.id === ticket.categoryId);
    if (!category) return Promise.resolve({ ok: false, message: '业务类别不存在' });
    const job = this.layouts.ticketSlip({
      ticket,
      category,
      center: this.config.center,
      statusUrl: `${this.publicUrl()}/t/${ticket.id}`,
      reprint,
      columns: this.set.printer.columns,
    });
    return this.print(job);
  }

  routes(router: Router, ctx: AppContext): void {
    this.extraRoutes(router, ctx, this);
  }
}
