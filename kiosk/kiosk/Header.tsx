// Top bar on every screen: centre name, live date and time, elderly-mode and language toggles.
import { useEffect, useState } from 'preact/hooks';
import { useKiosk } from './kiosk-context.ts';
import { LOCALES, nextLang, STRINGS } from './strings.ts';
import { useHold } from './KioskSettings.tsx';

/** The centre's own time (its time zone from the snapshot), whatever the kiosk machine's clock zone. */
function Clock({ timeZone, onHold }: { timeZone: string | undefined; onHold(): void }) {
  const { lang } = useKiosk();
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 1000);
    return () => clearInterval(timer);
  }, []);
  const locale = LOCALES[lang];
  const hold = useHold(onHold);
  return (
    // Held for three seconds, the clock asks for the administrator PIN (the kiosk's locked settings).
    <div class="clock" data-testid="clock" {...hold}>
      <span class="clock-time">
        {now.toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit', hour12: false, timeZone })}
      </span>
      <span class="clock-date">
        {now.toLocaleDateString(locale, { year: 'numeric', month: 'long', day: 'numeric', weekday: 'long', timeZone })}
      </span>
    </div>
  );
}

export function Header(props: {
  centerName: string;
  timeZone?: string;
  onElderly(): void;
  onLang(): void;
  onHome: (() => void) | null;
  onSettings(): void;
}) {
  const { centerName, timeZone, onElderly, onLang, onHome } = props;
  const { t, lang, elderly } = useKiosk();
  return (
    <header class="top">
      <div class="top-title">
        <div class="center-name">{centerName || '\u00a0'}</div>
        <Clock timeZone={timeZone} onHold={props.onSettings} />
      </div>
      <div class="top-actions">
        {onHome && (
          <button class="btn btn-ghost" onClick={onHome}>
            {t('app.home')}
          </button>
        )}
        <button class={`btn btn-ghost${elderly ? ' on' : ''}`} aria-pressed={elderly} onClick={onElderly}>
          {elderly ? t('app.toggleElderlyOff') : t('app.toggleElderlyOn')}
        </button>
        {/* Labelled in the language it switches to, so a reader of that language finds it. */}
        <button class="btn btn-ghost" onClick={onLang} lang={LOCALES[nextLang(lang)]}>
          {STRINGS[nextLang(lang)]['lang.name']}
        </button>
      </div>
    </header>
  );
}
