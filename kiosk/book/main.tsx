// /book — residents book for themselves (预约服务制): on a phone (QR on the kiosk and the slips) or at the
// kiosk itself (/book?from=kiosk, where the 预约凭条 is printed). Matter → day → slot with free places →
// phone number → the code and its QR. Plain page, no app, readable at 360 px.
import { render } from 'preact';
import { BookPage } from './BookPage.tsx';
import './book.css';

const atKiosk = new URLSearchParams(location.search).get('from') === 'kiosk';
render(<BookPage atKiosk={atKiosk} />, document.getElementById('app')!);
