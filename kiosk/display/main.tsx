/// <reference types="vite/client" />
// /display is the hall display (big screen with voice); /display/:window the display above one counter.
// Options in the query: ?voice=off (silent), ?voice=clips (use the recorded clips even if the browser
// has a Chinese speech voice), ?calls=N (length of the call history, default 6).
import { render } from 'preact';
import { Hall } from './hall.tsx';
import { WindowDisplay } from './window-display.tsx';
import './display.css';

const match = /^\/display\/(\d+)\/?$/.exec(location.pathname);
const params = new URLSearchParams(location.search);
const root = document.getElementById('app')!;

if (match) {
  document.title = `${match[1]}号窗口 · 窗口显示屏`;
  render(<WindowDisplay windowNo={Number(match[1])} />, root);
} else {
  const voice = params.get('voice');
  const calls = Number(params.get('calls') ?? 6);
  render(
    <Hall
      voice={voice === 'off' ? 'off' : voice === 'clips' ? 'clips' : 'auto'}
      historyLength={Number.isInteger(calls) && calls > 0 ? Math.min(calls, 12) : 6}
    />,
    root,
  );
}
