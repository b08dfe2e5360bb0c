// A barcode / QR scanner at the far end of a simulated cable (SimBinding): each scan sends the code's
// bytes (UTF-8, or GB18030 like older scanners) followed by the configured suffix. It ignores the host.
import iconv from 'iconv-lite';
import type { SimulatedDevice } from '../sim/sim-binding.ts';
import type { ScannerSuffix } from './code-scanner.ts';

const SUFFIX_BYTES: Record<ScannerSuffix, Buffer> = {
  CR: Buffer.of(0x0d),
  LF: Buffer.of(0x0a),
  CRLF: Buffer.of(0x0d, 0x0a),
  timeout: Buffer.alloc(0),
};

export class ScannerSimulator implements SimulatedDevice {
  readonly suffix: ScannerSuffix;
  #send: ((bytes: Buffer) => void) | null = null;
  #scans = 0;

  constructor(options: { suffix: ScannerSuffix }) {
    this.suffix = options.suffix;
  }

  // ---- SimulatedDevice ----
  receive(_bytes: Buffer): void {
    // A scanner has nothing to say to the host's bytes.
  }

  attach(send: (bytes: Buffer) => void): void {
    this.#send = send;
  }

  detach(): void {
    this.#send = null;
  }

  // ---- controls (developer page, tests) ----
  /** One scan: the code plus the suffix. Returns false when the cable is out (nothing was sent). */
  scan(code: string, encoding: 'utf8' | 'gb18030' = 'utf8'): boolean {
    const body = encoding === 'utf8' ? Buffer.from(code, 'utf8') : iconv.encode(code, 'gb18030');
    return this.sendRaw(Buffer.concat([body, SUFFIX_BYTES[this.suffix]]));
  }

  /** Arbitrary bytes on the line (tests: noise, split scans). */
  sendRaw(bytes: Uint8Array): boolean {
    if (!this.#send) return false;
    this.#scans++;
    this.#send(Buffer.from(bytes));
    return true;
  }

  get sent(): number {
    return this.#scans;
  }
}
