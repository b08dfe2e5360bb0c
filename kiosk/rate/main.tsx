/// <reference types="vite/client" />
// The rating tablet on a window's counter (/rate/:window). It waits for rating.request for its window,
// shows the ticket number, five big buttons and a countdown; 不满意 / 非常不满意 may add reasons; then
// thanks. No answer is left to the server's deadline, which records 未评价 — never a good rating.
import { render } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { useLive, useNow } from '../lib/use-live.ts';
import { api, ApiCallError } from '../lib/api.ts';
import { RATING_NAMES, RATING_VALUES, type RatingRequest, type RatingValue } from '../../server/contract/ratings.ts';
import { type ServerMessage } from '../../server/contract/ws.ts';
import { BAD_RATINGS, RATING_REASONS } from '../../server/contract/rating-reasons.ts';
import './rate.css';

/** Mouth curve per verdict: + smiles, − frowns (drawn, so no emoji font is needed on the tablet). */
const MOUTH: Record<RatingValue, number> = {
  'very-satisfied': 14,
  satisfied: 8,
  basic: 0,
  dissatisfied: -8,
  'very-dissatisfied': -14,
};

function Face(props: { value: RatingValue | null; size: number }) {
  const curve = props.value ? MOUTH[props.value] : 10;
  return (
    <svg class="face" width={props.size} height={props.size} viewBox="0 0 64 64" aria-hidden="true">
      <circle cx="32" cy="32" r="29" fill="none" stroke="currentColor" stroke-width="4" />
      <circle cx="22" cy="25" r="4" fill="currentColor" />
      <circle cx="42" cy="25" r="4" fill="currentColor" />
      <path
        d={`M18 ${44 - curve / 2} Q32 ${44 + curve} 46 ${44 - curve / 2}`}
        fill="none"
        stroke="currentColor"
        stroke-width="4"
        stroke-linecap="round"
      />
    </svg>
  );
}
const THANKS_MS = 5000;

type Screen =
  | { kind: 'idle' }
  | { kind: 'ask'; request: RatingRequest }
  | { kind: 'reasons'; request: RatingRequest; value: RatingValue }
  | { kind: 'thanks'; value: RatingValue | null; message: string };

/** Server time minus this tablet's time, from the HTTP Date header (so a wrong tablet clock does not skew the countdown). */
async function pendingWithSkew(windowNo: number): Promise<{ request: RatingRequest | null; skewMs: number }> {
  const started = Date.now();
  const res = await fetch(`/api/windows/${windowNo}/rating`, { credentials: 'same-origin' });
  const date = Date.parse(res.headers.get('date') ?? '');
  const skewMs = Number.isNaN(date) ? 0 : date + 500 - (started + Date.now()) / 2;
  if (!res.ok) throw new ApiCallError(res.status, 'http', '评价器无法连接服务器', { code: 'http', message: '' });
  const body = (await res.json()) as { request: RatingRequest | null };
  return { request: body.request, skewMs: Math.abs(skewMs) > 2000 ? skewMs : 0 };
}

/**
 * Before anything else the tablet must be paired with its window: staff press 评价器配对 on the window's
 * console and type the 6-digit code here. The server then keeps the tablet's device token in a cookie.
 */
function Pairing(props: { windowNo: number; message: string; onPaired: () => void }) {
  const [code, setCode] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    setError('');
    try {
      await api('POST', `/api/windows/${props.windowNo}/rating/pair`, { code });
      props.onPaired();
    } catch (err) {
      setError((err as ApiCallError).message);
      setCode('');
    } finally {
      setBusy(false);
    }
  };
  const press = (k: string) => (k === '←' ? setCode(code.slice(0, -1)) : code.length < 6 && setCode(code + k));
  return (
    <div class="rate screen-pair">
      <header>
        <span class="win">{props.windowNo}号窗口 · 评价器</span>
      </header>
      <main class="pair-body" data-testid="rate-pair">
        <h1>请工作人员输入配对码</h1>
        <p>{props.message}</p>
        <div class="pair-code" data-testid="rate-pair-code">
          {code.padEnd(6, '·')}
        </div>
        <div class="pair-keys">
          {['1', '2', '3', '4', '5', '6', '7', '8', '9', '←', '0'].map((k) => (
            <button key={k} disabled={busy} onClick={() => press(k)}>
              {k}
            </button>
          ))}
          <button
            class="submit"
            disabled={busy || code.length !== 6}
            onClick={() => void submit()}
            data-testid="rate-pair-submit"
          >
            配对
          </button>
        </div>
        {error && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
      </main>
    </div>
  );
}

/** Asks the server whether this tablet is paired (401/403: show the pairing screen). */
function PairedRate(props: { windowNo: number }) {
  const [state, setState] = useState<{ kind: 'checking' } | { kind: 'pair'; message: string } | { kind: 'paired' }>({
    kind: 'checking',
  });
  const check = () =>
    fetch(`/api/windows/${props.windowNo}/rating`, { credentials: 'same-origin' })
      .then(async (res) => {
        if (res.status === 401 || res.status === 403) {
          const body = (await res.json()) as { error?: { message?: string } };
          setState({ kind: 'pair', message: body.error?.message ?? '' });
        } else setState({ kind: 'paired' });
      })
      .catch(() => setTimeout(check, 3000));
  useEffect(() => void check(), []);
  // Unpaired later (staff paired another tablet for this window): the socket is refused, so look again now and then.
  useEffect(() => {
    if (state.kind !== 'paired') return;
    const t = setInterval(() => void check(), 30_000);
    return () => clearInterval(t);
  }, [state.kind]);
  if (state.kind === 'checking') return <div class="rate screen-idle" />;
  if (state.kind === 'pair')
    return <Pairing windowNo={props.windowNo} message={state.message} onPaired={() => setState({ kind: 'paired' })} />;
  return <Rate windowNo={props.windowNo} />;
}

function Rate(props: { windowNo: number }) {
  const [screen, setScreen] = useState<Screen>({ kind: 'idle' });
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const [reasons, setReasons] = useState<string[]>([]);
  const skew = useRef(0);
  const screenRef = useRef(screen);
  screenRef.current = screen;
  const now = useNow(250);

  const show = (request: RatingRequest) => {
    setError('');
    setReasons([]);
    setScreen({ kind: 'ask', request });
  };

  const onMessage = (msg: ServerMessage | null) => {
    if (!msg) return;
    if (msg.type === 'snapshot') {
      // (Re)connected: a resident may already be waiting to rate.
      pendingWithSkew(props.windowNo)
        .then(({ request, skewMs }) => {
          skew.current = skewMs;
          const s = screenRef.current;
          if (request && (s.kind === 'idle' || (s.kind !== 'thanks' && s.request.ticketId !== request.ticketId)))
            show(request);
          if (!request && (s.kind === 'ask' || s.kind === 'reasons')) setScreen({ kind: 'idle' });
        })
        .catch((err: Error) => setError(err.message));
    }
    if (msg.type === 'rating.request' && msg.request.windowNo === props.windowNo) show(msg.request);
    if (msg.type === 'rating.closed' && msg.windowNo === props.windowNo) {
      const s = screenRef.current;
      if ((s.kind === 'ask' || s.kind === 'reasons') && s.request.ticketId === msg.ticketId)
        setScreen({ kind: 'idle' });
    }
  };
  const live = useLive('rate', onMessage);

  // Thanks for a few seconds, then back to waiting.
  useEffect(() => {
    if (screen.kind !== 'thanks') return;
    const t = setTimeout(() => setScreen({ kind: 'idle' }), THANKS_MS);
    return () => clearTimeout(t);
  }, [screen]);

  // `now` only re-renders four times a second; the time itself is read fresh (a stale tick would show 61).
  void now;
  const remaining =
    screen.kind === 'ask' || screen.kind === 'reasons'
      ? Math.max(0, Math.ceil((Date.parse(screen.request.deadline) - (Date.now() + skew.current)) / 1000))
      : 0;
  // At zero the server records 未评价 and says rating.closed; if that message is lost, stop asking anyway.
  useEffect(() => {
    if ((screen.kind === 'ask' || screen.kind === 'reasons') && remaining === 0) {
      const t = setTimeout(() => setScreen({ kind: 'idle' }), 1500);
      return () => clearTimeout(t);
    }
  }, [screen.kind, remaining === 0]);

  const submit = async (request: RatingRequest, value: RatingValue, chosen: string[]) => {
    if (busy) return;
    setBusy(true);
    setError('');
    try {
      await api('POST', `/api/windows/${props.windowNo}/rating`, {
        ticketId: request.ticketId,
        value,
        ...(chosen.length ? { reasons: chosen } : {}),
      });
      setScreen({
        kind: 'thanks',
        value,
        message: BAD_RATINGS.includes(value) ? '感谢您的评价，我们会认真整改！' : '感谢您的评价！',
      });
    } catch (err) {
      const e = err as ApiCallError;
      if (e.status === 409 || e.status === 404) setScreen({ kind: 'thanks', value: null, message: e.message });
      else setError(e.message);
    } finally {
      setBusy(false);
    }
  };

  const choose = (request: RatingRequest, value: RatingValue) => {
    if (BAD_RATINGS.includes(value)) setScreen({ kind: 'reasons', request, value });
    else void submit(request, value, []);
  };

  const windowName = live.snapshot?.windows.find((w) => w.no === props.windowNo)?.name ?? '';
  return (
    <div class={`rate screen-${screen.kind}`}>
      <header>
        <span class="win">
          {props.windowNo}号窗口{windowName ? ` · ${windowName}` : ''}
        </span>
        <span class="center">{live.snapshot?.center.name ?? ''}</span>
        {!live.connected && <span class="offline">连接中…</span>}
      </header>
      {screen.kind === 'idle' && (
        <main class="idle-body" data-testid="rate-idle">
          <div class="idle-face">
            <Face value="very-satisfied" size={120} />
          </div>
          <h1>请为我们的服务评价</h1>
          <p>业务办理完成后，请在此屏幕上点选您的评价</p>
        </main>
      )}
      {screen.kind === 'ask' && (
        <main data-testid="rate-ask">
          <div class="ask-head">
            <h1>
              <span class="number" data-testid="rate-number">
                {screen.request.number}
              </span>{' '}
              号，请对本次服务评价
            </h1>
            <Countdown seconds={remaining} />
          </div>
          <div class="choices">
            {RATING_VALUES.map((v) => (
              <button
                key={v}
                class={`choice ${v}`}
                disabled={busy}
                onClick={() => choose(screen.request, v)}
                data-testid={`rate-${v}`}
              >
                <Face value={v} size={72} />
                <span>{RATING_NAMES[v]}</span>
              </button>
            ))}
          </div>
        </main>
      )}
      {screen.kind === 'reasons' && (
        <main data-testid="rate-reasons">
          <div class="ask-head">
            <h1>您选择了“{RATING_NAMES[screen.value]}”，请告诉我们原因（可多选）</h1>
            <Countdown seconds={remaining} />
          </div>
          <div class="reasons">
            {RATING_REASONS.map((r) => (
              <button
                key={r}
                class={reasons.includes(r) ? 'reason on' : 'reason'}
                aria-pressed={reasons.includes(r)}
                onClick={() => setReasons(reasons.includes(r) ? reasons.filter((x) => x !== r) : [...reasons, r])}
              >
                {r}
              </button>
            ))}
          </div>
          <div class="reason-actions">
            <button class="back" onClick={() => setScreen({ kind: 'ask', request: screen.request })}>
              返回重选
            </button>
            <button
              class="submit"
              disabled={busy}
              onClick={() => submit(screen.request, screen.value, reasons)}
              data-testid="rate-submit"
            >
              提交评价
            </button>
          </div>
        </main>
      )}
      {screen.kind === 'thanks' && (
        <main class="thanks-body" data-testid="rate-thanks">
          <div class="idle-face">
            <Face value={screen.value && !BAD_RATINGS.includes(screen.value) ? screen.value : null} size={120} />
          </div>
          <h1>{screen.message}</h1>
        </main>
      )}
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

function Countdown(props: { seconds: number }) {
  return (
    <div
      class={props.seconds <= 10 ? 'countdown soon' : 'countdown'}
      data-testid="rate-countdown"
      role="timer"
      aria-label={`剩余 ${props.seconds} 秒`}
    >
      <b>{props.seconds}</b>
      <span>秒</span>
    </div>
  );
}

const match = /^\/rate\/(\d+)\/?$/.exec(location.pathname);
const root = document.getElementById('app')!;
if (match) {
  document.title = `${match[1]}号窗口 · 服务评价`;
  render(<PairedRate windowNo={Number(match[1])} />, root);
} else {
  render(
    <div class="rate screen-idle">
      <main class="idle-body">
        <h1>请在地址中写明窗口号，例如 /rate/3</h1>
      </main>
    </div>,
    root,
  );
}
