// The live queue state for a screen: a WebSocket that takes a snapshot on (re)connect, applies events in
// `seq` order, asks for a fresh snapshot on any gap, and reconnects with capped backoff. Screens hold no
// truth of their own (docs/design.md).
import type { CallRecord, QueueSnapshot } from '../../server/contract/queue.ts';
import type { ServerMessage, WsRole } from '../../server/contract/ws.ts';

export interface LiveState {
  connected: boolean;
  snapshot: QueueSnapshot | null;
}

type Listener = (state: LiveState, msg: ServerMessage | null) => void;

const MESSAGE_TYPES = new Set([
  'snapshot',
  'ticket.issued',
  'ticket.updated',
  'ticket.called',
  'window.updated',
  'categories.updated',
  'device.status',
  'idcard.read',
  'scan',
  'error',
  'print.result',
  'rating.request',
  'rating.closed',
]);

/** Screens validate what they receive instead of casting: shape checks on the fields they use. */
export function isServerMessage(v: unknown): v is ServerMessage {
  if (typeof v !== 'object' || v === null) return false;
  const m = v as Record<string, unknown>;
  if (typeof m.type !== 'string' || !MESSAGE_TYPES.has(m.type) || typeof m.seq !== 'number') return false;
  if (m.type === 'snapshot') {
    const s = m.snapshot as Record<string, unknown> | undefined;
    return (
      !!s &&
      Array.isArray(s.tickets) &&
      Array.isArray(s.windows) &&
      Array.isArray(s.categories) &&
      Array.isArray(s.recentCalls)
    );
  }
  if (m.type.startsWith('ticket.'))
    return typeof m.ticket === 'object' && m.ticket !== null && typeof (m.ticket as { id?: unknown }).id === 'string';
  if (m.type === 'window.updated') return typeof m.window === 'object' && m.window !== null;
  return true;
}

/** Apply one event to a snapshot (pure; returns a new snapshot). */
export function applyMessage(s: QueueSnapshot, msg: ServerMessage): QueueSnapshot {
  switch (msg.type) {
    case 'snapshot':
      return msg.snapshot;
    case 'ticket.issued':
    case 'ticket.updated':
    case 'ticket.called': {
      const open = msg.ticket.status === 'waiting' || msg.ticket.status === 'called' || msg.ticket.status === 'serving';
      const tickets = s.tickets.filter((t) => t.id !== msg.ticket.id);
      if (open) tickets.push(msg.ticket);
      const recentCalls: CallRecord[] =
        msg.type === 'ticket.called' ? [msg.call, ...s.recentCalls].slice(0, 20) : s.recentCalls;
      return { ...s, tickets, recentCalls };
    }
    case 'window.updated':
      return { ...s, windows: s.windows.map((w) => (w.no === msg.window.no ? msg.window : w)) };
    case 'categories.updated':
      return { ...s, categories: msg.categories };
    case 'device.status':
      return { ...s, devices: [...s.devices.filter((d) => d.kind !== msg.device.kind), msg.device] };
    default:
      return s;
  }
}

export class LiveQueue {
  #ws: WebSocket | null = null;
  #seq = 0;
  #state: LiveState = { connected: false, snapshot: null };
  #listeners = new Set<Listener>();
  #retry = 250;
  #timer: ReturnType<typeof setTimeout> | null = null;
  #stopped = false;

  /** `query`: more of the address, e.g. a phone page's `{ticket: id}` (role 'ticket'). */
  constructor(
    private readonly role: WsRole,
    private readonly query: Record<string, string> = {},
  ) {}

  get state(): LiveState {
    return this.#state;
  }

  subscribe(fn: Listener): () => void {
    this.#listeners.add(fn);
    return () => this.#listeners.delete(fn);
  }

  start(): void {
    this.#stopped = false;
    this.#connect();
  }

  stop(): void {
    this.#stopped = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#ws?.close();
  }

  #emit(msg: ServerMessage | null): void {
    for (const fn of this.#listeners) fn(this.#state, msg);
  }

  #connect(): void {
    const proto = location.protocol === 'https:' ? 'wss' : 'ws';
    const params = new URLSearchParams({ role: this.role, ...this.query });
    const ws = new WebSocket(`${proto}://${location.host}/ws?${params}`);
    this.#ws = ws;
    this.#seq = 0;
    ws.onmessage = (ev) => {
      let msg: unknown;
      try {
        msg = JSON.parse(String(ev.data));
      } catch {
        return;
      }
      if (!isServerMessage(msg)) return;
      if (msg.type !== 'snapshot' && msg.seq !== this.#seq + 1) {
        // A gap: something was missed. Ask for the truth again.
        this.#seq = msg.seq;
        ws.send(JSON.stringify({ type: 'snapshot.request' }));
        return;
      }
      this.#seq = msg.seq;
      if (msg.type === 'snapshot') {
        this.#retry = 250;
        this.#state = { connected: true, snapshot: msg.snapshot };
      } else if (this.#state.snapshot) {
        this.#state = { ...this.#state, snapshot: applyMessage(this.#state.snapshot, msg) };
      }
      this.#emit(msg);
    };
    ws.onclose = () => {
      if (this.#ws !== ws) return;
      this.#state = { ...this.#state, connected: false };
      this.#emit(null);
      if (this.#stopped) return;
      this.#timer = setTimeout(() => this.#connect(), this.#retry);
      this.#retry = Math.min(this.#retry * 2, 1000);
    };
  }
}
