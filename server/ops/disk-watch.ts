// Free space on the data folder's disk, checked once a minute: below KIOSK_DISK_WARN_MB the server says so
// in the log (once per crossing, as a warning) and on /admin, before SQLite runs out and refuses tickets.
import { statfsSync } from 'node:fs';
import type { DiskStatus } from '../contract/ops.ts';

export class DiskWatch {
  #low = false;
  #timer: NodeJS.Timeout | null = null;
  #last: DiskStatus | null = null;

  constructor(
    private readonly dir: string,
    private readonly warnMb: number,
    private readonly log: (line: string) => void,
    private readonly warn: (line: string) => void,
  ) {}

  start(): void {
    this.check();
    this.#timer = setInterval(() => this.check(), 60_000);
    this.#timer.unref();
  }

  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
  }

  check(): DiskStatus {
    let freeMb: number | null = null;
    let totalMb: number | null = null;
    try {
      const s = statfsSync(this.dir);
      freeMb = Math.floor((s.bavail * s.bsize) / 1048576);
      totalMb = Math.floor((s.blocks * s.bsize) / 1048576);
    } catch {
      // an unreadable disk is reported as unknown, not as full
    }
    const low = freeMb !== null && freeMb < this.warnMb;
    if (low && !this.#low)
      this.warn(
        `数据盘剩余空间不足：仅剩 ${freeMb} MB（低于 ${this.warnMb} MB），请清理磁盘或更换更大的存储，否则将无法取号`,
      );
    if (!low && this.#low) this.log(`数据盘剩余空间已恢复：${freeMb} MB`);
    this.#low = low;
    this.#last = {
      freeMb,
      totalMb,
      warnBelowMb: this.warnMb,
      warning: low ? `数据盘剩余空间仅 ${freeMb} MB（低于 ${this.warnMb} MB），请尽快清理，否则将无法取号` : null,
    };
    return this.#last;
  }

  status(): DiskStatus {
    return this.#last ?? this.check();
  }
}
