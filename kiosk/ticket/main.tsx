// /t/:id — the phone page a resident opens by scanning the slip's QR: the number, its status and the
// people ahead, kept live over the display WebSocket (public: no names, read only).
import { render } from 'preact';
import { TicketPage } from './TicketPage.tsx';
import './ticket.css';

const id = decodeURIComponent(location.pathname.split('/').filter(Boolean).pop() ?? '');
render(<TicketPage ticketId={id} />, document.getElementById('app')!);
