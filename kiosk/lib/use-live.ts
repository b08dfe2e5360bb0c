// Preact hooks over LiveQueue (live.ts) and the clock, shared by the console and the display pages.
import { useEffect, useRef, useState } from 'preact/hooks';
import { LiveQueue, type LiveState } from './live.ts';
import type { ServerMessage, WsRole } from '../../server/contract/ws.ts';

/**
 * The live queue state for `role`. `onMessage` sees every message in order, synchronously, with the state
 * after it (render batching would merge two calls that arrive together; the voice must hear both).
 * `enabled: false` keeps the socket closed (the console before login).
 */
export function useLive(
  role: WsRole,
  onMessage?: (msg: ServerMessage | null, state: LiveState) => void,
  enabled = true,
): LiveState {
  const [state, setState] = useState<LiveState>({ connected: false, snapshot: null });
  const handler = useRef(onMessage);
  handler.current = onMessage;
  useEffect(() => {
    if (!enabled) return;
    const live = new LiveQueue(role);
    const off = live.subscribe((s, msg) => {
      setState(s);
      handler.current?.(msg, s);
    });
    live.start();
    return () => {
      off();
      live.stop();
    };
  }, [role, enabled]);
  return state;
}

/** The current time, ticking every `ms`. */
export function useNow(ms = 1000): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const t = setInterval(() => setNow(new Date()), ms);
    return () => clearInterval(t);
  }, [ms]);
  return now;
}

/** 09:05:03 and 2026年11月23日 星期一, in the hall's own time zone (the display PC's). */
/**
 * The hall's clock in the centre's own time zone (the snapshot's `center.timezone`), not the display PC's:
 * a screen whose PC clock zone is wrong must still show the time the kiosk and the slips show.
 */
export function clockText(d: Date, timeZone?: string): { time: string; date: string } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      weekday: 'short',
    })
      .formatToParts(d)
      .map((p) => [p.type, p.value]),
  );
  const week = { Sun: '日', Mon: '一', Tue: '二', Wed: '三', Thu: '四', Fri: '五', Sat: '六' }[parts.weekday as string];
  return {
    time: `${parts.hour}:${parts.minute}:${parts.second}`,
    date: `${parts.year}年${parts.month}月${parts.day}日 星期${week}`,
  };
}
