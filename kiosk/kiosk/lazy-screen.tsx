// Screens the start screen does not show (办事指南 with handwriting and pinyin, 自助预约, 办件查询, 意见簿, the
// ticket status, the locked settings) are separate chunks loaded by import(): the kiosk's first paint waits
// only for what the start screen and the ticket screen need (issue 26: first paint ≤ 1 s on a low-end kiosk).
// App preloads them all once the start screen is up, so by the time a resident taps, the code is in memory
// and the screen appears at once, as before.
import type { ComponentType, JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { useKiosk } from './kiosk-context.ts';

export interface LazyScreen<P> {
  (props: P): JSX.Element | null;
  /** Fetch the chunk now (idempotent; a failed fetch is tried again on the next call). */
  preload(): Promise<unknown>;
}

export function lazyScreen<P extends object>(load: () => Promise<ComponentType<P>>): LazyScreen<P> {
  let loaded: ComponentType<P> | null = null;
  let loading: Promise<ComponentType<P>> | null = null;
  const preload = () =>
    (loading ??= load().then(
      (c) => (loaded = c),
      (err: unknown) => {
        loading = null;
        throw err;
      },
    ));
  function Lazy(props: P): JSX.Element | null {
    const { t } = useKiosk();
    const [, setReady] = useState(0);
    const [failed, setFailed] = useState(false);
    useEffect(() => {
      if (loaded) return;
      let live = true;
      let timer: ReturnType<typeof setTimeout> | undefined;
      // The chunk comes from the kiosk's own server: if it is unreachable, keep trying until it answers.
      const attempt = () =>
        preload().then(
          () => live && setReady((n) => n + 1),
          () => {
            if (!live) return;
            setFailed(true);
            timer = setTimeout(attempt, 2000);
          },
        );
      void attempt();
      return () => {
        live = false;
        clearTimeout(timer);
      };
    }, []);
    if (loaded) {
      const Screen = loaded;
      return <Screen {...props} />;
    }
    return failed ? <p class="hint">{t('app.offline')}</p> : null;
  }
  return Object.assign(Lazy, { preload });
}
