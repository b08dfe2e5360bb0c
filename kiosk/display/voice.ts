// The hall display's voice: every `ticket.called` (recalls too) is announced — chime, then the text twice —
// through one queue. Calls that happened while the connection was down (or were lost to a `seq` gap) are
// found in the next snapshot's recentCalls and announced too, if they are recent; older ones are not
// worth saying any more. Every utterance is logged in window.__announcements for tests and checks.
import type { CallRecord, QueueSnapshot } from '../../server/contract/queue.ts';
import type { ServerMessage } from '../../server/contract/ws.ts';
import { AnnouncementQueue, type AnnouncementEntry, type VoicePlayer } from './voice-queue.ts';
import { ClipAudio, clipPlayer, findChineseVoice, speechPlayer } from './voice-players.ts';
import type { ClipManifest } from './voice-text.ts';

declare global {
  interface Window {
    __announcements?: AnnouncementEntry[];
  }
}

/** A call missed while disconnected is still announced if it is at most this old. */
const MISSED_CALL_MAX_AGE_MS = 60_000;

const callKey = (c: CallRecord) => `${c.ticketId}@${c.at}`;

export interface VoiceStatus {
  mode: VoicePlayer['mode'] | 'loading' | 'off';
  /** Audio waits for a click (browser autoplay rules). */
  blocked: boolean;
  /** A problem worth showing staff (missing clips, no audio at all). */
  problem: string | null;
}

export class Announcer {
  readonly #seen = new Set<string>();
  #hadSnapshot = false;
  #queue: AnnouncementQueue | null = null;
  readonly #early: CallRecord[] = [];
  #audio: ClipAudio | null = null;
  #status: VoiceStatus = { mode: 'loading', blocked: false, problem: null };
  readonly #listeners = new Set<() => void>();
  readonly log: AnnouncementEntry[];

  constructor(private readonly opts: { forceClips: boolean }) {
    this.log = window.__announcements ??= [];
  }

  get status(): VoiceStatus {
    return this.#status;
  }

  onChange(fn: () => void): () => void {
    this.#listeners.add(fn);
    return () => this.#listeners.delete(fn);
  }

  #changed(): void {
    for (const fn of this.#listeners) fn();
  }

  /** Chooses the player: speechSynthesis with a Chinese voice unless forced to clips. */
  async start(): Promise<void> {
    let problem: string | null = null;
    try {
      const res = await fetch('/voice/manifest.json');
      if (!res.ok) throw new Error(String(res.status));
      this.#audio = new ClipAudio((await res.json()) as ClipManifest);
      const failed = await this.#audio.load();
      if (failed.length) problem = `语音文件加载失败：${failed.join('、')}`;
    } catch {
      problem = '语音文件清单加载失败，叫号将不播报提示音';
    }
    const synth = this.opts.forceClips ? undefined : (globalThis.speechSynthesis as SpeechSynthesis | undefined);
    const voice = await findChineseVoice(synth);
    let player: VoicePlayer;
    if (synth && voice) player = speechPlayer(synth, voice, this.#audio);
    else if (this.#audio) player = clipPlayer(this.#audio);
    else {
      this.#status = { mode: 'off', blocked: false, problem: problem ?? '本机没有中文语音，语音文件也无法加载' };
      this.#changed();
      return;
    }
    this.#queue = new AnnouncementQueue(player, (entry) => {
      this.log.push(entry);
      this.#changed();
    });
    this.#status = { mode: player.mode, blocked: this.#audio?.blocked ?? false, problem };
    for (const call of this.#early.splice(0)) this.#queue.enqueue(call);
    this.#changed();
  }

  async unlock(): Promise<void> {
    await this.#audio?.unlock();
    this.#status = { ...this.#status, blocked: this.#audio?.blocked ?? false };
    this.#changed();
  }

  /** Feed every live message here. */
  handle(msg: ServerMessage, snapshot: QueueSnapshot | null): void {
    if (msg.type === 'ticket.called') {
      this.#announce(msg.call);
    } else if (msg.type === 'snapshot') {
      const calls = [...(snapshot ?? msg.snapshot).recentCalls].reverse(); // oldest first
      if (this.#hadSnapshot) {
        const now = Date.now();
        for (const c of calls)
          if (!this.#seen.has(callKey(c)) && now - Date.parse(c.at) <= MISSED_CALL_MAX_AGE_MS) this.#announce(c);
      }
      // On the first snapshot after the page opens, what was called before is history, not news.
      for (const c of calls) this.#seen.add(callKey(c));
      this.#hadSnapshot = true;
    }
  }

  #announce(call: CallRecord): void {
    const key = callKey(call);
    if (this.#seen.has(key)) return;
    this.#seen.add(key);
    if (this.#queue) this.#queue.enqueue(call);
    else this.#early.push(call);
  }
}
