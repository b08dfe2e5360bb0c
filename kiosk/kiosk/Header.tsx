// Top bar on every screen: centre name, live date and time, elderly-mode and language toggles.
import { useEffect, useState } from 'preact/hooks';
import { useKiosk } from './kiosk-context.ts';
import { LOCALES, nextLang, STRINGS } from './strings.ts';
import { useHold } from './KioskSettings.tsx';

/**
 * The clock's two formats, made once per language and time zone. `Date.prototype.toLocale…String(locale,
 * options)` builds a new ICU formatter on every call: on a low-end kiosk (4× CPU throttling) that was a
 * quarter of a second on the first render and ~15 ms in each touch's renders afterwards (issue 26).
 */
const formats = new Map<string, { time: Intl.DateTimeFormat; date: Intl.DateTimeFormat }>();
function clockFormats(locale: string, timeZone: string | undefined) {
  const key = `${locale} ${timeZone ?? ''}`;
  let f = formats.get(key);
  if (!f) {
    f = {
      time: new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', hour12: false, timeZone }),
      date: new Intl.DateTimeFormat(locale, {
        year: 'numeric',
        month: 'long',
        day: 'numeric',
        weekday: 'long',
        timeZone,
      }),
    };
    formats.set(key, f);
  }
  return f;
}

/** The centre's own time (its time zone from the snapshot), whatever the kiosk machine's clock zone. */
function Clock({ timeZone, onHold }: { timeZone: string | undefined; onHold(): void }) {
  const { lang } = useKiosk();
  // Blank until the centre's time zone is in (it comes with the live queue's snapshot, with the categories),
  // or 2 s without it: the formatters' first build (ICU data, ~¼ s on a low-end kiosk) delays neither the
  // first paint nor the categories, and the clock never shows the kiosk machine's zone for a moment first.
  const [now, setNow] = useState<Date | null>(null);
  const [waited, setWaited] = useState(false);
  useEffect(() => {
    const timer = setTimeout(() => setWaited(true), 2000);
    return () => clearTimeout(timer);
  }, []);
  const start = timeZone !== undefined || waited;
  useEffect(() => {
    if (!start) return;
    setNow(new Date());
    const timer = setInterval(() => setNow(new Date()), 1000);
    return () => clearInterval(timer);
  }, [start]);
  const hold = useHold(onHold);
  const f = now && clockFormats(LOCALES[lang], timeZone);
  return (
    // Held for three seconds, the clock asks for the administrator PIN (the kiosk's locked settings).
    <div class="clock" data-testid="clock" {...hold}>
      <span class="clock-time">{f ? f.time.format(now) : '\u00a0'}</span>
      <span class="clock-date">{f ? f.date.format(now) : '\u00a0'}</span>
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
