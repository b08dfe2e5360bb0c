// Reading the screen aloud in elderly mode (适老化), without network and without depending on the browser's
// voices: a local (localService, offline) voice for the language when the machine has one; otherwise, for
// Chinese, the same recorded clips as the hall display (kiosk/public/voice, kiosk/display/voice-*.ts), which
// hold the kiosk's fixed sentences and the categories' names as phrases and numbers as digits. A voice that
// is not local (an online engine) is never used: the hall may have no network, and text would leave the
// machine. Silent only when neither exists (English without a local English voice).
// What was said, and how, is kept in a hidden list (#speech-log), as the hall display does with its calls.
import { LOCALES, type Lang } from './strings.ts';
import { ClipAudio } from '../display/voice-players.ts';
import { clipSequence, spokenText, type ClipManifest } from '../display/voice-text.ts';

type Mode = 'speech' | 'clips' | 'off';

/** A voice for `lang` that runs on this machine, if the browser lists one (voices may arrive late). */
async function localVoice(lang: Lang, waitMs = 1500): Promise<SpeechSynthesisVoice | null> {
  const synth = globalThis.speechSynthesis;
  if (!synth || typeof SpeechSynthesisUtterance === 'undefined') return null;
  const want = lang === 'zh' ? /^(zh|cmn)([-_](CN|Hans))?/i : /^en/i;
  const pick = () => {
    const local = synth.getVoices().filter((v) => v.localService && want.test(v.lang));
    return local.find((v) => v.lang.replace('_', '-') === LOCALES[lang]) ?? local[0] ?? null;
  };
  const now = pick();
  if (now || waitMs <= 0) return now;
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      synth.removeEventListener?.('voiceschanged', done);
      resolve(pick());
    };
    const timer = setTimeout(done, waitMs);
    synth.addEventListener?.('voiceschanged', done);
  });
}

let clips: Promise<ClipAudio | null> | null = null;
/** The hall display's clips, fetched and decoded once. */
function loadClips(): Promise<ClipAudio | null> {
  clips ??= fetch('/voice/manifest.json')
    .then((r) => (r.ok ? (r.json() as Promise<ClipManifest>) : Promise.reject(new Error(String(r.status)))))
    .then(async (manifest) => {
      const audio = new ClipAudio(manifest);
      if (!audio.ctx) return null;
      await audio.load();
      return audio;
    })
    .catch(() => null);
  return clips;
}

const voices = new Map<Lang, Promise<SpeechSynthesisVoice | null>>();
let generation = 0;
let audio: ClipAudio | null = null;

function record(mode: Mode, text: string, detail: { clips?: string[]; missing?: string[] } = {}): void {
  if (typeof document === 'undefined') return;
  let log = document.getElementById('speech-log');
  if (!log) {
    log = document.createElement('ol');
    log.id = 'speech-log';
    log.hidden = true;
    document.body.appendChild(log);
  }
  const li = document.createElement('li');
  li.dataset.mode = mode;
  if (detail.clips) li.dataset.clips = detail.clips.join('|');
  if (detail.missing?.length) li.dataset.missing = detail.missing.join('');
  li.textContent = text;
  log.appendChild(li);
  while (log.childElementCount > 20) log.firstElementChild!.remove();
  document.documentElement.dataset.voice = mode;
}

export function speak(text: string, lang: Lang): void {
  if (!text) return;
  stopSpeaking(); // the newest screen wins; never queue up stale readings
  const mine = ++generation;
  if (!voices.has(lang)) voices.set(lang, localVoice(lang));
  void voices.get(lang)!.then(async (voice) => {
    if (mine !== generation) return;
    if (voice) {
      const u = new SpeechSynthesisUtterance(text);
      u.voice = voice;
      u.lang = voice.lang;
      u.rate = 0.9;
      globalThis.speechSynthesis.speak(u);
      record('speech', text);
      return;
    }
    const clipAudio = lang === 'zh' ? await loadClips() : null;
    if (mine !== generation) return;
    if (!clipAudio) return record('off', text);
    audio = clipAudio;
    const plan = clipSequence(spokenText(text), Object.keys(clipAudio.manifest.clips));
    record('clips', text, { clips: plan.keys, missing: plan.missing });
    await clipAudio.play(plan.keys);
  });
}

export function stopSpeaking(): void {
  generation++;
  globalThis.speechSynthesis?.cancel();
  audio?.stop();
}
