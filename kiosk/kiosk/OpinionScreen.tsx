// 意见簿 at the kiosk (seed 002 篇8 "在諮詢處設立意見簿"; seed 004 有效投诉): a resident taps what went wrong (or
// right), optionally the window and a phone number for the answer, and it lands in the centre's 意见和投诉登记.
// Taps, not typing: the topics are fixed; the register stores them in Chinese whatever the screen's language.
import { useState } from 'preact/hooks';
import { api, ApiCallError } from '../lib/api.ts';
import { translator, type StringKey } from './strings.ts';
import { useKiosk, useSpokenHeading } from './kiosk-context.ts';

const TOPICS: StringKey[] = [
  'opinion.topic.wait',
  'opinion.topic.attitude',
  'opinion.topic.efficiency',
  'opinion.topic.unclear',
  'opinion.topic.absent',
  'opinion.topic.facility',
  'opinion.topic.praise',
];
const zh = translator('zh');

export function OpinionScreen(props: { windows: number[]; onBack(): void }) {
  const { t } = useKiosk();
  const [picked, setPicked] = useState<StringKey[]>([]);
  const [windowNo, setWindowNo] = useState<number | null>(null);
  const [phone, setPhone] = useState('');
  const [state, setState] = useState<{ kind: 'editing' | 'sending' | 'sent' } | { kind: 'error'; text: string }>({
    kind: 'editing',
  });
  useSpokenHeading(t('opinion.heading'));

  const toggle = (k: StringKey) => setPicked((p) => (p.includes(k) ? p.filter((x) => x !== k) : [...p, k]));
  const send = async () => {
    if (!picked.length) return setState({ kind: 'error', text: t('opinion.pickOne') });
    setState({ kind: 'sending' });
    try {
      await api('POST', '/api/kiosk/complaints', {
        content: picked.map((k) => zh(k)).join('、'),
        ...(phone ? { phone } : {}),
        ...(windowNo ? { windowNo } : {}),
      });
      setState({ kind: 'sent' });
    } catch (err) {
      setState({ kind: 'error', text: err instanceof ApiCallError ? err.message : t('app.retry') });
    }
  };

  if (state.kind === 'sent')
    return (
      <div class="opinion-screen" data-testid="opinion-screen">
        <h1 class="heading">{t('opinion.thanks')}</h1>
        {phone && <p class="hint">{t('opinion.thanksPhone')}</p>}
        <div class="actions">
          <button class="btn btn-primary" onClick={props.onBack}>
            {t('app.home')}
          </button>
        </div>
      </div>
    );
  return (
    <div class="opinion-screen" data-testid="opinion-screen">
      <h1 class="heading">{t('opinion.heading')}</h1>
      <div class="opinion-topics">
        {TOPICS.map((k) => (
          <button
            key={k}
            class={`chip-big${picked.includes(k) ? ' on' : ''}`}
            aria-pressed={picked.includes(k)}
            onClick={() => toggle(k)}
            data-topic={k}
          >
            {t(k)}
          </button>
        ))}
      </div>
      <h2 class="sub">{t('opinion.window')}</h2>
      <div class="opinion-windows">
        <button class={`chip-big${windowNo === null ? ' on' : ''}`} onClick={() => setWindowNo(null)}>
          {t('opinion.anyWindow')}
        </button>
        {props.windows.map((n) => (
          <button
            key={n}
            class={`chip-big${windowNo === n ? ' on' : ''}`}
            onClick={() => setWindowNo(n)}
            data-window={n}
          >
            {t('opinion.windowNo', { n })}
          </button>
        ))}
      </div>
      <h2 class="sub">{t('opinion.phone')}</h2>
      <div class="opinion-phone" data-testid="opinion-phone">
        {phone || '—'}
      </div>
      <div class="digit-pad">
        {['1', '2', '3', '4', '5', '6', '7', '8', '9', '0'].map((d) => (
          <button key={d} onClick={() => setPhone((p) => (p.length < 15 ? p + d : p))} data-digit={d}>
            {d}
          </button>
        ))}
        <button onClick={() => setPhone((p) => p.slice(0, -1))}>{t('opinion.delete')}</button>
      </div>
      {state.kind === 'error' && (
        <p class="error-text" role="alert">
          {state.text}
        </p>
      )}
      <div class="actions">
        <button class="btn" onClick={props.onBack}>
          {t('app.back')}
        </button>
        <button class="btn btn-primary" disabled={state.kind === 'sending'} onClick={() => void send()}>
          {t('opinion.submit')}
        </button>
      </div>
    </div>
  );
}
