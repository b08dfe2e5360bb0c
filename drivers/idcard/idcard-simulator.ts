// A GA 467 ID card reader at the far end of a simulated cable (SimBinding). It parses host frames with
// the same framer the driver uses and answers as a reader does: find card 9F / 80, select 90 / 81,
// read text + photo 90 with the 1288-byte block / 41, SAM reset / status / id 90, bad checksum 10,
// bad length 11, unknown command 21; a failed SAM (60, 66) answers every command with its code.
// Modes make it misbehave: garbage before every answer, answers with a wrong checksum, only noise
// (what a wrong baud rate looks like), or no answer at all (reader hung).
import type { IdCard } from '../device.ts';
import type { SimulatedDevice } from '../sim/sim-binding.ts';
import {
  decodeCommand,
  encodeReadData,
  encodeResponse,
  FIND_CARD,
  READ_SAM_ID,
  READ_TEXT_PHOTO,
  RESET_SAM,
  SAM_ID_BYTES,
  SAM_STATUS,
  SELECT_CARD,
  SW3,
} from './sdt-codec.ts';
import { SdtFramer } from './sdt-framer.ts';

export type IdCardSimulatorMode = 'normal' | 'garbage' | 'bad-checksum' | 'noise' | 'silent';
/** Which command an `override` replaces the answer of. */
export type SdtStep = 'find' | 'select' | 'read';

export interface IdCardSimulatorOptions {
  /** What find card answers after a card was read and stays on the reader. 'card' (9F) by default;
   *  'no-card' (80) models readers whose card stays in the ISO 14443-B ACTIVE state until it is lifted. */
  findAfterRead?: 'card' | 'no-card';
}

export class IdCardSimulator implements SimulatedDevice {
  #send: ((bytes: Buffer) => void) | null = null;
  #framer = new SdtFramer({ minLen: 3 });
  #card: IdCard | null = null;
  #selected = false;
  /** The card on the reader has been read (matters with findAfterRead 'no-card'). */
  #read = false;
  #mode: IdCardSimulatorMode = 'normal';
  #samFault: number | null = null;
  #overrides = new Map<SdtStep, number>();
  #commands = 0;

  constructor(readonly options: IdCardSimulatorOptions = {}) {}

  // ---- SimulatedDevice ----
  receive(bytes: Buffer): void {
    for (const item of this.#framer.push(bytes)) {
      if (item.type === 'error' && item.reason === 'checksum') this.#answer(encodeResponse(SW3.CHECKSUM_ERROR));
      else if (item.type === 'error' && item.reason === 'length') this.#answer(encodeResponse(SW3.LENGTH_ERROR));
      else if (item.type === 'frame') this.#command(item.frame);
    }
  }

  attach(send: (bytes: Buffer) => void): void {
    this.#send = send;
  }

  detach(): void {
    this.#send = null;
    this.#framer.reset();
    this.#selected = false;
  }

  // ---- controls (developer page, tests) ----
  insertCard(card: IdCard): void {
    this.#card = { ...card };
    this.#selected = false;
    this.#read = false;
  }

  removeCard(): void {
    this.#card = null;
    this.#selected = false;
    this.#read = false;
  }

  /** SAM failure (0x60 self-check failed, 0x66 not authorised) answered to every command; null clears it. */
  setSamFault(sw3: 0x60 | 0x66 | null): void {
    this.#samFault = sw3;
  }

  /** Answer this step with a bare status code (any SW3) instead of the normal answer; null clears it. */
  override(step: SdtStep, sw3: number | null): void {
    if (sw3 === null) this.#overrides.delete(step);
    else this.#overrides.set(step, sw3);
  }

  setMode(mode: IdCardSimulatorMode): void {
    this.#mode = mode;
  }

  get mode(): IdCardSimulatorMode {
    return this.#mode;
  }

  get hasCard(): boolean {
    return this.#card !== null;
  }

  /** Complete command frames received (answered or not). */
  get commands(): number {
    return this.#commands;
  }

  #command(frame: Buffer): void {
    const cmd = decodeCommand(frame);
    this.#commands++;
    if (!cmd) return this.#answer(encodeResponse(SW3.LENGTH_ERROR));
    const is = (c: { cmd: number; para: number }) => cmd.cmd === c.cmd && cmd.para === c.para;
    if (is(RESET_SAM)) {
      this.#selected = false;
      return this.#answer(encodeResponse(this.#samFault ?? SW3.SUCCESS));
    }
    if (this.#samFault !== null) return this.#answer(encodeResponse(this.#samFault));
    if (is(SAM_STATUS)) return this.#answer(encodeResponse(SW3.SUCCESS));
    if (is(READ_SAM_ID)) return this.#answer(encodeResponse(SW3.SUCCESS, Buffer.alloc(SAM_ID_BYTES, 0x5a)));
    const step: SdtStep | null = is(FIND_CARD)
      ? 'find'
      : is(SELECT_CARD)
        ? 'select'
        : is(READ_TEXT_PHOTO)
          ? 'read'
          : null;
    const forced = step ? this.#overrides.get(step) : undefined;
    if (forced !== undefined) return this.#answer(encodeResponse(forced));
    if (step === 'find') {
      if (!this.#card) this.#selected = false;
      const found = this.#card !== null && !(this.#read && this.options.findAfterRead === 'no-card');
      return this.#answer(found ? encodeResponse(SW3.FIND_SUCCESS, Buffer.alloc(4)) : encodeResponse(SW3.NO_CARD));
    }
    if (step === 'select') {
      this.#selected = this.#card !== null;
      return this.#answer(
        this.#card ? encodeResponse(SW3.SUCCESS, Buffer.alloc(8)) : encodeResponse(SW3.SELECT_FAILED),
      );
    }
    if (step === 'read') {
      if (!this.#card) return this.#answer(encodeResponse(SW3.READ_FAILED));
      if (!this.#selected) return this.#answer(encodeResponse(SW3.OUT_OF_ORDER));
      this.#read = true;
      return this.#answer(encodeResponse(SW3.SUCCESS, encodeReadData(this.#card)));
    }
    this.#answer(encodeResponse(SW3.UNKNOWN_COMMAND));
  }

  #answer(frame: Buffer): void {
    const send = this.#send;
    if (!send) return;
    switch (this.#mode) {
      case 'silent':
        return;
      case 'bad-checksum': {
        const bad = Buffer.from(frame);
        bad[bad.length - 1] = bad[bad.length - 1]! ^ 0x5a;
        return send(bad);
      }
      case 'noise':
        // No preamble anywhere: bytes at the wrong baud rate never look like a frame.
        return send(Buffer.from(frame.map((b) => ((b ^ 0x33) === 0xaa ? 0x55 : b ^ 0x33))));
      case 'garbage': {
        // Line noise (including a false preamble start) before the answer, and the answer in two pieces.
        const half = Math.floor(frame.length / 2);
        send(Buffer.of(0x00, 0xff, 0xaa, 0xaa, 0x13, 0x37, 0xaa));
        send(frame.subarray(0, half));
        send(frame.subarray(half));
        return;
      }
      default:
        send(frame);
    }
  }
}
