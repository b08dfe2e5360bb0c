// Home: one large button per queue category (from the snapshot), then the guide, the green channel and
// the ticket QR scan. A closed or full category shows why and cannot be tapped.
import type { CategoryView, PriorityReason } from '../../server/wire.ts';
import { useKiosk, useSpokenHeading } from './kiosk-context.ts';
import { windowList } from './ticket-status.ts';

/** 劳动保障·社保 → 劳动保障· | 社保: a long name breaks after its middle dot, never inside a word. */
export function nameParts(name: string): string[] {
  return name.split(/(?<=[·・、])/);
}

export function Home(props: {
  categories: CategoryView[];
  connected: boolean;
  busy: boolean;
  priority: PriorityReason | null;
  onTake(categoryId: string): void;
  onGuide(): void;
  onGreen(): void;
  onCamera(): void;
  /** 意见簿 (OpinionScreen.tsx). */
  onOpinion?(): void;
}) {
  const { t, lang } = useKiosk();
  useSpokenHeading(t('home.heading'));
  return (
    <div class="home">
      <h1 class="heading">{t('home.heading')}</h1>
      {props.connected && props.categories.length === 0 && <p class="hint">{t('home.noCategories')}</p>}
      <div class="categories">
        {props.categories.map((c) => {
          const closed = c.closedReason !== null;
          return (
            <button key={c.id} class={`category${closed ? ' closed' : ''}`} disabled={closed || props.busy || !props.connected} onClick={() => props.onTake(c.id)} data-category={c.id}>
              <span class="category-head">
                <span class="category-prefix">{c.prefix}</span>
                <span class="category-name">{nameParts(c.name).map((part, i) => (
                    <>
                      {i > 0 && <wbr />}
                      {part}
                    </>
                  ))}</span>
              </span>
              {closed ? (
                <span class="category-closed">
                  {t('home.closed')}：{c.closedReason}
                </span>
              ) : (
                <span class="category-meta">
                  <span>{t('home.waiting', { n: c.waiting })}</span>
                  <span class="category-wait">{c.noServiceReason ?? (c.estimatedWaitMinutes === null ? t('home.noEstimate') : t('home.estimate', { n: c.estimatedWaitMinutes }))}</span>
                </span>
              )}
              {c.windows.length > 0 && <span class="category-windows">{t('home.windows', { list: windowList(c.windows, lang) })}</span>}
            </button>
          );
        })}
      </div>
      <div class="home-more">
        <button class="more more-guide" onClick={props.onGuide}>
          <span class="more-title">{t('home.guide')}</span>
          <span class="more-hint">{t('home.guideHint')}</span>
        </button>
        <button class={`more more-green${props.priority ? ' on' : ''}`} onClick={props.onGreen}>
          <span class="more-title">{t('home.green')}</span>
          <span class="more-hint">{t('home.greenHint')}</span>
        </button>
        <button class="more more-scan" onClick={props.onCamera}>
          <span class="more-title">{t('home.camera')}</span>
          <span class="more-hint">{t('home.cameraHint')}</span>
        </button>
        {props.onOpinion && (
          <button class="more more-opinion" onClick={props.onOpinion} data-testid="home-opinion">
            <span class="more-title">{t('home.opinion')}</span>
            <span class="more-hint">{t('home.opinionHint')}</span>
          </button>
        )}
      </div>
      <p class="hint card-hint">{t('home.cardHint')}</p>
    </div>
  );
}
