// A character device opened as a file (Linux usblp: /dev/usb/lp0, or a udev name for it): the job is
// written to it and the printer's status answers are read back from the same device. It is opened
// O_NONBLOCK and read by a short poll, so no thread waits in read() and stop() is immediate. An unplugged
// device fails its reads (ENODEV/EIO) or disappears from /dev; the link then reopens it with back-off.
import { constants, existsSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { type LinkConnection, ReconnectingLink, type ReconnectOptions } from './byte-link.ts';

export interface FileLinkOptions extends ReconnectOptions {
  path: string;
  /** Read poll interval. */
  readPollMs?: number;
}

const AGAIN = new Set(['EAGAIN', 'EWOULDBLOCK', 'EINTR']);

export class FileLink extends ReconnectingLink {
  constructor(readonly options: FileLinkOptions) {
    super(options);
  }

  get where(): string {
    return `设备文件 ${this.options.path}`;
  }

  protected async connect(hooks: { data(chunk: Buffer): void; lost(err: Error): void }): Promise<LinkConnection> {
    const { path } = this.options;
    let handle: FileHandle;
    try {
      handle = await open(path, constants.O_RDWR | constants.O_NONBLOCK | constants.O_NOCTTY);
    } catch (err) {
      throw new Error(`无法打开 ${path}：${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    }
    let closed = false;
    let timer: NodeJS.Timeout | null = null;
    const buf = Buffer.alloc(512);
    const pollMs = this.options.readPollMs ?? 20;
    let ticks = 0;
    const lose = (err: Error) => {
      if (closed) return;
      closed = true;
      if (timer) clearTimeout(timer);
      hooks.lost(err);
    };
    // usblp refuses reads (EINVAL) from a printer whose USB interface is one-way: it can print but never
    // answer DLE EOT. Then only the writes go on, and the driver reports the silence as 无应答.
    let readable = true;
    const poll = async (): Promise<void> => {
      timer = null;
      if (closed) return;
      try {
        // Drain whatever the device has, then wait a tick.
        while (readable) {
          const { bytesRead } = await handle.read(buf, 0, buf.length, null);
          if (closed || bytesRead === 0) break;
          hooks.data(Buffer.from(buf.subarray(0, bytesRead)));
        }
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code ?? '';
        if (code === 'EINVAL') {
          readable = false;
          this.options.log?.(`${this.options.label}: ${path} 不能回读（单向 USB 打印接口），无法查询纸张和纸仓盖状态`);
        } else if (!AGAIN.has(code)) return lose(new Error(`读取 ${path} 失败：${code || (err as Error).message}`));
      }
      // Some devices read 0 for ever once unplugged; the node leaving /dev is the sure sign.
      if (++ticks % Math.max(1, Math.round(250 / pollMs)) === 0 && !existsSync(path))
        return lose(new Error(`${path} 已移除`));
      if (!closed) timer = setTimeout(() => void poll(), pollMs);
    };
    timer = setTimeout(() => void poll(), 0);
    return {
      write: async (bytes) => {
        let at = 0;
        const data = Buffer.from(bytes);
        while (at < data.length) {
          if (closed) throw new Error(`${path} 已断开`);
          try {
            const { bytesWritten } = await handle.write(data, at, data.length - at, null);
            at += bytesWritten;
          } catch (err) {
            const code = (err as NodeJS.ErrnoException).code ?? '';
            // The printer's buffer is full: it takes the rest once it has printed some.
            if (AGAIN.has(code)) {
              await new Promise((r) => setTimeout(r, 10));
              continue;
            }
            lose(new Error(`写入 ${path} 失败：${code || (err as Error).message}`));
            throw err;
          }
        }
      },
      close: async () => {
        closed = true;
        if (timer) clearTimeout(timer);
        await handle.close().catch(() => {});
      },
    };
  }
}
