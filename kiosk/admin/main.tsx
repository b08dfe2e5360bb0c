/// <reference types="vite/client" />
// The administrator's page (/admin): sign in with an admin account, then the dashboard (charts and tables
// for a period), report export, the bad-rating follow-up list and the configuration forms.
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { api, ApiCallError } from '../lib/api.ts';
import { Dashboard } from './dashboard.tsx';
import { Reports } from './reports.tsx';
import { BadRatings } from './bad-ratings.tsx';
import { Settings } from './settings.tsx';
import { Devices } from './devices.tsx';
import { LoginForm } from '../lib/LoginForm.tsx';
import './admin.css';

interface AdminSession {
  staffId: string;
  name: string;
  role: 'staff' | 'admin';
}

const TABS = [
  { id: 'dashboard', name: '数据概览' },
  { id: 'reports', name: '报表导出' },
  { id: 'ratings', name: '差评整改' },
  { id: 'settings', name: '配置管理' },
  { id: 'devices', name: '设备设置' },
] as const;
type Tab = (typeof TABS)[number]['id'];

function Login(props: { onLogin: (s: AdminSession) => void; notice?: string }) {
  return (
    <LoginForm
      title="便民服务中心 · 管理登录"
      idLabel="管理员账号"
      missing="请输入管理员账号和密码"
      initialError={props.notice}
      signIn={async (staffId, pin) => {
        const { session } = await api<{ session: AdminSession }>('POST', '/api/login', { staffId, pin });
        if (session.role !== 'admin') {
          await api('POST', '/api/logout', {});
          return '该账号不是管理员账号，请使用管理员账号登录';
        }
        props.onLogin(session);
        return null;
      }}
    />
  );
}

function App() {
  const [session, setSession] = useState<AdminSession | null | undefined>(undefined);
  const [notice, setNotice] = useState('');
  const [tab, setTab] = useState<Tab>(() => (TABS.find((t) => `#${t.id}` === location.hash)?.id ?? 'dashboard'));
  const [center, setCenter] = useState('');
  const [today, setToday] = useState<string | null>(null);

  useEffect(() => {
    api<{ session: AdminSession }>('GET', '/api/session')
      .then(({ session: s }) => {
        if (s.role === 'admin') setSession(s);
        else {
          setNotice('当前登录的是窗口账号，请用管理员账号登录');
          setSession(null);
        }
      })
      .catch((err: ApiCallError) => {
        if (err.status !== 401) setNotice(err.message);
        setSession(null);
      });
    // The centre's own service date (China time), whatever the admin PC's clock says.
    api<{ center: string; serviceDate: string }>('GET', '/api/health')
      .then((h) => {
        setCenter(h.center);
        setToday(h.serviceDate);
      })
      .catch(() => setToday(new Date().toISOString().slice(0, 10)));
  }, []);

  const go = (t: Tab) => {
    setTab(t);
    history.replaceState(null, '', `#${t}`);
  };
  const signOut = async () => {
    await api('POST', '/api/logout', {}).catch(() => undefined);
    setSession(null);
  };

  if (session === undefined || !today) return <div class="loading">正在连接服务器…</div>;
  if (!session) return <Login onLogin={setSession} notice={notice} />;
  return (
    <div class="shell">
      <header class="top">
        <div class="brand">
          <b>{center || '便民服务中心'}</b>
          <span>管理后台</span>
        </div>
        <nav>
          {TABS.map((t) => (
            <button key={t.id} class={tab === t.id ? 'tab on' : 'tab'} onClick={() => go(t.id)} data-testid={`tab-${t.id}`}>
              {t.name}
            </button>
          ))}
        </nav>
        <div class="who">
          {session.name}
          <button class="link" onClick={signOut}>退出</button>
        </div>
      </header>
      <main>
        {tab === 'dashboard' && <Dashboard today={today} />}
        {tab === 'reports' && <Reports today={today} />}
        {tab === 'ratings' && <BadRatings />}
        {tab === 'settings' && <Settings />}
        {tab === 'devices' && <Devices />}
      </main>
    </div>
  );
}

render(<App />, document.getElementById('app')!);
