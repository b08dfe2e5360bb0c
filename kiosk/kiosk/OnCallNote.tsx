// 值班 on the kiosk home screen (seed 004 运行机制㈤ "中午、晚上及节假日…安排人员值班…由值班人员接转及预约服务时间"):
// outside opening hours the duty phone from the roster; on a rest day a 急需 request (预约服务制度 第四条
// "对于节假日急需办理手续的,服务中心值班人员要及时通知相关窗口相关工作人员前来办理") with a phone and the matter.
import { useEffect, useState } from 'preact/hooks';
import { api, ApiCallError } from '../lib/api.ts';
import type { OnCall } from '../../server/contract/duty.ts';
import type { Translate } from './strings.ts';
import './on-call.css';

export function OnCallNote(props: { t: Translate; withUrgent?: boolean }) {
  const { t } = props;
  const [onCall, setOnCall] = useState<OnCall | null>(null);
  const [phone, setPhone] = useState('');
  const [matter, setMatter] = useState('');
  const [state, setState] = useState<{ kind: 'idle' | 'sending' | 'done' } | { kind: 'error'; text: string }>({
    kind: 'idle',
  });
  useEffect(() => {
    const load = () =>
      api<OnCall>('GET', '/api/duty/on-call')
        .then(setOnCall)
        .catch(() => setOnCall(null));
    void load();
    const timer = setInterval(() => void load(), 60_000);
    return () => clearInterval(timer);
  }, []);
  const [formOpen, setFormOpen] = useState(false);
  // Nothing to say until the centre has put someone on the roster: the categories already say they are closed.
  if (!onCall || onCall.open || !onCall.onCall) return null;
  const duty = onCall.onCall;
  const send = async () => {
    setState({ kind: 'sending' });
    try {
      await api('POST', '/api/duty/urgent', { phone, matterText: matter.trim() });
      setState({ kind: 'done' });
    } catch (err) {
      setState({ kind: 'error', text: err instanceof ApiCallError ? err.message : t('app.retry') });
    }
  };
  return (
    <div class="on-call" data-testid="on-call">
      <p class="on-call-phone">{t('oncall.phone', { period: duty.period, phone: duty.phone })}</p>
      {props.withUrgent !== false && onCall.restDay && (
        <div class="on-call-urgent">
          <button class="on-call-toggle" aria-expanded={formOpen} onClick={() => setFormOpen(!formOpen)}>
            {t('oncall.urgent')}
          </button>{' '}
          {formOpen && t('oncall.urgentHint')}
          {!formOpen ? null : state.kind === 'done' ? (
            <p class="on-call-done">{t('oncall.done')}</p>
          ) : (
            <div class="on-call-form">
              <input
                value={matter}
                maxLength={100}
                placeholder={t('oncall.matter')}
                aria-label={t('oncall.matter')}
                onInput={(e) => setMatter((e.target as HTMLInputElement).value)}
              />
              <span class="on-call-digits" data-testid="on-call-digits">
                {t('oncall.phoneLabel')}：{phone || '—'}
              </span>
              <span class="digit-pad">
                {['1', '2', '3', '4', '5', '6', '7', '8', '9', '0'].map((d) => (
                  <button key={d} onClick={() => setPhone((p) => (p.length < 15 ? p + d : p))} data-digit={d}>
                    {d}
                  </button>
                ))}
                <button onClick={() => setPhone((p) => p.slice(0, -1))}>←</button>
              </span>
              <button
                class="btn btn-primary"
                disabled={state.kind === 'sending' || phone.length < 7 || !matter.trim()}
                onClick={() => void send()}
              >
                {t('oncall.send')}
              </button>
              {state.kind === 'error' && <p class="error-text">{state.text}</p>}
            </div>
          )}
        </div>
      )}
    </div>
  );
}
