// A network receipt printer without the hardware: a local TCP server on a free port that speaks as an
// ESC/POS printer's raw port does (the same EscPosParser the simulator uses reads what the host sends;
// DLE EOT n is answered from `state`). It can go silent (still connected, answers nothing), drop every
// connection and stop listening (the printer switched off), and listen again on the same port.
import { createServer, type Server, type Socket } from 'node:net';
import { EscPosParser } from '../../drivers/printer/escpos-parser.ts';
import { encodeStatus } from '../../drivers/printer/status-codec.ts';
import type { StatusRequest } from '../../drivers/printer/commands.ts';

export class NetPrinter {
  readonly state = { paper: 'ok' as 'ok' | 'near-end' | 'out', coverOpen: false };
  silent = false;
  /** Every non-status command received, raw. */
  readonly received: Buffer[] = [];
  statusRequests = 0;
  connections = 0;
  #server: Server | null = null;
  #sockets = new Set<Socket>();
  port = 0;

  async up(): Promise<void> {
    const server = createServer((socket) => {
      this.connections++;
      this.#sockets.add(socket);
      const parser = new EscPosParser();
      socket.on('data', (chunk) => {
        for (const cmd of parser.push(chunk)) {
          if (cmd.op === 'status-request') {
            this.statusRequests++;
            if (!this.silent) socket.write(Buffer.of(encodeStatus(cmd.n as StatusRequest, this.state)));
          } else this.received.push(Buffer.from(cmd.raw));
        }
      });
      socket.on('error', () => {});
      socket.on('close', () => this.#sockets.delete(socket));
    });
    this.#server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.address() as { port: number }).port;
  }

  get url(): string {
    return `tcp://127.0.0.1:${this.port}`;
  }

  /** Switched off: every connection reset, nothing listening on the port. */
  async down(): Promise<void> {
    for (const s of this.#sockets) s.destroy();
    this.#sockets.clear();
    const server = this.#server;
    this.#server = null;
    if (server) await new Promise<void>((r) => server.close(() => r()));
  }

  receivedBytes(): Buffer {
    return Buffer.concat(this.received);
  }
}
