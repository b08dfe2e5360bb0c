// The kiosk's locked settings (自助机设置): a 3-second press on the clock asks for an administrator's PIN
// (checked by the server, with the login lockout); then staff may leave full screen for maintenance, see
// the devices and reload. Until then the kiosk keeps itself in full screen: see useFullscreenLock.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { DeviceStatus } from '../../server/contract/devices.ts';
import { type ApiCallError, call } from '../lib/api.ts';
import { useKiosk } from './kiosk-context.ts';

/** How long the clock must be held to ask for the PIN: longer than any resident's tap. */
export const SETTINGS_HOLD_MS = 3000;

/**
 * Pointer handlers that call `onHold` after the element has been pressed for `ms` without letting go. The
 * timer lives in a ref: the clock re-renders every second, and a release must cancel the press it ends.
 */
export function useHold(onHold: () => void, ms = SETTINGS_HOLD_MS) {
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const latest = useRef(onHold);
  latest.current = onHold;
  const cancel = () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
  };
  useEffect(() => cancel, []);
  return {
    onPointerDown: () => {
      cancel();
      timer.current = setTimeout(() => {
        timer.current = null;
        latest.current();
      }, ms);
    },
    onPointerUp: cancel,
    onPointerLeave: cancel,
    onPointerCancel: cancel,
  };
}

/**
 * Full screen is the kiosk's normal state. Any touch while it is not in full screen (someone pressed Esc or
 * F11 on a service keyboard, or the browser dropped it) puts it back, unless an administrator unlocked it
 * for maintenance. The browser only allows entering full screen from a touch, hence the pointerdown hook.
 */
export function useFullscreenLock(unlocked: boolean): void {
  const unlockedRef = useRef(unlocked);
  unlockedRef.current = unlocked;
  useEffect(() => {
    const onTouch = () => {
      if (unlockedRef.current || document.fullscreenElement || !document.fullscreenEnabled) return;
      document.documentElement.requestFullscreen({ navigationUI: 'hide' }).catch(() => {});
    };
    // No long-press menu (copy, inspect, open in new tab) on a public touchscreen.
    const noMenu = (e: Event) => e.preventDefault();
    document.addEventListener('pointerdown', onTouch, true);
    document.addEventListener('contextmenu', noMenu);
    return () => {
      document.removeEventListener('pointerdown', onTouch, true);
      document.removeEventListener('contextmenu', noMenu);
    };
  }, []);
}

const DIGITS = '1234567890'.split('');
const LETTERS = 'abcdefghijklmnopqrstuvwxyz'.split('');

export function PinDialog(props: { onUnlocked(adminName: string): void; onClose(): void }) {
  const { t } = useKiosk();
  const [pin, setPin] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const [mode, setMode] = useState<'digits' | 'letters'>('digits');
  const press = (d: string) => setPin((p) => (p.length < 12 ? p + d : p));
  const submit = async () => {
    if (!pin || busy) return;
    setBusy(true);
    setError('');
    try {
      const r = await call('POST /api/kiosk/unlock', { body: { pin } });
      props.onUnlocked(r.name);
    } catch (err) {
      setError((err as ApiCallError).message);
      setPin('');
    } finally {
      setBusy(false);
    }
  };
  return (
    <div class="dialog-veil">
      <div class="dialog pin-dialog" role="dialog" aria-modal="true" data-testid="pin-dialog">
        <h2>{t('settings.pinTitle')}</h2>
        <p class="dialog-text">{t('settings.pinHint')}</p>
        <div class="pin-dots" data-testid="pin-dots" role="img" aria-label={t('settings.pinTitle')}>
          {pin ? '●'.repeat(pin.length) : '\u00a0'}
        </div>
        {error && (
          <p class="error-text" role="alert" data-testid="pin-error">
            {error}
          </p>
        )}
        {/* Digits first (a PIN); the administrator's password may also hold letters. */}
        <div class={`pin-pad pin-pad-${mode}`}>
          {(mode === 'digits' ? DIGITS : LETTERS).map((k) => (
            <button key={k} class="btn" data-key={k} disabled={busy} onClick={() => press(k)}>
              {k}
            </button>
          ))}
        </div>
        <div class="pin-pad pin-pad-controls">
          <button class="btn" disabled={busy || !pin} onClick={() => setPin((p) => p.slice(0, -1))}>
            {t('settings.delete')}
          </button>
          <button
            class="btn"
            data-key="mode"
            disabled={busy}
            onClick={() => setMode(mode === 'digits' ? 'letters' : 'digits')}
          >
            {mode === 'digits' ? 'abc' : '123'}
          </button>
          <button class="btn btn-primary" disabled={busy || !pin} onClick={() => void submit()}>
            {t('settings.ok')}
          </button>
        </div>
        <div class="dialog-actions">
          <button class="btn" onClick={props.onClose}>
            {t('app.close')}
          </button>
        </div>
      </div>
    </div>
  );
}

export function SettingsPanel(props: { adminName: string; devices: DeviceStatus[]; onClose(): void }) {
  const { t } = useKiosk();
  const [fullscreen, setFullscreen] = useState(() => document.fullscreenElement !== null);
  useEffect(() => {
    const sync = () => setFullscreen(document.fullscreenElement !== null);
    document.addEventListener('fullscreenchange', sync);
    return () => document.removeEventListener('fullscreenchange', sync);
  }, []);
  return (
    <div class="dialog-veil">
      <div class="dialog settings-panel" role="dialog" aria-modal="true" data-testid="settings-panel">
        <h2>{t('settings.title')}</h2>
        <p class="dialog-text">{t('settings.unlockedBy', { name: props.adminName })}</p>
        <h3>{t('settings.devices')}</h3>
        <ul class="settings-devices">
          {props.devices.map((d) => (
            <li key={d.kind} class={d.state === 'ready' ? 'ok' : 'bad'}>
              {d.message}
              {d.simulated ? t('settings.simulated') : ''}
            </li>
          ))}
        </ul>
        <div class="dialog-actions">
          {fullscreen ? (
            <button class="btn" onClick={() => void document.exitFullscreen().catch(() => {})}>
              {t('settings.leaveFullscreen')}
            </button>
          ) : (
            <button class="btn" onClick={() => void document.documentElement.requestFullscreen().catch(() => {})}>
              {t('settings.enterFullscreen')}
            </button>
          )}
          <button class="btn" onClick={() => location.reload()}>
            {t('settings.reload')}
          </button>
          <button class="btn btn-primary" onClick={props.onClose}>
            {t('settings.lockAgain')}
          </button>
        </div>
      </div>
    </div>
  );
}
