// The ID card reader through a vendor's sdtapi library (KIOSK_IDREADER_PORT=sdtapi:/path/lib.so[:PORT]).
// Same events, same masking and the same text decoder as the serial driver (decodeCardText in
// sdt-codec.ts); only the transport differs: the library talks to the reader, we call its functions.
// Open the port, then every pollMs find → select → read; a card is reported once per insertion. Port
// codes (0x01–0x05) mean the reader has gone: close, report unplugged, and reopen with capped back-off.
import { deviceStatus, TypedEmitter, type IdCard, type IdCardReader, type IdCardReaderEvents } from '../device.ts';
import type { DeviceState, DeviceStatus } from '../../server/contract/devices.ts';
import { maskIdNumber, maskName } from '../../server/contract/privacy.ts';
import { decodeCardText, describeStatus, isValidCardNumber, SW3, TEXT_BYTES } from './sdt-codec.ts';
import { loadSdtApi, PORT_CODES, type SdtApi } from './sdtapi-library.ts';

export interface SdtApiReaderOptions {
  /** Absolute path of the vendor's .so. */
  library: string;
  /** The library's port number: 1001–1016 USB, 1–16 serial. */
  port: number;
  pollMs?: number;
  retryMs?: number;
  maxRetryMs?: number;
  log?: (line: string) => void;
  /** How the library is loaded (koffi by default). */
  load?: (path: string) => SdtApi;
}

const SAM_FAULTS: ReadonlySet<number> = new Set([SW3.SAM_SELF_CHECK_FAILED, SW3.SAM_NOT_AUTHORISED]);
const describe = (code: number): string => PORT_CODES[code] ?? describeStatus(code);

export class SdtApiIdCardReader extends TypedEmitter<IdCardReaderEvents> implements IdCardReader {
  readonly kind = 'idcard' as const;
  #api: SdtApi | null = null;
  #open = false;
  #running = false;
  #timer: NodeJS.Timeout | null = null;
  #delay: number;
  #status: DeviceStatus = deviceStatus('idcard', 'reconnecting', false);
  #present: string | null = null;
  #lastProblem = '';
  #loggedAway = false;
  /** The poll in flight (stop() waits for it: the library must not be unloaded under a call). */
  #cycle: Promise<void> = Promise.resolve();

  constructor(readonly options: SdtApiReaderOptions) {
    super();
    this.#delay = options.retryMs ?? 200;
  }

  status(): DeviceStatus {
    return this.#status;
  }

  async start(): Promise<void> {
    if (this.#running) return;
    this.#running = true;
    this.#schedule(0);
  }

  async stop(): Promise<void> {
    this.#running = false;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    await this.#cycle;
    const api = this.#api;
    this.#api = null;
    if (api && this.#open) await api.closePort(this.options.port).catch(() => 0);
    this.#open = false;
    api?.unload();
  }

  #schedule(ms: number): void {
    if (!this.#running) return;
    this.#timer = setTimeout(() => {
      this.#timer = null;
      this.#cycle = this.#poll().then((next) => this.#schedule(next));
    }, ms);
  }

  /** One poll; resolves with the delay before the next. */
  async #poll(): Promise<number> {
    const pollMs = this.options.pollMs ?? 500;
    try {
      if (!this.#api) this.#api = (this.options.load ?? loadSdtApi)(this.options.library);
    } catch (err) {
      // A missing or wrong library is a set-up fault the administrator fixes; keep trying slowly. The log
      // has the library's own words; the status (shown on screens) says what to do.
      this.#away('error', '读卡器厂商动态库无法加载，请在设备设置中检查', (err as Error).message);
      return this.#backoff();
    }
    const api = this.#api;
    const port = this.options.port;
    try {
      if (!this.#open) {
        const code = await api.openPort(port);
        if (code !== SW3.SUCCESS) {
          this.#away('unplugged', `打开端口 ${port}：${describe(code)}`);
          return this.#backoff();
        }
        this.#open = true;
        this.#delay = this.options.retryMs ?? 200;
        if (this.#loggedAway) this.options.log?.(`身份证读卡器：厂商动态库端口 ${port} 已恢复`);
        this.#loggedAway = false;
      }
      const find = await api.startFindIdCard(port);
      if (this.#gone(find)) return this.#lost(find);
      if (SAM_FAULTS.has(find)) {
        this.#setState('error', describeStatus(find));
        return pollMs;
      }
      this.#setState('ready');
      if (find === SW3.NO_CARD) {
        this.#present = null;
        this.#lastProblem = '';
        return pollMs;
      }
      if (find !== SW3.FIND_SUCCESS) return this.#problem(`寻卡失败：${describe(find)}`, pollMs);
      if (this.#present !== null) return pollMs; // the same card is still on the reader
      const select = await api.selectIdCard(port);
      if (this.#gone(select)) return this.#lost(select);
      if (select !== SW3.SUCCESS) return this.#problem(`选卡失败：${describe(select)}`, pollMs);
      const read = await api.readBaseMsg(port);
      if (this.#gone(read.code)) return this.#lost(read.code);
      if (read.code !== SW3.SUCCESS) return this.#problem(`读卡失败：${describe(read.code)}`, pollMs);
      if (read.text.length < TEXT_BYTES)
        return this.#problem(`读卡失败：文字信息只有 ${read.text.length} 字节`, pollMs);
      let card: IdCard;
      try {
        card = decodeCardText(read.text.subarray(0, TEXT_BYTES));
      } catch (err) {
        return this.#problem(`读卡失败：${(err as Error).message}`, pollMs);
      } finally {
        read.text.fill(0);
      }
      this.#lastProblem = '';
      this.#present = card.idNumber;
      if (!isValidCardNumber(card)) {
        this.options.log?.(
          `身份证读卡器：证件号码 ${maskIdNumber(card.idNumber)}（${maskName(card.name)}）校验不通过，已拒绝`,
        );
        return pollMs;
      }
      this.options.log?.(`身份证读卡器：读到 ${maskName(card.name)} ${maskIdNumber(card.idNumber)}`);
      this.emit('card', card);
      return pollMs;
    } catch (err) {
      // koffi itself failed (the library crashed a call): treat as the reader gone.
      this.#open = false;
      this.#away('unplugged', `调用厂商动态库出错：${(err as Error).message}`);
      return this.#backoff();
    }
  }

  #gone(code: number): boolean {
    return code in PORT_CODES;
  }

  async #lost(code: number): Promise<number> {
    const api = this.#api;
    this.#open = false;
    this.#present = null;
    await api?.closePort(this.options.port).catch(() => 0);
    this.#away('unplugged', describe(code));
    return this.#backoff();
  }

  #backoff(): number {
    const d = this.#delay;
    this.#delay = Math.min(this.#delay * 2, this.options.maxRetryMs ?? 1000);
    return d;
  }

  #away(state: DeviceState, detail: string, logLine = detail): void {
    if (!this.#loggedAway) {
      this.options.log?.(`身份证读卡器：${logLine}，将自动重试`);
      this.#loggedAway = true;
    }
    this.#setState(state, detail);
  }

  #problem(line: string, next: number): number {
    if (line !== this.#lastProblem) {
      this.#lastProblem = line;
      this.options.log?.(`身份证读卡器：${line}`);
    }
    return next;
  }

  #setState(state: DeviceState, detail?: string): void {
    const next = deviceStatus('idcard', state, false, detail);
    if (next.state === this.#status.state && next.message === this.#status.message) return;
    this.#status = next;
    this.emit('status', next);
  }
}
