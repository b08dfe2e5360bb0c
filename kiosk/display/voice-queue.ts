// One announcement at a time, in the order the calls arrived, none dropped: two calls 50 ms apart are
// both said, one after the other. The player is injected (speechSynthesis, clips, or a test recorder).
import type { CallRecord } from '../../server/contract/queue.ts';
import { spokenText } from './voice-text.ts';

/** What a player can do: a chime, then say one text once. Both resolve when the sound has finished. */
export interface VoicePlayer {
  readonly mode: 'speech' | 'clips';
  chime(): Promise<void>;
  /** Says `spoken` once. */
  say(spoken: string): Promise<void>;
  /** The clips `spoken` is made of (clips mode), for the log. */
  describe(spoken: string): { clips?: string[]; missing?: string[] };
}

/** One utterance, as logged (window.__announcements and the hidden list on the page). */
export interface AnnouncementEntry {
  /** The server's text, e.g. 请A012号到3号窗口办理. */
  text: string;
  /** What was actually said, e.g. 请A零一二号到三号窗口办理. */
  spoken: string;
  number: string;
  windowNo: number;
  recall: boolean;
  /** 1 or 2: each call is said twice. */
  repeat: number;
  mode: VoicePlayer['mode'];
  clips?: string[];
  missing?: string[];
  /** When saying started (ISO). */
  at: string;
}

export const REPEATS = 2;

export class AnnouncementQueue {
  readonly #pending: CallRecord[] = [];
  #running = false;
  #idle: Promise<void> = Promise.resolve();
  #player: VoicePlayer;

  constructor(
    player: VoicePlayer,
    private readonly log: (entry: AnnouncementEntry) => void,
    /** Pause between the two repeats and between calls, so the words do not run together. */
    private readonly gapMs = 600,
  ) {
    this.#player = player;
  }

  setPlayer(player: VoicePlayer): void {
    this.#player = player;
  }

  get pending(): number {
    return this.#pending.length + (this.#running ? 1 : 0);
  }

  /** Resolves when everything queued so far has been said (tests). */
  idle(): Promise<void> {
    return this.#idle;
  }

  enqueue(call: CallRecord): void {
    this.#pending.push(call);
    if (!this.#running) this.#idle = this.#drain();
  }

  async #drain(): Promise<void> {
    this.#running = true;
    try {
      for (let call = this.#pending.shift(); call; call = this.#pending.shift()) await this.#announce(call);
    } finally {
      this.#running = false;
    }
  }

  async #announce(call: CallRecord): Promise<void> {
    const spoken = spokenText(call.announcement);
    // A failing sound device must not stop the queue: each step is caught and the next goes on.
    await this.#player.chime().catch(() => undefined);
    for (let repeat = 1; repeat <= REPEATS; repeat++) {
      const { clips, missing } = this.#player.describe(spoken);
      this.log({
        text: call.announcement,
        spoken,
        number: call.number,
        windowNo: call.windowNo,
        recall: call.recall,
        repeat,
        mode: this.#player.mode,
        ...(clips ? { clips } : {}),
        ...(missing?.length ? { missing } : {}),
        at: new Date().toISOString(),
      });
      await this.#player.say(spoken).catch(() => undefined);
      await sleep(this.gapMs);
    }
  }
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
