// Sign-in at a window: staff id and PIN, for this window only (the server refuses another window's staff).
import { LoginForm } from '../lib/LoginForm.tsx';
import { login, type StaffSession } from './session.ts';

export function Login(props: { windowNo: number; initialError?: string; onLogin: (s: StaffSession) => void }) {
  return (
    <LoginForm
      title={`${props.windowNo}号窗口 · 工作人员登录`}
      idLabel="工号"
      missing="请输入工号和密码"
      numericPin
      initialError={props.initialError}
      signIn={async (staffId, pin) => {
        props.onLogin(await login(staffId, pin, props.windowNo));
        return null;
      }}
    />
  );
}
