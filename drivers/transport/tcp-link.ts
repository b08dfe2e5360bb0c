// A network receipt printer's raw port (tcp://HOST:9100, "JetDirect"/RAW printing): one TCP connection
// carries the ESC/POS job out and the DLE EOT status answers back, exactly as a serial cable does.
// Connect with a timeout; a refused, reset or closed connection is the cable pulled, and the link
// reconnects with capped back-off.
import { connect, type Socket } from 'node:net';
import { type LinkConnection, ReconnectingLink, type ReconnectOptions } from './byte-link.ts';

export interface TcpLinkOptions extends ReconnectOptions {
  host: string;
  port: number;
  /** How long one connect attempt may take (an absent host does not answer at all). */
  connectTimeoutMs?: number;
}

export class TcpLink extends ReconnectingLink {
  constructor(readonly options: TcpLinkOptions) {
    super(options);
  }

  get where(): string {
    return `网络打印机 ${this.options.host}:${this.options.port}`;
  }

  protected connect(hooks: { data(chunk: Buffer): void; lost(err: Error): void }): Promise<LinkConnection> {
    const { host, port } = this.options;
    const timeoutMs = this.options.connectTimeoutMs ?? 3000;
    return new Promise((resolve, reject) => {
      const socket: Socket = connect({ host, port });
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new Error(`连接 ${host}:${port} 超过 ${timeoutMs} 毫秒无响应`));
      }, timeoutMs);
      const early = (err: Error) => {
        clearTimeout(timer);
        socket.destroy();
        reject(new Error(`连接 ${host}:${port} 失败：${err.message}`));
      };
      socket.once('error', early);
      socket.once('connect', () => {
        clearTimeout(timer);
        socket.off('error', early);
        socket.setNoDelay(true);
        // Finds a printer that vanished without a FIN sooner than the kernel's two-hour default.
        socket.setKeepAlive(true, 1000);
        socket.on('data', (chunk: Buffer) => hooks.data(chunk));
        socket.on('error', (err) => hooks.lost(err));
        socket.on('close', () => hooks.lost(new Error('连接已断开')));
        // The printer closing its side ends the conversation: no more status answers can come.
        socket.on('end', () => socket.destroy());
        resolve({
          write: (bytes) =>
            new Promise<void>((res, rej) => {
              if (socket.destroyed) return rej(new Error('连接已断开'));
              socket.write(Buffer.from(bytes), (err) => (err ? rej(err) : res()));
            }),
          close: async () => {
            socket.removeAllListeners();
            socket.on('error', () => {});
            socket.destroy();
          },
        });
      });
    });
  }
}
