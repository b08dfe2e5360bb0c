// The ESC/POS receipt printer on a serial port (USB-serial adapter, pty, or the in-process simulator).
// One SerialLink keeps the port open and reopens it after an unplug; this driver asks the printer's
// real-time status (DLE EOT n) at an interval and before every job, one request in flight at a time,
// and refuses a job the printer cannot print with a PrinterError in words the staff can act on.
import { deviceStatus, TypedEmitter, type DeviceEvents, type Printer } from '../device.ts';
import { type SerialDeviceOptions, SerialLink } from '../serial-link.ts';
import type { ByteLink } from '../transport/byte-link.ts';
import type { DeviceState, DeviceStatus } from '../../server/contract/devices.ts';
import {
  STATUS_ERROR_CAUSE,
  STATUS_OFFLINE_CAUSE,
  STATUS_PAPER,
  STATUS_PRINTER,
  statusRequest,
  type StatusRequest,
} from './commands.ts';
import { canPrint, conditionOf, decodeStatus, isStatusByte, type StatusReport } from './status-codec.ts';

export interface SerialPrinterOptions extends SerialDeviceOptions {
  /** 32 for 58 mm paper, 48 for 80 mm paper. */
  columns: number;
  /** Status poll interval. */
  pollMs?: number;
  /** How long one DLE EOT answer may take before the printer counts as offline. */
  responseTimeoutMs?: number;
}

/** Why a job was not printed; `state` is the printer condition that stopped it. */
export class PrinterError extends Error {
  override readonly name = 'PrinterError';
  constructor(
    readonly state: DeviceState,
    message: string,
  ) {
    super(message);
  }
}

interface PendingRequest {
  n: StatusRequest;
  resolve: (byte: number) => void;
  reject: (err: Error) => void;
  timer: NodeJS.Timeout;
}

export class SerialPrinter extends TypedEmitter<DeviceEvents> implements Printer {
  readonly kind = 'printer' as const;
  readonly columns: number;
  #link: ByteLink | null = null;
  #status: DeviceStatus;
  #pollTimer: NodeJS.Timeout | null = null;
  #pending: PendingRequest | null = null;
  #chain: Promise<unknown> = Promise.resolve();
  #busy = 0;

  constructor(readonly options: SerialPrinterOptions) {
    super();
    this.columns = options.columns;
    this.#status = deviceStatus('printer', 'reconnecting', options.simulated ?? false);
  }

  get #simulated(): boolean {
    return this.options.simulated ?? false;
  }

  async start(): Promise<void> {
    if (this.#link) return;
    const { path, baudRate, binding, retryMs, maxRetryMs, log } = this.options;
    // A fresh link each start: SerialLink.stop() drops its listeners for good.
    const link =
      this.options.createLink?.('打印机') ??
      new SerialLink({
        path,
        baudRate,
        binding,
        retryMs,
        maxRetryMs,
        log,
        label: '打印机',
        rtscts: this.options.rtscts,
      });
    this.#link = link;
    link.on('open', () => void this.#pollNow());
    link.on('close', () => this.#portLost());
    link.on('data', (chunk) => this.#onData(chunk));
    link.start();
    this.#pollTimer = setInterval(() => {
      // Skip a tick while a job or another poll holds the line; the job polls for itself.
      if (this.#busy === 0 && this.#link?.isOpen) void this.#pollNow();
    }, this.options.pollMs ?? 1000);
  }

  async stop(): Promise<void> {
    if (this.#pollTimer) clearInterval(this.#pollTimer);
    this.#pollTimer = null;
    this.#failPending(new PrinterError('offline', '打印机驱动已停止'));
    const link = this.#link;
    this.#link = null;
    await link?.stop();
  }

  status(): DeviceStatus {
    return this.#status;
  }

  /** Polls the printer, then sends the job; rejects with PrinterError when it cannot print. */
  print(job: Uint8Array): Promise<void> {
    return this.#exclusive(async () => {
      const link = this.#link;
      if (!link?.isOpen) {
        const state = this.#status.state === 'reconnecting' ? 'reconnecting' : 'unplugged';
        throw new PrinterError(state, deviceStatus('printer', state, this.#simulated).message);
      }
      const condition = await this.#query();
      if (!canPrint(condition)) throw new PrinterError(condition, this.#status.message);
      await this.#write(link, job);
      // Paper running out or the cover opened while the job went over the line: the slip is not whole.
      // (A printer answers DLE EOT in real time; trouble later in its buffer is found by the next poll.)
      const after = await this.#query();
      if (!canPrint(after))
        throw new PrinterError(after, `${this.#status.message.replace(/[。.]$/, '')}，这张可能没有打印完整`);
    });
  }

  // ---- status ----

  #pollNow(): Promise<void> {
    return this.#exclusive(() => this.#query()).then(
      () => undefined,
      () => undefined, // #query has already set the state from the failure
    );
  }

  /** DLE EOT 1; if offline, 2 (and 3 when it reports an error); always 4 for the paper sensors. */
  async #query(): Promise<DeviceState> {
    try {
      const report: StatusReport = {};
      report.printer = decodeStatus(STATUS_PRINTER, await this.#request(STATUS_PRINTER)) as StatusReport['printer'];
      if (report.printer?.offline) {
        report.offlineCause = decodeStatus(
          STATUS_OFFLINE_CAUSE,
          await this.#request(STATUS_OFFLINE_CAUSE),
        ) as StatusReport['offlineCause'];
        if (report.offlineCause?.error) {
          report.errorCause = decodeStatus(
            STATUS_ERROR_CAUSE,
            await this.#request(STATUS_ERROR_CAUSE),
          ) as StatusReport['errorCause'];
        }
      }
      report.paper = decodeStatus(STATUS_PAPER, await this.#request(STATUS_PAPER)) as StatusReport['paper'];
      const condition = conditionOf(report);
      this.#setState(condition);
      return condition;
    } catch (err) {
      // Port open but no answer: the printer is off or the cable carries nothing.
      if (err instanceof PrinterError && err.state === 'offline' && this.#link?.isOpen)
        this.#setState('offline', err.message);
      throw err;
    }
  }

  /** One DLE EOT n and its one-byte answer. Bytes that are not status answers are skipped. */
  #request(n: StatusRequest): Promise<number> {
    const link = this.#link;
    if (!link?.isOpen)
      return Promise.reject(
        new PrinterError('unplugged', deviceStatus('printer', 'unplugged', this.#simulated).message),
      );
    const timeoutMs = this.options.responseTimeoutMs ?? 500;
    return new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => {
        if (this.#pending?.timer !== timer) return;
        this.#pending = null;
        reject(
          new PrinterError(
            'offline',
            `打印机无应答：实时状态查询 DLE EOT ${n}（10 04 0${n}）${timeoutMs} 毫秒内没有回答`,
          ),
        );
      }, timeoutMs);
      this.#pending = { n, resolve, reject, timer };
      link
        .write(statusRequest(n))
        .catch((err: Error) => this.#failPending(new PrinterError('unplugged', `打印机串口写入失败：${err.message}`)));
    });
  }

  #onData(chunk: Buffer): void {
    for (const byte of chunk) {
      const pending = this.#pending;
      // Answers nobody waits for (late, after a timeout) and line noise are dropped.
      if (!pending || !isStatusByte(byte)) continue;
      clearTimeout(pending.timer);
      this.#pending = null;
      pending.resolve(byte);
    }
  }

  #failPending(err: Error): void {
    const pending = this.#pending;
    if (!pending) return;
    clearTimeout(pending.timer);
    this.#pending = null;
    pending.reject(err);
  }

  #portLost(): void {
    this.#failPending(new PrinterError('unplugged', deviceStatus('printer', 'unplugged', this.#simulated).message));
    this.#setState('unplugged');
  }

  #setState(state: DeviceState, detail?: string): void {
    const next = deviceStatus('printer', state, this.#simulated, detail);
    if (next.state === this.#status.state && next.message === this.#status.message) return;
    this.#status = next;
    this.emit('status', next);
  }

  // ---- jobs ----

  async #write(link: ByteLink, job: Uint8Array): Promise<void> {
    // 10 bits per byte on the wire, plus slack for the printer's flow control while it prints.
    const timeoutMs = Math.ceil((job.length * 10 * 1000) / this.options.baudRate) + 5000;
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        link.write(job),
        new Promise<never>((_, reject) => {
          timer = setTimeout(
            () =>
              reject(new PrinterError('offline', `打印数据发送超时：${job.length} 字节在 ${timeoutMs} 毫秒内未发送完`)),
            timeoutMs,
          );
        }),
      ]);
    } catch (err) {
      if (err instanceof PrinterError) throw err;
      throw new PrinterError('unplugged', `打印过程中打印机连接中断，请补打小票（${(err as Error).message}）`);
    } finally {
      clearTimeout(timer);
    }
  }

  /** One conversation with the printer at a time: polls and jobs never interleave on the line. */
  #exclusive<T>(fn: () => Promise<T>): Promise<T> {
    this.#busy++;
    const run = this.#chain.then(fn, fn);
    this.#chain = run.then(
      () => this.#busy--,
      () => this.#busy--,
    );
    return run;
  }
}
