// One serial port kept open: opens it, reopens it with capped backoff after an unplug, and reports
// open/closed as events. Every driver owns one link; the binding is injected (the hardware binding from
// `serialport`, the in-process simulator, or MockBinding in tests), so a pty from socat works too.
import { SerialPortStream } from '@serialport/stream';
import type { BindingInterface } from '@serialport/bindings-interface';
import { TypedEmitter } from './device.ts';
import type { ByteLink, LinkEvents } from './transport/byte-link.ts';

export interface SerialLinkOptions {
  path: string;
  baudRate: number;
  binding: BindingInterface;
  /** First retry delay; doubles up to maxRetryMs. Kept short: a port that returns is back within ~1 s. */
  retryMs?: number;
  maxRetryMs?: number;
  /** For the log: which device this is. */
  label: string;
  log?: (line: string) => void;
  /** RTS/CTS hardware flow control (新北洋 BK-T680-class printers stop on CTS while their buffer is full). */
  rtscts?: boolean;
}

/** What every serial device driver is given: the port, its speed and binding, reconnect timing, a log. */
export interface SerialDeviceOptions {
  /** /dev/serial/by-id/…, /dev/ttyUSB0, a pty, or a SimBinding path. */
  path: string;
  baudRate: number;
  binding: BindingInterface;
  /** True when the binding is the simulator (shown on the screens). */
  simulated?: boolean;
  /** First reopen delay after the port fails (SerialLink doubles it up to maxRetryMs). */
  retryMs?: number;
  maxRetryMs?: number;
  log?: (line: string) => void;
  /** RTS/CTS hardware flow control on a serial port. */
  rtscts?: boolean;
  /** Another transport than serialport (tcp://, a character device, USB bulk): the driver uses this link. */
  createLink?: (label: string) => ByteLink;
}

export class SerialLink extends TypedEmitter<LinkEvents> implements ByteLink {
  #port: SerialPortStream | null = null;
  #timer: NodeJS.Timeout | null = null;
  #running = false;
  #delay: number;
  #loggedFailure = false;

  constructor(readonly options: SerialLinkOptions) {
    super();
    this.#delay = options.retryMs ?? 200;
  }

  get isOpen(): boolean {
    return this.#port?.isOpen ?? false;
  }

  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#open();
  }

  async stop(): Promise<void> {
    this.#running = false;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    const port = this.#port;
    this.#port = null;
    if (port) {
      port.removeAllListeners();
      port.on('error', () => {});
      if (port.isOpen) await new Promise<void>((r) => port.close(() => r()));
    }
    this.removeAllListeners();
  }

  /** Write and wait until the bytes are handed to the OS. Rejects when the port is not open. */
  write(bytes: Uint8Array): Promise<void> {
    const port = this.#port;
    if (!port?.isOpen) return Promise.reject(new Error(`${this.options.label}: 串口未打开`));
    return new Promise((resolve, reject) => {
      port.write(Buffer.from(bytes), (err) => {
        if (err) return reject(err);
        port.drain((e) => (e ? reject(e) : resolve()));
      });
    });
  }

  #open(): void {
    if (!this.#running) return;
    const { path, baudRate, binding, label } = this.options;
    const port = new SerialPortStream({
      binding,
      path,
      baudRate,
      rtscts: this.options.rtscts ?? false,
      autoOpen: false,
    });
    this.#port = port;
    port.on('data', (chunk: Buffer) => this.emit('data', chunk));
    port.on('error', (err: Error) => this.#failed(port, err));
    port.on('close', (err: Error | null) => this.#failed(port, err ?? new Error('端口已关闭')));
    port.open((err) => {
      if (err) return this.#failed(port, err);
      if (!this.#running) return void port.close();
      this.#delay = this.options.retryMs ?? 200;
      if (this.#loggedFailure) this.options.log?.(`${label}: 串口 ${path} 已恢复`);
      this.#loggedFailure = false;
      this.emit('open');
    });
  }

  #failed(port: SerialPortStream, err: Error): void {
    if (port !== this.#port) return;
    this.#port = null;
    port.removeAllListeners();
    port.on('error', () => {});
    if (port.isOpen) port.close(() => {});
    if (!this.#loggedFailure) {
      // Log the first failure once; a port that stays away must not fill the log.
      this.options.log?.(`${this.options.label}: 串口 ${this.options.path} 不可用（${err.message}），将自动重连`);
      this.#loggedFailure = true;
    }
    this.emit('close', err);
    if (!this.#running) return;
    this.#timer = setTimeout(() => {
      this.#timer = null;
      this.#open();
    }, this.#delay);
    this.#delay = Math.min(this.#delay * 2, this.options.maxRetryMs ?? 1000);
  }
}
