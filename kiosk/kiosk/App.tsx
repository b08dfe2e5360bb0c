// The kiosk at /kiosk: one screen at a time, all state here. Queue state comes from the live WebSocket
// (role=kiosk); personal data (masked name, readToken) lives only in this component's memory and is
// dropped on "done", on idle and on a new card.
import type { ComponentType } from 'preact';
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { IdCardRead } from '../../server/contract/devices.ts';
import type { PriorityReason, Ticket } from '../../server/contract/queue.ts';
import { ApiCallError, idempotencyKey, call } from '../lib/api.ts';
import { LiveQueue, type LiveState } from '../lib/live.ts';
import { IdleTimer, idleTimeoutMs, type ScreenName } from './idle-timer.ts';
import { Kiosk, type KioskContext } from './kiosk-context.ts';
import { parseScanCode } from './scan-code.ts';
import { WedgeScanner } from './WedgeScanner.tsx';
import { speak, stopSpeaking } from './speech.ts';
import { LANGS, nextLang, translator, type Lang } from './strings.ts';
import { Header } from './Header.tsx';
import { DeviceBanner } from './DeviceBanner.tsx';
import { FirstUsePasswords } from './FirstUsePasswords.tsx';
import { Home } from './Home.tsx';
import { IdentityBar, ElderlyOffer, GreenChannelDialog } from './Identity.tsx';
import { TicketResult, type PrintOutcome } from './TicketResult.tsx';
import { TakeErrorDialog } from './TakeErrorDialog.tsx';
import { EarlyCheckInDialog, type EarlyCheckIn } from './EarlyCheckIn.tsx';
import { BookingEntry } from './BookingEntry.tsx';
import { NoServiceDialog } from './NoServiceDialog.tsx';
import { preloadQr } from './LazyQrCode.tsx';
import { PinDialog, SettingsPanel, useFullscreenLock } from './KioskSettings.tsx';
import { lazyScreen } from './lazy-screen.tsx';

// Not on the start screen: loaded by import() (lazy-screen.tsx), preloaded once the start screen is up.
const TicketStatusScreen = lazyScreen(() => import('./TicketStatusScreen.tsx').then((m) => m.TicketStatusScreen));
const KioskBooking = lazyScreen(() => import('./KioskBooking.tsx').then((m) => m.KioskBooking));
const CaseStatusScreen = lazyScreen(() => import('./CaseStatusScreen.tsx').then((m) => m.CaseStatusScreen));
const OpinionScreen = lazyScreen(() => import('./OpinionScreen.tsx').then((m) => m.OpinionScreen));
const GuideBrowser = lazyScreen(() => import('./GuideBrowser.tsx').then((m) => m.GuideBrowser));
const LAZY_SCREENS = [TicketStatusScreen, KioskBooking, CaseStatusScreen, OpinionScreen, GuideBrowser];

/**
 * Age for the elderly green channel before the first snapshot arrives (the config default). The server
 * decides (config priority.elderlyAge, sent in the snapshot) and refuses a wrong claim with `not-elderly`.
 */
export const ELDERLY_AGE = 60;

export type Screen =
  | { name: 'home' }
  | { name: 'result'; ticket: Ticket; note?: string }
  | { name: 'status'; ticketId: string | null }
  | { name: 'case'; caseId: string }
  | { name: 'camera' }
  | { name: 'guide' }
  | { name: 'book' }
  | { name: 'opinion' };

export type Dialog = 'elderly-offer' | 'green' | null;

export interface TakeRequest {
  categoryId: string;
  matterIds?: string[];
}

interface Attempt {
  key: string;
  body: Record<string, unknown>;
}

type LiveMessage = Parameters<Parameters<LiveQueue['subscribe']>[0]>[1];

/**
 * The live queue, applied to the screen at most once per frame: a ticket issued here brings three messages
 * (ticket.issued, categories.updated, print.result) around the POST's answer, and each used to re-render the
 * whole kiosk in its own task before the number could be drawn (issue 26, touch → number on a low-end kiosk).
 * Messages that arrive within one frame are handed over together, in order, just before that frame is drawn,
 * so they and the number cost one render and one layout. A timer stands in if no frame comes (hidden page).
 */
/** Opened by main.tsx before the first render, with what it received until App takes it over. */
let early: { live: LiveQueue; received: LiveMessage[]; off(): void } | null = null;

/**
 * main.tsx opens the live queue before the first render, so the snapshot is on its way while the page is
 * drawn instead of being asked for only after the first paint (issue 26: categories on screen sooner).
 */
export function connectEarly(): void {
  const live = new LiveQueue('kiosk');
  const received: LiveMessage[] = [];
  early = { live, received, off: live.subscribe((_s, msg) => received.push(msg)) };
  live.start();
}

function useLiveQueue(onMessage: (msg: LiveMessage) => void): LiveState {
  const [state, setState] = useState<LiveState>(() => early?.live.state ?? { connected: false, snapshot: null });
  const handler = useRef(onMessage);
  handler.current = onMessage;
  useEffect(() => {
    const taken = early;
    early = null;
    taken?.off();
    const live = taken?.live ?? new LiveQueue('kiosk');
    // Messages received before this effect (connectEarly) are handed over like later ones, in order.
    let pending: LiveMessage[] = taken ? [...taken.received] : [];
    let frame = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const flush = () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
      const msgs = pending;
      pending = [];
      setState(live.state);
      for (const msg of msgs) handler.current(msg);
    };
    const off = live.subscribe((_s, msg) => {
      pending.push(msg);
      if (pending.length > 1) return;
      frame = requestAnimationFrame(flush);
      timer = setTimeout(flush, 100);
    });
    if (!taken) live.start();
    else if (pending.length > 0) {
      frame = requestAnimationFrame(flush);
      timer = setTimeout(flush, 100);
    }
    return () => {
      off();
      live.stop();
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, []);
  return state;
}

export function App() {
  const [lang, setLang] = useState<Lang>(LANGS[0]);
  const [elderly, setElderly] = useState(false);
  const [screen, setScreen] = useState<Screen>({ name: 'home' });
  const [dialog, setDialog] = useState<Dialog>(null);
  const [card, setCard] = useState<IdCardRead | null>(null);
  const [priority, setPriority] = useState<PriorityReason | null>(null);
  const [prints, setPrints] = useState<Record<string, PrintOutcome>>({});
  const [busy, setBusy] = useState(false);
  const [takeError, setTakeError] = useState<ApiCallError | null>(null);
  const [Camera, setCamera] = useState<ComponentType<{ onCode(code: string): void; onClose(): void }> | null>(null);
  /** The locked settings: closed, asking for the PIN, or open (unlocked by the named administrator). */
  const [settings, setSettings] = useState<{ state: 'closed' } | { state: 'pin' } | { state: 'open'; admin: string }>({
    state: 'closed',
  });
  const [early, setEarly] = useState<EarlyCheckIn | null>(null);
  /** A tap on a category nobody is calling now: the resident chooses before a number is issued. */
  const [noService, setNoService] = useState<TakeRequest | null>(null);
  const busyRef = useRef(false);
  const attemptRef = useRef<Attempt | null>(null);

  const t = useMemo(() => translator(lang), [lang]);
  const ctx: KioskContext = useMemo(
    () => ({ lang, t, elderly, say: (text: string) => elderly && speak(text, lang) }),
    [lang, t, elderly],
  );

  /**
   * Back to the start for the next person: no ticket, no name, default language and text size.
   * `keepElderly`: back home within the same resident's session (长辈模式 stays on until idle ends it).
   */
  const reset = useCallback((keepElderly = false) => {
    setScreen({ name: 'home' });
    setDialog(null);
    setCard(null);
    setPriority(null);
    setPrints({});
    setTakeError(null);
    setEarly(null);
    setNoService(null);
    attemptRef.current = null;
    if (keepElderly !== true) setElderly(false);
    setLang(LANGS[0]);
    setSettings({ state: 'closed' });
    stopSpeaking();
  }, []);
  useFullscreenLock(settings.state === 'open');

  const showCode = useCallback((raw: string) => {
    const code = parseScanCode(raw);
    if (code.kind === 'appointment') return void checkIn(code.code);
    if (code.kind === 'case') return void setScreen({ name: 'case', caseId: code.caseId });
    setScreen({ name: 'status', ticketId: code.kind === 'ticket' ? code.ticketId : null });
  }, []);

  /** 预约签到: on time → an appointment ticket; early or late → a normal one, with the server's reason. */
  const checkIn = async (code: string, choice?: 'ticket') => {
    if (busyRef.current) return;
    busyRef.current = true;
    setBusy(true);
    setTakeError(null);
    try {
      const r = await call('POST /api/appointments/check-in', {
        body: { code, idempotencyKey: idempotencyKey(), ...(choice ? { early: choice } : {}) },
      });
      setEarly(null);
      setScreen({ name: 'result', ticket: r.ticket, note: r.message });
    } catch (err) {
      const e = err as ApiCallError;
      // Too early: the resident chooses (EarlyCheckInDialog); nothing was issued or used.
      if (e.code === 'appointment-early') setEarly({ code, message: e.message, opensAt: String(e.body.opensAt ?? '') });
      else setTakeError(e);
    } finally {
      busyRef.current = false;
      setBusy(false);
    }
  };

  const idle = useRef<IdleTimer | null>(null);
  // Read inside the WebSocket handler, which outlives renders: a ref holds the current threshold.
  const elderlyAge = useRef(ELDERLY_AGE);
  const live = useLiveQueue((msg) => {
    if (!msg) return;
    if (msg.type === 'print.result') {
      setPrints((p) => ({ ...p, [msg.ticketId]: { ok: msg.ok, message: msg.message } }));
    } else if (msg.type === 'idcard.read') {
      // A card is a new person: forget the previous one's choices.
      idle.current?.touch();
      setCard(msg.card);
      setPriority(null);
      setTakeError(null);
      setDialog(msg.card.age >= elderlyAge.current ? 'elderly-offer' : null);
      setScreen((s) => (s.name === 'result' || s.name === 'status' || s.name === 'case' ? { name: 'home' } : s));
    } else if (msg.type === 'scan') {
      idle.current?.touch();
      showCode(msg.code);
    }
  });

  // The QR encoder (needed only when a slip fails to print) and the screens the start screen does not show:
  // fetched once the first screen is up, so they are in memory before anyone needs them.
  useEffect(() => {
    const id = setTimeout(() => {
      void preloadQr().catch(() => {});
      for (const screen of LAZY_SCREENS) void screen.preload().catch(() => {});
    }, 1500);
    return () => clearTimeout(id);
  }, []);

  // Idle: back home and forget the person. The countdown restarts on every touch.
  useEffect(() => {
    const timer = new IdleTimer(() => reset());
    idle.current = timer;
    const touch = () => timer.touch();
    document.addEventListener('pointerdown', touch, true);
    return () => {
      document.removeEventListener('pointerdown', touch, true);
      timer.stop();
    };
  }, [reset]);
  const screenName: ScreenName = screen.name;
  useEffect(() => idle.current?.arm(idleTimeoutMs(screenName)), [screenName]);

  // A keyboard-wedge scanner types the code and Enter (the kiosk has no keyboard of its own): WedgeScanner.
  const onWedgeCode = useCallback(
    (code: string) => {
      idle.current?.touch();
      showCode(code);
    },
    [showCode],
  );

  useEffect(() => {
    document.documentElement.classList.toggle('elderly', elderly);
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : lang;
  }, [elderly, lang]);

  const run = async (attempt: Attempt) => {
    if (busyRef.current) return;
    busyRef.current = true;
    setBusy(true);
    setTakeError(null);
    try {
      const r = await call('POST /api/tickets', { body: { ...attempt.body, idempotencyKey: attempt.key } });
      attemptRef.current = null;
      setDialog(null);
      setScreen({ name: 'result', ticket: r.ticket });
    } catch (err) {
      setTakeError(err as ApiCallError);
    } finally {
      busyRef.current = false;
      setBusy(false);
    }
  };

  /** One tap = one attempt with its own key; the ref stops a double tap before the screen re-renders. */
  const take = (req: TakeRequest) => {
    if (busyRef.current) return;
    const body: Record<string, unknown> = { categoryId: req.categoryId };
    if (priority) body.priority = priority;
    if (card) body.readToken = card.readToken;
    if (req.matterIds?.length) body.matterIds = req.matterIds;
    const attempt = { key: idempotencyKey(), body };
    attemptRef.current = attempt;
    void run(attempt);
  };

  /** Retry the same attempt with the same key: the server answers with the ticket it already issued. */
  const retry = () => {
    if (attemptRef.current) void run(attemptRef.current);
  };

  const reprint = async (ticketId: string) => {
    if (busyRef.current) return;
    busyRef.current = true;
    setBusy(true);
    setPrints(({ [ticketId]: _old, ...rest }) => rest);
    try {
      const r = await call('POST /api/tickets/:id/reprint', { params: { id: ticketId }, body: {} });
      setTakeError(null);
      setScreen({ name: 'result', ticket: r.ticket });
    } catch (err) {
      const e = err as ApiCallError;
      if (e.code === 'print-failed') {
        // The number must still reach the person: show it large with its QR code.
        try {
          const r = await call('GET /api/tickets/:id', { params: { id: ticketId } });
          setTakeError(null);
          setPrints((p) => ({ ...p, [ticketId]: { ok: false, message: e.message } }));
          setScreen({ name: 'result', ticket: r.ticket });
        } catch (err2) {
          setTakeError(err2 as ApiCallError);
        }
      } else {
        setTakeError(e);
      }
    } finally {
      busyRef.current = false;
      setBusy(false);
    }
  };

  const closeTakeError = () => {
    // An expired card cannot be used again: drop it so the next attempt goes without.
    if (takeError?.code === 'card-expired') {
      setCard(null);
      setPriority(null);
    }
    setTakeError(null);
    attemptRef.current = null;
  };

  const openCamera = async () => {
    setScreen({ name: 'camera' });
    if (!Camera) {
      // Loaded on demand: the camera decoder is not part of the kiosk's first load.
      const m = await import('./CameraScanner.tsx');
      setCamera(() => m.CameraScanner);
    }
  };

  const snapshot = live.snapshot;
  elderlyAge.current = snapshot?.center.elderlyAge ?? ELDERLY_AGE;
  const categories = snapshot?.categories ?? [];

  return (
    <Kiosk.Provider value={ctx}>
      <div class="kiosk">
        <WedgeScanner onCode={onWedgeCode} />
        <FirstUsePasswords />
        <Header
          centerName={snapshot?.center.name ?? ''}
          timeZone={snapshot?.center.timezone}
          onElderly={() => setElderly((e) => !e)}
          onLang={() => setLang((l) => nextLang(l))}
          onHome={screen.name === 'home' ? null : () => reset(true)}
          onSettings={() => setSettings((s) => (s.state === 'closed' ? { state: 'pin' } : s))}
        />
        {!live.connected && (
          <div class="banner banner-offline">{snapshot ? t('app.offline') : t('app.connecting')}</div>
        )}
        {/* On a failed slip's screen the result itself says what to do: no second yellow box above it. */}
        {!(screen.name === 'result' && prints[screen.ticket.id]?.ok === false) && (
          <DeviceBanner devices={snapshot?.devices ?? []} />
        )}
        {card && screen.name !== 'result' && (
          <IdentityBar
            card={card}
            priority={priority}
            onClear={() => {
              setCard(null);
              setPriority(null);
            }}
            onCancelPriority={() => setPriority(null)}
          />
        )}
        <main class="screen">
          {screen.name === 'home' && (
            <Home
              categories={categories}
              connected={live.connected}
              busy={busy}
              priority={priority}
              onTake={(categoryId) =>
                categories.find((c) => c.id === categoryId)?.noServiceReason
                  ? setNoService({ categoryId })
                  : take({ categoryId })
              }
              onGuide={() => setScreen({ name: 'guide' })}
              onGreen={() => setDialog('green')}
              onCamera={() => void openCamera()}
              onOpinion={() => setScreen({ name: 'opinion' })}
            />
          )}
          {screen.name === 'home' && <BookingEntry onBook={() => setScreen({ name: 'book' })} />}
          {screen.name === 'book' && <KioskBooking categories={categories} card={card} onHome={() => reset(true)} />}
          {/* The card was read for this ticket: people walk off without it. */}
          {screen.name === 'result' && card && (
            <div class="banner banner-card" role="alert" data-testid="take-card">
              请取回身份证
            </div>
          )}
          {screen.name === 'result' && screen.note && (
            <div class="banner banner-device" role="status">
              {screen.note}
            </div>
          )}
          {screen.name === 'result' && (
            <TicketResult
              ticket={screen.ticket}
              category={categories.find((c) => c.id === screen.ticket.categoryId) ?? null}
              print={prints[screen.ticket.id] ?? null}
              busy={busy}
              onReprint={() => void reprint(screen.ticket.id)}
              onDone={() => reset(true)}
            />
          )}
          {screen.name === 'status' && (
            <TicketStatusScreen
              ticketId={screen.ticketId}
              categories={categories}
              today={snapshot?.center.serviceDate ?? null}
              onBack={() => setScreen({ name: 'home' })}
            />
          )}
          {screen.name === 'case' && (
            <CaseStatusScreen caseId={screen.caseId} onBack={() => setScreen({ name: 'home' })} />
          )}
          {screen.name === 'camera' && (
            <div class="camera-screen">
              {Camera ? (
                <Camera onCode={showCode} onClose={() => setScreen({ name: 'home' })} />
              ) : (
                <p class="hint">{t('camera.starting')}</p>
              )}
            </div>
          )}
          {screen.name === 'opinion' && (
            <OpinionScreen
              windows={(snapshot?.windows ?? []).map((w) => w.no)}
              onBack={() => setScreen({ name: 'home' })}
            />
          )}
          {screen.name === 'guide' && (
            <GuideBrowser
              categories={categories}
              busy={busy}
              onTake={take}
              onBack={() => setScreen({ name: 'home' })}
            />
          )}
        </main>
        {busy && <div class="busy-veil">{t('take.inFlight')}</div>}
        {noService &&
          (() => {
            const category = categories.find((c) => c.id === noService.categoryId);
            if (!category?.noServiceReason) return null;
            return (
              <NoServiceDialog
                category={category}
                reason={category.noServiceReason}
                onTake={() => {
                  setNoService(null);
                  take(noService);
                }}
                onBook={() => {
                  setNoService(null);
                  location.assign('/book?from=kiosk');
                }}
                onClose={() => setNoService(null)}
              />
            );
          })()}
        {early && (
          <EarlyCheckInDialog
            early={early}
            busy={busy}
            onTicketNow={() => void checkIn(early.code, 'ticket')}
            onClose={reset}
          />
        )}
        {dialog === 'elderly-offer' && card && (
          <ElderlyOffer
            card={card}
            age={elderlyAge.current}
            onAccept={() => {
              setPriority('elderly');
              setDialog(null);
            }}
            onDecline={() => setDialog(null)}
          />
        )}
        {dialog === 'green' && (
          <GreenChannelDialog
            card={card}
            elderlyAge={elderlyAge.current}
            onChoose={(p) => {
              setPriority(p);
              setDialog(null);
            }}
            onClose={() => setDialog(null)}
          />
        )}
        {settings.state === 'pin' && (
          <PinDialog
            onUnlocked={(admin) => setSettings({ state: 'open', admin })}
            onClose={() => setSettings({ state: 'closed' })}
          />
        )}
        {settings.state === 'open' && (
          <SettingsPanel
            adminName={settings.admin}
            devices={snapshot?.devices ?? []}
            onClose={() => {
              setSettings({ state: 'closed' });
              // Back in service: full screen again at once (this click is the user gesture it needs).
              if (!document.fullscreenElement) void document.documentElement.requestFullscreen().catch(() => {});
            }}
          />
        )}
        {takeError && (
          <TakeErrorDialog
            error={takeError}
            busy={busy}
            canRetry={!!attemptRef.current && (takeError.status === 0 || takeError.status >= 500)}
            onRetry={retry}
            onReprint={reprint}
            onClose={closeTakeError}
          />
        )}
      </div>
    </Kiosk.Provider>
  );
}
