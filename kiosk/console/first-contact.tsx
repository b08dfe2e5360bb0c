// 首问登记 at the window (seed 004 首问首办责任制度 第三条、第七条、第十条): when a ticket is finished the console
// asks in one step what it was — the ticket's matter preselected, 受理 preselected when a case was accepted for
// it — and the name from the ID card when one was read (masked, as the ticket holds it). Phone consultations
// are entered the same way. Materials left for another window are listed at that window to be signed for,
// and the village stations' 代办件 wait in this window's inbox to be accepted as cases.
import { useEffect, useState } from 'preact/hooks';
import { api, ApiCallError, call } from '../lib/api.ts';
import { ComplaintForm, HomeVisitForm } from '../lib/register-forms.tsx';
import type { DaibanItem, HandedMaterial } from '../../server/contract/registers.ts';
import type { Ticket, WindowState } from '../../server/contract/queue.ts';

type Outcome = 'consult' | 'accept' | 'transfer' | 'unable';
const OUTCOMES: { id: Outcome; name: string }[] = [
  { id: 'consult', name: '咨询' },
  { id: 'accept', name: '受理' },
  { id: 'transfer', name: '转交其他窗口' },
  { id: 'unable', name: '无法办理' },
];

export function FirstContactDesk(props: {
  windowNo: number;
  ticket: Ticket | null;
  windows: WindowState[];
  today: string;
  onClose(message?: string): void;
  onSignedOut(): void;
}) {
  const t = props.ticket;
  const [matterId, setMatterId] = useState<string | null>(null);
  const [matterText, setMatterText] = useState('');
  const [outcome, setOutcome] = useState<Outcome>('consult');
  const [caseId, setCaseId] = useState<string | null>(null);
  const others = props.windows.filter((w) => w.no !== props.windowNo);
  const [toWindowNo, setToWindowNo] = useState(others[0]?.no ?? 0);
  const [reason, setReason] = useState('');
  const [name, setName] = useState(t?.nameMasked ?? '');
  const [unit, setUnit] = useState('');
  const [phone, setPhone] = useState('');
  const [materials, setMaterials] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');

  useEffect(() => {
    if (!t) return;
    // What the system already knows: the matter chosen at the kiosk, a case accepted for this ticket.
    const first = t.matterIds[0];
    if (first) {
      call('GET /api/matters/:id', { params: { id: first } })
        .then((r) => {
          setMatterId(r.matter.id);
          setMatterText((x) => x || r.matter.name);
        })
        .catch(() => undefined);
    }
    call('GET /api/cases', { query: { window: props.windowNo, date: props.today } })
      .then((r) => {
        const c = r.cases.find((x) => x.ticketId === t.id);
        if (!c) return;
        setCaseId(c.id);
        setOutcome('accept');
        setMatterId(c.matterId);
        setMatterText(c.matterName);
      })
      .catch(() => undefined);
  }, [t?.id]);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setError('');
    try {
      await api('POST', '/api/registers/first-contact', {
        windowNo: props.windowNo,
        channel: t ? 'counter' : 'phone',
        ...(t ? { ticketId: t.id } : {}),
        ...(name.trim() ? { name: name.trim() } : {}),
        ...(unit.trim() ? { unit: unit.trim() } : {}),
        ...(phone.trim() ? { phone: phone.trim() } : {}),
        ...(matterId && matterText.trim() ? { matterId } : {}),
        matterText: matterText.trim(),
        outcome,
        ...(outcome === 'transfer' ? { toWindowNo } : {}),
        ...(outcome === 'unable' ? { reason: reason.trim() } : {}),
        ...(outcome === 'accept' && caseId ? { caseId } : {}),
        ...(outcome === 'transfer' && materials.trim() ? { materials: materials.trim() } : {}),
      });
      props.onClose(t ? `首问登记：${t.number} 已登记` : '来电咨询已登记');
    } catch (err) {
      const e2 = err instanceof ApiCallError ? err : null;
      if (e2?.status === 401) props.onSignedOut();
      setError(e2?.message ?? '登记失败，请重试');
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="panel first-contact" onSubmit={(e) => void submit(e)} data-testid="first-contact">
      <h3>{t ? `首问登记：${t.number} 办的是什么？` : '来电咨询登记'}</h3>
      <div class="row">
        <label>
          {t ? '咨询或办理事项' : '来电咨询或反映的事项'}
          <input
            name="matterText"
            maxLength={200}
            value={matterText}
            onInput={(e) => setMatterText(e.currentTarget.value)}
            required
            autoFocus={!t}
          />
        </label>
      </div>
      <div class="row" role="radiogroup" aria-label="办理结果">
        {OUTCOMES.map((o) => (
          <label key={o.id} class="choice">
            <input
              type="radio"
              name="outcome"
              value={o.id}
              checked={outcome === o.id}
              onChange={() => setOutcome(o.id)}
            />{' '}
            {o.name}
          </label>
        ))}
      </div>
      {outcome === 'transfer' && (
        <div class="row">
          <label>
            接收窗口
            <select name="toWindowNo" value={toWindowNo} onChange={(e) => setToWindowNo(Number(e.currentTarget.value))}>
              {others.map((w) => (
                <option key={w.no} value={w.no}>
                  {w.no}号窗口 {w.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            代收转交的材料（可选）
            <input
              name="materials"
              maxLength={500}
              placeholder="如：书面申请报告、户口簿复印件"
              value={materials}
              onInput={(e) => setMaterials(e.currentTarget.value)}
            />
          </label>
        </div>
      )}
      {outcome === 'unable' && (
        <div class="row">
          <label>
            无法办理的原因（必填）
            <input
              name="reason"
              maxLength={500}
              value={reason}
              onInput={(e) => setReason(e.currentTarget.value)}
              required
            />
          </label>
        </div>
      )}
      <div class="row">
        <label>
          姓名（可选）
          <input name="name" maxLength={40} value={name} onInput={(e) => setName(e.currentTarget.value)} />
        </label>
        <label>
          单位（可选）
          <input name="unit" maxLength={80} value={unit} onInput={(e) => setUnit(e.currentTarget.value)} />
        </label>
        <label>
          联系电话（可选）
          <input
            name="phone"
            maxLength={40}
            inputMode="tel"
            value={phone}
            onInput={(e) => setPhone(e.currentTarget.value)}
          />
        </label>
      </div>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <div class="row">
        <button type="submit" class="primary" disabled={busy || !matterText.trim()}>
          登记
        </button>
        <button type="button" class="link" onClick={() => props.onClose()}>
          {t ? '跳过' : '取消'}
        </button>
      </div>
    </form>
  );
}

/** 第七条 materials other windows took in for this one, and the stations' 代办件 waiting for this centre. */
export function WindowInbox(props: {
  windowNo: number;
  today: string;
  onMessage(text: string): void;
  onSignedOut(): void;
}) {
  const [handed, setHanded] = useState<HandedMaterial[]>([]);
  const [daiban, setDaiban] = useState<DaibanItem[]>([]);
  const [days, setDays] = useState<Record<string, string>>({});
  const [error, setError] = useState('');
  const [entry, setEntry] = useState<'complaint' | 'home-visit' | null>(null);
  const refresh = async () => {
    try {
      const [h, d] = await Promise.all([
        call('GET /api/windows/:no/handed-materials', { params: { no: props.windowNo } }),
        call('GET /api/daiban/inbox'),
      ]);
      setHanded(h.items);
      setDaiban(d.items);
    } catch (err) {
      if (err instanceof ApiCallError && err.status === 401) props.onSignedOut();
    }
  };
  useEffect(() => {
    void refresh();
    const timer = setInterval(() => void refresh(), 30_000);
    return () => clearInterval(timer);
  }, [props.windowNo]);

  /** One POST; true when it went through (the message shown), false with the server's message shown. */
  const act = async (path: string, body: unknown, done: string): Promise<boolean> => {
    setError('');
    let ok = false;
    try {
      await api('POST', path, body);
      props.onMessage(done);
      ok = true;
    } catch (err) {
      setError(err instanceof ApiCallError ? err.message : '操作失败，请重试');
    }
    void refresh();
    return ok;
  };

  const today = props.today;
  return (
    <section class="inbox" data-testid="window-inbox">
      <h2>
        待签收材料与代办件{' '}
        <button class="small link" onClick={() => void refresh()}>
          刷新
        </button>
      </h2>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {handed.length === 0 && daiban.length === 0 && <p class="muted">没有待签收的材料和代办件</p>}
      <ul>
        {handed.map((h) => (
          <li key={h.id} data-testid="handed-item">
            <b>{h.fromWindow}</b> 代收：{h.materials}
            <span class="muted">
              （{h.matter}
              {h.name ? `，${h.name}` : ''}）
            </span>
            <button
              class="small"
              onClick={() =>
                void act(`/api/registers/first-contact/${encodeURIComponent(h.id)}/received`, {}, '材料已签收')
              }
            >
              签收
            </button>
          </li>
        ))}
        {daiban.map((d) => (
          <li key={d.id} data-testid="daiban-item">
            <span class="tag appt">代办件</span> <b>{d.matterName}</b>　{d.stationName}·{d.agentName}　委托人{' '}
            {d.residentName ?? ''} {d.residentPhone ?? ''}
            <div class="muted">
              授权委托：{d.authorization}
              {d.materialsMissing.length ? `；缺：${d.materialsMissing.join('、')}` : '；材料齐全'}
            </div>
            <div class="row">
              <input
                class="small"
                name="promisedDays"
                inputMode="numeric"
                placeholder="承诺工作日（承诺件）"
                value={days[d.id] ?? ''}
                onInput={(e) => setDays({ ...days, [d.id]: e.currentTarget.value })}
              />
              <button
                class="small"
                onClick={() => {
                  const n = Number(days[d.id]);
                  void act(
                    `/api/windows/${props.windowNo}/daiban/${encodeURIComponent(d.id)}/accept`,
                    n > 0 ? { kind: 'promised', promisedDays: n } : {},
                    `代办件已受理：${d.matterName}`,
                  );
                }}
              >
                受理
              </button>
              <button
                class="small link"
                onClick={() => {
                  const reason = prompt('退回原因（将告知服务站）');
                  if (reason?.trim())
                    void act(
                      `/api/daiban/${encodeURIComponent(d.id)}/return`,
                      { reason: reason.trim() },
                      '代办件已退回服务站',
                    );
                }}
              >
                退回
              </button>
            </div>
          </li>
        ))}
      </ul>
      <div class="row">
        <button
          class="small"
          aria-pressed={entry === 'complaint'}
          onClick={() => setEntry(entry === 'complaint' ? null : 'complaint')}
        >
          登记意见投诉
        </button>
        <button
          class="small"
          aria-pressed={entry === 'home-visit'}
          onClick={() => setEntry(entry === 'home-visit' ? null : 'home-visit')}
        >
          登记上门服务
        </button>
      </div>
      {entry === 'complaint' && (
        <ComplaintForm
          post={(body) =>
            void act('/api/registers/complaints', body, '已登记意见或投诉').then((ok) => ok && setEntry(null))
          }
        />
      )}
      {entry === 'home-visit' && today && (
        <HomeVisitForm
          today={today}
          post={(body) =>
            void act('/api/registers/home-visits', body, '已登记上门服务').then((ok) => ok && setEntry(null))
          }
        />
      )}
      {today && (
        <p class="muted register-links">
          今日登记簿（A4）：
          {[
            ['first-contact', '首问'],
            ['cases', '办件'],
            ['collection', '签收'],
            ['daiban', '代办'],
          ].map(([kind, name]) => (
            <a
              key={kind}
              href={`/api/registers/${kind}?from=${today}&to=${today}&format=html`}
              target="_blank"
              rel="noopener"
            >
              {name}
            </a>
          ))}
        </p>
      )}
    </section>
  );
}
