// Reading the screen aloud in elderly mode (适老化). Silent where the browser has no speech synthesis.
import { LOCALES, type Lang } from './strings.ts';

export function speak(text: string, lang: Lang): void {
  const synth = globalThis.speechSynthesis;
  if (!synth || typeof SpeechSynthesisUtterance === 'undefined' || !text) return;
  synth.cancel(); // the newest screen wins; never queue up stale readings
  const u = new SpeechSynthesisUtterance(text);
  u.lang = LOCALES[lang];
  u.rate = 0.9;
  synth.speak(u);
}

export function stopSpeaking(): void {
  globalThis.speechSynthesis?.cancel();
}
