/// <reference types="vite/client" />
// The window console (/console/:window) on a staff PC: sign in, then call, recall, skip, transfer, finish,
// pause, with F1–F6. Everything shown comes from the API and the live WebSocket (role=console).
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ApiCallError } from '../lib/api.ts';
import { Console } from './console.tsx';
import { Login } from './login.tsx';
import { currentSession, type StaffSession } from './session.ts';
import './console.css';

const match = /^\/console\/(\d+)\/?$/.exec(location.pathname);

function App(props: { windowNo: number }) {
  // undefined: still asking the server whether we are signed in.
  const [session, setSession] = useState<StaffSession | null | undefined>(undefined);
  const [error, setError] = useState('');

  useEffect(() => {
    currentSession()
      .then((s) => setSession(s && s.windowNo === props.windowNo ? s : null))
      .catch((err: ApiCallError) => {
        setError(err.message);
        setSession(null);
      });
  }, [props.windowNo]);

  if (session === undefined) return <div class="console-loading">正在连接服务器…</div>;
  if (!session) return <Login windowNo={props.windowNo} initialError={error} onLogin={setSession} />;
  return <Console windowNo={props.windowNo} session={session} onSignedOut={() => setSession(null)} />;
}

const root = document.getElementById('app')!;
if (match) {
  document.title = `${match[1]}号窗口 · 叫号终端`;
  render(<App windowNo={Number(match[1])} />, root);
} else {
  render(<div class="console-loading">请在地址中写明窗口号，例如 /console/3</div>, root);
}
