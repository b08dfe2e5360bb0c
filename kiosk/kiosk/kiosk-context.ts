// What every kiosk component needs: the language, elderly mode, and reading aloud.
import { createContext } from 'preact';
import { useContext, useEffect } from 'preact/hooks';
import { translator, type Lang, type Translate } from './strings.ts';

export interface KioskContext {
  lang: Lang;
  t: Translate;
  elderly: boolean;
  /** Read text aloud, only in elderly mode. */
  say(text: string): void;
}

export const Kiosk = createContext<KioskContext>({ lang: 'zh', t: translator('zh'), elderly: false, say: () => {} });

export const useKiosk = (): KioskContext => useContext(Kiosk);

/** Read a screen's main heading aloud when it appears (elderly mode). */
export function useSpokenHeading(text: string | null): void {
  const { say, elderly } = useKiosk();
  useEffect(() => {
    if (text) say(text);
  }, [text, elderly]);
}
