// The supervisor's list of bad ratings (不满意 / 非常不满意): each stays here until someone records what
// was done about it (整改情况).
import { useEffect, useState } from 'preact/hooks';
import { api, ApiCallError } from '../lib/api.ts';
import type { Rating } from '../../server/contract/ratings.ts';

type RatingView = Rating & { valueName: string; windowName: string; staffName: string | null; categoryName: string };

const localTime = (iso: string | null) =>
  iso ? new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false }) : '';

export function BadRatings() {
  const [all, setAll] = useState(false);
  const [list, setList] = useState<RatingView[] | null>(null);
  const [error, setError] = useState('');

  const load = () =>
    api<{ ratings: RatingView[] }>('GET', `/api/admin/ratings/bad${all ? '?all=1' : ''}`)
      .then((r) => setList(r.ratings))
      .catch((err: ApiCallError) => setError(err.message));
  useEffect(() => {
    void load();
  }, [all]);

  return (
    <section class="card" data-testid="bad-ratings">
      <h2>差评整改</h2>
      <label class="inline">
        <input type="checkbox" checked={all} onChange={(e) => setAll(e.currentTarget.checked)} /> 显示已整改的
      </label>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {list && list.length === 0 && <p class="empty">{all ? '没有差评记录' : '没有待整改的差评'}</p>}
      <ul class="bad-list">
        {list?.map((r) => (
          <BadRating key={r.id} rating={r} onDone={load} />
        ))}
      </ul>
    </section>
  );
}

function BadRating(props: { rating: RatingView; onDone: () => void }) {
  const r = props.rating;
  const [text, setText] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const save = async (e: Event) => {
    e.preventDefault();
    if (!text.trim()) return setError('请填写整改情况');
    setBusy(true);
    try {
      await api('POST', `/api/admin/ratings/${r.id}/follow-up`, { text: text.trim() });
      props.onDone();
    } catch (err) {
      setError(err instanceof ApiCallError ? err.message : '保存失败，请重试');
    } finally {
      setBusy(false);
    }
  };
  return (
    <li class={r.value === 'very-dissatisfied' ? 'very' : ''} data-testid="bad-rating">
      <div class="head">
        <b class="verdict">{r.valueName}</b>
        <span class="num">{r.number}</span>
        <span>
          {r.windowNo}号窗口 {r.windowName}
        </span>
        <span>{r.staffName ?? '（未记录工作人员）'}</span>
        <span>{r.categoryName}</span>
        <span class="muted">{localTime(r.closedAt)}</span>
      </div>
      {r.reasons.length > 0 && (
        <div class="reasons">
          {r.reasons.map((x) => (
            <span key={x} class="tag">
              {x}
            </span>
          ))}
        </div>
      )}
      {r.followUp ? (
        <p class="done">
          整改：{r.followUp}（{r.followUpBy}，{localTime(r.followUpAt)}）
        </p>
      ) : (
        <form onSubmit={save} class="follow-up">
          <textarea
            name="followUp"
            rows={2}
            maxLength={1000}
            placeholder="整改情况：如约谈窗口人员、电话回访群众、改进措施"
            value={text}
            onInput={(e) => setText(e.currentTarget.value)}
          />
          <button type="submit" class="primary" disabled={busy}>
            登记整改
          </button>
          {error && <span class="error">{error}</span>}
        </form>
      )}
    </li>
  );
}
