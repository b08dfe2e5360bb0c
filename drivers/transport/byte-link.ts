// What a driver needs from whatever carries its bytes: a link kept open (reopened with capped back-off
// after it is lost), open/close/data events, and a write that resolves once the bytes are handed over.
// SerialLink (serialport) is one; TcpLink, FileLink and UsbBulkLink are the others. The codecs, framers
// and drivers above are the same for all of them (docs/design.md "Device ports").
import { TypedEmitter } from '../device.ts';

export type LinkEvents = { open: []; close: [Error | null]; data: [Buffer] };

export interface ByteLink {
  readonly isOpen: boolean;
  start(): void;
  /** Closes the connection and removes every timer and listener the link owns. */
  stop(): Promise<void>;
  write(bytes: Uint8Array): Promise<void>;
  on<K extends keyof LinkEvents & string>(event: K, listener: (...args: LinkEvents[K]) => void): unknown;
}

/** One open connection, as a ReconnectingLink subclass makes it. */
export interface LinkConnection {
  write(bytes: Uint8Array): Promise<void>;
  close(): Promise<void>;
}

export interface ReconnectOptions {
  /** For the log: which device this is (打印机, 身份证读卡器 …). */
  label: string;
  /** First retry delay; doubles up to maxRetryMs (kept short: a device that returns is back within ~1 s). */
  retryMs?: number;
  maxRetryMs?: number;
  log?: (line: string) => void;
}

/** The open → lost → wait → reopen loop every non-serial transport shares. */
export abstract class ReconnectingLink extends TypedEmitter<LinkEvents> implements ByteLink {
  #conn: LinkConnection | null = null;
  #timer: NodeJS.Timeout | null = null;
  #running = false;
  #delay: number;
  #loggedFailure = false;
  /** Bumped on every connect attempt and loss: callbacks of an older connection are ignored. */
  #generation = 0;

  constructor(readonly linkOptions: ReconnectOptions) {
    super();
    this.#delay = linkOptions.retryMs ?? 200;
  }

  /** Where the link goes, for log lines (tcp://…, /dev/usb/lp0, usb:0400:c35a). */
  abstract get where(): string;

  /** Open one connection; call `data` with each chunk read and `lost` once when it fails. */
  protected abstract connect(hooks: { data(chunk: Buffer): void; lost(err: Error): void }): Promise<LinkConnection>;

  get isOpen(): boolean {
    return this.#conn !== null;
  }

  start(): void {
    if (this.#running) return;
    this.#running = true;
    void this.#open();
  }

  async stop(): Promise<void> {
    this.#running = false;
    this.#generation++;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    const conn = this.#conn;
    this.#conn = null;
    await conn?.close().catch(() => {});
    this.removeAllListeners();
  }

  write(bytes: Uint8Array): Promise<void> {
    const conn = this.#conn;
    if (!conn) return Promise.reject(new Error(`${this.linkOptions.label}: ${this.where} 未连接`));
    return conn.write(bytes);
  }

  /** Retry at once when waiting out a back-off (a hot-plug event says the device is back). */
  protected kick(): void {
    if (!this.#running || this.#conn || !this.#timer) return;
    clearTimeout(this.#timer);
    this.#timer = null;
    this.#delay = this.linkOptions.retryMs ?? 200;
    void this.#open();
  }

  async #open(): Promise<void> {
    if (!this.#running) return;
    const generation = ++this.#generation;
    const current = () => generation === this.#generation;
    let conn: LinkConnection;
    try {
      conn = await this.connect({
        data: (chunk) => {
          if (current()) this.emit('data', chunk);
        },
        lost: (err) => {
          if (current() && this.#conn) this.#failed(err);
        },
      });
    } catch (err) {
      if (current()) this.#failed(err as Error);
      return;
    }
    if (!current() || !this.#running) {
      await conn.close().catch(() => {});
      return;
    }
    this.#conn = conn;
    this.#delay = this.linkOptions.retryMs ?? 200;
    if (this.#loggedFailure) this.linkOptions.log?.(`${this.linkOptions.label}: ${this.where} 已恢复`);
    this.#loggedFailure = false;
    this.emit('open');
  }

  #failed(err: Error): void {
    this.#generation++;
    const conn = this.#conn;
    this.#conn = null;
    void conn?.close().catch(() => {});
    if (!this.#loggedFailure) {
      // Log the first failure once; a device that stays away must not fill the log.
      this.linkOptions.log?.(`${this.linkOptions.label}: ${this.where} 不可用（${err.message}），将自动重连`);
      this.#loggedFailure = true;
    }
    this.emit('close', err);
    if (!this.#running) return;
    this.#timer = setTimeout(() => {
      this.#timer = null;
      void this.#open();
    }, this.#delay);
    this.#delay = Math.min(this.#delay * 2, this.linkOptions.maxRetryMs ?? 1000);
  }
}
