// A USB device whose bytes travel on one interface's bulk IN / bulk OUT endpoints, through node-usb (v3,
// the WebUSB-shaped API): the 部标 ID readers (usb:0400:c35a) carry raw SDT frames this way, in 64-byte
// packets, so the same SdtFramer reassembles the answers. Find the device by VID:PID, open it, claim the
// first interface with a bulk pair (detaching a kernel driver if one holds it), then read IN transfers in a
// loop. A failed transfer or the device's 'disconnect' event is the cable pulled; the link then looks for
// the device again with back-off (and at once on 'connect').
import { type LinkConnection, ReconnectingLink, type ReconnectOptions } from './byte-link.ts';

// ---- the part of node-usb's API this link uses (the real `usb` object and a test's fake both fit) ----
export interface UsbEndpointLike {
  endpointNumber: number;
  direction: 'in' | 'out';
  type: 'bulk' | 'interrupt' | 'isochronous' | string;
  packetSize: number;
}
export interface UsbInterfaceLike {
  interfaceNumber: number;
  alternate: { interfaceClass: number; endpoints: UsbEndpointLike[] };
}
export interface UsbDeviceLike {
  vendorId: number;
  productId: number;
  readonly opened: boolean;
  readonly configuration: { interfaces: UsbInterfaceLike[] } | null | undefined;
  open(): Promise<void>;
  close(): Promise<void>;
  claimInterface(interfaceNumber: number): Promise<void>;
  releaseInterface(interfaceNumber: number): Promise<void>;
  transferIn(endpointNumber: number, length: number, timeout?: number): Promise<{ data?: DataView; status: string }>;
  transferOut(
    endpointNumber: number,
    data: Uint8Array,
    timeout?: number,
  ): Promise<{ bytesWritten: number; status: string }>;
  clearHalt?(direction: 'in' | 'out', endpointNumber: number): Promise<void>;
  detachKernelDriver?(interfaceNumber: number): Promise<void>;
}
export interface UsbLike {
  findDeviceByIds(vendorId: number, productId: number): Promise<UsbDeviceLike | undefined>;
  getDevices?(): Promise<unknown[]>;
  addEventListener(type: 'connect' | 'disconnect', listener: (ev: { device: UsbDeviceLike }) => void): void;
  removeEventListener(type: 'connect' | 'disconnect', listener: (ev: { device: UsbDeviceLike }) => void): void;
}

export interface UsbBulkLinkOptions extends ReconnectOptions {
  vendorId: number;
  productId: number;
  /** node-usb's `usb` object; a test passes a fake with the same shape. */
  usb: UsbLike;
  /** How long one IN transfer waits before it is asked again (an idle reader sends nothing). */
  readTimeoutMs?: number;
  writeTimeoutMs?: number;
}

export const vidPid = (v: number, p: number): string =>
  `${v.toString(16).padStart(4, '0')}:${p.toString(16).padStart(4, '0')}`;

// node-usb v3 (nusb underneath) rejects a transfer with "transferIn error: <TransferError>": an IN
// transfer that ran out of its timeout is cancelled ("Cancelled") — an idle reader, not a fault; "Stall"
// is cleared with clearHalt; "Disconnected" (and anything else) is the device gone.
const errorText = (err: unknown): string => String((err as Error)?.message ?? err);
const isTimeout = (err: unknown): boolean => /Cancelled|timed?\s*out|ETIMEDOUT/i.test(errorText(err));
const isStall = (err: unknown): boolean => /Stall/i.test(errorText(err));

export class UsbBulkLink extends ReconnectingLink {
  #device: UsbDeviceLike | null = null;
  #onConnect = () => this.retryNow();
  #onDisconnect = (ev: { device: UsbDeviceLike }) => {
    if (
      ev.device === this.#device ||
      (ev.device.vendorId === this.options.vendorId && ev.device.productId === this.options.productId)
    )
      this.#lost?.(new Error('USB 设备已拔出'));
  };
  #lost: ((err: Error) => void) | null = null;
  #listening = false;
  #added = false;

  constructor(readonly options: UsbBulkLinkOptions) {
    super(options);
  }

  get where(): string {
    return `USB 设备 ${vidPid(this.options.vendorId, this.options.productId)}`;
  }

  override start(): void {
    if (!this.#listening) {
      this.#listening = true;
      void this.#listen();
    }
    super.start();
  }

  /**
   * Hot-plug events where the machine has them. node-usb v3 lists the devices when the first listener is
   * added and rethrows a failure of that from a timer, which would end the process on a machine without
   * /sys/bus/usb (a container): so the listing is tried first, and without it the back-off retries alone
   * find the device.
   */
  async #listen(): Promise<void> {
    const { usb, log, label } = this.options;
    try {
      await usb.getDevices?.();
    } catch (err) {
      log?.(`${label}: 无法监听 USB 插拔（${(err as Error).message}），改为定时重试`);
      return;
    }
    if (!this.#listening) return;
    try {
      usb.addEventListener('connect', this.#onConnect);
      usb.addEventListener('disconnect', this.#onDisconnect);
      this.#added = true;
    } catch (err) {
      log?.(`${label}: 无法监听 USB 插拔（${(err as Error).message}），改为定时重试`);
    }
  }

  override async stop(): Promise<void> {
    this.#listening = false;
    if (this.#added) {
      this.#added = false;
      try {
        this.options.usb.removeEventListener('connect', this.#onConnect);
        this.options.usb.removeEventListener('disconnect', this.#onDisconnect);
      } catch {
        /* never added */
      }
    }
    await super.stop();
  }

  protected async connect(hooks: { data(chunk: Buffer): void; lost(err: Error): void }): Promise<LinkConnection> {
    const { vendorId, productId, usb } = this.options;
    const device = await usb.findDeviceByIds(vendorId, productId);
    if (!device) throw new Error('未找到该 USB 设备');
    if (!device.opened) await device.open();
    const found = bulkPair(device);
    if (!found) {
      await device.close().catch(() => {});
      throw new Error('设备没有成对的批量（bulk）端点，不是部标读卡器的接口');
    }
    const { iface, inEp, outEp } = found;
    try {
      await device.claimInterface(iface.interfaceNumber);
    } catch (err) {
      // A kernel driver (e.g. usblp, cdc_acm) holds it: take it over once, then claim again.
      if (!device.detachKernelDriver) throw err;
      await device.detachKernelDriver(iface.interfaceNumber).catch(() => {});
      await device.claimInterface(iface.interfaceNumber);
    }
    this.#device = device;
    let closed = false;
    const lose = (err: Error) => {
      if (closed) return;
      closed = true;
      this.#lost = null;
      hooks.lost(err);
    };
    this.#lost = lose;
    const readTimeout = this.options.readTimeoutMs ?? 500;
    const size = inEp.packetSize || 64;
    const readLoop = async (): Promise<void> => {
      while (!closed) {
        try {
          const r = await device.transferIn(inEp.endpointNumber, size, readTimeout);
          if (closed) return;
          if (r.status === 'stall') {
            await this.#clearHalt(device, inEp);
            continue;
          }
          if (r.data && r.data.byteLength > 0)
            hooks.data(Buffer.from(r.data.buffer, r.data.byteOffset, r.data.byteLength));
        } catch (err) {
          if (closed) return;
          if (isTimeout(err)) continue;
          if (isStall(err)) {
            await this.#clearHalt(device, inEp);
            continue;
          }
          return lose(new Error(`USB 读取失败：${(err as Error).message}`));
        }
      }
    };
    void readLoop();
    return {
      write: async (bytes) => {
        if (closed) throw new Error('USB 设备已断开');
        try {
          // One transfer; the host controller splits it into max-packet-size packets.
          const r = await device.transferOut(
            outEp.endpointNumber,
            Uint8Array.from(bytes),
            this.options.writeTimeoutMs ?? 1000,
          );
          if (r.status !== 'ok' || r.bytesWritten !== bytes.length)
            throw new Error(`只写入 ${r.bytesWritten}/${bytes.length} 字节（${r.status}）`);
        } catch (err) {
          lose(new Error(`USB 写入失败：${(err as Error).message}`));
          throw err;
        }
      },
      close: async () => {
        closed = true;
        this.#lost = null;
        if (this.#device === device) this.#device = null;
        await device.releaseInterface(iface.interfaceNumber).catch(() => {});
        await device.close().catch(() => {});
      },
    };
  }

  async #clearHalt(device: UsbDeviceLike, ep: UsbEndpointLike): Promise<void> {
    await device.clearHalt?.('in', ep.endpointNumber).catch(() => {});
    // A halted endpoint answers at once: do not spin on it.
    await new Promise((r) => setTimeout(r, 50));
  }

  /** A 'connect' event: try at once instead of waiting out the back-off. */
  retryNow(): void {
    this.kick();
  }
}

function bulkPair(
  device: UsbDeviceLike,
): { iface: UsbInterfaceLike; inEp: UsbEndpointLike; outEp: UsbEndpointLike } | null {
  for (const iface of device.configuration?.interfaces ?? []) {
    const eps = iface.alternate.endpoints;
    const inEp = eps.find((e) => e.type === 'bulk' && e.direction === 'in');
    const outEp = eps.find((e) => e.type === 'bulk' && e.direction === 'out');
    if (inEp && outEp) return { iface, inEp, outEp };
  }
  return null;
}
