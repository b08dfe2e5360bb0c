// A serial cable without the hardware: socat makes a pty pair, the driver (or the server) opens one end with
// the real serial binding, and the test plays the device on the other end with plain fs. Killing socat is
// the cable pulled; starting it again with the same link names is the cable back.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, openSync, read, writeSync } from 'node:fs';

/** socat's path, or '' when it is not installed (npm test's pretest installs it as root). */
export const SOCAT = spawnSync('sh', ['-c', 'command -v socat'], { encoding: 'utf8' }).stdout.trim();

export class PtyCable {
  #socat: ChildProcess | null = null;
  #fd = -1;

  /** `hostEnd` is the path the driver opens; `farEnd` is the device's side, played by the test. */
  constructor(
    readonly hostEnd: string,
    readonly farEnd: string,
  ) {}

  get connected(): boolean {
    return this.#fd >= 0;
  }

  /**
   * Plug in: start socat, open the far end, and hand every chunk the host writes to `onBytes`. Without
   * `onBytes` (a device that only sends, like a scanner) nothing reads the far end: with a read pending
   * there, the scanner driver missed the pulled cable within its 3 s in about one run in six.
   */
  async up(onBytes?: (chunk: Buffer) => void): Promise<void> {
    const socat = spawn(SOCAT, [`pty,raw,echo=0,link=${this.hostEnd}`, `pty,raw,echo=0,link=${this.farEnd}`], {
      stdio: 'ignore',
    });
    this.#socat = socat;
    const t0 = Date.now();
    while (!(existsSync(this.hostEnd) && existsSync(this.farEnd))) {
      if (Date.now() - t0 > 5000) throw new Error('socat 未在 5 秒内建立 pty');
      await new Promise((r) => setTimeout(r, 20));
    }
    const fd = openSync(this.farEnd, 'r+');
    this.#fd = fd;
    if (!onBytes) return;
    const buf = Buffer.alloc(4096);
    const loop = (): void => {
      read(fd, buf, 0, buf.length, null, (err, n) => {
        // This cable was pulled (or replaced by a new one): stop reading the old descriptor.
        if (err || n === 0 || this.#fd !== fd) return;
        onBytes(Buffer.from(buf.subarray(0, n)));
        loop();
      });
    };
    loop();
  }

  /** The device sends bytes to the host; nothing happens while the cable is out. */
  write(bytes: Uint8Array): void {
    if (this.#fd >= 0) writeSync(this.#fd, bytes);
  }

  /** Pull the cable: kill socat (our own child, by its handle) and wait until it has exited. */
  async down(): Promise<void> {
    const fd = this.#fd;
    this.#fd = -1;
    const socat = this.#socat;
    this.#socat = null;
    if (socat && socat.exitCode === null && socat.signalCode === null) {
      const exited = new Promise((r) => socat.once('exit', r));
      socat.kill('SIGTERM');
      await exited;
    }
    if (fd >= 0) {
      try {
        closeSync(fd);
      } catch {
        /* already gone with socat */
      }
    }
  }
}
