// The WebSocket hub: on connect a snapshot, then every event with a per-connection `seq` that counts up
// by one (a gap on the client means: ask for a snapshot). Each message is serialised once per role, not
// once per screen, so a call reaches 200 displays in a few milliseconds.
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { parse } from '../schema.ts';
import { ClientMessage, MAX_CLIENT_MESSAGE_BYTES, type QueueSnapshot, type ServerMessage, type Ticket, type WsRole } from '../wire.ts';

type Unsequenced<M> = M extends { seq: number } ? Omit<M, 'seq'> : never;
export type Outgoing = Unsequenced<ServerMessage>;

interface Client {
  socket: WebSocket;
  role: WsRole;
  seq: number;
  alive: boolean;
}

export interface HubOptions {
  /** Decide the role of a new connection, or refuse it with an HTTP status and Chinese reason. */
  authorize(req: IncomingMessage, requested: string | null): { role: WsRole } | { status: number; reason: string };
  snapshot(role: WsRole): QueueSnapshot;
  heartbeatMs?: number;
}

/** Device events about a resident go to the kiosk only (DESIGN.md). */
const KIOSK_ONLY = new Set<Outgoing['type']>(['idcard.read', 'scan']);
/** Screens in the hall see no masked names or ID numbers at all. */
const PUBLIC_ROLES = new Set<WsRole>(['display', 'rate']);

export function publicTicket(t: Ticket): Ticket {
  // A transfer's note is for the receiving window, not for screens in the hall or a resident's phone.
  return t.nameMasked || t.idMasked || t.transfer ? { ...t, nameMasked: null, idMasked: null, transfer: null } : t;
}

export function projectForRole<T extends Outgoing | ServerMessage>(msg: T, role: WsRole): T {
  if (!PUBLIC_ROLES.has(role)) return msg;
  if ('ticket' in msg) return { ...msg, ticket: publicTicket(msg.ticket) };
  if (msg.type === 'snapshot') return { ...msg, snapshot: { ...msg.snapshot, tickets: msg.snapshot.tickets.map(publicTicket), devices: [] } };
  return msg;
}

export class Hub {
  readonly #wss = new WebSocketServer({ noServer: true, maxPayload: MAX_CLIENT_MESSAGE_BYTES, perMessageDeflate: false });
  readonly #clients = new Set<Client>();
  #heartbeat: NodeJS.Timeout | null = null;
  #server: Server | null = null;
  readonly #onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => this.#upgrade(req, socket, head);

  constructor(private readonly options: HubOptions) {}

  get connections(): number {
    return this.#clients.size;
  }

  start(server: Server): void {
    this.#server = server;
    server.on('upgrade', this.#onUpgrade);
    this.#heartbeat = setInterval(() => this.#beat(), this.options.heartbeatMs ?? 15_000);
  }

  stop(): void {
    if (this.#heartbeat) clearInterval(this.#heartbeat);
    this.#heartbeat = null;
    this.#server?.off('upgrade', this.#onUpgrade);
    for (const c of this.#clients) c.socket.terminate();
    this.#clients.clear();
    this.#wss.close();
  }

  publish(msg: Outgoing, only?: (role: WsRole) => boolean): void {
    const bodies = new Map<WsRole, string>();
    for (const client of this.#clients) {
      if (KIOSK_ONLY.has(msg.type) && client.role !== 'kiosk') continue;
      if (msg.type === 'device.status' && PUBLIC_ROLES.has(client.role)) continue;
      if (only && !only(client.role)) continue;
      let body = bodies.get(client.role);
      if (body === undefined) {
        // `{"type":…}` without its opening brace; the seq is put in front per connection.
        body = JSON.stringify(projectForRole(msg, client.role)).slice(1);
        bodies.set(client.role, body);
      }
      this.#send(client, body);
    }
  }

  #send(client: Client, bodyWithoutBrace: string): void {
    if (client.socket.readyState !== client.socket.OPEN) return;
    client.seq += 1;
    client.socket.send(`{"seq":${client.seq},${bodyWithoutBrace}`);
  }

  #sendSnapshot(client: Client): void {
    const msg = projectForRole({ type: 'snapshot', snapshot: this.options.snapshot(client.role) } as Outgoing, client.role);
    this.#send(client, JSON.stringify(msg).slice(1));
  }

  #upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname !== '/ws') {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
      return;
    }
    const verdict = this.options.authorize(req, url.searchParams.get('role'));
    if ('status' in verdict) {
      const reason = Buffer.from(JSON.stringify({ error: { code: 'ws-refused', message: verdict.reason } }));
      socket.end(`HTTP/1.1 ${verdict.status} Refused\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${reason.length}\r\nConnection: close\r\n\r\n${reason}`);
      return;
    }
    this.#wss.handleUpgrade(req, socket, head, (ws) => {
      const client: Client = { socket: ws, role: verdict.role, seq: 0, alive: true };
      this.#clients.add(client);
      ws.on('pong', () => (client.alive = true));
      ws.on('close', () => this.#clients.delete(client));
      ws.on('error', () => this.#clients.delete(client));
      ws.on('message', (data, isBinary) => this.#receive(client, data as Buffer, isBinary));
      this.#sendSnapshot(client);
    });
  }

  #receive(client: Client, data: Buffer, isBinary: boolean): void {
    let parsed: unknown;
    try {
      parsed = isBinary ? undefined : JSON.parse(data.toString('utf8'));
    } catch {
      parsed = undefined;
    }
    const result = parse(ClientMessage, parsed);
    if (!result.ok) {
      const error = { code: 'bad-message', message: '无法识别的消息，已忽略', details: result.issues.map((i) => `${i.path}：${i.message}`) };
      this.#send(client, JSON.stringify({ type: 'error', error }).slice(1));
      return;
    }
    if (result.value.type === 'snapshot.request') this.#sendSnapshot(client);
  }

  #beat(): void {
    for (const c of this.#clients) {
      if (!c.alive) {
        c.socket.terminate();
        this.#clients.delete(c);
        continue;
      }
      c.alive = false;
      c.socket.ping();
    }
  }
}
