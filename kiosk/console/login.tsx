// Sign-in at a window: staff id and PIN. The server's Chinese message is shown as it is (wrong PIN with
// the attempts left, the lock-out, a wrong window).
import { useState } from 'preact/hooks';
import { ApiCallError } from '../lib/api.ts';
import { login, type StaffSession } from './session.ts';

export function Login(props: { windowNo: number; initialError?: string; onLogin: (s: StaffSession) => void }) {
  const [staffId, setStaffId] = useState('');
  const [pin, setPin] = useState('');
  const [error, setError] = useState(props.initialError ?? '');
  const [busy, setBusy] = useState(false);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    if (!staffId.trim() || !pin) {
      setError('请输入工号和密码');
      return;
    }
    setBusy(true);
    setError('');
    try {
      props.onLogin(await login(staffId.trim(), pin, props.windowNo));
    } catch (err) {
      setError(err instanceof ApiCallError ? err.message : '登录失败，请重试');
      setPin('');
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="login-page">
      <form class="login" onSubmit={submit}>
        <h1>{props.windowNo}号窗口 · 工作人员登录</h1>
        <label>
          工号
          <input name="staffId" autoComplete="username" value={staffId} onInput={(e) => setStaffId(e.currentTarget.value)} autoFocus />
        </label>
        <label>
          密码
          <input name="pin" type="password" autoComplete="current-password" inputMode="numeric" value={pin} onInput={(e) => setPin(e.currentTarget.value)} />
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
