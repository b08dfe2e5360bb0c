// Preact hooks over LiveQueue (live.ts) and the clock, shared by the console and the display pages.
import { useEffect, useRef, useState } from 'preact/hooks';
import { LiveQueue, type LiveState } from './live.ts';
import type { ServerMessage, WsRole } from '../../server/wire.ts';

/**
 * The live queue state for `role`. `onMessage` sees every message in order, synchronously, with the state
 * after it (render batching would merge two calls that arrive together; the voice must hear both).
 * `enabled: false` keeps the socket closed (the console before login).
 */
export function useLive(role: WsRole, onMessage?: (msg: ServerMessage | null, state: LiveState) => void, enabled = true): LiveState {
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
export function clockText(d: Date): { time: string; date: string } {
  const pad = (n: number) => String(n).padStart(2, '0');
  const week = ['日', '一', '二', '三', '四', '五', '六'][d.getDay()];
  return { time: `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`, date: `${d.getFullYear()}年${d.getMonth() + 1}月${d.getDate()}日 星期${week}` };
}
