// A serial (or USB-CDC) barcode / QR code scanner. It only ever talks: each scan is the code's bytes
// followed by the configured suffix (CR, LF, CRLF), or nothing at all, in which case a pause between
// bytes ends the code. Control characters are stripped, empty lines ignored, over-long lines dropped,
// and the bytes decoded as UTF-8, or as GB18030 when they are not valid UTF-8 (older scanners).
import iconv from 'iconv-lite';
import { deviceStatus, TypedEmitter, type CodeScanner, type CodeScannerEvents } from '../device.ts';
import { type SerialDeviceOptions, SerialLink } from '../serial-link.ts';
import type { ByteLink } from '../transport/byte-link.ts';
import type { DeviceState, DeviceStatus } from '../../server/contract/devices.ts';

export type ScannerSuffix = 'CR' | 'LF' | 'CRLF' | 'timeout';

export interface SerialCodeScannerOptions extends SerialDeviceOptions {
  suffix: ScannerSuffix;
  /** With suffix 'timeout': the pause that ends a code. Otherwise: a line without its suffix is
   *  discarded after 20× this pause (at least 1 s). */
  interByteTimeoutMs?: number;
}

export const MAX_CODE_BYTES = 512;

export type SplitItem = { type: 'line'; bytes: Buffer } | { type: 'overflow'; bytes: number };

/** Cuts scanner bytes into lines by suffix. Holds at most MAX_CODE_BYTES (+1 for a split CRLF). */
export class ScanLineSplitter {
  #buf: Buffer = Buffer.alloc(0);
  /** Bytes dropped from the current over-long line; the line is discarded up to its suffix. */
  #dropping = 0;

  constructor(
    readonly suffix: ScannerSuffix,
    readonly maxBytes = MAX_CODE_BYTES,
  ) {}

  get buffered(): number {
    return this.#buf.length;
  }

  push(chunk: Uint8Array): SplitItem[] {
    const out: SplitItem[] = [];
    let data = this.#buf.length ? Buffer.concat([this.#buf, chunk]) : Buffer.from(chunk);
    this.#buf = Buffer.alloc(0);
    if (this.suffix !== 'timeout') {
      const term =
        this.suffix === 'CR' ? Buffer.of(0x0d) : this.suffix === 'LF' ? Buffer.of(0x0a) : Buffer.of(0x0d, 0x0a);
      for (;;) {
        const at = data.indexOf(term);
        if (at < 0) break;
        const line = data.subarray(0, at);
        data = data.subarray(at + term.length);
        if (this.#dropping > 0 || line.length > this.maxBytes) {
          out.push({ type: 'overflow', bytes: this.#dropping + line.length });
          this.#dropping = 0;
        } else {
          out.push({ type: 'line', bytes: Buffer.from(line) });
        }
      }
    }
    // What is left is the start of a line still arriving.
    if (this.#dropping > 0) {
      // Keep a possible first half of CRLF so the end of the over-long line is still found.
      const keep = this.suffix === 'CRLF' && data[data.length - 1] === 0x0d ? 1 : 0;
      this.#dropping += data.length - keep;
      this.#buf = Buffer.from(data.subarray(data.length - keep));
    } else if (data.length > this.maxBytes + (this.suffix === 'CRLF' ? 1 : 0)) {
      const keep = this.suffix === 'CRLF' && data[data.length - 1] === 0x0d ? 1 : 0;
      this.#dropping = data.length - keep;
      this.#buf = Buffer.from(data.subarray(data.length - keep));
      if (this.suffix === 'timeout') {
        // No suffix will come: report now and drop the rest of this burst as it arrives.
        out.push({ type: 'overflow', bytes: this.#dropping });
      }
    } else {
      this.#buf = Buffer.from(data);
    }
    return out;
  }

  /** The pause after the last byte: ends the code (suffix 'timeout') or discards a line missing its suffix. */
  flush(): SplitItem[] {
    const data = this.#buf;
    const dropping = this.#dropping;
    this.#buf = Buffer.alloc(0);
    this.#dropping = 0;
    if (dropping > 0) return this.suffix === 'timeout' ? [] : [{ type: 'overflow', bytes: dropping + data.length }];
    if (data.length === 0) return [];
    if (this.suffix === 'timeout') return [{ type: 'line', bytes: Buffer.from(data) }];
    return [{ type: 'overflow', bytes: data.length }];
  }

  reset(): void {
    this.#buf = Buffer.alloc(0);
    this.#dropping = 0;
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Line bytes → code text: control characters removed, UTF-8 or else GB18030, trimmed. */
export function decodeScan(bytes: Uint8Array): string {
  // C0 controls and DEL never occur inside a UTF-8 or GB18030 multi-byte character, so drop them first.
  const clean = Buffer.from(bytes.filter((b) => b >= 0x20 && b !== 0x7f));
  let text: string;
  try {
    text = utf8.decode(clean);
  } catch {
    text = iconv.decode(clean, 'gb18030');
  }
  return text
    .replace(/^\uFEFF/u, '')
    .replace(/[\p{Cc}\uFFFD]/gu, '')
    .trim();
}

export class SerialCodeScanner extends TypedEmitter<CodeScannerEvents> implements CodeScanner {
  readonly kind = 'scanner' as const;
  #link: ByteLink | null = null;
  #splitter: ScanLineSplitter;
  #status: DeviceStatus;
  #idleTimer: NodeJS.Timeout | null = null;

  constructor(readonly options: SerialCodeScannerOptions) {
    super();
    this.#splitter = new ScanLineSplitter(options.suffix);
    this.#status = deviceStatus('scanner', 'reconnecting', options.simulated ?? false);
  }

  async start(): Promise<void> {
    if (this.#link) return;
    const { path, baudRate, binding, retryMs, maxRetryMs, log } = this.options;
    const link =
      this.options.createLink?.('扫码器') ??
      new SerialLink({
        path,
        baudRate,
        binding,
        retryMs,
        maxRetryMs,
        log,
        label: '扫码器',
        rtscts: this.options.rtscts,
      });
    this.#link = link;
    // A scanner never answers anything: an open port is all "ready" can mean.
    link.on('open', () => {
      this.#splitter.reset();
      this.#setState('ready');
    });
    link.on('close', () => {
      this.#clearIdle();
      this.#splitter.reset();
      this.#setState('unplugged');
    });
    link.on('data', (chunk) => this.#onData(chunk));
    link.start();
  }

  async stop(): Promise<void> {
    this.#clearIdle();
    this.#splitter.reset();
    const link = this.#link;
    this.#link = null;
    await link?.stop();
  }

  status(): DeviceStatus {
    return this.#status;
  }

  #onData(chunk: Buffer): void {
    this.#handle(this.#splitter.push(chunk));
    this.#clearIdle();
    if (this.#splitter.buffered > 0 || this.options.suffix === 'timeout') {
      const pause = this.options.interByteTimeoutMs ?? 50;
      const ms = this.options.suffix === 'timeout' ? pause : Math.max(1000, pause * 20);
      this.#idleTimer = setTimeout(() => {
        this.#idleTimer = null;
        this.#handle(this.#splitter.flush(), this.options.suffix !== 'timeout');
      }, ms);
    }
  }

  #handle(items: SplitItem[], missingSuffix = false): void {
    for (const item of items) {
      if (item.type === 'overflow') {
        this.options.log?.(
          missingSuffix
            ? `扫码器：${item.bytes} 字节数据没有结束符（${this.options.suffix}），已丢弃；请检查扫码器的后缀设置`
            : `扫码器：一次扫码超过 ${MAX_CODE_BYTES} 字节（${item.bytes} 字节），已丢弃`,
        );
        continue;
      }
      const code = decodeScan(item.bytes);
      if (code) this.emit('scan', code);
    }
  }

  #clearIdle(): void {
    if (this.#idleTimer) clearTimeout(this.#idleTimer);
    this.#idleTimer = null;
  }

  #setState(state: DeviceState, detail?: string): void {
    const next = deviceStatus('scanner', state, this.options.simulated ?? false, detail);
    if (next.state === this.#status.state && next.message === this.#status.message) return;
    this.#status = next;
    this.emit('status', next);
  }
}
