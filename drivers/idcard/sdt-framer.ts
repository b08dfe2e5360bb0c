// Cuts a byte stream into SDT frames (either direction): waits for frames split across chunks, skips
// garbage up to the next preamble, rejects frames whose length or checksum is wrong (reported, then
// resynchronised one byte past the bad preamble), and never holds more than maxBuffer bytes.
import { HEADER_BYTES, PREAMBLE, xorChecksum } from './sdt-codec.ts';

export type FramerItem =
  | { type: 'frame'; frame: Buffer }
  | { type: 'garbage'; bytes: number }
  | { type: 'error'; reason: 'length' | 'checksum' | 'overflow'; detail: string };

export interface SdtFramerOptions {
  /** Smallest valid Len: 3 for host frames (CMD PARA CHK), 4 for reader answers (SW1–3 CHK). */
  minLen?: number;
  /** Largest Len accepted (a text + photo answer is 1288; with fingerprint data 2321). */
  maxLen?: number;
  /** Bytes held at most while waiting for the rest of a frame. */
  maxBuffer?: number;
}

export class SdtFramer {
  readonly minLen: number;
  readonly maxLen: number;
  readonly maxBuffer: number;
  #buf: Buffer = Buffer.alloc(0);

  constructor(options: SdtFramerOptions = {}) {
    this.minLen = options.minLen ?? 3;
    this.maxLen = options.maxLen ?? 4096;
    this.maxBuffer = Math.max(options.maxBuffer ?? 8192, HEADER_BYTES + this.maxLen);
  }

  /** Bytes currently held. */
  get buffered(): number {
    return this.#buf.length;
  }

  reset(): void {
    this.#buf = Buffer.alloc(0);
  }

  push(chunk: Uint8Array): FramerItem[] {
    const out: FramerItem[] = [];
    this.#buf = this.#buf.length ? Buffer.concat([this.#buf, chunk]) : Buffer.from(chunk);
    for (;;) {
      const at = this.#buf.indexOf(PREAMBLE);
      if (at < 0) {
        // Keep only a tail that may be the start of a preamble split across chunks.
        const keep = this.#partialPreambleTail();
        const dropped = this.#buf.length - keep;
        if (dropped > 0) out.push({ type: 'garbage', bytes: dropped });
        this.#buf = Buffer.from(this.#buf.subarray(this.#buf.length - keep));
        break;
      }
      if (at > 0) {
        out.push({ type: 'garbage', bytes: at });
        this.#buf = this.#buf.subarray(at);
      }
      if (this.#buf.length < HEADER_BYTES) break;
      const len = this.#buf.readUInt16BE(PREAMBLE.length);
      if (len < this.minLen || len > this.maxLen) {
        out.push({ type: 'error', reason: 'length', detail: `长度字段 ${len} 超出 ${this.minLen}–${this.maxLen}` });
        this.#buf = this.#buf.subarray(1);
        continue;
      }
      const total = HEADER_BYTES + len;
      if (this.#buf.length < total) break;
      const f = this.#buf.subarray(0, total);
      const want = xorChecksum(f, PREAMBLE.length, total - 1);
      if (want !== f[total - 1]) {
        out.push({
          type: 'error',
          reason: 'checksum',
          detail: `校验和应为 0x${hex2(want)}，收到 0x${hex2(f[total - 1]!)}`,
        });
        this.#buf = this.#buf.subarray(1);
        continue;
      }
      out.push({ type: 'frame', frame: Buffer.from(f) });
      this.#buf = this.#buf.subarray(total);
    }
    if (this.#buf.length > this.maxBuffer) {
      out.push({ type: 'error', reason: 'overflow', detail: `缓冲超过 ${this.maxBuffer} 字节，已清空` });
      this.#buf = Buffer.alloc(0);
    }
    // Own the bytes kept (not a view into a large concatenation).
    this.#buf = Buffer.from(this.#buf);
    return out;
  }

  #partialPreambleTail(): number {
    const b = this.#buf;
    for (let k = Math.min(PREAMBLE.length - 1, b.length); k > 0; k--) {
      if (b.subarray(b.length - k).equals(PREAMBLE.subarray(0, k))) return k;
    }
    return 0;
  }
}

function hex2(n: number): string {
  return n.toString(16).padStart(2, '0').toUpperCase();
}
