// 办事指南: browse matters by department or by queue category, or search by pinyin initials on an
// on-screen keypad or by handwriting (where the server has the model). Each keystroke or written
// character asks the server; an older answer arriving late is dropped.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { CategoryView } from '../../server/contract/queue.ts';
import type { MatterSummary } from '../../server/contract/matters.ts';
import { type ApiCallError, call } from '../lib/api.ts';
import { useKiosk, useSpokenHeading } from './kiosk-context.ts';
import { PinyinKeypad, MAX_QUERY_LENGTH } from './PinyinKeypad.tsx';
import { HandwritingPad } from './HandwritingPad.tsx';
import { MatterPage } from './MatterPage.tsx';
import type { TakeRequest } from './App.tsx';

type Tab = 'search' | 'department' | 'category';

interface MatterList {
  matters: MatterSummary[];
  departments: string[];
}

/** Keeps only the newest answer: a request started earlier and answered later is ignored. */
function useLatest() {
  const counter = useRef(0);
  return <T,>(p: Promise<T>, apply: (v: T) => void, fail: (e: ApiCallError) => void) => {
    const mine = ++counter.current;
    p.then(
      (v) => mine === counter.current && apply(v),
      (e: ApiCallError) => mine === counter.current && fail(e),
    );
  };
}

function MatterButtons({ matters, onOpen }: { matters: MatterSummary[]; onOpen(id: string): void }) {
  return (
    <ul class="matter-list">
      {matters.map((m) => (
        <li key={m.id}>
          <button class="matter-item" onClick={() => onOpen(m.id)} data-matter={m.id}>
            <span class="matter-name">{m.name}</span>
            <span class="matter-meta">
              {m.department} · {m.type}
            </span>
          </button>
        </li>
      ))}
    </ul>
  );
}

export function GuideBrowser(props: {
  categories: CategoryView[];
  busy: boolean;
  onTake(req: TakeRequest): void;
  onBack(): void;
}) {
  const { t, elderly } = useKiosk();
  const [tab, setTab] = useState<Tab>('search');
  /** Handwriting offered by the server (Zinnia and its model installed); null until it answers. */
  const [canWrite, setCanWrite] = useState<boolean | null>(null);
  /** Elderly residents start on the pad: many cannot use pinyin. */
  const [input, setInput] = useState<'pinyin' | 'write'>(elderly ? 'write' : 'pinyin');
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<MatterSummary[] | null>(null);
  const [all, setAll] = useState<MatterList | null>(null);
  const [department, setDepartment] = useState<string | null>(null);
  const [categoryId, setCategoryId] = useState<string | null>(null);
  const [error, setError] = useState('');
  const [open, setOpen] = useState<string | null>(null);
  const latest = useLatest();
  useSpokenHeading(open ? null : t('guide.heading'));

  useEffect(() => {
    call('GET /api/handwriting')
      .then((r) => setCanWrite(r.available))
      .catch(() => setCanWrite(false));
  }, []);

  // The whole catalogue once, for the department and category trees.
  useEffect(() => {
    call('GET /api/matters')
      .then(setAll)
      .catch((e: ApiCallError) => setError(e.message));
  }, []);

  const type = (q: string) => {
    setQuery(q);
    setError('');
    if (!q) {
      latest(Promise.resolve(null), setResults, () => {});
      return;
    }
    setResults(null);
    latest(
      call('GET /api/matters', { query: { q: q.toLowerCase() } }).then((r) => r.matters),
      setResults,
      (e) => setError(e.message),
    );
  };

  if (open) return <MatterPage id={open} busy={props.busy} onTake={props.onTake} onBack={() => setOpen(null)} />;

  const tabs: [Tab, string][] = [
    ['search', t('guide.search')],
    ['department', t('guide.byDepartment')],
    ['category', t('guide.byCategory')],
  ];
  const matters = all?.matters ?? [];
  const uncategorised = matters.filter((m) => !m.categoryId || !props.categories.some((c) => c.id === m.categoryId));

  return (
    <div class="guide">
      <div class="guide-top">
        <button class="btn" onClick={props.onBack}>
          {t('app.back')}
        </button>
        <h1 class="heading">{t('guide.heading')}</h1>
      </div>
      <div class="tabs" role="tablist">
        {tabs.map(([id, label]) => (
          <button
            key={id}
            role="tab"
            aria-selected={tab === id}
            class={`tab${tab === id ? ' on' : ''}`}
            onClick={() => setTab(id)}
          >
            {label}
          </button>
        ))}
      </div>
      {error && <p class="error-text">{error}</p>}

      {tab === 'search' && (
        <div class="search">
          <div class="query" data-testid="query" aria-live="polite">
            {query ? (
              query.toUpperCase()
            ) : (
              <span class="hint">{input === 'write' && canWrite ? t('hw.hint') : t('guide.searchHint')}</span>
            )}
          </div>
          <div class={`search-input${canWrite ? ' with-switch' : ''}`}>
            {canWrite && (
              <div class="input-switch" role="tablist">
                <button
                  role="tab"
                  aria-selected={input === 'write'}
                  class={`chip${input === 'write' ? ' on' : ''}`}
                  data-input="write"
                  onClick={() => setInput('write')}
                >
                  {t('hw.tab')}
                </button>
                <button
                  role="tab"
                  aria-selected={input === 'pinyin'}
                  class={`chip${input === 'pinyin' ? ' on' : ''}`}
                  data-input="pinyin"
                  onClick={() => setInput('pinyin')}
                >
                  {t('hw.pinyinTab')}
                </button>
              </div>
            )}
            {canWrite && input === 'write' ? (
              <div class="write-input">
                <HandwritingPad onPick={(ch) => query.length < MAX_QUERY_LENGTH && type(query + ch)} />
                <div class="hw-edit">
                  <button
                    class="key key-wide"
                    data-key="delete"
                    disabled={!query}
                    onClick={() => type(query.slice(0, -1))}
                  >
                    {t('guide.delete')}
                  </button>
                  <button class="key key-wide" data-key="clear" disabled={!query} onClick={() => type('')}>
                    {t('guide.clear')}
                  </button>
                </div>
              </div>
            ) : (
              <PinyinKeypad value={query} onChange={type} />
            )}
          </div>
          <div class="search-results">
            {query && results === null && !error && <p class="hint">{t('guide.loading')}</p>}
            {query && results !== null && (
              <p class="hint">{results.length ? t('guide.found', { n: results.length }) : t('guide.none')}</p>
            )}
            {query && results && <MatterButtons matters={results} onOpen={setOpen} />}
          </div>
        </div>
      )}

      {tab === 'department' && (
        <div class="browse">
          <div class="chips" role="group" aria-label={t('guide.chooseDepartment')}>
            {(all?.departments ?? []).map((d) => (
              <button key={d} class={`chip${department === d ? ' on' : ''}`} onClick={() => setDepartment(d)}>
                {d}
              </button>
            ))}
          </div>
          {department ? (
            <MatterButtons matters={matters.filter((m) => m.department === department)} onOpen={setOpen} />
          ) : (
            <p class="hint">{t('guide.chooseDepartment')}</p>
          )}
        </div>
      )}

      {tab === 'category' && (
        <div class="browse">
          <div class="chips" role="group" aria-label={t('guide.chooseCategory')}>
            {props.categories.map((c) => (
              <button key={c.id} class={`chip${categoryId === c.id ? ' on' : ''}`} onClick={() => setCategoryId(c.id)}>
                {c.prefix} · {c.name}
              </button>
            ))}
            {uncategorised.length > 0 && (
              <button class={`chip${categoryId === '' ? ' on' : ''}`} onClick={() => setCategoryId('')}>
                {t('guide.otherMatters')}
              </button>
            )}
          </div>
          {categoryId === null ? (
            <p class="hint">{t('guide.chooseCategory')}</p>
          ) : (
            <CategoryTree
              matters={categoryId === '' ? uncategorised : matters.filter((m) => m.categoryId === categoryId)}
              onOpen={setOpen}
            />
          )}
        </div>
      )}
    </div>
  );
}

/** A category's matters grouped by department: the second level of the tree. */
function CategoryTree({ matters, onOpen }: { matters: MatterSummary[]; onOpen(id: string): void }) {
  const { t } = useKiosk();
  if (matters.length === 0) return <p class="hint">{t('guide.emptyCategory')}</p>;
  const departments = [...new Set(matters.map((m) => m.department))];
  return (
    <div class="tree">
      {departments.map((d) => (
        <section key={d}>
          <h2 class="tree-head">{d}</h2>
          <MatterButtons matters={matters.filter((m) => m.department === d)} onOpen={onOpen} />
        </section>
      ))}
    </div>
  );
}
