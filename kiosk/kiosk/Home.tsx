// Home: one large button per queue category (from the snapshot), then the guide, the green channel and
// the ticket QR scan. A closed or full category shows why and cannot be tapped.
import type { CategoryView, PriorityReason } from '../../server/contract/queue.ts';
import { useKiosk, useSpokenHeading } from './kiosk-context.ts';
import { windowList } from './ticket-status.ts';

/** 劳动保障·社保 → 劳动保障· | 社保: a long name breaks after its middle dot, never inside a word. */
export function nameParts(name: string): string[] {
  return name.split(/(?<=[·・、])/);
}

/**
 * A category name whose lines break only between its parts (after the dot): each part is one inline
 * block, so neither the line balancing nor Chromium's break before a middle dot can start a line with
 * "·"; a part wraps inside itself only when it alone is wider than its box (kiosk.css .name-part).
 */
export function CategoryName(props: { name: string; class: string }) {
  return <Parts class={props.class} parts={nameParts(props.name)} />;
}

/** A short label of strings.ts whose "|" marks the one place it may break (扫描小票|二维码 → 扫描小票 / 二维码). */
export function Label(props: { text: string; class: string }) {
  return <Parts class={props.class} parts={props.text.split('|')} />;
}

function Parts(props: { parts: string[]; class: string }) {
  return (
    <span class={props.class}>
      {props.parts.map((part, i) => (
        <>
          {i > 0 && <wbr />}
          <span class="name-part">{part}</span>
        </>
      ))}
    </span>
  );
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
            <button
              key={c.id}
              class={`category${closed ? ' closed' : ''}`}
              disabled={closed || props.busy || !props.connected}
              onClick={() => props.onTake(c.id)}
              data-category={c.id}
            >
              <span class="category-head">
                <span class="category-prefix">{c.prefix}</span>
                <CategoryName class="category-name" name={c.name} />
              </span>
              {closed ? (
                <span class="category-closed">
                  {t('home.closed')}：{c.closedReason}
                </span>
              ) : (
                <span class="category-meta">
                  <span>{t('home.waiting', { n: c.waiting })}</span>
                  <span class="category-wait">
                    {c.noServiceReason ??
                      (c.estimatedWaitMinutes === null
                        ? t('home.noEstimate')
                        : t('home.estimate', { n: c.estimatedWaitMinutes }))}
                  </span>
                </span>
              )}
              {c.windows.length > 0 && (
                <span class="category-windows">{t('home.windows', { list: windowList(c.windows, lang) })}</span>
              )}
            </button>
          );
        })}
      </div>
      <div class="home-more">
        <button class="more more-guide" onClick={props.onGuide}>
          <Label class="more-title" text={t('home.guide')} />
          <span class="more-hint">{t('home.guideHint')}</span>
        </button>
        <button class={`more more-green${props.priority ? ' on' : ''}`} onClick={props.onGreen}>
          <Label class="more-title" text={t('home.green')} />
          <span class="more-hint">{t('home.greenHint')}</span>
        </button>
        <button class="more more-scan" onClick={props.onCamera}>
          <Label class="more-title" text={t('home.camera')} />
          <span class="more-hint">{t('home.cameraHint')}</span>
        </button>
        {props.onOpinion && (
          <button class="more more-opinion" onClick={props.onOpinion} data-testid="home-opinion">
            <Label class="more-title" text={t('home.opinion')} />
            <span class="more-hint">{t('home.opinionHint')}</span>
          </button>
        )}
      </div>
      <p class="hint card-hint">{t('home.cardHint')}</p>
    </div>
  );
}
