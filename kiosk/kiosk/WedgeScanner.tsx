// The keyboard-wedge (USB HID) code scanner on every kiosk screen. A hidden input keeps the focus (taken
// back whenever a tap or a dialog moves it to a button or the page), so the scanner's "typing" never lands
// anywhere else; it is a password field because Chromium turns the input method off in password fields,
// so a Chinese IME left active cannot swallow the characters into a composition. The code itself is read
// from the key events by WedgeReader (scan-code.ts: 'Unidentified' / 'Process' keys by their physical code,
// Alt+Numpad sequences); the input's text is the fallback when a key could not be read at all.
import { useEffect, useRef } from 'preact/hooks';
import { WedgeReader } from './scan-code.ts';

const HIDDEN = {
  position: 'fixed',
  left: '-10000px',
  top: '0',
  width: '1px',
  height: '1px',
  opacity: '0',
  border: '0',
  padding: '0',
} as const;

export function WedgeScanner(props: { onCode: (code: string) => void }) {
  const ref = useRef<HTMLInputElement>(null);
  const onCode = useRef(props.onCode);
  onCode.current = props.onCode;

  useEffect(() => {
    const input = ref.current!;
    const wedge = new WedgeReader();
    const refocus = () => {
      const a = document.activeElement as HTMLElement | null;
      if (a === input) return;
      // A real text field (none on the kiosk today) keeps its focus; buttons and the page do not.
      if (a && (a.tagName === 'INPUT' || a.tagName === 'TEXTAREA' || a.tagName === 'SELECT' || a.isContentEditable))
        return;
      input.focus({ preventScroll: true });
    };
    const onKey = (e: KeyboardEvent) => {
      const code = wedge.feedKey(
        {
          type: e.type === 'keyup' ? 'keyup' : 'keydown',
          key: e.key,
          code: e.code,
          shiftKey: e.shiftKey,
          altKey: e.altKey,
        },
        e.timeStamp,
        () => input.value.trim(),
      );
      const enter = e.type === 'keydown' && (e.key === 'Enter' || e.code === 'Enter' || e.code === 'NumpadEnter');
      if (enter || input.value.length > 1024) input.value = '';
      if (code) onCode.current(code);
    };
    const soon = () => setTimeout(refocus, 0);
    window.addEventListener('keydown', onKey, true);
    window.addEventListener('keyup', onKey, true);
    input.addEventListener('blur', soon);
    document.addEventListener('pointerup', soon, true);
    // After full-screen changes and dialogs that took the focus without a blur on the input.
    const timer = setInterval(refocus, 1000);
    refocus();
    return () => {
      window.removeEventListener('keydown', onKey, true);
      window.removeEventListener('keyup', onKey, true);
      input.removeEventListener('blur', soon);
      document.removeEventListener('pointerup', soon, true);
      clearInterval(timer);
    };
  }, []);

  return (
    <input
      ref={ref}
      type="password"
      name="wedge"
      autocomplete="off"
      inputMode="none"
      tabIndex={-1}
      aria-hidden="true"
      style={HIDDEN}
      data-testid="wedge-input"
    />
  );
}
