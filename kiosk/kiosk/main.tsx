// The kiosk touchscreen (/kiosk). See App.tsx.
import { render } from 'preact';
import { App, connectEarly } from './App.tsx';
import './kiosk.css';

// Touch only: no context menu from a long press, no pinch zoom of the whole page.
document.addEventListener('contextmenu', (e) => e.preventDefault());
connectEarly();
const root = document.getElementById('app')!;
// kiosk.html's static first frame goes in the same task as the first render: no frame shows neither.
root.textContent = '';
render(<App />, root);
