/// <reference types="vite/client" />
// The administrator's page (/admin): sign in with an admin account, then the dashboard (charts and tables
// for a period), report export, the bad-rating follow-up list and the configuration forms.
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { api, ApiCallError, call } from '../lib/api.ts';
import { Dashboard } from './dashboard.tsx';
import { Reports } from './reports.tsx';
import { BadRatings } from './bad-ratings.tsx';
import { Settings } from './settings.tsx';
import { DueReminder, Registers } from './registers.tsx';
import { Devices } from './devices.tsx';
import { LoginForm } from '../lib/LoginForm.tsx';
import { SupervisionCard } from './supervision.tsx';
import { ComplaintVerdictCard } from './complaint-verdicts.tsx';
import { Operations } from './operations.tsx';
import { DutyBoard, DutyRoster, EmptyPostAlert } from './duty.tsx';
import { JiaobanCard } from './jiaoban.tsx';
import { PingyiCard } from './pingyi.tsx';
import { Holidays } from './holidays.tsx';
import { LiveHall } from './live-hall.tsx';
import { Stations } from './stations.tsx';
import { passwordChangeRequired } from '../lib/ChangePassword.tsx';
import type { SessionView } from '../../server/contract/auth.ts';
import './admin.css';

type AdminSession = Pick<SessionView, 'staffId' | 'name' | 'role'>;

/** 分管领导 (leader) sign in here too, for 限时办结督办 only: approving extensions (限时办结制度 第七条). */
const mayEnter = (role: AdminSession['role']) => role === 'admin' || role === 'leader';

const TABS = [
  { id: 'dashboard', name: '数据概览' },
  { id: 'reports', name: '报表导出' },
  { id: 'ratings', name: '差评整改' },
  { id: 'settings', name: '配置管理' },
  { id: 'supervision', name: '限时办结督办' },
  { id: 'registers', name: '登记簿' },
  { id: 'duty', name: '在岗值班' },
  { id: 'devices', name: '设备设置' },
  { id: 'holidays', name: '节假日安排' },
  { id: 'stations', name: '便民服务站' },
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
        const { session, mustChangePassword } = await call('POST /api/login', { body: { staffId, pin } });
        if (!mayEnter(session.role)) {
          await api('POST', '/api/logout', {});
          return '该账号不是管理员账号（也不是分管领导账号），请使用管理员账号登录';
        }
        if (mustChangePassword) throw passwordChangeRequired();
        props.onLogin(session);
        return null;
      }}
    />
  );
}

function App() {
  const [session, setSession] = useState<AdminSession | null | undefined>(undefined);
  const [notice, setNotice] = useState('');
  const [tab, setTab] = useState<Tab>(() => TABS.find((t) => `#${t.id}` === location.hash)?.id ?? 'dashboard');
  const [center, setCenter] = useState('');
  const [today, setToday] = useState<string | null>(null);
  /** A storage fault from /api/health: the banner telling to restore a backup (issue #23 item 4). */
  const [storageAdvice, setStorageAdvice] = useState<string | null>(null);

  useEffect(() => {
    call('GET /api/session')
      .then(({ session: s, mustChangePassword }) => {
        if (mustChangePassword) setSession(null);
        else if (mayEnter(s.role)) setSession(s);
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
    call('GET /api/health')
      .then((h) => {
        setCenter(h.center);
        setToday(h.serviceDate);
        if (!h.storage.ok) setStorageAdvice(h.storage.advice ?? '数据库读取出错：请用最近的备份恢复');
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
          {TABS.filter((t) => session.role === 'admin' || t.id === 'supervision').map((t) => (
            <button
              key={t.id}
              class={tab === t.id ? 'tab on' : 'tab'}
              onClick={() => go(t.id)}
              data-testid={`tab-${t.id}`}
            >
              {t.name}
            </button>
          ))}
        </nav>
        <div class="who">
          {session.name}
          <button class="link" onClick={signOut}>
            退出
          </button>
        </div>
      </header>
      {storageAdvice && (
        <div class="storage-fault" role="alert" data-testid="storage-fault">
          <b>数据库故障</b> {storageAdvice}
        </div>
      )}
      <DueReminder onOpen={() => go('registers')} />
      {session.role === 'admin' && <EmptyPostAlert onOpen={() => go('duty')} />}
      <main>
        {session.role === 'admin' && <Operations />}
        {session.role === 'leader' && <SupervisionCard />}
        {session.role === 'leader' && <JiaobanCard today={today} />}
        {session.role === 'leader' && <ComplaintVerdictCard today={today} />}
        {session.role === 'admin' && tab === 'supervision' && <SupervisionCard />}
        {session.role === 'admin' && tab === 'supervision' && <JiaobanCard today={today} />}
        {session.role === 'admin' && tab === 'dashboard' && <LiveHall />}
        {session.role === 'admin' && tab === 'dashboard' && <Dashboard today={today} />}
        {session.role === 'admin' && tab === 'reports' && <Reports today={today} />}
        {session.role === 'admin' && tab === 'ratings' && <BadRatings />}
        {session.role === 'admin' && tab === 'ratings' && <PingyiCard today={today} />}
        {session.role === 'admin' && tab === 'settings' && <Settings />}
        {session.role === 'admin' && tab === 'registers' && <Registers today={today} />}
        {session.role === 'admin' && tab === 'devices' && <Devices />}
        {session.role === 'admin' && tab === 'holidays' && <Holidays />}
        {session.role === 'admin' && tab === 'stations' && <Stations />}
        {session.role === 'admin' && tab === 'duty' && <DutyBoard today={today} />}
        {session.role === 'admin' && tab === 'duty' && <DutyRoster today={today} />}
      </main>
    </div>
  );
}

render(<App />, document.getElementById('app')!);
