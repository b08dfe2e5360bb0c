// Staff sign-in (window console, admin page): an id and a password, the server's Chinese message shown as
// it is (wrong password with the attempts left, the lock-out, a wrong window), the password cleared after
// a failure. The pages style .login-page and .login themselves.
import { useState } from 'preact/hooks';
import { ApiCallError } from './api.ts';
import { ChangePassword, PASSWORD_CHANGE_REQUIRED } from './ChangePassword.tsx';

export function LoginForm(props: {
  title: string;
  idLabel: string;
  /** Said when a field is empty. */
  missing: string;
  /** Window staff sign in with a numeric PIN: the numeric keyboard on a touch PC. */
  numericPin?: boolean;
  initialError?: string;
  /** Signs in; returns null when done, or why this account may not sign in here. */
  signIn(staffId: string, pin: string): Promise<string | null>;
}) {
  const [staffId, setStaffId] = useState('');
  const [pin, setPin] = useState('');
  const [error, setError] = useState(props.initialError ?? '');
  const [busy, setBusy] = useState(false);
  /** Signed in with a first-use PIN: the new password comes first (ChangePassword.tsx). */
  const [changing, setChanging] = useState<{ staffId: string; pin: string } | null>(null);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    if (!staffId.trim() || !pin) return setError(props.missing);
    setBusy(true);
    setError('');
    try {
      const refused = await props.signIn(staffId.trim(), pin);
      if (refused) {
        setError(refused);
        setPin('');
      }
    } catch (err) {
      if (err instanceof ApiCallError && err.code === PASSWORD_CHANGE_REQUIRED)
        return setChanging({ staffId: staffId.trim(), pin });
      setError(err instanceof ApiCallError ? err.message : '登录失败，请重试');
      setPin('');
    } finally {
      setBusy(false);
    }
  };

  if (changing) {
    return (
      <ChangePassword
        staffId={changing.staffId}
        currentPin={changing.pin}
        numericPin={props.numericPin}
        onCancel={() => {
          setChanging(null);
          setPin('');
        }}
        onChanged={async (newPin) => {
          setChanging(null);
          setPin('');
          const refused = await props
            .signIn(changing.staffId, newPin)
            .catch((err: unknown) => (err instanceof ApiCallError ? err.message : '登录失败，请重试'));
          if (refused) setError(refused);
        }}
      />
    );
  }

  return (
    <div class="login-page">
      <form class="login" onSubmit={submit}>
        <h1>{props.title}</h1>
        <label>
          {props.idLabel}
          <input
            name="staffId"
            autoComplete="username"
            value={staffId}
            onInput={(e) => setStaffId(e.currentTarget.value)}
            autoFocus
          />
        </label>
        <label>
          密码
          <input
            name="pin"
            type="password"
            autoComplete="current-password"
            inputMode={props.numericPin ? 'numeric' : undefined}
            value={pin}
            onInput={(e) => setPin(e.currentTarget.value)}
          />
        </label>
        <button type="submit" class="primary" disabled={busy}>
          {busy ? '正在登录…' : '登录'}
        </button>
        <p class="error" role="alert" data-testid="login-error">
          {error}
        </p>
      </form>
    </div>
  );
}
