// First login with a first-use PIN (server/auth/first-login.ts): the login answers mustChangePassword, the
// page throws passwordChangeRequired(), and LoginForm shows this form instead of the page. The new password
// is typed twice, checked by the server (at least 6 characters, not a first-use one), then used to sign in.
import { useState } from 'preact/hooks';
import { api, ApiCallError } from './api.ts';

export const PASSWORD_CHANGE_REQUIRED = 'password-change-required';

export function passwordChangeRequired(): ApiCallError {
  const message = '您还在使用初始密码，请先修改密码';
  return new ApiCallError(403, PASSWORD_CHANGE_REQUIRED, message, { code: PASSWORD_CHANGE_REQUIRED, message });
}

export function ChangePassword(props: {
  staffId: string;
  currentPin: string;
  numericPin?: boolean;
  onChanged(newPin: string): Promise<void>;
  onCancel(): void;
}) {
  const [pin, setPin] = useState('');
  const [again, setAgain] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    if (!pin || !again) return setError('请输入两次新密码');
    if (pin !== again) return setError('两次输入的新密码不一致');
    setBusy(true);
    setError('');
    try {
      await api('POST', '/api/password', { currentPin: props.currentPin, newPin: pin });
      await props.onChanged(pin);
    } catch (err) {
      setError(err instanceof ApiCallError ? err.message : '修改失败，请重试');
      setPin('');
      setAgain('');
    } finally {
      setBusy(false);
    }
  };

  const mode = props.numericPin ? 'numeric' : undefined;
  return (
    <div class="login-page">
      <form class="login" onSubmit={submit} data-testid="change-password">
        <h1>首次登录 · 请修改初始密码</h1>
        <p class="note">
          账号 {props.staffId} 还在使用初始密码。为保护群众信息，请设置一个只有您知道的新密码（至少 6 位）后再使用。
        </p>
        <label>
          新密码
          <input
            name="newPin"
            type="password"
            autoComplete="new-password"
            inputMode={mode}
            value={pin}
            onInput={(e) => setPin(e.currentTarget.value)}
            autoFocus
          />
        </label>
        <label>
          再次输入新密码
          <input
            name="newPinAgain"
            type="password"
            autoComplete="new-password"
            inputMode={mode}
            value={again}
            onInput={(e) => setAgain(e.currentTarget.value)}
          />
        </label>
        <button type="submit" class="primary" disabled={busy}>
          {busy ? '正在保存…' : '修改密码并登录'}
        </button>
        <button type="button" class="link" onClick={props.onCancel}>
          返回登录
        </button>
        <p class="error" role="alert" data-testid="change-password-error">
          {error}
        </p>
      </form>
    </div>
  );
}
