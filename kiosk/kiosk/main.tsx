// The kiosk touchscreen (/kiosk). See App.tsx.
import { render } from 'preact';
import { App } from './App.tsx';
import './kiosk.css';

// Touch only: no context menu from a long press, no pinch zoom of the whole page.
document.addEventListener('contextmenu', (e) => e.preventDefault());
render(<App />, document.getElementById('app')!);
