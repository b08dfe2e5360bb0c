// The hall display (/display), 1920×1080, read from 10 m: the latest call big (flashing for a few
// seconds), the last calls, every window's number or pause, waiting counts, the centre's notice, and the
// voice. Everything comes from the live snapshot; a lost connection is shown, never hidden.
import { useEffect, useMemo, useState } from 'preact/hooks';
import { clockText, useLive, useNow } from '../lib/use-live.ts';
import { Announcer } from './voice.ts';
import type { AnnouncementEntry } from './voice-queue.ts';
import { callHistory, callKey, liveCall, windowMode } from './view.ts';
import { useAnnouncements } from './announcements.ts';

const FLASH_MS = 8000;

export function Hall(props: { voice: 'auto' | 'clips' | 'off'; historyLength: number }) {
  const announcer = useMemo(
    () => (props.voice === 'off' ? null : new Announcer({ forceClips: props.voice === 'clips' })),
    [props.voice],
  );
  const [, setVoiceTick] = useState(0);
  const [flash, setFlash] = useState<string | null>(null);
  const now = useNow();

  useEffect(() => {
    if (!announcer) return;
    const off = announcer.onChange(() => setVoiceTick((n) => n + 1));
    void announcer.start();
    return off;
  }, [announcer]);

  const live = useLive('display', (msg, state) => {
    if (!msg) return;
    announcer?.handle(msg, state.snapshot);
    if (msg.type === 'ticket.called') setFlash(callKey(msg.call));
  });

  // The flash ends by itself; a newer call restarts it.
  useEffect(() => {
    if (!flash) return;
    const t = setTimeout(() => setFlash(null), FLASH_MS);
    return () => clearTimeout(t);
  }, [flash]);

  const s = live.snapshot;
  const clock = clockText(now, s?.center.timezone);
  const latest = s ? liveCall(s) : null;
  const history = s ? callHistory(s, props.historyLength, latest) : [];
  const voice = announcer?.status;
  const notices = useAnnouncements();

  return (
    <div class="hall">
      <header class="hall-head">
        <h1>{s?.center.name ?? ''}</h1>
        {/* In the header band, in the flow: over a window card or the call it hid what residents read (issue 24 ⑬). */}
        {(voice?.blocked || voice?.problem) && (
          <div class="hall-voice">
            {voice?.blocked && (
              <button class="voice-unlock" onClick={() => void announcer?.unlock()}>
                点击开启语音播报
              </button>
            )}
            {voice?.problem && <span class="voice-problem">{voice.problem}</span>}
          </div>
        )}
        <div class="hall-clock">
          <span class="hall-date">{clock.date}</span>
          <span class="hall-time">{clock.time}</span>
        </div>
      </header>

      <main class="hall-main">
        <section
          class={`hall-latest${latest && flash === callKey(latest) ? ' flash' : ''}`}
          aria-live="polite"
          data-testid="latest-call"
        >
          <div class="hall-label">{latest?.recall ? '重复呼叫' : '当前叫号'}</div>
          {latest ? (
            <>
              <div class="hall-latest-number">{latest.number}</div>
              <div class="hall-latest-where">
                请到 <b>{latest.windowNo}号窗口</b> 办理
                <span class="hall-latest-window-name">{latest.windowName}</span>
              </div>
            </>
          ) : (
            <div class="hall-latest-none">{s ? '暂无叫号' : ''}</div>
          )}
        </section>

        <section class="hall-history" data-testid="call-history">
          <div class="hall-label">最近叫号</div>
          {s && history.length === 0 && <div class="hall-history-none">暂无更早的叫号</div>}
          <ol>
            {history.map((c) => (
              <li key={callKey(c)}>
                <span class="num">{c.number}</span>
                <span class="arrow">→</span>
                <span class="hall-history-win">{c.windowNo}号窗口</span>
              </li>
            ))}
          </ol>
        </section>
      </main>

      <section class="hall-windows" data-testid="windows">
        {s?.windows.map((w) => {
          const mode = windowMode(s, w);
          return (
            <div class={`hall-window ${mode.kind}`} key={w.no} data-window={w.no}>
              <div class="hall-window-no">{w.no}号窗口</div>
              <div class="hall-window-name">{w.name}</div>
              <div class="hall-window-state">
                {mode.kind === 'serving' && <span class="num">{mode.number}</span>}
                {mode.kind === 'paused' && (
                  <>
                    <span class="paused">暂停服务</span>
                    {mode.reason && <span class="reason">{mode.reason}</span>}
                  </>
                )}
                {mode.kind === 'idle' && <span class="idle">等候叫号</span>}
                {mode.kind === 'closed' && <span class="idle">未开放</span>}
              </div>
            </div>
          );
        })}
      </section>

      <section class="hall-waiting" data-testid="waiting">
        <span class="hall-waiting-title">等候人数</span>
        {s?.categories.map((c) => (
          <span class="hall-waiting-item" key={c.id}>
            <b>{c.prefix}</b> {c.name} <em>{c.waiting}</em>人
          </span>
        ))}
      </section>

      <footer class="hall-notice">
        {s?.center.notice || notices ? (
          <div class="marquee" data-testid="hall-notice">
            <span>{[notices, s?.center.notice].filter(Boolean).join('　　')}</span>
          </div>
        ) : null}
      </footer>

      {!live.connected && (
        <div class="conn-lost" role="status">
          {s ? '连接中断，正在重连…' : '正在连接服务器…'}
        </div>
      )}
      <AnnouncementLog entries={announcer?.log ?? []} mode={voice?.mode ?? 'off'} />
    </div>
  );
}

/** Hidden, but in the page: what the voice said, for tests and for a technician with devtools. */
function AnnouncementLog(props: { entries: AnnouncementEntry[]; mode: string }) {
  return (
    <ol id="announcement-log" hidden data-mode={props.mode}>
      {props.entries.map((e, i) => (
        <li key={i} data-repeat={e.repeat} data-mode={e.mode} data-spoken={e.spoken}>
          {e.text}
        </li>
      ))}
    </ol>
  );
}
