// The WebSocket hub: on connect a snapshot, then every event with a per-connection `seq` that counts up
// by one (a gap on the client means: ask for a snapshot). Each message is serialised once per role, not
// once per screen, so a call reaches 200 displays in a few milliseconds.
import { STATUS_CODES, type IncomingMessage, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { parse } from '../contract/schema.ts';
import { httpStatus } from '../http/error-status.ts';
import { DomainError } from '../common/errors.ts';
import { ClientMessage, MAX_CLIENT_MESSAGE_BYTES, type ServerMessage, type WsRole } from '../contract/ws.ts';
import { type QueueSnapshot, type Ticket } from '../contract/queue.ts';

type Unsequenced<M> = M extends { seq: number } ? Omit<M, 'seq'> : never;
export type Outgoing = Unsequenced<ServerMessage>;

interface Client {
  socket: WebSocket;
  role: WsRole;
  seq: number;
  alive: boolean;
  address: string;
  /** A paired rating tablet's window (role 'rate'); null for every other connection. */
  windowNo: number | null;
  /** A phone page's own ticket (role 'ticket'), as last sent to it; null for every other connection. */
  ticketId: string | null;
  ticket: Ticket | null;
  lastSnapshotAt: number;
  snapshotTimer: NodeJS.Timeout | null;
}

/** What a connection is allowed to be, decided from its handshake. */
export interface Admission {
  role: WsRole;
  /** The peer's address (for the per-address connection cap). */
  address: string;
  /** false for the kiosk machine itself (its own pages, the hall display on the same PC): no per-address cap. */
  limited: boolean;
  windowNo?: number | null;
  /** Role 'ticket': the phone page's ticket. */
  ticketId?: string | null;
}

export interface HubOptions {
  /** Decide the role of a new connection; throw DomainError to refuse it with that status and Chinese message. */
  authorize(req: IncomingMessage): Admission;
  /** `ticketId`: a phone page's snapshot holds its own ticket only. */
  snapshot(role: WsRole, ticketId: string | null): QueueSnapshot;
  /** A read that failed on the WebSocket path: returns the DomainError to send (a storage fault), or the error. */
  onError?(err: unknown): unknown;
  log?(line: string): void;
  heartbeatMs?: number;
}

/**
 * Limits (docs/api.md): a socket whose unsent data passes MAX_BUFFERED_BYTES is closed (a client that never
 * reads cannot grow the server); at most one snapshot per connection per SNAPSHOT_INTERVAL_MS (more requests
 * inside that second are answered once at its end); at most MAX_SOCKETS_PER_ADDRESS connections from one
 * address other than the kiosk machine (a hall screen needs one, a console two or three).
 */
export const MAX_BUFFERED_BYTES = 1024 * 1024;
export const SNAPSHOT_INTERVAL_MS = 1000;
export const MAX_SOCKETS_PER_ADDRESS = 8;

/** Device events about a resident go to the kiosk only (docs/design.md). */
const KIOSK_ONLY = new Set<Outgoing['type']>(['idcard.read', 'scan']);
/** Screens in the hall see no masked names or ID numbers at all. */
const PUBLIC_ROLES = new Set<WsRole>(['display', 'rate', 'ticket']);

export function publicTicket(t: Ticket): Ticket {
  // A transfer's note is for the receiving window, not for screens in the hall or a resident's phone.
  return t.nameMasked || t.idMasked || t.transfer ? { ...t, nameMasked: null, idMasked: null, transfer: null } : t;
}

export function projectForRole<T extends Outgoing | ServerMessage>(msg: T, role: WsRole): T {
  if (!PUBLIC_ROLES.has(role)) return msg;
  if ('ticket' in msg) return { ...msg, ticket: publicTicket(msg.ticket) };
  if (msg.type === 'snapshot')
    return { ...msg, snapshot: { ...msg.snapshot, tickets: msg.snapshot.tickets.map(publicTicket), devices: [] } };
  return msg;
}

export class Hub {
  readonly #wss = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_CLIENT_MESSAGE_BYTES,
    perMessageDeflate: false,
  });
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
    for (const c of [...this.#clients]) this.#drop(c);
    this.#wss.close();
  }

  publish(msg: Outgoing, only?: (role: WsRole, client: { windowNo: number | null }) => boolean): void {
    const bodies = new Map<WsRole, string>();
    for (const client of this.#clients) {
      if (KIOSK_ONLY.has(msg.type) && client.role !== 'kiosk') continue;
      if (msg.type === 'device.status' && PUBLIC_ROLES.has(client.role)) continue;
      if (only && !only(client.role, client)) continue;
      // A phone page gets its own snapshot (its ticket only), not the hall's.
      if (client.role === 'ticket' && msg.type === 'snapshot') {
        this.#requestSnapshot(client);
        continue;
      }
      // A phone page hears the hall's calls (one shared body) but of the other tickets nothing else.
      if (client.role === 'ticket' && 'ticket' in msg && msg.type !== 'ticket.called') {
        if (msg.ticket.id !== client.ticketId) continue;
      }
      if (client.role === 'ticket' && msg.type === 'print.result' && msg.ticketId !== client.ticketId) continue;
      if (client.role === 'ticket' && 'ticket' in msg && msg.ticket.id === client.ticketId)
        client.ticket = publicTicket(msg.ticket);
      let body = bodies.get(client.role);
      if (body === undefined) {
        // `{"type":…}` without its opening brace; the seq is put in front per connection.
        body = JSON.stringify(projectForRole(msg, client.role)).slice(1);
        bodies.set(client.role, body);
      }
      this.#send(client, body);
    }
  }

  /**
   * After a change: each phone page whose place in line moved gets its ticket with the new `ahead` (one
   * lookup per page in the store's call order; a message only where the number changed).
   */
  refreshTicketPlaces(aheadOf: (ticket: Ticket) => number | null): void {
    for (const client of this.#clients) {
      const ticket = client.ticket;
      if (client.role !== 'ticket' || !ticket || ticket.status !== 'waiting') continue;
      const ahead = aheadOf(ticket);
      if (ahead === null || ahead === ticket.ahead) continue;
      client.ticket = { ...ticket, ahead };
      this.#send(client, JSON.stringify({ type: 'ticket.updated', ticket: client.ticket }).slice(1));
    }
  }

  #send(client: Client, bodyWithoutBrace: string): void {
    if (client.socket.readyState !== client.socket.OPEN) return;
    // Back-pressure: a peer that does not read gets closed, not buffered without end.
    if (client.socket.bufferedAmount > MAX_BUFFERED_BYTES) {
      this.#drop(client);
      return;
    }
    client.seq += 1;
    client.socket.send(`{"seq":${client.seq},${bodyWithoutBrace}`);
  }

  #drop(client: Client): void {
    if (client.snapshotTimer) clearTimeout(client.snapshotTimer);
    client.snapshotTimer = null;
    this.#clients.delete(client);
    client.socket.terminate();
  }

  /** A fresh snapshot to every client (the service day changed: yesterday's counts and date must go). */
  refreshAll(): void {
    for (const client of this.#clients) this.#requestSnapshot(client);
  }

  /** A client's snapshot.request: at once, or once at the end of the current second if one went out within it. */
  #requestSnapshot(client: Client): void {
    if (client.snapshotTimer) return;
    const wait = client.lastSnapshotAt + SNAPSHOT_INTERVAL_MS - Date.now();
    if (wait <= 0) return this.#sendSnapshot(client);
    client.snapshotTimer = setTimeout(() => {
      client.snapshotTimer = null;
      if (this.#clients.has(client)) this.#sendSnapshot(client);
    }, wait);
  }

  #sendSnapshot(client: Client): void {
    client.lastSnapshotAt = Date.now();
    let snapshot: QueueSnapshot;
    try {
      snapshot = this.options.snapshot(client.role, client.ticketId);
    } catch (err) {
      // A read that fails here (a damaged page, an I/O error) must not end the process: it runs in the
      // upgrade callback and in timers, where nothing else would catch it. Say why and close (1011).
      const noted = this.options.onError?.(err) ?? err;
      const failure =
        noted instanceof DomainError ? noted : new DomainError('internal', '服务器内部错误，请稍后重新连接');
      if (!(noted instanceof DomainError)) this.options.log?.(`实时连接的快照读取失败：${(err as Error)?.message}`);
      const error = { code: failure.code, message: failure.message };
      this.#send(client, JSON.stringify({ type: 'error', error }).slice(1));
      client.socket.close(1011, failure.code);
      return;
    }
    const msg = projectForRole({ type: 'snapshot', snapshot } as Outgoing, client.role);
    if (client.role === 'ticket') client.ticket = msg.type === 'snapshot' ? (msg.snapshot.tickets[0] ?? null) : null;
    this.#send(client, JSON.stringify(msg).slice(1));
  }

  #upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    // Node attaches no error listener to an upgrade's socket: a peer resetting mid-handshake must not crash us.
    socket.on('error', () => socket.destroy());
    let admission: Admission;
    try {
      admission = this.options.authorize(req);
      if (admission.limited && this.#countFrom(admission.address) >= MAX_SOCKETS_PER_ADDRESS) {
        throw new DomainError(
          'too-many-connections',
          `同一地址最多 ${MAX_SOCKETS_PER_ADDRESS} 个实时连接，请关闭多余的页面`,
        );
      }
    } catch (caught) {
      const err = this.options.onError?.(caught) ?? caught;
      const failure = err instanceof DomainError ? err : new DomainError('ws-refused', '连接请求格式不正确，已拒绝');
      const reason = Buffer.from(JSON.stringify({ error: { code: failure.code, message: failure.message } }));
      if (socket.writable)
        socket.end(
          `HTTP/1.1 ${httpStatus(failure)} ${STATUS_CODES[httpStatus(failure)] ?? 'Refused'}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${reason.length}\r\nConnection: close\r\n\r\n${reason}`,
        );
      else socket.destroy();
      return;
    }
    this.#wss.handleUpgrade(req, socket, head, (ws) => {
      const client: Client = {
        socket: ws,
        role: admission.role,
        seq: 0,
        alive: true,
        address: admission.address,
        windowNo: admission.windowNo ?? null,
        ticketId: admission.ticketId ?? null,
        ticket: null,
        lastSnapshotAt: 0,
        snapshotTimer: null,
      };
      this.#clients.add(client);
      ws.on('pong', () => (client.alive = true));
      ws.on('close', () => this.#drop(client));
      ws.on('error', () => this.#drop(client));
      ws.on('message', (data, isBinary) => this.#receive(client, data as Buffer, isBinary));
      this.#sendSnapshot(client);
    });
  }

  #countFrom(address: string): number {
    let n = 0;
    for (const c of this.#clients) if (c.address === address) n++;
    return n;
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
      const error = {
        code: 'bad-message',
        message: '无法识别的消息，已忽略',
        details: result.issues.map((i) => `${i.path}：${i.message}`),
      };
      this.#send(client, JSON.stringify({ type: 'error', error }).slice(1));
      return;
    }
    if (result.value.type === 'snapshot.request') this.#requestSnapshot(client);
  }

  #beat(): void {
    for (const c of this.#clients) {
      if (!c.alive) {
        this.#drop(c);
        continue;
      }
      c.alive = false;
      c.socket.ping();
    }
  }
}
