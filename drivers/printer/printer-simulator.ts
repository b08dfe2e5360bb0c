// A thermal receipt printer at the far end of a simulated cable (SimBinding). It reads the same ESC/POS
// bytes a real one does: answers DLE EOT n from its current condition, and keeps every completed job
// (everything up to and including a cut) as bytes. Out of paper, with the cover open or in error it
// still answers status requests but prints nothing; a job touched by such a condition is discarded whole.
import type { SimulatedDevice } from '../sim/sim-binding.ts';
import { EscPosParser } from './escpos-parser.ts';
import { encodeStatus } from './status-codec.ts';
import type { StatusRequest } from './commands.ts';

export type PaperState = 'ok' | 'near-end' | 'out';
export type PrinterFault = 'cutter' | 'unrecoverable';

export interface PrinterSimulatorState {
  paper: PaperState;
  coverOpen: boolean;
  error: PrinterFault | null;
  /** Switched off with the cable still in: the port stays open but nothing answers. */
  poweredOn: boolean;
}

/** Jobs kept for inspection: the last few hundred, as a paper roll's worth; a day-long run stays bounded. */
export const KEPT_JOBS = 500;

export class PrinterSimulator implements SimulatedDevice {
  #send: ((bytes: Buffer) => void) | null = null;
  #parser = new EscPosParser();
  #state: PrinterSimulatorState = { paper: 'ok', coverOpen: false, error: null, poweredOn: true };
  #current: Uint8Array[] = [];
  #spoiled = false;
  #jobs: Uint8Array[] = [];
  #printed = 0;
  #discarded = 0;
  #statusRequests = 0;
  #listeners = new Set<(job: Uint8Array) => void>();

  // ---- SimulatedDevice ----
  receive(bytes: Buffer): void {
    if (!this.#state.poweredOn) return;
    for (const cmd of this.#parser.push(bytes)) {
      if (cmd.op === 'status-request') {
        this.#statusRequests++;
        // Only n = 1–4 are defined; a printer ignores other values.
        if (cmd.n >= 1 && cmd.n <= 4) this.#send?.(Buffer.of(encodeStatus(cmd.n as StatusRequest, this.#state)));
        continue;
      }
      if (!this.canPrint()) this.#spoiled = true;
      else this.#current.push(cmd.raw);
      if (cmd.op === 'cut') this.#finishJob();
    }
  }

  attach(send: (bytes: Buffer) => void): void {
    this.#send = send;
  }

  detach(): void {
    // Cable pulled: whatever was half received is lost, like a printer losing its input buffer.
    this.#send = null;
    this.#dropJob();
  }

  // ---- controls (developer page, tests) ----
  setPaper(paper: PaperState): void {
    this.#state = { ...this.#state, paper };
  }

  setCover(open: boolean): void {
    this.#state = { ...this.#state, coverOpen: open };
  }

  setError(error: PrinterFault | null): void {
    this.#state = { ...this.#state, error };
  }

  setPower(on: boolean): void {
    this.#state = { ...this.#state, poweredOn: on };
    if (!on) this.#dropJob();
  }

  state(): PrinterSimulatorState {
    return { ...this.#state };
  }

  canPrint(): boolean {
    const s = this.#state;
    return s.poweredOn && s.paper !== 'out' && !s.coverOpen && s.error === null;
  }

  /** The last KEPT_JOBS completed jobs, oldest first: every byte printed, up to and including the cut. */
  printedJobs(): Uint8Array[] {
    return this.#jobs.map((j) => j.slice());
  }

  /** How many jobs were printed in all (also those no longer kept). */
  get printedCount(): number {
    return this.#printed;
  }

  /** Jobs lost to paper out, an open cover, an error, power or an unplug. */
  get discardedJobs(): number {
    return this.#discarded;
  }

  get statusRequests(): number {
    return this.#statusRequests;
  }

  clearJobs(): void {
    this.#jobs = [];
  }

  /** Called with each completed job; returns the unsubscribe function. */
  onJob(listener: (job: Uint8Array) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #dropJob(): void {
    if (this.#current.length) this.#discarded++;
    this.#current = [];
    this.#spoiled = false;
    this.#parser = new EscPosParser();
  }

  #finishJob(): void {
    const spoiled = this.#spoiled;
    const parts = this.#current;
    this.#current = [];
    this.#spoiled = false;
    if (spoiled) {
      this.#discarded++;
      return;
    }
    const job = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const p of parts) {
      job.set(p, at);
      at += p.length;
    }
    this.#jobs.push(job);
    this.#printed++;
    if (this.#jobs.length > KEPT_JOBS) this.#jobs.shift();
    for (const l of this.#listeners) l(job.slice());
  }
}
