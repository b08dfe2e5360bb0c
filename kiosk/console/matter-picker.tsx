// Choosing a matter at a window: with no search text, the ticket's own matters (取号所选) and then those this
// window handles; with text, every match by name, pinyin or initials. Used by 办件受理 and 预约登记.
import { useEffect, useState } from 'preact/hooks';
import { type ApiCallError, call } from '../lib/api.ts';
import type { Matter, MatterSummary } from '../../server/contract/matters.ts';

export function MatterPicker(props: {
  categoryIds: string[];
  wanted: string[];
  onPick(matter: Matter): void;
  onCancel(): void;
}) {
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<MatterSummary[]>([]);
  const [error, setError] = useState('');

  useEffect(() => {
    let current = true;
    const t = setTimeout(() => {
      call('GET /api/matters', { query: { q: query.trim() } })
        .then((r) => current && setFound(r.matters))
        .catch((e: ApiCallError) => current && setError(e.message));
    }, 150);
    return () => {
      current = false;
      clearTimeout(t);
    };
  }, [query]);

  const wanted = props.wanted;
  const shown = query.trim()
    ? found
    : [
        ...found.filter((m) => wanted.includes(m.id)),
        ...found.filter(
          (m) => !wanted.includes(m.id) && m.categoryId !== null && props.categoryIds.includes(m.categoryId),
        ),
      ];

  const pick = (id: string) => {
    setError('');
    call('GET /api/matters/:id', { params: { id } })
      .then((r) => props.onPick(r.matter))
      .catch((e: ApiCallError) => setError(e.message));
  };

  return (
    <>
      <div class="row">
        <input
          name="matter-search"
          placeholder="搜索事项：名称、拼音或首字母，如 低保、dibao、sydj"
          value={query}
          onInput={(e) => setQuery(e.currentTarget.value)}
          autoFocus
        />
        <button type="button" class="link" onClick={props.onCancel}>
          取消
        </button>
      </div>
      {error && <p class="error">{error}</p>}
      <ul class="matter-pick">
        {shown.slice(0, 30).map((m) => (
          <li key={m.id}>
            <button type="button" onClick={() => pick(m.id)}>
              {wanted.includes(m.id) && <span class="tag appt">取号所选</span>}
              {m.name}
              <span class="muted">
                　{m.type}
                {m.hasGuide ? '' : '·无办事指南'}
              </span>
            </button>
          </li>
        ))}
        {shown.length === 0 && (
          <li class="muted">{query.trim() ? '没有找到匹配的事项' : '本窗口没有对应的事项，请输入名称搜索'}</li>
        )}
      </ul>
    </>
  );
}
