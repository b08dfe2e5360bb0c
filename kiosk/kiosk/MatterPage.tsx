// One matter's guide, every element shown. A field the guide does not give says so ("指南未载明，请咨询
// 窗口") rather than disappearing, so nobody mistakes a gap for "not needed".
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { Material, Matter } from '../../server/contract/matters.ts';
import { api, type ApiCallError, call } from '../lib/api.ts';
import { useKiosk, useSpokenHeading } from './kiosk-context.ts';
import type { TakeRequest } from './App.tsx';
import type { Translate } from './strings.ts';

type PrintState =
  | { state: 'idle' }
  | { state: 'printing' }
  | { state: 'printed' }
  | { state: 'failed'; message: string };

function Field({ label, children, missing }: { label: string; children?: ComponentChildren; missing?: boolean }) {
  const { t } = useKiosk();
  return (
    <section class="field">
      <h2 class="field-label">{label}</h2>
      <div class="field-value">{missing ? <span class="not-stated">{t('matter.notStated')}</span> : children}</div>
    </section>
  );
}

function List({ items, ordered }: { items: string[]; ordered?: boolean }) {
  const body = items.map((s, i) => <li key={i}>{s}</li>);
  return ordered ? <ol class="list">{body}</ol> : <ul class="list">{body}</ul>;
}

function materialTags(t: Translate, m: Material): string[] {
  const tags: string[] = [];
  if (m.original) tags.push(t('matter.original'));
  if (m.copy) tags.push(t('matter.copy'));
  // Only what the guide gives: no "count unknown", no 必需 on every line; conditional items say so.
  if (m.count !== null) tags.push(t('matter.count', { n: m.count }));
  if (!m.required) tags.push(t('matter.conditional'));
  return tags;
}

export function MatterPage({
  id,
  busy,
  onTake,
  onBack,
}: {
  id: string;
  busy: boolean;
  onTake(req: TakeRequest): void;
  onBack(): void;
}) {
  const { t } = useKiosk();
  const [matter, setMatter] = useState<Matter | null>(null);
  const [windows, setWindows] = useState<string | null>(null);
  const [error, setError] = useState('');
  const [print, setPrint] = useState<PrintState>({ state: 'idle' });
  useSpokenHeading(matter?.name ?? null);

  useEffect(() => {
    call('GET /api/matters/:id', { params: { id } })
      .then((r) => {
        setMatter(r.matter);
        setWindows(r.windows);
      })
      .catch((e: ApiCallError) => setError(e.message));
  }, [id]);

  const printNotice = async () => {
    if (print.state === 'printing') return;
    setPrint({ state: 'printing' });
    try {
      await api('POST', `/api/matters/${encodeURIComponent(id)}/notice`, {});
      setPrint({ state: 'printed' });
    } catch (e) {
      setPrint({ state: 'failed', message: (e as ApiCallError).message });
    }
  };

  if (!matter) {
    return (
      <div class="matter">
        <button class="btn" onClick={onBack}>
          {t('app.back')}
        </button>
        {error ? <p class="error-text">{error}</p> : <p class="hint">{t('guide.loading')}</p>}
      </div>
    );
  }
  const g = matter.guide;
  return (
    <div class="matter" data-testid="matter">
      <div class="matter-scroll">
        <div class="guide-top">
          <button class="btn" onClick={onBack}>
            {t('app.back')}
          </button>
        </div>
        <h1 class="heading matter-title">{matter.name}</h1>
        <Field label={t('matter.type')}>{matter.type}</Field>
        <Field label={t('matter.department')}>{matter.department}</Field>
        <Field label={t('matter.body')} missing={!matter.body}>
          {matter.body}
        </Field>
        {!g && (
          <p class="not-stated big" data-testid="guide-pending">
            {t('matter.guidePending')}
          </p>
        )}
        {!g && (
          <Field label={t('matter.windows')} missing={!windows}>
            {windows}
          </Field>
        )}
        {g && (
          <>
            <Field label={t('matter.basis')} missing={g.basis.length === 0}>
              {g && <List items={g.basis} />}
            </Field>
            <Field label={t('matter.conditions')} missing={g.conditions.length === 0}>
              {g && <List items={g.conditions} />}
            </Field>
            <Field label={t('matter.materials')} missing={g.materials.length === 0}>
              {g && (
                <ol class="materials">
                  {g.materials.map((m, i) => (
                    <li key={i} class={m.required ? '' : 'conditional'}>
                      <div class="material-name">{m.name}</div>
                      <div class="material-tags">
                        {materialTags(t, m).map((tag) => (
                          <span key={tag} class="tag">
                            {tag}
                          </span>
                        ))}
                      </div>
                      {m.condition && <div class="material-note">{t('matter.when', { condition: m.condition })}</div>}
                      {m.note && <div class="material-note">{m.note}</div>}
                    </li>
                  ))}
                </ol>
              )}
            </Field>
            <Field label={t('matter.steps')} missing={!g || g.steps.length === 0}>
              {g && <List items={g.steps} ordered />}
            </Field>
            <Field label={t('matter.timeLimit')} missing={!g}>
              {g && (
                <div>
                  {g.caseKind && <div>{t(g.caseKind === 'immediate' ? 'matter.immediate' : 'matter.promised')}</div>}
                  {g.promisedDays !== null && <div>{t('matter.promisedDays', { n: g.promisedDays })}</div>}
                  {g.legalDays !== null && <div>{t('matter.legalDays', { n: g.legalDays })}</div>}
                  {g.promisedDays === null && g.legalDays === null && g.caseKind !== 'immediate' && (
                    <div>{t('matter.defaultLimit')}</div>
                  )}
                  {g.timeLimitText && <div class="hint">{g.timeLimitText}</div>}
                </div>
              )}
            </Field>
            <Field label={t('matter.fees')} missing={!g?.fees}>
              {g?.fees}
            </Field>
            <Field label={t('matter.place')} missing={!g?.place}>
              {g?.place}
            </Field>
            <Field label={t('matter.windows')} missing={!windows}>
              {windows}
            </Field>
            {g.phone && <Field label={t('matter.phone')}>{g.phone}</Field>}
            {g.source && <p class="hint source">{t('matter.source', { source: g.source })}</p>}
          </>
        )}
      </div>
      <div class="matter-actions">
        <div class="matter-action">
          <button
            class="btn btn-primary"
            data-action="notice"
            disabled={print.state === 'printing'}
            onClick={() => void printNotice()}
          >
            {print.state === 'printing' ? t('matter.printing') : g ? t('matter.printNotice') : t('matter.printConsult')}
          </button>
          {print.state === 'printed' && (
            <span class="ok-text" data-testid="notice-printed">
              {g ? t('matter.printed') : t('matter.consultPrinted')}
            </span>
          )}
          {print.state === 'failed' && <span class="error-text">{print.message}</span>}
        </div>
        <div class="matter-action">
          <button
            class="btn btn-primary btn-take"
            data-action="take"
            disabled={!matter.categoryId || busy}
            onClick={() => matter.categoryId && onTake({ categoryId: matter.categoryId, matterIds: [matter.id] })}
          >
            {t('matter.take')}
          </button>
          {!matter.categoryId && <span class="hint">{t('matter.noCategory')}</span>}
        </div>
      </div>
    </div>
  );
}
