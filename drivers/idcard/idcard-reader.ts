// The GA 467 ("SDT") resident ID card reader on a serial port (USB-serial adapter, pty, or the in-process
// simulator). One SerialLink keeps the port open and reopens it after an unplug. After each open it asks
// the SAM status once; then every pollMs find card → select → read text + photo, one request in flight,
// each with a timeout in words. A card is reported once per insertion; an ID number that fails GB 11643
// is refused (logged masked). Bytes that never form a frame (wrong baud rate) count as a fault, not silence.
import { deviceStatus, TypedEmitter, type IdCard, type IdCardReader, type IdCardReaderEvents } from '../device.ts';
import { type SerialDeviceOptions, SerialLink } from '../serial-link.ts';
import type { ByteLink } from '../transport/byte-link.ts';
import type { DeviceState, DeviceStatus } from '../../server/contract/devices.ts';
import { maskIdNumber, maskName } from '../../server/contract/privacy.ts';
import {
  decodeReadData,
  decodeResponse,
  describeStatus,
  encodeCommand,
  FIND_CARD,
  hex,
  isValidCardNumber,
  PHOTO_BYTES,
  READ_TEXT_PHOTO,
  SAM_STATUS,
  SELECT_CARD,
  SW3,
  TEXT_BYTES,
  type DecodedResponse,
  type SdtCommand,
} from './sdt-codec.ts';
import { SdtFramer } from './sdt-framer.ts';

export interface SerialIdCardReaderOptions extends SerialDeviceOptions {
  /** Interval between find-card polls. */
  pollMs?: number;
  /** How long the reader may take to start answering; the transfer time of the answer is added. */
  responseTimeoutMs?: number;
}

/** Why one exchange with the reader failed. */
export class IdCardReaderError extends Error {
  override readonly name = 'IdCardReaderError';
  constructor(
    readonly reason: 'timeout' | 'corrupt' | 'noise' | 'unplugged' | 'stopped',
    message: string,
  ) {
    super(message);
  }
}

interface Pending {
  resolve: (answer: DecodedResponse) => void;
  reject: (err: Error) => void;
  timer: NodeJS.Timeout;
}

/** Consecutive corrupted answers before the reader counts as faulty. */
const CORRUPT_LIMIT = 3;
const SAM_FAULTS: ReadonlySet<number> = new Set([SW3.SAM_SELF_CHECK_FAILED, SW3.SAM_NOT_AUTHORISED]);

export class SerialIdCardReader extends TypedEmitter<IdCardReaderEvents> implements IdCardReader {
  readonly kind = 'idcard' as const;
  #link: ByteLink | null = null;
  #framer = new SdtFramer({ minLen: 4 });
  #status: DeviceStatus;
  #pollTimer: NodeJS.Timeout | null = null;
  #pending: Pending | null = null;
  #busy = false;
  /** ID number (or refused raw number) of the card on the reader now; null when none. */
  #present: string | null = null;
  /** After a reconnect or an outage the card on the reader is read again, and reported only if new. */
  #verify = false;
  #corrupt = 0;
  #lastProblem = '';
  /** SAM status asked since the port opened. */
  #samChecked = false;
  /** Bytes outside any frame since the current request was sent. */
  #noise = 0;

  constructor(readonly options: SerialIdCardReaderOptions) {
    super();
    this.#status = deviceStatus('idcard', 'reconnecting', options.simulated ?? false);
  }

  async start(): Promise<void> {
    if (this.#link) return;
    const { path, baudRate, binding, retryMs, maxRetryMs, log } = this.options;
    const link =
      this.options.createLink?.('身份证读卡器') ??
      new SerialLink({
        path,
        baudRate,
        binding,
        retryMs,
        maxRetryMs,
        log,
        label: '身份证读卡器',
        rtscts: this.options.rtscts,
      });
    this.#link = link;
    link.on('open', () => {
      this.#framer.reset();
      this.#verify = true;
      this.#samChecked = false;
      void this.#poll();
    });
    link.on('close', () => this.#portLost());
    link.on('data', (chunk) => this.#onData(chunk));
    link.start();
    this.#pollTimer = setInterval(() => void this.#poll(), this.options.pollMs ?? 500);
  }

  async stop(): Promise<void> {
    if (this.#pollTimer) clearInterval(this.#pollTimer);
    this.#pollTimer = null;
    this.#failPending(new IdCardReaderError('stopped', '身份证读卡器驱动已停止'));
    const link = this.#link;
    this.#link = null;
    this.#framer.reset();
    await link?.stop();
  }

  status(): DeviceStatus {
    return this.#status;
  }

  // ---- polling ----

  async #poll(): Promise<void> {
    const link = this.#link;
    if (this.#busy || !link || !link.isOpen) return;
    this.#busy = true;
    try {
      await this.#cycle();
      this.#corrupt = 0;
    } catch (err) {
      this.#failed(err as Error);
    } finally {
      this.#busy = false;
    }
  }

  async #cycle(): Promise<void> {
    if (!this.#samChecked) {
      const sam = await this.#request(SAM_STATUS, 'SAM 状态检测', 0);
      if (SAM_FAULTS.has(sam.sw3)) return this.#setState('error', describeStatus(sam.sw3));
      // Any other answer (some readers do not know 11 FF) proves the reader is there; find card decides.
      this.#samChecked = true;
    }
    const find = await this.#request(FIND_CARD, '寻卡', 4);
    if (SAM_FAULTS.has(find.sw3)) return this.#setState('error', describeStatus(find.sw3));
    this.#setState('ready');
    if (find.sw3 === SW3.NO_CARD) {
      this.#present = null;
      this.#verify = false;
      this.#lastProblem = ''; // a new attempt with a card logs its problem again
      return;
    }
    if (find.sw3 !== SW3.FIND_SUCCESS) return this.#problem(`寻卡失败：${describeStatus(find.sw3)}`);
    if (this.#present !== null && !this.#verify) return; // the same card is still on the reader

    const select = await this.#request(SELECT_CARD, '选卡', 8);
    if (select.sw3 !== SW3.SUCCESS) return this.#problem(`选卡失败：${describeStatus(select.sw3)}`);

    const read = await this.#request(READ_TEXT_PHOTO, '读卡', 4 + TEXT_BYTES + PHOTO_BYTES);
    if (read.sw3 !== SW3.SUCCESS) return this.#problem(`读卡失败：${describeStatus(read.sw3)}`);
    let card: IdCard;
    try {
      card = decodeReadData(read.data);
    } catch (err) {
      return this.#problem(`读卡应答无法解析：${(err as Error).message}`);
    }
    this.#lastProblem = '';
    const id = card.idNumber;
    const wasVerify = this.#verify;
    this.#verify = false;
    if (wasVerify && this.#present === id) return; // reconnected with the same card still in place
    this.#present = id;
    if (!isValidCardNumber(card)) {
      this.options.log?.(`身份证读卡器：证件号码 ${maskIdNumber(id)}（${maskName(card.name)}）校验不通过，已拒绝`);
      return;
    }
    this.options.log?.(`身份证读卡器：读到 ${maskName(card.name)} ${maskIdNumber(id)}`);
    this.emit('card', card);
  }

  /** A reader answer that is not success: logged once until something changes, retried next poll. */
  #problem(line: string): void {
    if (line === this.#lastProblem) return;
    this.#lastProblem = line;
    this.options.log?.(`身份证读卡器：${line}`);
  }

  #failed(err: Error): void {
    if (!(err instanceof IdCardReaderError)) {
      this.options.log?.(`身份证读卡器：${err.message}`);
      return;
    }
    if (err.reason === 'timeout' && this.#link?.isOpen) {
      if (this.#status.state !== 'offline') this.options.log?.(`身份证读卡器：${err.message}`);
      this.#verify = this.#present !== null;
      this.#setState('offline', '读卡器无应答');
    } else if ((err.reason === 'corrupt' || err.reason === 'noise') && this.#link?.isOpen) {
      if (++this.#corrupt >= CORRUPT_LIMIT) {
        if (this.#status.state !== 'error')
          this.options.log?.(`身份证读卡器：连续 ${this.#corrupt} 次应答损坏（${err.message}）`);
        this.#setState('error', err.reason === 'noise' ? '收到的数据无法识别，请检查波特率设置' : '读卡器应答数据损坏');
      }
    }
  }

  // ---- one exchange ----

  #request(command: SdtCommand, what: string, answerDataBytes: number): Promise<DecodedResponse> {
    const link = this.#link;
    if (!link?.isOpen) return Promise.reject(new IdCardReaderError('unplugged', '身份证读卡器串口未打开'));
    const frame = encodeCommand(command);
    // 10 bits a byte on the wire: a text + photo answer takes 1.35 s at 9600 baud.
    const transferMs = Math.ceil(((answerDataBytes + 11) * 10 * 1000) / this.options.baudRate);
    const timeoutMs = (this.options.responseTimeoutMs ?? 800) + transferMs;
    return new Promise<DecodedResponse>((resolve, reject) => {
      const timer = setTimeout(() => {
        if (this.#pending?.timer !== timer) return;
        this.#pending = null;
        this.#framer.reset();
        if (this.#noise > 0) {
          reject(
            new IdCardReaderError(
              'noise',
              `${what}命令（${hex(frame)}）只收到 ${this.#noise} 字节无法识别的数据，请检查波特率（当前 ${this.options.baudRate}）`,
            ),
          );
        } else {
          reject(
            new IdCardReaderError('timeout', `读卡器无应答：${what}命令（${hex(frame)}）${timeoutMs} 毫秒内没有回答`),
          );
        }
      }, timeoutMs);
      this.#noise = 0;
      this.#pending = { resolve, reject, timer };
      link
        .write(frame)
        .catch((err: Error) =>
          this.#failPending(new IdCardReaderError('unplugged', `身份证读卡器串口写入失败：${err.message}`)),
        );
    });
  }

  #onData(chunk: Buffer): void {
    for (const item of this.#framer.push(chunk)) {
      if (item.type === 'frame') {
        const answer = decodeResponse(item.frame);
        const pending = this.#pending;
        // Answers nobody waits for (late, after a timeout) are dropped.
        if (!answer || !pending) continue;
        clearTimeout(pending.timer);
        this.#pending = null;
        pending.resolve(answer);
      } else if (item.type === 'garbage') {
        this.#noise += item.bytes;
      } else if (item.type === 'error') {
        this.#failPending(new IdCardReaderError('corrupt', `应答帧错误（${item.detail}）`));
      }
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
    this.#failPending(
      new IdCardReaderError('unplugged', deviceStatus('idcard', 'unplugged', this.options.simulated ?? false).message),
    );
    this.#framer.reset();
    this.#verify = this.#present !== null;
    this.#setState('unplugged');
  }

  #setState(state: DeviceState, detail?: string): void {
    const next = deviceStatus('idcard', state, this.options.simulated ?? false, detail);
    if (next.state === this.#status.state && next.message === this.#status.message) return;
    this.#status = next;
    this.emit('status', next);
  }
}
