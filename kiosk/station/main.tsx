/// <reference types="vite/client" />
// The village/community station's page (/station), for its 代办员 (seed 002 篇1 工作程序): register a resident's
// matter with the power of attorney (授权委托), tick the materials against the guide, print the 报送联系单 and
// forward it to the street centre; when the centre has finished it, record how the resident was told (电话/上门).
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { api, ApiCallError, call } from '../lib/api.ts';
import { LoginForm } from '../lib/LoginForm.tsx';
import { CASE_STATE_NAMES } from '../../server/contract/cases.ts';
import { type DaibanItem as Item } from '../../server/contract/registers.ts';
import { type Matter, type MatterSummary } from '../../server/contract/matters.ts';
import './station.css';

interface StationView {
  station: { id: string; name: string };
  agent: { staffId: string; name: string };
  center: string;
  timezone: string;
  items: Item[];
}

const AUTHORIZATIONS = ['当事人签署授权委托书', '当事人口头委托，代办员已登记'];
/** The centre's local time (its zone from the server), whatever the station PC's zone is. */
let timeZone = 'Asia/Shanghai';
const stamp = (iso: string | null) =>
  iso ? new Date(iso).toLocaleString('zh-CN', { timeZone, hour12: false }).slice(0, -3) : '';

function stateText(i: Item): string {
  if (i.state === 'returned') return `街道退回：${i.returnReason ?? ''}`;
  if (i.state === 'replied') return `已回复（${i.replyMethod === 'visit' ? '上门' : '电话'}）`;
  if (i.state === 'accepted')
    return `街道已受理 ${i.caseNo ?? ''}：${i.caseState ? ((CASE_STATE_NAMES as Record<string, string>)[i.caseState] ?? i.caseState) : ''}`;
  return i.state === 'forwarded' ? '已报送，待街道受理' : i.verifiedAt ? '已入户核实，待报送' : '已登记，待入户核实';
}
const canReply = (i: Item) =>
  i.state === 'returned' ||
  (i.state === 'accepted' && ['finished', 'collected', 'rejected'].includes(i.caseState ?? ''));

function Register(props: { onDone(text: string): void }) {
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  const [auth, setAuth] = useState(AUTHORIZATIONS[0]!);
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<MatterSummary[]>([]);
  const [matter, setMatter] = useState<Matter | null>(null);
  const [have, setHave] = useState<Record<string, boolean>>({});
  const [note, setNote] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!query.trim()) return setFound([]);
    const t = setTimeout(() => {
      call('GET /api/matters', { query: { q: query.trim() } })
        .then((r) => setFound(r.matters))
        .catch((e: ApiCallError) => setError(e.message));
    }, 150);
    return () => clearTimeout(t);
  }, [query]);

  const pick = async (id: string) => {
    const r = await call('GET /api/matters/:id', { params: { id } });
    setMatter(r.matter);
    setHave({});
    setQuery('');
    setFound([]);
  };

  const submit = async (e: Event) => {
    e.preventDefault();
    if (!matter) return setError('请先选择代办事项');
    setBusy(true);
    setError('');
    const materials = matter.guide?.materials ?? [];
    const names = materials.map((m) => m.name);
    // A conditional material (符合…条件的才交) not received is not missing.
    const required = new Set(materials.filter((m) => m.required).map((m) => m.name));
    try {
      await api('POST', '/api/station/daiban', {
        residentName: name.trim(),
        ...(phone.trim() ? { residentPhone: phone.trim() } : {}),
        matterId: matter.id,
        authorization: auth,
        materialsOk: names.filter((n) => have[n]),
        materialsMissing: names.filter((n) => !have[n] && required.has(n)),
        ...(note.trim() ? { note: note.trim() } : {}),
      });
      setName('');
      setPhone('');
      setMatter(null);
      setNote('');
      props.onDone(`已登记：${matter.name}`);
    } catch (err) {
      setError(err instanceof ApiCallError ? err.message : '登记失败，请重试');
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="card" onSubmit={(e) => void submit(e)} data-testid="station-register">
      <h2>受理登记（代办）</h2>
      <div class="grid2">
        <label>
          委托人（当事人）姓名
          <input
            name="residentName"
            maxLength={40}
            value={name}
            onInput={(e) => setName(e.currentTarget.value)}
            required
          />
        </label>
        <label>
          联系电话
          <input
            name="residentPhone"
            maxLength={40}
            inputMode="tel"
            value={phone}
            onInput={(e) => setPhone(e.currentTarget.value)}
          />
        </label>
        <label>
          授权委托
          <select name="authorization" value={auth} onChange={(e) => setAuth(e.currentTarget.value)}>
            {AUTHORIZATIONS.map((a) => (
              <option key={a}>{a}</option>
            ))}
          </select>
        </label>
        <div class="field">
          代办事项
          {matter ? (
            <div>
              <b data-testid="station-matter">{matter.name}</b>{' '}
              <button type="button" class="link" onClick={() => setMatter(null)}>
                重新选择
              </button>
            </div>
          ) : (
            <>
              <input
                name="matterSearch"
                placeholder="输入事项名称或拼音首字母搜索"
                value={query}
                onInput={(e) => setQuery(e.currentTarget.value)}
              />
              <ul class="matches">
                {found.slice(0, 12).map((m) => (
                  <li key={m.id}>
                    <button type="button" onClick={() => void pick(m.id)}>
                      {m.name} <span class="muted">{m.hasGuide ? '' : '·无办事指南'}</span>
                    </button>
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      </div>
      {matter && (
        <div>
          <h3>材料初审（对照办事指南）</h3>
          {matter.guide?.materials.length ? (
            <ul class="materials">
              {matter.guide.materials.map((m) => (
                <li key={m.name}>
                  <span class="name">
                    {m.name}
                    {!m.required && <span class="muted">（{m.condition ?? '非必交'}）</span>}
                  </span>
                  <label>
                    <input
                      type="checkbox"
                      name="material"
                      value={m.name}
                      checked={have[m.name] ?? false}
                      onChange={(e) => setHave({ ...have, [m.name]: e.currentTarget.checked })}
                    />{' '}
                    已收
                  </label>
                </li>
              ))}
            </ul>
          ) : (
            <p class="muted">该事项的办事指南未列明材料，请向街道便民服务中心咨询。</p>
          )}
        </div>
      )}
      <label class="field">
        备注
        <input name="note" maxLength={500} value={note} onInput={(e) => setNote(e.currentTarget.value)} />
      </label>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <p>
        <button type="submit" class="primary" disabled={busy}>
          登记
        </button>
      </p>
    </form>
  );
}

function Reply(props: { item: Item; onDone(text: string): void; onError(text: string): void }) {
  const [method, setMethod] = useState<'phone' | 'visit'>('phone');
  const [at, setAt] = useState('');
  const send = async () => {
    try {
      await api('POST', `/api/station/daiban/${encodeURIComponent(props.item.id)}/reply`, {
        method,
        ...(at ? { at: new Date(at).toISOString() } : {}),
      });
      props.onDone(`已登记回复：${props.item.matterName}`);
    } catch (err) {
      props.onError(err instanceof ApiCallError ? err.message : '登记失败');
    }
  };
  return (
    <span class="actions" data-testid="reply">
      <select name="replyMethod" value={method} onChange={(e) => setMethod(e.currentTarget.value as 'phone' | 'visit')}>
        <option value="phone">电话告知</option>
        <option value="visit">上门告知</option>
      </select>
      <input
        type="datetime-local"
        name="replyAt"
        value={at}
        onInput={(e) => setAt(e.currentTarget.value)}
        title="告知时间（不填为现在）"
      />
      <button onClick={() => void send()}>登记回复</button>
    </span>
  );
}

function Station(props: { onSignedOut(): void }) {
  const [view, setView] = useState<StationView | null>(null);
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);
  const load = () =>
    api<StationView>('GET', '/api/station')
      .then((v) => {
        timeZone = v.timezone;
        setView(v);
      })
      .catch((err: ApiCallError) =>
        err.status === 401 ? props.onSignedOut() : setMessage({ error: true, text: err.message }),
      );
  useEffect(() => {
    void load();
    const t = setInterval(() => void load(), 30_000);
    return () => clearInterval(t);
  }, []);
  const done = (text: string) => {
    setMessage({ error: false, text });
    void load();
  };
  const act = (path: string, text: string) =>
    api('POST', path, {})
      .then(() => done(text))
      .catch((err: ApiCallError) => setMessage({ error: true, text: err.message }));

  if (!view) return <div class="muted">正在加载…</div>;
  return (
    <>
      <header class="top">
        <b>{view.station.name}</b>
        <span>代办员：{view.agent.name}</span>
        <span class="muted" style="color:#d4f0dc">
          报送至 {view.center}
        </span>
        <span class="who">
          <button class="link" onClick={() => void api('POST', '/api/logout', {}).finally(props.onSignedOut)}>
            退出
          </button>
        </span>
      </header>
      <main>
        <div role="status" data-testid="station-message">
          {message && <span class={message.error ? 'error' : 'info'}>{message.text}</span>}
        </div>
        <Register onDone={done} />
        <section class="card">
          <h2>代办台账</h2>
          <table data-testid="station-items">
            <thead>
              <tr>
                <th>代办编号</th>
                <th>登记时间</th>
                <th>委托人</th>
                <th>代办事项</th>
                <th>办理情况</th>
                <th>操作</th>
              </tr>
            </thead>
            <tbody>
              {view.items.map((i) => (
                <tr key={i.id} data-no={i.no}>
                  <td>{i.no}</td>
                  <td>{stamp(i.registeredAt)}</td>
                  <td>
                    {i.residentName} <span class="muted">{i.residentPhone}</span>
                  </td>
                  <td>{i.matterName}</td>
                  <td>
                    <span class="state">{stateText(i)}</span>
                  </td>
                  <td class="actions">
                    {i.state === 'registered' && !i.verifiedAt && (
                      <button
                        onClick={() =>
                          void act(`/api/station/daiban/${encodeURIComponent(i.id)}/verified`, '已登记入户核实')
                        }
                      >
                        入户核实完成
                      </button>
                    )}
                    <button
                      onClick={() => window.open(`/api/station/daiban/${encodeURIComponent(i.id)}/slip`, '_blank')}
                    >
                      报送联系单
                    </button>
                    {i.state === 'registered' && (
                      <button
                        class="primary"
                        onClick={() =>
                          void act(
                            `/api/station/daiban/${encodeURIComponent(i.id)}/forward`,
                            `已报送街道：${i.matterName}`,
                          )
                        }
                      >
                        报送街道
                      </button>
                    )}
                    {canReply(i) && (
                      <Reply item={i} onDone={done} onError={(text) => setMessage({ error: true, text })} />
                    )}
                    {i.state === 'replied' && <span class="muted">{stamp(i.repliedAt)}</span>}
                  </td>
                </tr>
              ))}
              {view.items.length === 0 && (
                <tr>
                  <td colSpan={6} class="muted">
                    还没有代办件
                  </td>
                </tr>
              )}
            </tbody>
          </table>
        </section>
      </main>
    </>
  );
}

function App() {
  const [signedIn, setSignedIn] = useState<boolean | undefined>(undefined);
  useEffect(() => {
    call('GET /api/session')
      .then((r) => setSignedIn(r.session.role === 'agent'))
      .catch(() => setSignedIn(false));
  }, []);
  if (signedIn === undefined) return <div class="muted">正在连接服务器…</div>;
  if (!signedIn)
    return (
      <div class="login-page">
        <LoginForm
          title="村（社区）便民服务站 · 代办员登录"
          idLabel="代办员账号"
          missing="请输入代办员账号和密码"
          signIn={async (staffId, pin) => {
            const { session } = await call('POST /api/login', { body: { staffId, pin } });
            if (session.role !== 'agent') {
              await api('POST', '/api/logout', {});
              return '该账号不是代办员账号，请使用服务站的代办员账号登录';
            }
            setSignedIn(true);
            return null;
          }}
        />
      </div>
    );
  return <Station onSignedOut={() => setSignedIn(false)} />;
}

render(<App />, document.getElementById('app')!);
