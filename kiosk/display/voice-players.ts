// The two ways the hall display speaks: the browser's Chinese speechSynthesis voice when it has one,
// otherwise the pre-generated clips (kiosk/public/voice, made by kiosk/tools/make-voice-clips.sh) played
// back to back with Web Audio. The chime is a clip in both cases.
import type { VoicePlayer } from './voice-queue.ts';
import { clipSequence, type ClipManifest } from './voice-text.ts';

const VOICE_BASE = '/voice/';

/** Web Audio with the clips decoded once; timing comes from the clip lengths in the manifest. */
export class ClipAudio {
  readonly #buffers = new Map<string, AudioBuffer>();
  readonly ctx: AudioContext | null;

  constructor(readonly manifest: ClipManifest) {
    this.ctx = typeof AudioContext === 'function' ? new AudioContext() : null;
  }

  /** Fetch and decode every clip up front, so the first call is not late. Failures are reported, not thrown. */
  async load(): Promise<string[]> {
    const failed: string[] = [];
    const all: [string, string][] = [
      ['chime', this.manifest.chime.file],
      ...Object.entries(this.manifest.clips).map(([k, v]) => [k, v.file] as [string, string]),
    ];
    await Promise.all(
      all.map(async ([key, file]) => {
        try {
          if (!this.ctx) throw new Error('no AudioContext');
          const res = await fetch(VOICE_BASE + file);
          if (!res.ok) throw new Error(String(res.status));
          this.#buffers.set(key, await this.ctx.decodeAudioData(await res.arrayBuffer()));
        } catch {
          failed.push(file);
        }
      }),
    );
    return failed;
  }

  /** Browsers may start audio suspended until a click (autoplay rules); the page offers a button then. */
  get blocked(): boolean {
    return this.ctx?.state === 'suspended';
  }

  unlock(): Promise<void> {
    return this.ctx?.resume() ?? Promise.resolve();
  }

  /** The clips scheduled by the last play(), so a newer reading can cut it short (the kiosk's read-aloud). */
  #playing: AudioBufferSourceNode[] = [];

  stop(): void {
    for (const source of this.#playing) {
      try {
        source.stop();
      } catch {
        // not started yet or already ended
      }
    }
    this.#playing = [];
  }

  /**
   * Plays the clips one after the other and resolves when the last has ended. Waits by the wall clock
   * (the manifest lengths), not `onended`: a display without a sound card must not stall the queue.
   */
  async play(keys: string[]): Promise<void> {
    const ms = (k: string) => (k === 'chime' ? this.manifest.chime.ms : (this.manifest.clips[k]?.ms ?? 0));
    const total = keys.reduce((sum, k) => sum + ms(k), 0);
    if (this.ctx) {
      if (this.ctx.state === 'suspended') await this.ctx.resume().catch(() => undefined);
      let t = this.ctx.currentTime + 0.05;
      for (const k of keys) {
        const buffer = this.#buffers.get(k);
        if (!buffer) continue;
        const source = this.ctx.createBufferSource();
        source.buffer = buffer;
        source.connect(this.ctx.destination);
        source.start(t);
        this.#playing.push(source);
        t += buffer.duration;
      }
    }
    await new Promise<void>((r) => setTimeout(r, total + 100));
  }
}

export function clipPlayer(audio: ClipAudio): VoicePlayer {
  const keys = Object.keys(audio.manifest.clips);
  return {
    mode: 'clips',
    chime: () => audio.play(['chime']),
    describe: (spoken) => {
      const plan = clipSequence(spoken, keys);
      return { clips: plan.keys, missing: plan.missing };
    },
    say: (spoken) => audio.play(clipSequence(spoken, keys).keys),
  };
}

/** A zh-CN voice if the browser has one (voices can arrive late: wait for `voiceschanged` a little). */
export async function findChineseVoice(
  synth: SpeechSynthesis | undefined,
  waitMs = 1500,
): Promise<SpeechSynthesisVoice | null> {
  if (!synth) return null;
  const pick = () => {
    const voices = synth.getVoices();
    return (
      voices.find((v) => /^zh[-_]CN/i.test(v.lang)) ?? voices.find((v) => /^(zh|cmn)([-_]Hans)?$/i.test(v.lang)) ?? null
    );
  };
  const now = pick();
  if (now || waitMs <= 0) return now;
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      synth.removeEventListener('voiceschanged', done);
      resolve(pick());
    };
    const timer = setTimeout(done, waitMs);
    synth.addEventListener('voiceschanged', done);
  });
}

export function speechPlayer(
  synth: SpeechSynthesis,
  voice: SpeechSynthesisVoice,
  audio: ClipAudio | null,
): VoicePlayer {
  return {
    mode: 'speech',
    chime: () => audio?.play(['chime']) ?? Promise.resolve(),
    describe: () => ({}),
    say: (spoken) =>
      new Promise<void>((resolve) => {
        const u = new SpeechSynthesisUtterance(spoken);
        u.voice = voice;
        u.lang = voice.lang;
        u.rate = 0.9;
        // Some engines never fire `end` (a known Chromium fault): never wait longer than the text could take.
        const timer = setTimeout(finish, 3000 + spoken.length * 400);
        function finish() {
          clearTimeout(timer);
          resolve();
        }
        u.onend = finish;
        u.onerror = finish;
        synth.speak(u);
      }),
  };
}
