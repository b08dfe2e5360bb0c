// The part of node-usb's v3 API (the WebUSB-shaped `usb` object) that UsbBulkLink uses, played by a test:
// findDeviceByIds, connect/disconnect events, and a 部标 reader (0400:c35a) with one vendor-class interface
// holding a bulk IN and a bulk OUT endpoint of 64 bytes. What the host sends is handed to an
// IdCardSimulator 64 bytes at a time (as the reader's firmware receives packets); its answers are
// returned by transferIn at most 64 bytes per transfer, so a 1,295-byte read answer takes 21 transfers.
// Errors read as node-usb's do ("transferIn error: Cancelled" on a timeout, "Disconnected" when pulled).
import type { UsbDeviceLike, UsbLike, UsbInterfaceLike } from '../../drivers/transport/usb-bulk-link.ts';
import type { IdCardSimulator } from '../../drivers/idcard/idcard-simulator.ts';

const PACKET = 64;

export class FakeUsbReader implements UsbDeviceLike {
  vendorId = 0x0400;
  productId = 0xc35a;
  opened = false;
  claimed: number[] = [];
  plugged = true;
  /** Bytes the host sent, one entry per OUT transfer. */
  readonly outTransfers: Buffer[] = [];
  /** Size of every IN transfer that returned data. */
  readonly inTransferSizes: number[] = [];
  #pending = Buffer.alloc(0);
  #waiters: Array<() => void> = [];

  constructor(readonly sim: IdCardSimulator) {
    sim.attach((bytes) => {
      this.#pending = Buffer.concat([this.#pending, bytes]);
      for (const w of this.#waiters.splice(0)) w();
    });
  }

  readonly configuration: { interfaces: UsbInterfaceLike[] } = {
    interfaces: [
      {
        interfaceNumber: 0,
        alternate: {
          interfaceClass: 0xff,
          endpoints: [
            { endpointNumber: 1, direction: 'in', type: 'bulk', packetSize: PACKET },
            { endpointNumber: 2, direction: 'out', type: 'bulk', packetSize: PACKET },
          ],
        },
      },
    ],
  };

  #check(what: string): void {
    if (!this.plugged) throw new Error(`${what} error: Disconnected`);
  }

  async open(): Promise<void> {
    this.#check('open');
    this.opened = true;
  }

  async close(): Promise<void> {
    this.opened = false;
    this.claimed = [];
  }

  async claimInterface(n: number): Promise<void> {
    this.#check('claimInterface');
    if (!this.opened) throw new Error('claimInterface error: invalid state');
    this.claimed.push(n);
  }

  async releaseInterface(n: number): Promise<void> {
    this.claimed = this.claimed.filter((c) => c !== n);
  }

  async transferOut(endpointNumber: number, data: Uint8Array): Promise<{ bytesWritten: number; status: string }> {
    this.#check('transferOut');
    if (endpointNumber !== 2 || !this.claimed.includes(0)) throw new Error('transferOut error: endpoint not found');
    const bytes = Buffer.from(data);
    this.outTransfers.push(bytes);
    for (let at = 0; at < bytes.length; at += PACKET) this.sim.receive(bytes.subarray(at, at + PACKET));
    return { bytesWritten: bytes.length, status: 'ok' };
  }

  async transferIn(
    endpointNumber: number,
    length: number,
    timeout = 1000,
  ): Promise<{ data?: DataView; status: string }> {
    this.#check('transferIn');
    if (endpointNumber !== 1 || !this.claimed.includes(0)) throw new Error('transferIn error: endpoint not found');
    if (this.#pending.length === 0) {
      const got = await new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => {
          this.#waiters = this.#waiters.filter((w) => w !== wake);
          resolve(false);
        }, timeout);
        const wake = () => {
          clearTimeout(timer);
          resolve(true);
        };
        this.#waiters.push(wake);
      });
      this.#check('transferIn');
      if (!got) throw new Error('transferIn error: Cancelled');
    }
    const n = Math.min(length, PACKET, this.#pending.length);
    const chunk = Buffer.from(this.#pending.subarray(0, n));
    this.#pending = this.#pending.subarray(n);
    this.inTransferSizes.push(n);
    return { data: new DataView(chunk.buffer, chunk.byteOffset, chunk.byteLength), status: 'ok' };
  }

  /** Pulled out: every transfer in flight fails, and so does every later call. */
  unplug(): void {
    this.plugged = false;
    this.opened = false;
    this.claimed = [];
    this.#pending = Buffer.alloc(0);
    for (const w of this.#waiters.splice(0)) w();
  }

  plug(): void {
    this.plugged = true;
  }
}

type Listener = (ev: { device: UsbDeviceLike }) => void;

export class FakeUsb implements UsbLike {
  readonly devices = new Set<FakeUsbReader>();
  readonly listeners = { connect: new Set<Listener>(), disconnect: new Set<Listener>() };

  async findDeviceByIds(vendorId: number, productId: number): Promise<UsbDeviceLike | undefined> {
    for (const d of this.devices) if (d.plugged && d.vendorId === vendorId && d.productId === productId) return d;
    return undefined;
  }

  async getDevices(): Promise<FakeUsbReader[]> {
    return [...this.devices].filter((d) => d.plugged);
  }

  addEventListener(type: 'connect' | 'disconnect', listener: Listener): void {
    this.listeners[type].add(listener);
  }

  removeEventListener(type: 'connect' | 'disconnect', listener: Listener): void {
    this.listeners[type].delete(listener);
  }

  attach(device: FakeUsbReader): void {
    device.plug();
    this.devices.add(device);
    for (const l of this.listeners.connect) l({ device });
  }

  detach(device: FakeUsbReader): void {
    device.unplug();
    this.devices.delete(device);
    for (const l of this.listeners.disconnect) l({ device });
  }
}
