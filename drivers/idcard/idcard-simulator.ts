// A GA 467 ID card reader at the far end of a simulated cable (SimBinding). It parses host frames with
// the same framer the driver uses and answers as a reader does: find card 9F / 80, select 90 / 81,
// read text + photo 90 with the 1288-byte block / 41, bad checksum 10, unknown command 21.
// Modes make it misbehave: garbage before every answer, answers with a wrong checksum, or no answer.
import type { IdCard } from '../device.ts';
import type { SimulatedDevice } from '../sim/sim-binding.ts';
import { decodeCommand, encodeReadData, encodeResponse, FIND_CARD, READ_TEXT_PHOTO, SELECT_CARD, SW3 } from './sdt-codec.ts';
import { SdtFramer } from './sdt-framer.ts';

export type IdCardSimulatorMode = 'normal' | 'garbage' | 'bad-checksum' | 'silent';

export class IdCardSimulator implements SimulatedDevice {
  #send: ((bytes: Buffer) => void) | null = null;
  #framer = new SdtFramer({ minLen: 3 });
  #card: IdCard | null = null;
  #selected = false;
  #mode: IdCardSimulatorMode = 'normal';
  #commands = 0;

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
  }

  removeCard(): void {
    this.#card = null;
    this.#selected = false;
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
    if (is(FIND_CARD)) {
      if (!this.#card) this.#selected = false;
      return this.#answer(this.#card ? encodeResponse(SW3.FIND_SUCCESS, Buffer.alloc(4)) : encodeResponse(SW3.NO_CARD));
    }
    if (is(SELECT_CARD)) {
      this.#selected = this.#card !== null;
      return this.#answer(this.#card ? encodeResponse(SW3.SUCCESS, Buffer.alloc(8)) : encodeResponse(SW3.SELECT_FAILED));
    }
    if (is(READ_TEXT_PHOTO)) {
      if (!this.#card) return this.#answer(encodeResponse(SW3.READ_FAILED));
      if (!this.#selected) return this.#answer(encodeResponse(SW3.OUT_OF_ORDER));
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
