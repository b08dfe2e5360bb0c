// A serialport binding whose far end is a simulated device in this process. The drivers open it with the
// real SerialPortStream, so every byte goes through the same encoder, framer and parser as on hardware.
// `unplug()` makes the port vanish (reads fail → serialport reports a disconnect; opens fail) and
// `plug()` brings it back, as a USB-serial adapter pulled and reinserted does.
import type {
  BindingInterface,
  BindingPortInterface,
  OpenOptions,
  PortInfo,
  PortStatus,
  SetOptions,
  UpdateOptions,
} from '@serialport/bindings-interface';

/** The device at the far end of the simulated cable. */
export interface SimulatedDevice {
  /** Bytes the host wrote. */
  receive(bytes: Buffer): void;
  /** Connect the device's transmit line; the device calls `send` to answer. */
  attach(send: (bytes: Buffer) => void): void;
  detach(): void;
}

class CanceledError extends Error {
  readonly canceled = true;
}

interface Slot {
  device: SimulatedDevice;
  plugged: boolean;
  open: SimPortBinding | null;
  /** open() calls for this path, failed ones included (tests wait for reconnect attempts by it). */
  attempts: number;
}

const slots = new Map<string, Slot>();

export const SimBinding: BindingInterface<SimPortBinding> & {
  register(path: string, device: SimulatedDevice): void;
  unregister(path: string): void;
  unplug(path: string): void;
  plug(path: string): void;
  openAttempts(path: string): number;
} = {
  register(path, device) {
    slots.set(path, { device, plugged: true, open: null, attempts: 0 });
  },
  openAttempts(path) {
    return slots.get(path)?.attempts ?? 0;
  },
  unregister(path) {
    slots.get(path)?.open?.disconnect();
    slots.delete(path);
  },
  unplug(path) {
    const slot = slots.get(path);
    if (!slot) return;
    slot.plugged = false;
    slot.open?.disconnect();
  },
  plug(path) {
    const slot = slots.get(path);
    if (slot) slot.plugged = true;
  },
  async list(): Promise<PortInfo[]> {
    return [...slots.entries()]
      .filter(([, s]) => s.plugged)
      .map(([path]) => ({
        path,
        manufacturer: 'simulator',
        serialNumber: undefined,
        pnpId: undefined,
        locationId: undefined,
        productId: undefined,
        vendorId: undefined,
      }));
  },
  async open(options: OpenOptions): Promise<SimPortBinding> {
    await new Promise((r) => setImmediate(r));
    const slot = slots.get(options.path);
    if (slot) slot.attempts++;
    if (!slot?.plugged)
      throw Object.assign(new Error(`Error: No such file or directory, cannot open ${options.path}`), {
        code: 'ENOENT',
      });
    if (slot.open) throw new Error(`Error Resource temporarily unavailable Cannot lock port ${options.path}`);
    const port = new SimPortBinding(slot, {
      dataBits: 8,
      lock: true,
      stopBits: 1,
      parity: 'none',
      rtscts: false,
      xon: false,
      xoff: false,
      xany: false,
      hupcl: true,
      ...options,
    } as Required<OpenOptions>);
    slot.open = port;
    slot.device.attach((bytes) => port.deliver(bytes));
    return port;
  },
};

export class SimPortBinding implements BindingPortInterface {
  isOpen = true;
  #inbox: Buffer[] = [];
  #pendingRead: ((err?: Error) => void) | null = null;
  #failure: Error | null = null;

  constructor(
    private readonly slot: Slot,
    readonly openOptions: Required<OpenOptions>,
  ) {}

  deliver(bytes: Buffer): void {
    if (!this.isOpen) return;
    this.#inbox.push(Buffer.from(bytes));
    const wake = this.#pendingRead;
    this.#pendingRead = null;
    wake?.();
  }

  /** The cable is pulled: the in-flight read fails with a non-canceled error, which is a disconnect. */
  disconnect(): void {
    this.#failure = new Error('设备已断开 (simulated unplug)');
    this.#release();
    const wake = this.#pendingRead;
    this.#pendingRead = null;
    wake?.(this.#failure);
  }

  #release(): void {
    if (this.slot.open === this) {
      this.slot.device.detach();
      this.slot.open = null;
    }
  }

  async close(): Promise<void> {
    if (!this.isOpen) throw new Error('Port is not open');
    this.isOpen = false;
    this.#release();
    const wake = this.#pendingRead;
    this.#pendingRead = null;
    wake?.(new CanceledError('port is closed'));
  }

  async read(buffer: Buffer, offset: number, length: number): Promise<{ buffer: Buffer; bytesRead: number }> {
    for (;;) {
      if (this.#failure) throw this.#failure;
      if (!this.isOpen) throw new CanceledError('Read canceled');
      const head = this.#inbox[0];
      if (head) {
        const n = Math.min(length, head.length);
        head.copy(buffer, offset, 0, n);
        if (n === head.length) this.#inbox.shift();
        else this.#inbox[0] = head.subarray(n);
        return { buffer, bytesRead: n };
      }
      await new Promise<void>((resolve, reject) => {
        this.#pendingRead = (err) => (err ? reject(err) : resolve());
      });
    }
  }

  async write(buffer: Buffer): Promise<void> {
    if (this.#failure) throw this.#failure;
    if (!this.isOpen) throw new CanceledError('Write canceled');
    const copy = Buffer.from(buffer);
    // The device sees the bytes after the write returns, as with a real UART.
    setImmediate(() => {
      if (this.isOpen && !this.#failure) this.slot.device.receive(copy);
    });
  }

  async update(_options: UpdateOptions): Promise<void> {}
  async set(_options: SetOptions): Promise<void> {}
  async get(): Promise<PortStatus> {
    return { cts: true, dsr: true, dcd: true };
  }
  async getBaudRate(): Promise<{ baudRate: number }> {
    return { baudRate: this.openOptions.baudRate };
  }
  async flush(): Promise<void> {
    this.#inbox = [];
  }
  async drain(): Promise<void> {}
}
